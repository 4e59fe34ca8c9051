// The station part of an installation setup (mode, station code and name, city) as the first-run screen and the
// 本机设置 form hold it: the rule that station mode names a station, and how the typed values become what Rust
// stores. Both forms must agree on this, or a setup saved by one would read differently in the other.
import type { FormItemRule } from "element-plus";
import type { InstallationSetup, Mode } from "../ipc";

/** The fields of a setup form this module reads (the form's own reactive object). */
export interface StationFields {
  mode: Mode;
  stationCode: string;
  stationName: string;
  cityName: string;
}

/**
 * A blur rule for the station name: in station mode a code or a name must be given (Rust fills the name from
 * the roster when only the code is). Reads `fields` when it runs, so pass the form's reactive object; `message`
 * is translated only when the check fails (the language of that moment).
 */
export function stationGivenRule(fields: StationFields, message: () => string): FormItemRule {
  return {
    validator: (_rule, _value, callback) =>
      fields.mode === "office" || fields.stationCode.trim() !== "" || fields.stationName.trim() !== ""
        ? callback()
        : callback(new Error(message())),
    trigger: "blur",
  };
}

/** What Rust stores for these fields: trimmed, and no station at all in office mode (an empty code is none). */
export function stationSetupOf(
  fields: StationFields,
): Pick<InstallationSetup, "mode" | "station_code" | "station_name" | "city_name"> {
  const station = fields.mode === "station";
  return {
    mode: fields.mode,
    station_code: station && fields.stationCode.trim() !== "" ? fields.stationCode.trim() : null,
    station_name: station ? fields.stationName.trim() : "",
    city_name: fields.cityName.trim(),
  };
}
