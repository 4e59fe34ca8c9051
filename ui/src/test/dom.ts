// Shared helpers of the screen tests that mount a component into document.body and drive it by data-testid: the
// signed-in session a screen injects, the mount with the app's i18n and no transitions, reading and typing by
// testid, waiting for Element Plus to settle, and answering an ElMessageBox. Kept here so each test file holds only
// its own data and cases.
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { reactive, type Component } from "vue";
import type { InstallationSetup, Role } from "../ipc";
import { createAppI18n } from "../i18n";
import { SESSION_FLOW, type FlowState, type SessionFlow } from "../session/flow";
import { ADMIN, SETUP } from "./fixtures";

/** A signed-in session (the administrator of the fixtures, with `role`) on the installation `setup`. */
export function signedIn(setup: InstallationSetup = SETUP, role: Role = ADMIN.role): SessionFlow {
  const state = reactive<FlowState>({
    phase: "signed-in",
    setup: { ...setup },
    session: { ...ADMIN, role },
    error: null,
    lockedByIdle: false,
    lastLogin: ADMIN.login,
  });
  return { state } as unknown as SessionFlow;
}

/** Mounts `component` into document.body with the Chinese messages, the session `flow` and no transitions. */
export function mountSignedIn(component: Component, flow: SessionFlow, props?: Record<string, unknown>): VueWrapper {
  return mount(component, {
    props,
    global: {
      plugins: [createAppI18n("zh-CN")],
      provide: { [SESSION_FLOW as symbol]: flow },
      stubs: { transition: false, "transition-group": false },
    },
    attachTo: document.body,
  }) as VueWrapper;
}

/** The element with this data-testid anywhere in the page (dialogs are appended to body). */
export const $ = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** Its text with white space folded; "" when it is not there. */
export const text = (id: string) => $(id)?.textContent?.replace(/\s+/g, " ").trim() ?? "";

/** The <input> (or <textarea>) of a field: Element Plus puts an el-input's data-testid on the input itself. */
export function inputOf(id: string): HTMLInputElement {
  const el = $(id)!;
  return (el.matches("input, textarea") ? el : el.querySelector("input, textarea")) as HTMLInputElement;
}

/** Types into a field; `change` also fires the change event (el-input-number commits on it). */
export async function typeInto(id: string, value: string, change = false): Promise<void> {
  const input = inputOf(id);
  input.value = value;
  input.dispatchEvent(new Event("input"));
  if (change) input.dispatchEvent(new Event("change"));
  await flushPromises();
}

/** Lets promises and Element Plus's timers run: `rounds` times a flush and a wait of `ms`, then a last flush. */
export async function settle(rounds = 1, ms = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, ms));
  }
  await flushPromises();
}

/** Clicks the primary button of the newest ElMessageBox once it is shown; resolves to the box's text. */
export async function confirmBox(wait: () => Promise<void> = settle): Promise<string> {
  await wait();
  const boxes = document.body.querySelectorAll(".el-message-box");
  const box = boxes[boxes.length - 1]!;
  const content = box.textContent ?? "";
  (box.querySelector(".el-message-box__btns .el-button--primary") as HTMLButtonElement).click();
  await wait();
  return content;
}
