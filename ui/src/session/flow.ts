// The session flow of the shell: which screen the app shows before the normal layout, and the idle lock.
//
//   loading ─▶ first-run (no operator yet) ─ completeFirstRun ─▶ signed-in
//           ─▶ sign-in (operators exist)   ─ signIn ───────────▶ signed-in
//           ─▶ failed (the database could not be read)
//   signed-in ─ signOut("user") or idle for `idle_lock_minutes` (signOut("idle_lock")) ─▶ sign-in
//
// The Rust side holds the session; this module keeps only its view. `start` also asks for the current session,
// so reloading the webview does not sign anyone out. One flow per App; components reach it with useSessionFlow().
import { inject, reactive, type InjectionKey } from "vue";
import {
  completeFirstRun,
  currentSession,
  firstRunStatus,
  signIn,
  signOut,
  type FirstRunInput,
  type InstallationSetup,
  type SessionView,
  type SignOutReason,
} from "../ipc";
import { watchIdle } from "./idle";

export type Phase = "loading" | "first-run" | "sign-in" | "signed-in" | "failed";

/** The idle lock when no setup was saved yet (the core's default). */
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

export interface FlowState {
  phase: Phase;
  /** The installation setup (null until saved). */
  setup: InstallationSetup | null;
  /** The signed-in operator (phase signed-in only). */
  session: SessionView | null;
  /** Why the flow failed to start (phase failed): the Chinese message from Rust. */
  error: string | null;
  /** The last session ended by the idle lock (the sign-in screen says so). */
  lockedByIdle: boolean;
  /** The login of the last session, to pre-fill the sign-in screen. */
  lastLogin: string;
}

export interface SessionFlow {
  readonly state: FlowState;
  start(): Promise<void>;
  /** Rejects with the IpcCallError (the form shows its message); the state is unchanged then. */
  completeFirstRun(input: FirstRunInput): Promise<void>;
  /** Rejects with the IpcCallError (用户名或密码错误, the lock message); the state is unchanged then. */
  signIn(login: string, password: string): Promise<void>;
  /** Back to the sign-in screen at once; the Rust session ends too (a failure there is only logged). */
  signOut(reason: SignOutReason): Promise<void>;
  /** A setup saved in 设置: the header shows it at once and, while signed in, the idle lock re-arms with its minutes. */
  applySetup(setup: InstallationSetup): void;
  /** Stops the idle timer (App unmount). */
  dispose(): void;
}

export function createSessionFlow(options: { activityTarget?: EventTarget } = {}): SessionFlow {
  const state = reactive<FlowState>({
    phase: "loading",
    setup: null,
    session: null,
    error: null,
    lockedByIdle: false,
    lastLogin: "",
  });
  let stopIdle: (() => void) | null = null;

  const disarm = () => {
    stopIdle?.();
    stopIdle = null;
  };

  const enter = (session: SessionView) => {
    disarm();
    state.session = session;
    state.lastLogin = session.login;
    state.lockedByIdle = false;
    state.phase = "signed-in";
    const minutes = state.setup?.idle_lock_minutes ?? DEFAULT_IDLE_LOCK_MINUTES;
    stopIdle = watchIdle(minutes * 60_000, () => void flow.signOut("idle_lock"), options.activityTarget);
  };

  const flow: SessionFlow = {
    state,
    async start() {
      disarm();
      state.phase = "loading";
      state.error = null;
      try {
        const status = await firstRunStatus();
        state.setup = status.setup;
        if (!status.operators_exist) {
          state.phase = "first-run";
          return;
        }
        const session = await currentSession();
        if (session) enter(session);
        else state.phase = "sign-in";
      } catch (error) {
        state.error = error instanceof Error ? error.message : String(error);
        state.phase = "failed";
      }
    },
    async completeFirstRun(input) {
      const outcome = await completeFirstRun(input);
      state.setup = outcome.setup;
      enter(outcome.session);
    },
    async signIn(login, password) {
      enter(await signIn(login, password));
    },
    async signOut(reason) {
      if (state.phase !== "signed-in") return;
      disarm();
      state.session = null;
      state.lockedByIdle = reason === "idle_lock";
      state.phase = "sign-in";
      try {
        await signOut(reason);
      } catch (error) {
        console.error("sign_out failed", error);
      }
    },
    applySetup(setup) {
      state.setup = setup;
      if (state.phase === "signed-in" && state.session) enter(state.session);
    },
    dispose: disarm,
  };
  return flow;
}

export const SESSION_FLOW: InjectionKey<SessionFlow> = Symbol("session-flow");

/** The App's session flow (provided by App.vue). */
export function useSessionFlow(): SessionFlow {
  const flow = inject(SESSION_FLOW);
  if (!flow) throw new Error("useSessionFlow() outside App: no session flow provided");
  return flow;
}
