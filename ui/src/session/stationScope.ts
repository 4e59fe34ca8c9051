// Which station's work a screen shows by default: a station installation its own station (the setup's code), the
// office (or a database without a setup) every station. Screens still let the operator widen or change it.
import { computed, inject, type ComputedRef } from "vue";
import { SESSION_FLOW } from "./flow";

export function useStationScope(): ComputedRef<string | null> {
  const flow = inject(SESSION_FLOW, null);
  return computed(() => {
    const setup = flow?.state.setup;
    return setup?.mode === "station" && setup.station_code ? setup.station_code : null;
  });
}
