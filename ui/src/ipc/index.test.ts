// The IPC client against a mocked Tauri backend (mockIPC): command names and arguments as Rust expects them,
// data passed through, errors turned into IpcCallError with the code and Chinese message from Rust.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import {
  IpcCallError,
  NO_FILTER,
  appInfo,
  calendarImport,
  calendarSetDay,
  calendarYear,
  chooseLedgerFile,
  clearTimeLimit,
  deadlinePreview,
  exportLedger,
  setCategories,
  setEscalationLadder,
  setTimeLimit,
  currentSession,
  deputyDetail,
  rosterStats,
  searchRoster,
  signIn,
  signOut,
  type InstallationInfo,
  type SearchHit,
} from ".";

const INFO: InstallationInfo = {
  db_path: "/tmp/desk.db",
  node_id: "0190-node",
  schema_version: 2,
  setup: {
    mode: "station",
    station_code: "XH-01",
    station_name: "光明路联络站",
    city_name: "平顶山市",
    idle_lock_minutes: 10,
  },
};

const HIT: SearchHit = {
  kind: "deputy",
  id: "d1",
  code: "D0001",
  name: "张明新",
  context: "光明路联络站",
  phone: "",
  private_phone_masked: "138****5678",
};

describe("ipc client", () => {
  afterEach(() => clearMocks());

  it("calls app_info and resolves with its data", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "app_info") return INFO;
    });
    await expect(appInfo()).resolves.toEqual(INFO);
    expect(calls).toEqual(["app_info"]);
  });

  it("sends search_roster the text and a complete filter", async () => {
    let received: unknown;
    mockIPC((cmd, args) => {
      if (cmd === "search_roster") {
        received = args;
        return [HIT];
      }
    });
    await expect(searchRoster("zmx", { level: "city", leading_cadre: true })).resolves.toEqual([HIT]);
    expect(received).toEqual({ text: "zmx", filter: { ...NO_FILTER, level: "city", leading_cadre: true } });
  });

  it("sends deputy_detail the code and rejects an unknown one with not_found", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      throw { code: "not_found", message: "代表编号 D9 不存在" };
    });
    await expect(deputyDetail("D9")).rejects.toMatchObject({ code: "not_found", message: "代表编号 D9 不存在" });
    expect(calls).toEqual([["deputy_detail", { code: "D9" }]]);
  });

  it("rejects with the code and Chinese message of the Rust error", async () => {
    mockIPC(() => {
      throw { code: "storage", message: "数据库或文件读写失败，详情已记入日志" };
    });
    const error = await rosterStats().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcCallError);
    expect(error).toMatchObject({ code: "storage", message: "数据库或文件读写失败，详情已记入日志" });
  });

  it("turns a failure outside any command into an internal error", async () => {
    mockIPC(() => {
      throw "command search_roster missing required key filter";
    });
    await expect(searchRoster("x")).rejects.toMatchObject({
      code: "internal",
      message: "command search_roster missing required key filter",
    });

    clearMocks(); // no backend at all: invoke itself throws a TypeError
    await expect(appInfo()).rejects.toBeInstanceOf(IpcCallError);
  });

  it("sends sign_in and sign_out the argument names Rust expects, and rejects a wrong password in Chinese", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "sign_in") throw { code: "invalid", message: "用户名或密码错误" };
      if (cmd === "current_session") return null;
      return null;
    });
    await expect(signIn("wangfang", "x")).rejects.toMatchObject({ code: "invalid", message: "用户名或密码错误" });
    await expect(signOut("idle_lock")).resolves.toBeUndefined();
    await expect(currentSession()).resolves.toBeNull();
    expect(calls).toEqual([
      ["sign_in", { login: "wangfang", password: "x" }],
      ["sign_out", { reason: "idle_lock" }],
      ["current_session", {}],
    ]);
  });

  it("sends the rules, calendar and ledger commands the argument names Rust expects", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "deadline_preview") return { suggested_route: "assign", route_label: "交办", steps: [], calendar_covers: true };
      if (cmd === "calendar_year") return { year: 2026, source: "bundled", imported_at: null, days: [], covered_years: [2026] };
      if (cmd === "calendar_import") return { year: 2027, holidays: 28, make_up_days: 6, replaced: 0 };
      if (cmd === "choose_ledger_file") return "/tmp/台账.xlsx";
      if (cmd === "export_ledger") return { path: "/tmp/台账.xlsx", rows: 3 };
      if (cmd === "set_categories") throw { code: "forbidden", message: "当前角色无权修改办理规则（需机关工作人员或管理员）" };
      return null;
    });
    await setTimeLimit({ category: "*", step: "handle", amount: 15, unit: "working_days" });
    await clearTimeLimit("教育", "handle");
    await setEscalationLadder([{ level: 0, code: "warn", name: "临期提醒", offset_working_days: -3 }]);
    await expect(setCategories([{ name: "教育", suggested_route: "assign" }])).rejects.toMatchObject({ code: "forbidden" });
    await expect(deadlinePreview("教育")).resolves.toMatchObject({ route_label: "交办" });
    await expect(calendarYear(null)).resolves.toMatchObject({ year: 2026 });
    await calendarSetDay("2026-10-01", null, "国庆节");
    await expect(calendarImport("/tmp/2027.json")).resolves.toMatchObject({ holidays: 28 });
    await expect(chooseLedgerFile("visits", "2026-Q3")).resolves.toBe("/tmp/台账.xlsx");
    await expect(exportLedger("visits", null, "2026-Q3", "/tmp/台账.xlsx")).resolves.toEqual({ path: "/tmp/台账.xlsx", rows: 3 });
    expect(calls).toEqual([
      ["set_time_limit", { rule: { category: "*", step: "handle", amount: 15, unit: "working_days" } }],
      ["clear_time_limit", { category: "教育", step: "handle" }],
      ["set_escalation_ladder", { ladder: [{ level: 0, code: "warn", name: "临期提醒", offset_working_days: -3 }] }],
      ["set_categories", { categories: [{ name: "教育", suggested_route: "assign" }] }],
      ["deadline_preview", { category: "教育" }],
      ["calendar_year", { year: null }],
      ["calendar_set_day", { date: "2026-10-01", off: null, name: "国庆节" }],
      ["calendar_import", { path: "/tmp/2027.json" }],
      ["choose_ledger_file", { kind: "visits", period: "2026-Q3" }],
      ["export_ledger", { kind: "visits", stationCode: null, period: "2026-Q3", path: "/tmp/台账.xlsx", revealReason: null }],
    ]);
  });
});
