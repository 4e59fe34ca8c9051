// 意见建议 with a mocked ../../ipc (the real IpcCallError kept): the list shows 超期/临期 tags and the escalation;
// the filter bar sends its filter to matterList; a row opens the drawer with the timeline (a refused act greyed as
// 未生效) and every escalation rung; an on-spot answer sends exactly {kind, answer} and reloads drawer and list;
// Rust's refusal stays readable inside the dialog. In office mode (no station of its own) the filter bar offers
// county, station, category, unit and deputy, 研判并案 opens the similar groups, and the drawer shows 并案.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import type { MatterFilter } from "../../ipc";
import { createAppI18n } from "../../i18n";
import { createAppRouter } from "../../router";
import MattersView from "./MattersView.vue";
import { DETAIL, DUE_SOON, MERGED, OVERDUE, REGISTERED } from "./testData";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual,
    matterList: vi.fn(),
    matterDetail: vi.fn(),
    matterAct: vi.fn(),
    handlingUnits: vi.fn(),
    chooseLedgerFile: vi.fn(),
    exportLedger: vi.fn(),
    platformList: vi.fn(),
    regionList: vi.fn(),
    rulesView: vi.fn(),
    matterSimilar: vi.fn(),
    matterMerge: vi.fn(),
  };
});

const matterList = vi.mocked(ipc.matterList);
const matterDetail = vi.mocked(ipc.matterDetail);
const matterAct = vi.mocked(ipc.matterAct);
const handlingUnits = vi.mocked(ipc.handlingUnits);

const EMPTY: MatterFilter = { state: null, station_code: null, overdue: false };

function $(testid: string): HTMLElement | null {
  return document.body.querySelector(`[data-testid="${testid}"]`);
}

function lastFilter(): MatterFilter | undefined {
  return matterList.mock.calls.at(-1)?.[0];
}

// Mounting Element Plus drawers and dialogs in happy-dom takes seconds on a busy machine.
describe("意见建议", { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    matterList.mockResolvedValue([OVERDUE, DUE_SOON]);
    matterDetail.mockImplementation(async (code) => (code === REGISTERED.code ? REGISTERED : DETAIL));
    handlingUnits.mockResolvedValue([
      { id: "u1", code: "ZJJ", name: "住建局", kind: "department", contact: "", status: "active" },
    ] as ipc.UnitView[]);
    vi.mocked(ipc.rulesView).mockResolvedValue({ limits: [], ladder: [], categories: [
      { name: "城乡建设", suggested_route: "assign" },
      { name: "教育", suggested_route: "assign" },
    ] } as unknown as ipc.RulesView);
    vi.mocked(ipc.regionList).mockResolvedValue([
      { id: "r1", code: "410400", name: "平顶山市", kind: "city", parent_id: null },
      { id: "r2", code: "410402", name: "新华区", kind: "district", parent_id: "r1" },
      { id: "r3", code: "410402001", name: "光明路街道", kind: "subdistrict", parent_id: "r2" },
    ]);
    vi.mocked(ipc.platformList).mockResolvedValue([
      { id: "p1", code: "XH-09", name: "新华区光明路联络站" } as ipc.PlatformView,
    ]);
    vi.mocked(ipc.matterSimilar).mockResolvedValue([]);
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountView(path = "/matters"): Promise<VueWrapper> {
    const router = createAppRouter("memory");
    await router.push(path);
    const w = mount(MattersView, {
      global: { plugins: [createAppI18n("zh-CN"), router], stubs: { transition: false, "transition-group": false } },
      attachTo: document.body,
    });
    await flushPromises();
    return w;
  }

  async function openRow(w: VueWrapper, index: number): Promise<void> {
    await w.findAll('[data-testid="matter-table"] tbody tr.el-table__row')[index]!.trigger("click");
    await flushPromises();
  }

  it("exports the matters ledger through the shared 导出台账 dialog", async () => {
    vi.mocked(ipc.platformList).mockResolvedValue([]);
    vi.mocked(ipc.chooseLedgerFile).mockResolvedValue("/tmp/意见建议办理台账.xlsx");
    vi.mocked(ipc.exportLedger).mockResolvedValue({ path: "/tmp/意见建议办理台账.xlsx", rows: 2 });
    wrapper = await mountView();
    $("ledger-export-open")!.click();
    await flushPromises();
    expect($("ledger-export-dialog")?.textContent).toContain("导出意见建议办理台账");
    $("ledger-export-save")!.click();
    await flushPromises();
    expect(ipc.chooseLedgerFile).toHaveBeenCalledWith("matters", expect.stringMatching(/^\d{4}-Q[1-4]$/));
    expect(ipc.exportLedger).toHaveBeenCalledWith("matters", null, expect.any(String), "/tmp/意见建议办理台账.xlsx", null);
    expect($("ledger-export-result")?.textContent).toContain("/tmp/意见建议办理台账.xlsx");
  });

  it("lists the matters with overdue, due-soon and escalation tags", async () => {
    wrapper = await mountView();
    expect(lastFilter()).toEqual(EMPTY);
    expect(wrapper.get('[data-testid="matter-count"]').text()).toBe("共 2 件事项");
    const table = wrapper.get('[data-testid="matter-table"]');
    expect(table.findAll("th").map((th) => th.text())).toEqual([
      "事项编号",
      "标题",
      "类别",
      "首问责任人",
      "状态",
      "承办单位",
      "期限",
      "推诿信号",
    ]);
    const overdue = table.get(`[data-testid="matter-due-${OVERDUE.code}"]`);
    expect(overdue.get('[data-testid="tag-overdue"]').text()).toBe("超期6个工作日");
    expect(overdue.get('[data-testid="tag-escalation"]').text()).toBe("县级人大常委会督办");
    expect(overdue.find('[data-testid="tag-due-soon"]').exists()).toBe(false);
    const soon = table.get(`[data-testid="matter-due-${DUE_SOON.code}"]`);
    expect(soon.get('[data-testid="tag-due-soon"]').text()).toBe("临期");
    expect(soon.find('[data-testid="tag-overdue"]').exists()).toBe(false);
    const cells = table.findAll("tbody tr.el-table__row")[0]!.findAll("td").map((td) => td.text());
    expect(cells.slice(0, 6)).toEqual(["SX-2026-0001", "光明路积水", "城乡建设", "王芳", "办理中", "住建局"]);
    expect(cells[7]).toBe("2");
  });

  it("starts from the queue a 工作台 card links to (?state=…, ?overdue=1)", async () => {
    await mountView("/matters?state=finished&overdue=1");
    expect(matterList).toHaveBeenCalledWith({ state: "finished", station_code: null, overdue: true });
  });

  it("lists a 工作台 card's queue and level, says so, and lists everything again when the tag is closed", async () => {
    wrapper = await mountView("/matters?queue=overdue&escalation=county");
    expect(matterList).toHaveBeenLastCalledWith({ ...EMPTY, queue: "overdue", escalation: "county" });
    expect(wrapper.get('[data-testid="matter-queue"]').text()).toContain("工作台：超期 · 县级人大常委会督办");
    await wrapper.get('[data-testid="matter-queue"] .el-tag__close').trigger("click");
    await flushPromises();
    expect(matterList).toHaveBeenLastCalledWith({ ...EMPTY, queue: null, escalation: null });
    expect(wrapper.find('[data-testid="matter-queue"]').exists()).toBe(false);
  });

  /** Opens the select with this test id and clicks the option with this text. */
  async function choose(w: VueWrapper, testid: string, text: string): Promise<void> {
    await w.get(`[data-testid="${testid}"]`).trigger("click");
    await flushPromises();
    const option = Array.from(document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")).find(
      (li) => li.textContent?.trim() === text,
    );
    expect(option, `${testid}: ${text}`).toBeDefined();
    option!.click();
    await flushPromises();
  }

  it("filters city-wide by county, category, unit and deputy (office mode)", async () => {
    wrapper = await mountView();
    await choose(wrapper, "matter-filter-county", "新华区");
    expect(lastFilter()).toEqual({ ...EMPTY, county: "410402" });
    expect(document.body.textContent).not.toContain("光明路街道"); // only county-level regions are offered
    await choose(wrapper, "matter-filter-category", "教育");
    await choose(wrapper, "matter-filter-unit", "住建局");
    expect(lastFilter()).toEqual({ ...EMPTY, county: "410402", category: "教育", unit: "ZJJ" });
    const deputy = wrapper.get('[data-testid="matter-filter-deputy"]');
    await deputy.setValue(" D000001 ");
    await deputy.trigger("keyup", { key: "Enter" });
    await flushPromises();
    expect(lastFilter()).toEqual({ ...EMPTY, county: "410402", category: "教育", unit: "ZJJ", deputy: "D000001" });
    await wrapper.get('[data-testid="matter-reset"]').trigger("click");
    await flushPromises();
    expect(lastFilter()).toEqual(EMPTY);
  });

  it("opens 研判并案 within the list's county and category, and reloads the list after a merge", async () => {
    wrapper = await mountView();
    await choose(wrapper, "matter-filter-category", "城乡建设");
    const calls = matterList.mock.calls.length;
    $("matter-similar-open")!.click();
    await flushPromises();
    expect(ipc.matterSimilar).toHaveBeenCalledWith({ county: null, category: "城乡建设" });
    expect($("similar-none")).not.toBeNull();
    wrapper.findComponent({ name: "SimilarPanel" }).vm.$emit("merged");
    await flushPromises();
    expect(matterList.mock.calls.length).toBe(calls + 1);
  });

  it("shows the lead a merged matter follows with its reply, and the matters merged into a lead", async () => {
    matterDetail.mockImplementation(async (code) => (code === OVERDUE.code ? MERGED : DETAIL));
    wrapper = await mountView();
    await openRow(wrapper, 0);
    expect($("matter-lead")?.textContent).toContain("已并入主事项 SX-2026-0001");
    expect($("matter-lead-reply")?.textContent).toContain("主事项答复（2026-03-10）：积水点已加装排水管");
    expect($("matter-merged")).toBeNull();
    wrapper.unmount();
    document.body.innerHTML = "";
    matterDetail.mockImplementation(async () => DETAIL);
    wrapper = await mountView();
    await openRow(wrapper, 0);
    expect($("matter-merged")?.textContent).toContain("SX-2026-0009（LS-01，群众 3 人）");
    expect($("matter-lead")).toBeNull();
  });

  it("sends the chosen filter to matterList", async () => {
    wrapper = await mountView();
    await choose(wrapper, "matter-filter-station", "XH-09 新华区光明路联络站");
    expect(lastFilter()).toEqual({ ...EMPTY, station_code: "XH-09" });

    await wrapper.get('[data-testid="matter-filter-overdue"] input').setValue(true);
    await flushPromises();
    expect(lastFilter()).toEqual({ ...EMPTY, station_code: "XH-09", overdue: true });

    await wrapper.get('[data-testid="matter-filter-state"]').trigger("click");
    await flushPromises();
    const option = Array.from(document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")).find(
      (li) => li.textContent?.trim() === "已办结待反馈",
    );
    expect(option).toBeDefined();
    option!.click();
    await flushPromises();
    expect(lastFilter()).toEqual({ state: "finished", station_code: "XH-09", overdue: true });

    await wrapper.get('[data-testid="matter-reset"]').trigger("click");
    await flushPromises();
    expect(lastFilter()).toEqual(EMPTY);
  });

  it("opens the drawer with the timeline, every escalation and the allowed acts", async () => {
    wrapper = await mountView();
    await openRow(wrapper, 0);
    expect(matterDetail).toHaveBeenCalledWith(OVERDUE.code);
    const drawer = $("matter-drawer")!;
    expect(drawer.querySelector('[data-testid="matter-code"]')!.textContent).toBe("SX-2026-0001");

    const entries = Array.from(drawer.querySelectorAll<HTMLElement>('[data-testid="timeline-entry"]'));
    expect(entries.map((e) => e.querySelector("strong")!.textContent)).toEqual(["登记", "交办", "退办"]);
    expect(entries[1]!.textContent).toContain("主办：住建局；协办：街道办");
    expect(entries[1]!.classList.contains("refused")).toBe(false);
    // The refused 退办 stays, greyed, with 未生效 and Rust's reason.
    expect(entries[2]!.classList.contains("refused")).toBe(true);
    expect(entries[2]!.textContent).toContain("未生效");
    expect(entries[2]!.textContent).toContain("该单位未承办此事项");

    const rungs = Array.from(drawer.querySelectorAll<HTMLElement>('[data-testid="matter-escalations"] li'));
    expect(rungs.map((li) => Array.from(li.children, (c) => c.textContent!.trim()).join(" "))).toEqual([
      "2026-11-05 临期提醒 已到达",
      "2026-11-11 站长 已到达",
      "2026-11-18 县级人大常委会 已到达",
      "2026-11-25 市人大常委会办公室",
    ]);
    expect(drawer.querySelector('[data-testid="matter-deadlines"]')!.textContent).toContain("超期6个工作日");
    expect(drawer.querySelector('[data-testid="signal-returns"]')!.textContent).toBe("1");
    expect($("matter-act-replied")!.textContent!.trim()).toBe("答复");
    expect($("matter-act-extended")).not.toBeNull();
    expect($("matter-act-answered_on_spot")).toBeNull();
  });

  it("records an on-spot answer as {kind, answer} and reloads the drawer and the list", async () => {
    matterAct.mockResolvedValue({ matter_id: "m2", matter_code: REGISTERED.code, event_id: "e9", state: "finished" });
    wrapper = await mountView();
    await openRow(wrapper, 1);
    expect(matterDetail).toHaveBeenCalledWith(REGISTERED.code);
    $("matter-act-answered_on_spot")!.click();
    await flushPromises();
    expect($("act-dialog")).not.toBeNull();

    const answer = $("act-answer") as HTMLTextAreaElement;
    answer.value = "已联系住建局，本周内疏通";
    answer.dispatchEvent(new Event("input"));
    await flushPromises();
    $("act-save")!.click();
    await flushPromises();

    expect(matterAct).toHaveBeenCalledTimes(1);
    expect(matterAct).toHaveBeenCalledWith(REGISTERED.code, { kind: "answered_on_spot", answer: "已联系住建局，本周内疏通" });
    expect(document.body.textContent).toContain("已记录");
    expect(matterDetail).toHaveBeenCalledTimes(2);
    expect(matterList).toHaveBeenCalledTimes(2);
  });

  it("does not send an empty answer", async () => {
    wrapper = await mountView();
    await openRow(wrapper, 1);
    $("matter-act-answered_on_spot")!.click();
    await flushPromises();
    $("act-save")!.click();
    // async-validator and the form item's message settle on timers, not only on microtasks.
    await new Promise((r) => setTimeout(r, 220));
    await flushPromises();
    expect(matterAct).not.toHaveBeenCalled();
    expect($("act-dialog")!.textContent).toContain("答复内容不能为空");
  });

  it("shows Rust's refusal inside the dialog and keeps it open", async () => {
    matterAct.mockRejectedValue(new ipc.IpcCallError("conflict", "办结后未反馈不能归档"));
    wrapper = await mountView();
    await openRow(wrapper, 1);
    $("matter-act-routed_for_assignment")!.click();
    await flushPromises();
    $("act-save")!.click();
    await flushPromises();
    expect(matterAct).toHaveBeenCalledWith(REGISTERED.code, { kind: "routed_for_assignment" });
    expect($("act-dialog")!.textContent).toContain("办结后未反馈不能归档");
    expect(matterList).toHaveBeenCalledTimes(1);
  });
});
