// The one module UI code imports to reach Rust. It wraps the generated `commands` of ./bindings.ts (tauri-specta,
// regenerated from the Rust types; never edited by hand) so that callers get plain values and one error type:
// a command either resolves with its data or rejects with an `IpcCallError` carrying a stable `code` and the
// Chinese `message` from Rust. Failures that never reached a command (no Tauri backend, an unknown command,
// badly typed arguments) reject with code "internal" and the raw reason as the message.
import { commands } from "./bindings";
import type {
  DeputyView,
  ErrorCode,
  FirstRunInput,
  FirstRunOutcome,
  FirstRunStatus,
  InstallationInfo,
  IpcError,
  RosterStats,
  SearchFilterInput,
  SearchHit,
  SessionView,
  SignOutReason,
} from "./bindings";

export type {
  Count,
  CountyRow,
  DeputyView,
  DocKind,
  ErrorCode,
  FirstRunInput,
  FirstRunOutcome,
  FirstRunStatus,
  InstallationInfo,
  InstallationSetup,
  IpcError,
  Level,
  LevelTerm,
  Mode,
  RosterStats,
  SearchFilterInput,
  SearchHit,
  SessionView,
  SignOutReason,
  Role,
} from "./bindings";

/** A failed IPC call. `code` is stable (switch on it); `message` is Chinese text from Rust, for the UI. */
export class IpcCallError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IpcCallError";
    this.code = code;
  }
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as IpcError).code === "string" &&
    typeof (value as IpcError).message === "string"
  );
}

function toCallError(error: unknown): IpcCallError {
  if (error instanceof IpcCallError) return error;
  if (isIpcError(error)) return new IpcCallError(error.code, error.message);
  const reason = error instanceof Error ? error.message : String(error);
  return new IpcCallError("internal", reason, { cause: error });
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: unknown };

/** Resolves with the data of a generated command or rejects with an `IpcCallError`. */
async function unwrap<T>(call: () => Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call();
  } catch (error) {
    throw toCallError(error);
  }
  if (outcome.status === "error") throw toCallError(outcome.error);
  return outcome.data;
}

/** The search filter with nothing filtered (the core's defaults). */
export const NO_FILTER: Readonly<SearchFilterInput> = Object.freeze({
  kinds: [],
  level: null,
  region_id: null,
  station_id: null,
  leading_cadre: false,
  entrepreneur: false,
  include_inactive: false,
  limit: null,
});

/** This installation: database, node id, schema version, and the setup (`null` before the first run). */
export function appInfo(): Promise<InstallationInfo> {
  return unwrap(() => commands.appInfo());
}

/** The roster's numbers. */
export function rosterStats(): Promise<RosterStats> {
  return unwrap(() => commands.rosterStats());
}

/** Search-as-you-type over deputies and platforms; unset filter fields take their defaults. */
export function searchRoster(text: string, filter: Partial<SearchFilterInput> = {}): Promise<SearchHit[]> {
  return unwrap(() => commands.searchRoster(text, { ...NO_FILTER, ...filter }));
}

/** One deputy by number, private phone and ID number masked; rejects with code "not_found" when unknown. */
export function deputyDetail(code: string): Promise<DeputyView> {
  return unwrap(() => commands.deputyDetail(code));
}

/** Whether a setup was saved and whether any operator exists (none: the first run is still to do). */
export function firstRunStatus(): Promise<FirstRunStatus> {
  return unwrap(() => commands.firstRunStatus());
}

/** The first run: the first administrator, the setup, optionally the demo city; signs the administrator in. */
export function completeFirstRun(input: FirstRunInput): Promise<FirstRunOutcome> {
  return unwrap(() => commands.completeFirstRun(input));
}

/** Signs an operator in; rejects with the Chinese reason (用户名或密码错误, or the lock message). */
export function signIn(login: string, password: string): Promise<SessionView> {
  return unwrap(() => commands.signIn(login, password));
}

/** Ends the session on the Rust side (by the operator, or by the idle lock). */
export async function signOut(reason: SignOutReason): Promise<void> {
  await unwrap(() => commands.signOut(reason));
}

/** The signed-in operator, or null. */
export function currentSession(): Promise<SessionView | null> {
  return unwrap(() => commands.currentSession());
}
