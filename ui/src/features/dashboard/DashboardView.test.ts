// 工作台 with matterQueues mocked: the cards show Rust's counts (overdue split by escalation level, levels with none
// left out), ask once for this installation's scope, and a click on a card opens the matters screen on the same
// queue (and level).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import type { QueueCounts } from "../../ipc";
import { createAppI18n } from "../../i18n";
import { createAppRouter } from "../../router";
import DashboardView from "./DashboardView.vue";
import { SESSION_FLOW } from "../../session/flow";
import { SETUP } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, matterQueues: vi.fn(), dutyToday: vi.fn() };
});

const rust = vi.mocked(ipc);

const COUNTS: QueueCounts = {
  matters: 13,
  queues: [
    { queue: "awaiting_route", count: 2 },
    { queue: "to_assign", count: 1 },
    { queue: "due_soon", count: 2 },
    { queue: "overdue", count: 4 },
    { queue: "awaiting_feedback", count: 3 },
    { queue: "awaiting_rating", count: 1 },
    { queue: "look_back_due", count: 1 },
  ],
  overdue_by_level: [
    { level: 0, code: "warn", name: "临期预警", count: 0 },
    { level: 1, code: "station_head", name: "联络站站长", count: 2 },
    { level: 2, code: "county", name: "县级人大常委会", count: 1 },
    { level: 3, code: "city", name: "市人大常委会代表工委", count: 1 },
    { level: 4, code: "level4", name: "省人大常委会", count: 0 },
  ],
  overdue_below_ladder: 0,
};

const count = (key: string) => document.body.querySelector(`[data-testid="dash-count-${key}"]`)?.textContent?.trim();

describe("DashboardView", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;
  let router: ReturnType<typeof createAppRouter>;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.matterQueues.mockResolvedValue(structuredClone(COUNTS));
    rust.dutyToday.mockResolvedValue([]);
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
    expect(rust.matterQueues).toHaveBeenCalledWith("XH-03");
  });

  it("shows Rust's count of each queue", async () => {
    await mountView();
    expect(rust.matterQueues).toHaveBeenCalledTimes(1);
    // No session flow provided: no station setup, so every station's matters are counted.
    expect(rust.matterQueues).toHaveBeenCalledWith(null);

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
    expect(count("overdue-level4")).toBeUndefined();
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
      { path: "/matters", query: { queue: "awaiting_feedback" } },
      { path: "/matters", query: { queue: "overdue", escalation: "county" } },
      "/visits",
    ]);
  });

  it("says why when the matters cannot be read", async () => {
    rust.matterQueues.mockRejectedValue(new ipc.IpcCallError("storage", "数据库已锁定"));
    await mountView();
    expect(document.body.querySelector('[data-testid="dash-error"]')?.textContent).toContain("数据库已锁定");
    expect(count("overdue")).toBe("0");
  });
});
