// The session flow against a mocked Rust side (mockIPC): first run → signed in; sign-in screen → signed in;
// sign-out; the idle lock after the setup's minutes without activity (fake timers); errors keep the screen.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { InstallationSetup, SessionView } from "../ipc";
import { createSessionFlow, type SessionFlow } from "./flow";
import { ADMIN, FIRST_RUN_INPUT, SETUP as SHARED_SETUP } from "../test/fixtures";

/** The idle lock is short here so the fake clock has less to advance. */
const SETUP: InstallationSetup = { ...SHARED_SETUP, idle_lock_minutes: 5 };

/** A fake Rust side: operators, setup and the session, as the commands keep them. */
function backend(initial: { operators: boolean; setup: InstallationSetup | null; session?: SessionView | null }) {
  const rust = { ...initial, session: initial.session ?? null, calls: [] as [string, unknown][] };
  mockIPC((cmd, args) => {
    rust.calls.push([cmd, args]);
    switch (cmd) {
      case "first_run_status":
        return { setup: rust.setup, operators_exist: rust.operators };
      case "current_session":
        return rust.session;
      case "complete_first_run":
        rust.operators = true;
        rust.setup = SETUP;
        rust.session = ADMIN;
        return { session: ADMIN, setup: SETUP };
      case "sign_in": {
        const { login, password } = args as { login: string; password: string };
        if (login !== "wangfang" || password !== "admin2026") throw { code: "invalid", message: "用户名或密码错误" };
        rust.session = ADMIN;
        return ADMIN;
      }
      case "sign_out":
        rust.session = null;
        return null;
      default:
        throw `unexpected command ${cmd}`;
    }
  });
  return rust;
}

describe("session flow", () => {
  let flow: SessionFlow | undefined;
  let target: EventTarget;

  beforeEach(() => {
    vi.useFakeTimers();
    target = new EventTarget();
  });
  afterEach(() => {
    flow?.dispose();
    flow = undefined;
    vi.useRealTimers();
    clearMocks();
  });

  it("goes from the first run to signed in, then locks after the idle minutes", async () => {
    const rust = backend({ operators: false, setup: null });
    flow = createSessionFlow({ activityTarget: target });
    expect(flow.state.phase).toBe("loading");
    await flow.start();
    expect(flow.state.phase).toBe("first-run");

    await flow.completeFirstRun(FIRST_RUN_INPUT);
    expect(flow.state.phase).toBe("signed-in");
    expect(flow.state.session).toEqual(ADMIN);
    expect(flow.state.setup).toEqual(SETUP);
    expect(rust.calls.find(([cmd]) => cmd === "complete_first_run")?.[1]).toEqual({ input: FIRST_RUN_INPUT });

    // Activity keeps the session: 4 minutes, a key press, 4 more minutes.
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    target.dispatchEvent(new Event("keydown"));
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(flow.state.phase).toBe("signed-in");

    // Five minutes without any: back to sign-in, on the Rust side too.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(flow.state.phase).toBe("sign-in");
    expect(flow.state.lockedByIdle).toBe(true);
    expect(flow.state.session).toBeNull();
    expect(flow.state.lastLogin).toBe("wangfang");
    expect(rust.calls.filter(([cmd]) => cmd === "sign_out")).toEqual([["sign_out", { reason: "idle_lock" }]]);
    expect(rust.session).toBeNull();
  });

  it("shows sign-in when operators exist, keeps it on a wrong password, then signs in", async () => {
    backend({ operators: true, setup: SETUP });
    flow = createSessionFlow({ activityTarget: target });
    await flow.start();
    expect(flow.state.phase).toBe("sign-in");
    expect(flow.state.setup).toEqual(SETUP);

    await expect(flow.signIn("wangfang", "wrong1234")).rejects.toMatchObject({ code: "invalid", message: "用户名或密码错误" });
    expect(flow.state.phase).toBe("sign-in");

    await flow.signIn("wangfang", "admin2026");
    expect(flow.state.phase).toBe("signed-in");
    expect(flow.state.lockedByIdle).toBe(false);
  });

  it("signs out on request, without the idle notice, and the idle timer stops", async () => {
    const rust = backend({ operators: true, setup: SETUP });
    flow = createSessionFlow({ activityTarget: target });
    await flow.start();
    await flow.signIn("wangfang", "admin2026");
    await flow.signOut("user");
    expect(flow.state.phase).toBe("sign-in");
    expect(flow.state.lockedByIdle).toBe(false);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(rust.calls.filter(([cmd]) => cmd === "sign_out")).toEqual([["sign_out", { reason: "user" }]]);
  });

  it("resumes a session the Rust side still holds (a reloaded webview)", async () => {
    backend({ operators: true, setup: SETUP, session: ADMIN });
    flow = createSessionFlow({ activityTarget: target });
    await flow.start();
    expect(flow.state.phase).toBe("signed-in");
    expect(flow.state.session).toEqual(ADMIN);
  });

  it("uses the default idle time when no setup was saved", async () => {
    backend({ operators: true, setup: null });
    flow = createSessionFlow({ activityTarget: target });
    await flow.start();
    await flow.signIn("wangfang", "admin2026");
    await vi.advanceTimersByTimeAsync(10 * 60_000 - 1);
    expect(flow.state.phase).toBe("signed-in");
    await vi.advanceTimersByTimeAsync(1);
    expect(flow.state.phase).toBe("sign-in");
  });

  it("re-arms the idle lock with the minutes of a setup saved in 设置", async () => {
    backend({ operators: true, setup: SETUP });
    flow = createSessionFlow({ activityTarget: target });
    await flow.start();
    await flow.signIn("wangfang", "admin2026");
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    flow.applySetup({ ...SETUP, station_name: "新华路联络站", idle_lock_minutes: 2 });
    expect(flow.state.setup?.station_name).toBe("新华路联络站");
    await vi.advanceTimersByTimeAsync(2 * 60_000 - 1);
    expect(flow.state.phase).toBe("signed-in");
    await vi.advanceTimersByTimeAsync(1);
    expect(flow.state.phase).toBe("sign-in");
  });

  it("fails with the Chinese message when the database cannot be read", async () => {
    mockIPC(() => {
      throw { code: "storage", message: "数据库或文件读写失败，详情已记入日志" };
    });
    flow = createSessionFlow({ activityTarget: target });
    await flow.start();
    expect(flow.state.phase).toBe("failed");
    expect(flow.state.error).toBe("数据库或文件读写失败，详情已记入日志");
  });
});
