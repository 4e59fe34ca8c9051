// 办理规则 with a mocked ../../ipc: the defaults and the category overrides with their limits in words; an override
// is added through the dialog (setTimeLimit) and Rust's field refusal shows under the field; deleting an override
// asks first; the ladder is reordered and saved as a whole with levels renumbered and codes kept, and Rust's
// `ladder[1].offset_working_days` shows under that row; categories are added and saved as a whole; a clerk sees
// everything read-only with a note and no buttons.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import type { Role, RulesView } from "../../ipc";
import { SETUP } from "../../test/fixtures";
import { $, confirmBox, inputOf, mountSignedIn, settle, signedIn, typeInto } from "../../test/dom";
import RulesPanel from "./RulesPanel.vue";
import { offsetLabel } from "./rulesFormat";
import { translator } from "../../test/i18n";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual,
    rulesView: vi.fn(),
    setTimeLimit: vi.fn(),
    clearTimeLimit: vi.fn(),
    setEscalationLadder: vi.fn(),
    setCategories: vi.fn(),
  };
});
const rust = vi.mocked(ipc);

const RULES: RulesView = {
  limits: [
    { category: "*", step: "route", step_label: "研判分流", amount: 2, unit: "working_days" },
    { category: "*", step: "handle", step_label: "办理", amount: 15, unit: "working_days" },
    { category: "*", step: "max_extensions", step_label: "延期次数", amount: 1, unit: "count" },
    { category: "教育", step: "handle", step_label: "办理", amount: 1, unit: "months" },
  ],
  ladder: [
    { level: 0, code: "warn", name: "临期提醒", offset_working_days: -3 },
    { level: 1, code: "station_head", name: "站长督办", offset_working_days: 1 },
    { level: 2, code: "office", name: "人大机关督办", offset_working_days: 5 },
  ],
  categories: [
    { name: "城乡建设", suggested_route: "assign" },
    { name: "教育", suggested_route: "assign" },
    { name: "政策咨询", suggested_route: "on_spot" },
  ],
};

const settlePanel = () => settle(3, 60);
const rowsOf = (id: string) =>
  Array.from($(id)!.querySelectorAll("tbody tr.el-table__row")).map((tr) =>
    Array.from(tr.querySelectorAll("td")).map((td) => td.textContent?.trim() ?? ""),
  );

describe("办理规则", { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.rulesView.mockImplementation(async () => structuredClone(RULES));
    rust.setTimeLimit.mockResolvedValue();
    rust.clearTimeLimit.mockResolvedValue();
    rust.setEscalationLadder.mockResolvedValue();
    rust.setCategories.mockResolvedValue();
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountAs(role: Role): Promise<void> {
    wrapper = mountSignedIn(RulesPanel, signedIn(SETUP, role));
    await flushPromises();
  }

  it("lists the defaults, then the overrides, with limits in words", async () => {
    await mountAs("office_staff");
    expect($("rules-read-only")).toBeNull();
    expect(rowsOf("limits-defaults").map((r) => r.slice(0, 2))).toEqual([
      ["研判分流", "2个工作日"],
      ["办理", "15个工作日"],
      ["延期次数", "1次"],
    ]);
    expect(rowsOf("limits-overrides").map((r) => r.slice(0, 3))).toEqual([["教育", "办理", "1个月"]]);
    expect(rowsOf("ladder-table").map((r) => r[3])).toEqual(["到期前3个工作日", "超期1个工作日", "超期5个工作日"]);
  });

  it("adds a category's own limit and shows Rust's refusal under the amount", async () => {
    rust.setTimeLimit.mockRejectedValueOnce(
      new ipc.IpcCallError("invalid", "输入有误", { fields: [{ field: "amount", message: "时限不能超过 365" }] }),
    );
    await mountAs("admin");
    $("limit-add")!.click();
    await settlePanel();
    const selects = wrapper!.findAllComponents({ name: "ElSelect" });
    selects.find((s) => s.find('[data-testid="limit-category"]').exists() || s.attributes("data-testid") === "limit-category")!
      .vm.$emit("update:modelValue", "城乡建设");
    const step = selects.find((s) => s.find('[data-testid="limit-step"]').exists() || s.attributes("data-testid") === "limit-step")!;
    step.vm.$emit("update:modelValue", "handle");
    step.vm.$emit("change", "handle");
    await flushPromises();
    await typeInto("limit-amount", "400", true);
    $("limit-save")!.click();
    await settlePanel();
    expect(rust.setTimeLimit).toHaveBeenCalledWith({ category: "城乡建设", step: "handle", amount: 400, unit: "working_days" });
    const item = $("limit-amount")!.closest(".el-form-item")!;
    expect(item.querySelector(".el-form-item__error")?.textContent).toContain("时限不能超过 365");

    await typeInto("limit-amount", "20", true);
    $("limit-save")!.click();
    await settlePanel();
    expect(rust.setTimeLimit).toHaveBeenLastCalledWith({ category: "城乡建设", step: "handle", amount: 20, unit: "working_days" });
    expect(rust.rulesView).toHaveBeenCalledTimes(2); // read again after the save
  });

  it("asks before deleting an override, then clears it", async () => {
    await mountAs("admin");
    $("limit-remove-0")!.click();
    const text = await confirmBox(settlePanel);
    expect(text).toContain("是否确认删除“教育”类别“办理”环节的单独时限？");
    expect(rust.clearTimeLimit).toHaveBeenCalledWith("教育", "handle");
    expect(rust.rulesView).toHaveBeenCalledTimes(2);
  });

  it("saves the reordered ladder as a whole and shows Rust's refusal under the row", async () => {
    rust.setEscalationLadder.mockRejectedValueOnce(
      new ipc.IpcCallError("invalid", "输入有误", {
        fields: [{ field: "ladder[1].offset_working_days", message: "每一级的时间应晚于上一级" }],
      }),
    );
    await mountAs("admin");
    $("ladder-down-1")!.click(); // 人大机关督办 before 站长督办
    await flushPromises();
    $("ladder-add")!.click();
    await flushPromises();
    await typeInto("ladder-name-3", "县人大常委会督办", true);
    $("ladder-save")!.click();
    await settlePanel();
    expect(rust.setEscalationLadder).toHaveBeenCalledWith([
      { level: 0, code: "warn", name: "临期提醒", offset_working_days: -3 },
      { level: 1, code: "office", name: "人大机关督办", offset_working_days: 5 },
      { level: 2, code: "station_head", name: "站长督办", offset_working_days: 1 },
      { level: 3, name: "县人大常委会督办", offset_working_days: 2 },
    ]);
    const item = $("ladder-offset-1")!.closest(".el-form-item")!;
    expect(item.querySelector(".el-form-item__error")?.textContent).toContain("每一级的时间应晚于上一级");
  });

  it("asks before removing a level and saves what is left", async () => {
    await mountAs("admin");
    $("ladder-remove-2")!.click();
    expect(await confirmBox(settlePanel)).toContain("是否确认删除督办层级“人大机关督办”？");
    $("ladder-save")!.click();
    await settlePanel();
    expect(rust.setEscalationLadder).toHaveBeenCalledWith([
      { level: 0, code: "warn", name: "临期提醒", offset_working_days: -3 },
      { level: 1, code: "station_head", name: "站长督办", offset_working_days: 1 },
    ]);
    // The message appears on a later tick; under load that can be after the save settled.
    await vi.waitFor(() => expect(document.body.querySelector(".el-message--success")?.textContent).toContain("督办层级已保存"), { timeout: 5000 });
  });

  it("adds, moves and saves the categories as a whole; a duplicate shows under its name", async () => {
    rust.setCategories.mockRejectedValueOnce(
      new ipc.IpcCallError("invalid", "输入有误", { fields: [{ field: "categories[0].name", message: "类别“教育”重复" }] }),
    );
    await mountAs("office_staff");
    $("category-add")!.click();
    await flushPromises();
    await typeInto("category-name-3", "教育", true);
    $("category-up-3")!.click();
    await flushPromises();
    $("category-up-2")!.click();
    await flushPromises();
    $("category-up-1")!.click();
    await flushPromises();
    $("categories-save")!.click();
    await settlePanel();
    expect(rust.setCategories).toHaveBeenCalledWith([
      { name: "教育", suggested_route: "assign" },
      { name: "城乡建设", suggested_route: "assign" },
      { name: "教育", suggested_route: "assign" },
      { name: "政策咨询", suggested_route: "on_spot" },
    ]);
    const item = inputOf("category-name-0").closest(".el-form-item")!;
    expect(item.querySelector(".el-form-item__error")?.textContent).toContain("类别“教育”重复");
  });

  it("shows a clerk the rules read-only with a note", async () => {
    await mountAs("clerk");
    expect($("rules-read-only")?.textContent).toContain("仅机关工作人员和管理员可修改办理规则");
    for (const id of ["limit-add", "limit-remove-0", "ladder-save", "ladder-add", "categories-save", "category-add"]) {
      expect($(id), id).toBeNull();
    }
    expect(inputOf("ladder-name-0").disabled).toBe(true);
    expect(rowsOf("limits-overrides")).toHaveLength(1);
  });

  it("words ladder offsets relative to the due date", () => {
    const t = translator("zh-CN");
    expect([-3, 0, 1].map((n) => offsetLabel(n, t))).toEqual(["到期前3个工作日", "到期当日", "超期1个工作日"]);
  });
});
