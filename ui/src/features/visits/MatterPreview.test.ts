// The deadline line under a matter row: asked when the category is chosen and again when it changes, with the
// calendar warning; an answer for a category no longer chosen is dropped; a cleared category hides the line.
// Also inside the real form: choosing a category in 接待登记 shows the line under that row.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { reactive } from "vue";
import { ElSelect } from "element-plus";
import * as ipc from "../../ipc";
import type { DeadlinePreview } from "../../ipc";
import { createAppI18n } from "../../i18n";
import { SESSION_FLOW, type FlowState, type SessionFlow } from "../../session/flow";
import { ADMIN, SETUP, deferred } from "../../test/fixtures";
import MatterPreview from "./MatterPreview.vue";
import VisitForm from "./VisitForm.vue";
import { ASSIGN_PREVIEW } from "./testData";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, deadlinePreview: vi.fn(), searchRoster: vi.fn(), registerVisit: vi.fn() };
});
const deadlinePreview = vi.mocked(ipc.deadlinePreview);

const SUGGESTION: DeadlinePreview = {
  suggested_route: "suggestion",
  route_label: "转代表建议",
  steps: [{ step_label: "研判分流", limit_label: "2个工作日", due_on: "2026-12-01" }],
  calendar_covers: false,
};

describe("MatterPreview", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    vi.clearAllMocks();
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  function mountPreview(category: string): VueWrapper {
    wrapper = mount(MatterPreview, {
      props: { category, testid: "visit-matter-preview-0" },
      global: { plugins: [createAppI18n("zh-CN")] },
    });
    return wrapper;
  }
  const line = () => wrapper!.find('[data-testid="visit-matter-preview-0"]');

  it("shows nothing and asks nothing before a category is chosen", async () => {
    mountPreview("");
    await flushPromises();
    expect(deadlinePreview).not.toHaveBeenCalled();
    expect(line().exists()).toBe(false);
  });

  it("shows the route and deadlines, and the warning when the calendar does not cover a date", async () => {
    deadlinePreview.mockImplementation(async (c) => (c === "城乡建设" ? ASSIGN_PREVIEW : SUGGESTION));
    mountPreview("城乡建设");
    await flushPromises();
    expect(deadlinePreview).toHaveBeenCalledWith("城乡建设");
    expect(line().text()).toBe("建议处理：交办 · 研判分流 2个工作日（12月1日前）· 办理 15个工作日（12月16日前）");
    expect(wrapper!.find('[data-testid="preview-calendar-warning"]').exists()).toBe(false);

    await wrapper!.setProps({ category: "社会治理" });
    await flushPromises();
    expect(deadlinePreview).toHaveBeenLastCalledWith("社会治理");
    expect(line().text()).toContain("建议处理：转代表建议");
    expect(wrapper!.get('[data-testid="preview-calendar-warning"]').text()).toBe("日历未覆盖，仅按周末计算");

    await wrapper!.setProps({ category: "" });
    await flushPromises();
    expect(line().exists()).toBe(false);
  });

  it("drops a late answer for a category that was changed again", async () => {
    const slow = deferred<DeadlinePreview>();
    deadlinePreview.mockImplementation((c) => (c === "教育" ? slow.promise : Promise.resolve(SUGGESTION)));
    mountPreview("教育");
    await flushPromises();
    await wrapper!.setProps({ category: "社会治理" });
    await flushPromises();
    expect(line().text()).toContain("转代表建议");

    slow.resolve(ASSIGN_PREVIEW); // the answer for 教育 arrives last
    await flushPromises();
    expect(line().text()).toContain("转代表建议");
    expect(line().text()).not.toContain("交办");
  });

  it("says quietly when the deadlines could not be worked out", async () => {
    deadlinePreview.mockRejectedValue(new ipc.IpcCallError("not_found", "没有“其它”这一类别"));
    mountPreview("其它");
    await flushPromises();
    expect(line().text()).toBe("期限预估失败：没有“其它”这一类别");
  });

  it("appears under the matter row of 接待登记 once its category is picked", async () => {
    deadlinePreview.mockResolvedValue(ASSIGN_PREVIEW);
    const state = reactive<FlowState>({
      phase: "signed-in",
      setup: { ...SETUP },
      session: { ...ADMIN },
      error: null,
      lockedByIdle: false,
      lastLogin: ADMIN.login,
    });
    const flow = { state } as unknown as SessionFlow;
    wrapper = mount(VisitForm, {
      global: { plugins: [createAppI18n("zh-CN")], provide: { [SESSION_FLOW as symbol]: flow } },
      attachTo: document.body,
    });
    await flushPromises();
    expect(document.querySelector('[data-testid="visit-matter-preview-0"]')).toBeNull();
    const category = wrapper
      .findAllComponents(ElSelect)
      .filter((s) => String(s.props("placeholder") ?? "").includes("事项类别"))[0]!;
    category.vm.$emit("update:modelValue", "城乡建设");
    await flushPromises();
    const shown = document.querySelector('[data-testid="visit-matter-preview-0"]');
    expect(shown?.textContent).toContain("建议处理：交办 · 研判分流 2个工作日（12月1日前）");
    expect(shown?.closest('[data-testid="visit-matter-0"]')).not.toBeNull();
  });
});
