// 研判并案 with a mocked ../../ipc: the groups within the list's county and category with Rust's reasons; every
// matter ticked and the earliest received as lead at first; a merge only after confirmation, sending exactly the
// lead and the other ticked matters, then reading the groups again; fewer than two ticked is refused in the
// dialog; Rust's refusal stays readable.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { ElMessageBox } from "element-plus";
import * as ipc from "../../ipc";
import type { SimilarGroup } from "../../ipc";
import { createAppI18n } from "../../i18n";
import SimilarPanel from "./SimilarPanel.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof ipc>();
  return { ...actual, matterSimilar: vi.fn(), matterMerge: vi.fn() };
});
const rust = vi.mocked(ipc);

const matter = (code: string, station: string, received: string, citizens = 1) => ({
  code,
  station_code: station,
  title: "南环路路灯不亮",
  state: "registered" as const,
  state_label: "待研判",
  received_at: received,
  citizens,
});

const LAMPS: SimilarGroup = {
  category: "城乡建设",
  place: "湛河区南环路",
  min_percent: 62,
  max_percent: 78,
  reason: "同类别「城乡建设」· 同地点「湛河区南环路」· 文字相似度 62%–78%",
  matters: [
    matter("LS-01-20260302-01", "LS-01", "2026-03-02T02:00:00Z", 2),
    matter("XH-01-20260301-01", "XH-01", "2026-03-01T02:00:00Z"),
    matter("ZH-02-20260303-01", "ZH-02", "2026-03-03T02:00:00Z"),
  ],
};

const $ = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** Clicks the checkbox or radio input inside the element with this test id (the dialog is teleported to body). */
async function clickInput(id: string): Promise<void> {
  document.body.querySelector<HTMLInputElement>(`[data-testid="${id}"] input`)!.click();
  await flushPromises();
}

describe("研判并案", { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.matterSimilar.mockResolvedValue([LAMPS]);
    rust.matterMerge.mockResolvedValue({ lead_code: "XH-01-20260301-01", merged: [] });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountPanel(): Promise<VueWrapper> {
    const w = mount(SimilarPanel, {
      props: { modelValue: true, county: "410411", category: "城乡建设" },
      global: { plugins: [createAppI18n("zh-CN")], stubs: { transition: false } },
      attachTo: document.body,
    });
    await flushPromises();
    return w;
  }

  it("lists each group with Rust's reason within the list's county and category", async () => {
    wrapper = await mountPanel();
    expect(rust.matterSimilar).toHaveBeenCalledWith({ county: "410411", category: "城乡建设" });
    expect($("similar-reason-0")?.textContent).toBe(LAMPS.reason);
    expect($("similar-group-0")?.textContent).toContain("LS-01-20260302-01");
    expect(document.body.textContent).toContain("文字相似度不低于 40%");
  });

  it("merges the ticked matters into the chosen lead only after confirmation", async () => {
    const confirm = vi.spyOn(ElMessageBox, "confirm");
    wrapper = await mountPanel();
    // The earliest received is the lead at first; untick one, pick another lead.
    await clickInput("similar-tick-ZH-02-20260303-01");
    await clickInput("similar-lead-LS-01-20260302-01");
    await flushPromises();
    confirm.mockRejectedValueOnce("cancel");
    $("similar-merge-0")!.click();
    await flushPromises();
    expect(confirm.mock.calls[0]?.[0]).toBe(
      "将 XH-01-20260301-01 并入主事项 LS-01-20260302-01？并案后这些事项由主事项统一交办，各自群众仍由原联络站反馈。",
    );
    expect(rust.matterMerge).not.toHaveBeenCalled();
    confirm.mockResolvedValueOnce("confirm" as never);
    $("similar-merge-0")!.click();
    await flushPromises();
    expect(rust.matterMerge).toHaveBeenCalledWith("LS-01-20260302-01", ["XH-01-20260301-01"]);
    expect(rust.matterSimilar).toHaveBeenCalledTimes(2);
    expect(wrapper.emitted("merged")).toHaveLength(1);
  });

  it("asks for two matters, and shows Rust's refusal", async () => {
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    wrapper = await mountPanel();
    await clickInput("similar-tick-LS-01-20260302-01");
    await clickInput("similar-tick-ZH-02-20260303-01");
    $("similar-merge-0")!.click();
    await flushPromises();
    expect($("similar-error")?.textContent).toContain("请至少勾选两件事项");
    expect(confirm).not.toHaveBeenCalled();

    await clickInput("similar-tick-ZH-02-20260303-01");
    rust.matterMerge.mockRejectedValueOnce(new ipc.IpcCallError("invalid", "事项已进入办理（当前：已交办待签收），交办后不能再并案"));
    $("similar-merge-0")!.click();
    await flushPromises();
    expect(rust.matterMerge).toHaveBeenCalledWith("XH-01-20260301-01", ["ZH-02-20260303-01"]);
    expect($("similar-error")?.textContent).toContain("交办后不能再并案");
    expect(wrapper.emitted("merged")).toBeUndefined();
  });

  it("says so when there is nothing to merge", async () => {
    rust.matterSimilar.mockResolvedValueOnce([]);
    wrapper = await mountPanel();
    expect($("similar-none")?.textContent).toContain("没有找到相似事项");
  });
});
