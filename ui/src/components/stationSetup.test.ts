// The station part of a setup: station mode needs a code or a name; what is stored is trimmed and carries no
// station in office mode.
import { describe, expect, it } from "vitest";
import { stationGivenRule, stationSetupOf, type StationFields } from "./stationSetup";

function refusal(fields: StationFields): string | null {
  const rule = stationGivenRule(fields, () => "须填写联络站");
  let result: string | null = null;
  rule.validator!(rule, fields.stationName, (error?: string | Error) => {
    result = error instanceof Error ? error.message : (error ?? null);
  }, {}, {});
  return result;
}

describe("stationSetup", () => {
  const station: StationFields = { mode: "station", stationCode: " XH-09 ", stationName: " 光明路联络站 ", cityName: " 平顶山市 " };

  it("asks station mode for a code or a name, office mode for neither", () => {
    expect(refusal({ ...station, stationCode: " ", stationName: "" })).toBe("须填写联络站");
    expect(refusal({ ...station, stationName: "" })).toBeNull();
    expect(refusal({ ...station, mode: "office", stationCode: "", stationName: "" })).toBeNull();
  });

  it("stores trimmed values, an empty code as none, and no station in office mode", () => {
    expect(stationSetupOf(station)).toEqual({
      mode: "station",
      station_code: "XH-09",
      station_name: "光明路联络站",
      city_name: "平顶山市",
    });
    expect(stationSetupOf({ ...station, stationCode: "  " }).station_code).toBeNull();
    expect(stationSetupOf({ ...station, mode: "office" })).toEqual({
      mode: "office",
      station_code: null,
      station_name: "",
      city_name: "平顶山市",
    });
  });
});
