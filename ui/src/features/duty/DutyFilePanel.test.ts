// 履职档案 in the deputy drawer, with a mocked ../../ipc: the tab reads the deputy's duty file for this year only when
// opened, shows the totals, the rota, the activities with the deputy's own attendance, the visits received and the
// matters first-responded with their state; another period is read again; Rust's refusal is shown.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mount, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import { createAppI18n } from "../../i18n";
import { $, settle, text } from "../../test/dom";
import DeputyDetail from "../deputies/DeputyDetail.vue";
import { DETAIL } from "../deputies/testData";
import PeriodPicker from "./PeriodPicker.vue";
import { DUTY_FILE } from "./testData";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, deputyDutyFile: vi.fn() };
});
const rust = vi.mocked(ipc);

describe("履职档案", { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.deputyDutyFile.mockResolvedValue(structuredClone(DUTY_FILE));
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function openTab(): Promise<void> {
    wrapper = mount(DeputyDetail, {
      props: { detail: DETAIL, mayReveal: false },
      global: { plugins: [createAppI18n("zh-CN")] },
      attachTo: document.body,
    });
    await settle();
    expect(rust.deputyDutyFile).not.toHaveBeenCalled();
    $("deputy-tab-duty")!.click();
    await settle();
  }

  it("reads this year's file when the tab opens and shows its parts", async () => {
    await openTab();
    expect(rust.deputyDutyFile).toHaveBeenCalledWith("D000001", String(new Date().getFullYear()));
    expect($("duty-file")).not.toBeNull();
    expect(text("duty-file-totals")).toContain("2026年履职概况");
    expect(text("duty-file-total-duty")).toBe("6 次（5 天）");
    expect(text("duty-file-total-activities")).toBe("出席 3 · 请假 1 · 缺席 0");
    expect(text("duty-file-total-visits")).toBe("4 次，9 人次");
    expect(text("duty-file-total-matters")).toBe("3 件，已办结 2 件");
    expect(text("duty-file-duty")).toContain("2026-11-25");
    expect(text("duty-file-activities")).toContain("老旧小区改造专题调研");
    expect(text("duty-file-activities")).toContain("出席");
    expect(text("duty-file-visits")).toContain("来访");
    expect(text("duty-file-matters")).toContain("小区路灯不亮");
    expect(text("duty-file-matters")).toContain("办理中");
    expect(text("duty-file-matters")).toContain("超期 2 个工作日");
  });

  it("reads another period and shows Rust's refusal", async () => {
    await openTab();
    rust.deputyDutyFile.mockRejectedValueOnce(new ipc.IpcCallError("not_found", "代表编号 D000001 不存在"));
    wrapper!.findComponent(PeriodPicker).vm.$emit("update:modelValue", "2025-Q4");
    await settle();
    expect(rust.deputyDutyFile).toHaveBeenLastCalledWith("D000001", "2025-Q4");
    expect(text("duty-file-error")).toContain("代表编号 D000001 不存在");
  });
});
