// Shared test data for the UI's unit tests: the administrator the first run creates, the form that creates them,
// the installation setup they save, and a promise a test settles by hand (to hold a Rust answer back).
import type { FirstRunInput, InstallationSetup, SessionView } from "../ipc";

/** The signed-in administrator as the Rust side describes them. */
export const ADMIN: SessionView = {
  login: "wangfang",
  display_name: "王芳",
  role: "admin",
  role_label: "管理员",
  may_reveal_personal_data: true,
};

/** A complete first-run form in station mode with the demo city. */
export const FIRST_RUN_INPUT: FirstRunInput = {
  admin_login: "wangfang",
  admin_name: "王芳",
  admin_password: "admin2026",
  mode: "station",
  station_code: "XH-09",
  station_name: "光明路联络站",
  city_name: "平顶山市",
  load_demo: true,
};

/** The installation setup of that first run (station mode, 10 minutes idle lock). */
export const SETUP: InstallationSetup = {
  mode: "station",
  station_code: "XH-09",
  station_name: "光明路联络站",
  city_name: "平顶山市",
  idle_lock_minutes: 10,
};

/** A promise the test settles when it wants to: holds a mocked Rust answer back to test what waits for it. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
