// The 进站履职 commands against a mocked Tauri backend (mockIPC): command names and argument names as Rust expects
// them (camelCase for the command's own arguments, the input types as they are), data passed through, and a
// refusal turned into an IpcCallError with its fields.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import {
  activityList,
  activityRecord,
  deputyDutyFile,
  dutyToday,
  exportRota,
  leaderCoverage,
  leaderVisitList,
  leaderVisitRecord,
  rotaAdd,
  rotaAnnouncement,
  rotaList,
  rotaRemove,
} from ".";

describe("进站履职 commands", () => {
  afterEach(() => clearMocks());

  it("sends the argument names Rust expects", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "rota_remove") return 1;
      if (cmd === "export_rota") return null;
      if (cmd === "activity_record")
        throw { code: "invalid", message: "输入有误", fields: [{ field: "attendance[0].reason", message: "请假须写明事由" }] };
      if (cmd.endsWith("_list") || cmd === "duty_today" || cmd === "rota_add") return [];
      return {};
    });
    const rota = { station_code: "XH-09", date: "2026-11-26", session: "上午", deputy_codes: ["D000001"] };
    await dutyToday(null);
    await rotaList("XH-09", "2026-11-23", "2026-11-29");
    await rotaAdd(rota);
    await expect(rotaRemove(rota)).resolves.toBe(1);
    await rotaAnnouncement();
    await expect(exportRota("XH-09", { kind: "month", year: 2026, month: 12 })).resolves.toBeNull();
    const activity = {
      station_code: "XH-09",
      date: "2026-11-20",
      kind: "调研",
      title: "老旧小区改造专题调研",
      attendance: [{ deputy_code: "D000001", status: "请假", reason: "" }],
    };
    await expect(activityRecord(activity)).rejects.toMatchObject({
      code: "invalid",
      fields: [{ field: "attendance[0].reason", message: "请假须写明事由" }],
    });
    await activityList(null, "2026-Q4");
    const visit = { station_code: "XH-09", date: "2026-11-18", leader_name: "赵卫东", leader_post: "市人大常委会副主任" };
    await leaderVisitRecord(visit);
    await leaderVisitList("XH-09", "2026");
    await leaderCoverage(null, "2026-11");
    await deputyDutyFile("D000001", "2026");
    expect(calls).toEqual([
      ["duty_today", { stationCode: null }],
      ["rota_list", { stationCode: "XH-09", from: "2026-11-23", to: "2026-11-29" }],
      ["rota_add", { input: rota }],
      ["rota_remove", { input: rota }],
      ["rota_announcement", {}],
      ["export_rota", { stationCode: "XH-09", span: { kind: "month", year: 2026, month: 12 } }],
      ["activity_record", { input: activity }],
      ["activity_list", { stationCode: null, period: "2026-Q4" }],
      ["leader_visit_record", { input: visit }],
      ["leader_visit_list", { stationCode: "XH-09", period: "2026" }],
      ["leader_coverage", { regionCode: null, period: "2026-11" }],
      ["deputy_duty_file", { deputyCode: "D000001", period: "2026" }],
    ]);
  });
});
