// 今日值班代表 on the 工作台 with a mocked ../../ipc: today's deputies of this station (name, levels, session, public
// contact), the office's of every station with the station's name, 今日无值班安排 when nobody is on the rota, and
// Rust's refusal in Chinese.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import { createAppI18n } from "../../i18n";
import { createAppRouter } from "../../router";
import { SESSION_FLOW } from "../../session/flow";
import { SETUP } from "../../test/fixtures";
import { rota } from "../duty/testData";
import DashboardView from "./DashboardView.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, matterList: vi.fn(), dutyToday: vi.fn() };
});
const rust = vi.mocked(ipc);

const TODAY = [
  rota({ id: "r2", session: "afternoon", session_label: "下午", deputy_code: "D000002", deputy_name: "李秀英", public_contact: "" }),
  rota({}),
];

const $ = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe("今日值班代表", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.matterList.mockResolvedValue([]);
    rust.dutyToday.mockResolvedValue(structuredClone(TODAY));
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountView(station: boolean): Promise<void> {
    const provide = station ? { [SESSION_FLOW as symbol]: { state: { setup: SETUP } } } : {};
    wrapper = mount(DashboardView, {
      global: { plugins: [createAppI18n("zh-CN"), createAppRouter("memory")], provide },
      attachTo: document.body,
    });
    await flushPromises();
  }

  it("lists this station's deputies on duty today, morning first", async () => {
    await mountView(true);
    expect(rust.dutyToday).toHaveBeenCalledWith("XH-09");
    expect($("dash-duty-today")?.textContent).toContain("今日值班代表");
    const rows = Array.from(document.body.querySelectorAll('[data-testid="dash-duty-row"]')).map((r) => r.textContent ?? "");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("上午");
    expect(rows[0]).toContain("张明新");
    expect(rows[0]).toContain("市、县人大代表");
    expect(rows[0]).toContain("联系方式：0375-2661234");
    expect(rows[0]).not.toContain("光明路联络站");
    expect(rows[1]).toContain("李秀英");
    expect(rows[1]).toContain("未公开联系方式");
  });

  it("shows every station's deputies to the office, with the station", async () => {
    await mountView(false);
    expect(rust.dutyToday).toHaveBeenCalledWith(null);
    expect(document.body.querySelector('[data-testid="dash-duty-row"]')?.textContent).toContain("光明路联络站");
  });

  it("says 今日无值班安排 when nobody is on the rota, and reads again on 刷新", async () => {
    rust.dutyToday.mockResolvedValue([]);
    await mountView(true);
    expect($("dash-duty-empty")?.textContent).toContain("今日无值班安排");
    $("dash-refresh")!.click();
    await flushPromises();
    expect(rust.dutyToday).toHaveBeenCalledTimes(2);
  });

  it("shows Rust's refusal in Chinese", async () => {
    rust.dutyToday.mockRejectedValue(new ipc.IpcCallError("storage", "数据库已锁定"));
    await mountView(true);
    expect($("dash-duty-error")?.textContent).toContain("数据库已锁定");
  });
});
