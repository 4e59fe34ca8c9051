// 工作台 with matterList mocked: the cards count the right matters from one list (overdue split by escalation
// level, due soon, awaiting feedback, and the state queues), ask for the whole list once, and a click on a card
// opens the matters screen with that queue's query.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import type { MatterSummary } from "../../ipc";
import { createAppI18n } from "../../i18n";
import { createAppRouter } from "../../router";
import DashboardView from "./DashboardView.vue";
import { SESSION_FLOW } from "../../session/flow";
import { SETUP } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, matterList: vi.fn() };
});

const rust = vi.mocked(ipc);

let serial = 0;
function matter(over: Partial<MatterSummary>): MatterSummary {
  serial += 1;
  return {
    id: `m${serial}`,
    code: `XH-09-20260302-${String(serial).padStart(2, "0")}`,
    station_code: "XH-09",
    title: "事项",
    category: "城乡建设",
    first_responder: "张明新",
    state: "handling",
    state_label: "办理中",
    lead_unit: "区住建局",
    due_on: "2026-03-20",
    due_soon: false,
    overdue_working_days: 0,
    escalation: null,
    signal_count: 0,
    ...over,
  };
}

const LIST: MatterSummary[] = [
  matter({ state: "registered", state_label: "待研判" }),
  matter({ state: "registered", state_label: "待研判", due_soon: true, escalation: "warn" }),
  matter({ state: "to_assign", state_label: "待交办" }),
  matter({ due_soon: true, escalation: "warn" }),
  matter({ overdue_working_days: 2, escalation: "station_head" }),
  matter({ overdue_working_days: 7, escalation: "county" }),
  matter({ state: "assigned", overdue_working_days: 1, escalation: "station_head" }),
  matter({ state: "finished", state_label: "已办结，待反馈" }),
  matter({ state: "finished", state_label: "已办结，待反馈" }),
  matter({ state: "finished", state_label: "已办结，待反馈", overdue_working_days: 12, escalation: "city" }),
  matter({ state: "fed_back", state_label: "已反馈，待评价" }),
  matter({ state: "rated", state_label: "已评价" }),
  matter({ state: "archived", state_label: "已归档", due_on: null }),
];

const count = (key: string) => document.body.querySelector(`[data-testid="dash-count-${key}"]`)?.textContent?.trim();

describe("DashboardView", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;
  let router: ReturnType<typeof createAppRouter>;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.matterList.mockResolvedValue(structuredClone(LIST));
    router = createAppRouter("memory");
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountView(): Promise<VueWrapper> {
    wrapper = mount(DashboardView, { global: { plugins: [createAppI18n("zh-CN"), router] }, attachTo: document.body });
    await flushPromises();
    return wrapper;
  }

  it("counts only this station's matters in station mode", async () => {
    const flow = { state: { setup: { ...SETUP, mode: "station", station_code: "XH-03" } } };
    wrapper = mount(DashboardView, {
      global: { plugins: [createAppI18n("zh-CN"), router], provide: { [SESSION_FLOW as symbol]: flow } },
      attachTo: document.body,
    });
    await flushPromises();
    expect(rust.matterList).toHaveBeenCalledWith({ state: null, station_code: "XH-03", overdue: false });
  });

  it("counts each queue from one unfiltered list", async () => {
    await mountView();
    expect(rust.matterList).toHaveBeenCalledTimes(1);
    // No session flow provided: no station setup, so every station's matters are counted.
    expect(rust.matterList).toHaveBeenCalledWith({ state: null, station_code: null, overdue: false });

    expect(count("awaitingRoute")).toBe("2");
    expect(count("toAssign")).toBe("1");
    expect(count("dueSoon")).toBe("2");
    expect(count("overdue")).toBe("4");
    expect(count("awaitingFeedback")).toBe("3");
    expect(count("awaitingRating")).toBe("1");
    expect(count("lookBack")).toBe("1");
    // Overdue by escalation level, with the level's name on the card.
    expect(count("overdue-station_head")).toBe("2");
    expect(count("overdue-county")).toBe("1");
    expect(count("overdue-city")).toBe("1");
    expect(count("overdue-warn")).toBeUndefined();
    expect(document.body.querySelector('[data-testid="dash-card-overdue-county"]')?.textContent).toContain(
      "县区人大常委会督办",
    );
  });

  it("opens the matters screen with the queue's query when a card is clicked", async () => {
    const push = vi.spyOn(router, "push");
    await mountView();
    document.body.querySelector<HTMLElement>('[data-testid="dash-card-awaitingFeedback"]')!.click();
    document.body.querySelector<HTMLElement>('[data-testid="dash-card-overdue-county"]')!.click();
    document.body.querySelector<HTMLElement>('[data-testid="dash-register"]')!.click();
    await flushPromises();
    expect(push.mock.calls.map((c) => c[0])).toEqual([
      { path: "/matters", query: { state: "finished" } },
      { path: "/matters", query: { overdue: "1", escalation: "county" } },
      "/visits",
    ]);
  });

  it("says why when the matters cannot be read", async () => {
    rust.matterList.mockRejectedValue(new ipc.IpcCallError("storage", "数据库已锁定"));
    await mountView();
    expect(document.body.querySelector('[data-testid="dash-error"]')?.textContent).toContain("数据库已锁定");
    expect(count("overdue")).toBe("0");
  });
});
