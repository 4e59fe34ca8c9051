// The IPC client against a mocked Tauri backend (mockIPC): command names and arguments as Rust expects them,
// data passed through, errors turned into IpcCallError with the code and Chinese message from Rust.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import {
  IpcCallError,
  NO_FILTER,
  appInfo,
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
});
