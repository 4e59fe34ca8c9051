// The stations of the 进站履职 screen: a station installation works on its own station only; the office picks one
// (or 全部联络站 for the lists) from the platform list, read once.
import { computed, ref } from "vue";
import { platformList, type PlatformView } from "../../ipc";
import { useStationScope } from "../../session/stationScope";

export function useDutyStations() {
  const scope = useStationScope();
  const stations = ref<PlatformView[]>([]);
  const failure = ref<string | null>(null);
  /** The office's pick; "" is 全部联络站. Ignored in station mode. */
  const picked = ref("");
  /** The station the screen shows: the installation's own, the office's pick, or null for every station. */
  const stationCode = computed<string | null>(() => scope.value ?? (picked.value || null));

  async function load(): Promise<void> {
    if (scope.value) return;
    try {
      stations.value = await platformList({ text: "", kind: "station", region_id: null, star: null, include_closed: false });
      failure.value = null;
    } catch (e) {
      failure.value = e instanceof Error ? e.message : String(e);
    }
  }

  return { scope, stations, failure, picked, stationCode, load };
}
