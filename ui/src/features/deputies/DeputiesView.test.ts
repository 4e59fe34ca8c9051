// 代表名册 with a mocked ../../ipc: the list opens on the serving deputies, sized by the first page, and reads
// further pages only where the clerk scrolls; filters and the search box (debounced) start a new list and a late
// answer of the old one is dropped; a row opens the detail drawer; 显示 (reveal) exists only for roles that may
// see personal data and needs a reason; the form shows Rust's field messages under their fields; Esc closes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { defineComponent, h, reactive } from "vue";
import { ElTableV2, type TableV2Instance } from "element-plus";
import * as ipc from "../../ipc";
import type { DeputyListFilter, DeputyPage, SessionView } from "../../ipc";
import { createAppI18n } from "../../i18n";
import { SESSION_FLOW } from "../../session/flow";
import { ADMIN } from "../../test/fixtures";
import DeputiesView from "./DeputiesView.vue";
import { PAGE_SIZE, servingDeputies } from "./useDeputyPages";
import { DETAIL, pageOf } from "./testData";
import { deferred, type Deferred } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual,
    deputyPage: vi.fn(),
    deputyDetail: vi.fn(),
    saveDeputy: vi.fn(),
    revealDeputyPrivate: vi.fn(),
    platformList: vi.fn(),
    regionList: vi.fn(),
    deputyDutyFile: vi.fn(),
  };
});

const deputyPage = vi.mocked(ipc.deputyPage);
const deputyDetail = vi.mocked(ipc.deputyDetail);
const saveDeputy = vi.mocked(ipc.saveDeputy);
const revealDeputyPrivate = vi.mocked(ipc.revealDeputyPrivate);
const platformList = vi.mocked(ipc.platformList);
const regionList = vi.mocked(ipc.regionList);

const TOTAL = 90_000;
const CLERK: SessionView = {
  login: "lixiao",
  display_name: "李晓",
  role: "clerk",
  role_label: "联络员",
  may_reveal_personal_data: false,
};

/** happy-dom lays nothing out, so the auto-resizer would measure 0×0: give the table a fixed window instead. */
const FixedResizer = defineComponent({
  name: "FixedResizer",
  setup(_, { slots }) {
    return () => h("div", slots.default?.({ width: 1400, height: 440 }));
  },
});

/** Past the search debounce (150 ms) and the table's scroll settle (80 ms), answers delivered. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 220));
  await flushPromises();
}

function offsets(): number[] {
  return deputyPage.mock.calls.map(([, offset]) => offset);
}

function $(testid: string): HTMLElement | null {
  return document.body.querySelector(`[data-testid="${testid}"]`);
}

// Mounting Element Plus drawers and forms in happy-dom takes seconds on a busy 2-core machine.
describe("代表名册", { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    localStorage.clear();
    vi.clearAllMocks();
    // Names start with the search text, so a test can tell which filter's answer it sees.
    deputyPage.mockImplementation(async (filter, offset, limit) => pageOf(TOTAL, offset, limit, filter.text || "代表"));
    deputyDetail.mockImplementation(async (code) => {
      if (code === "D000001") return DETAIL;
      throw new ipc.IpcCallError("not_found", "代表编号不存在");
    });
    platformList.mockResolvedValue([]);
    regionList.mockResolvedValue([
      { id: "r1", code: "410400", name: "平顶山市", kind: "city", parent_id: null },
      { id: "r2", code: "410402", name: "新华区", kind: "district", parent_id: "r1" },
    ] as ipc.Region[]);
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountView(session: SessionView | null = ADMIN): Promise<VueWrapper> {
    const w = mount(DeputiesView, {
      global: {
        plugins: [createAppI18n("zh-CN")],
        provide: { [SESSION_FLOW as symbol]: { state: reactive({ session }) } },
        stubs: {
          transition: false,
          "transition-group": false,
          ElAutoResizer: FixedResizer,
          RosterFilesToolbar: true, // its own tests cover it; here it only has to be there
        },
      },
      attachTo: document.body,
    });
    await flushPromises();
    return w;
  }

  function rowNames(w: VueWrapper): string[] {
    return w.findAll('[data-testid="deputy-row-name"]').map((n) => n.text());
  }

  it("opens on the serving deputies: the first page sizes the list, the count line and columns show", async () => {
    wrapper = await mountView();
    expect(deputyPage.mock.calls).toEqual([[servingDeputies(), 0, PAGE_SIZE]]);
    expect(wrapper.get('[data-testid="deputy-count"]').text()).toBe(`共 ${TOTAL} 名代表`);
    expect(wrapper.find('[data-testid="deputy-add"]').exists()).toBe(true);
    expect(wrapper.findComponent({ name: "RosterFilesToolbar" }).attributes("kind")).toBe("deputies");

    const headers = wrapper.findAll(".el-table-v2__header-cell").map((c) => c.text());
    expect(headers).toEqual([
      "编号",
      "姓名",
      "性别",
      "层级与届次",
      "所属联络站",
      "县（市、区）",
      "工作单位及职务",
      "公开电话",
      "手机（脱敏）",
      "状态",
    ]);
    const first = wrapper.get('[data-testid="deputy-row"]').findAll(".el-table-v2__row-cell").map((c) => c.text());
    expect(first).toEqual([
      "D000001",
      "代表0",
      "男",
      "市第12届",
      "光明路联络站",
      "新华区",
      "平顶山市某公司 董事长",
      "0375-2345678",
      "138****5678",
      "在任",
    ]);
    // Virtual: only a window of rows exists in the DOM, not 90,000 (and not even the whole first page).
    expect(rowNames(wrapper).length).toBeGreaterThan(5);
    expect(rowNames(wrapper).length).toBeLessThan(30);
  });

  it("reads only the pages where the clerk stops scrolling", async () => {
    wrapper = await mountView();
    const table = wrapper.findComponent(ElTableV2).vm as unknown as TableV2Instance;

    table.scrollToRow(45_000, "start");
    await new Promise((r) => setTimeout(r, 20)); // the grid renders scrolls on the next frame
    // While their page is on its way, the rows say so.
    expect(wrapper.text()).toContain("加载中…");
    await settle();

    // Only the pages under the rows on screen (rows ~44,998–45,010: pages 224 and 225), none of those passed.
    expect(offsets()).toEqual([0, 224 * PAGE_SIZE, 225 * PAGE_SIZE]);
    expect(rowNames(wrapper)).toContain("代表45000");
    expect(wrapper.text()).not.toContain("加载中…");
  });

  it("searches what is typed once, from the top, and drops a late answer for the earlier text", async () => {
    wrapper = await mountView();
    // The answer for 张 is held back until after the one for 张明新 arrived.
    const late: Deferred<DeputyPage> = deferred();
    deputyPage.mockImplementation(async (filter: DeputyListFilter, offset, limit) =>
      filter.text === "张" ? late.promise : pageOf(2, offset, limit, filter.text),
    );
    const input = wrapper.get('[data-testid="deputy-search"]');
    await input.setValue("张");
    await settle();
    await input.setValue("张明");
    await input.setValue("张明新");
    await settle();

    expect(deputyPage.mock.calls.slice(1).map(([f, offset]) => [f.text, offset])).toEqual([
      ["张", 0],
      ["张明新", 0], // debounced: 张明 never asked
    ]);
    late.resolve(pageOf(TOTAL, 0, PAGE_SIZE, "张"));
    await flushPromises();

    expect(wrapper.get('[data-testid="deputy-count"]').text()).toBe("共 2 名代表");
    expect(rowNames(wrapper)).toEqual(["张明新0", "张明新1"]);

    deputyPage.mockImplementation(async (_filter, offset) => ({ total: 0, offset, rows: [] }));
    await input.setValue("qqqq");
    await settle();
    expect(wrapper.get('[data-testid="deputy-empty"]').text()).toContain("没有找到匹配的代表");
    expect(wrapper.get('[data-testid="deputy-count"]').text()).toBe("共 0 名代表");
  });

  it("a filter change starts a new list with that filter", async () => {
    wrapper = await mountView();
    await wrapper.get('[data-testid="deputy-filter-entrepreneur"] input').setValue(true);
    await flushPromises();
    const radios = wrapper.findAll('[data-testid="deputy-filter-status"] input');
    await radios[2]!.setValue(true); // 全部
    await flushPromises();

    const filters = deputyPage.mock.calls.map(([f, offset]) => [f.entrepreneur, f.status, offset]);
    expect(filters).toEqual([
      [false, "serving", 0],
      [true, "serving", 0],
      [true, "all", 0],
    ]);
    expect(wrapper.findAll('[data-testid="deputy-filter-status"] .el-radio-button').map((b) => b.text())).toEqual([
      "在任",
      "已离任",
      "全部",
    ]);

    // 重置 changes several controls at once and reads the list once, with the opening filter.
    await wrapper.get('[data-testid="deputy-filter-reset"]').trigger("click");
    await settle();
    expect(deputyPage.mock.calls.slice(3).map(([f, offset]) => [f, offset])).toEqual([[servingDeputies(), 0]]);
  });

  it("opens the detail drawer from a row (click or Enter) and closes it with Esc", async () => {
    wrapper = await mountView();
    await wrapper.get('[data-testid="deputy-row"]').trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(deputyDetail.mock.calls).toEqual([["D000001"]]);
    expect($("deputy-detail-name")?.textContent).toBe("张明新");
    expect($("deputy-detail-phone")?.textContent).toBe("138****5678");
    expect($("deputy-detail-levels")?.textContent?.trim()).toBe("市第12届、县级");
    expect($("deputy-detail-flags")?.textContent).toContain("企业家代表");
    expect($("deputy-detail-status")?.textContent?.trim()).toBe("在任");

    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", code: "Escape" }));
    await settle();
    expect((document.querySelector(".el-overlay") as HTMLElement).style.display).toBe("none");
    expect(wrapper.findComponent({ name: "ElDrawer" }).props("modelValue")).toBe(false);

    // A row whose deputy is gone shows Rust's message.
    await wrapper.findAll('[data-testid="deputy-row"]')[1]!.trigger("click");
    await flushPromises();
    expect($("deputy-detail-error")?.textContent).toContain("代表编号不存在");
  });

  it("moves between rows with ↑/↓ and opens the focused one with Enter", async () => {
    wrapper = await mountView();
    const rows = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="deputy-row"]'));
    rows()[0]!.focus();
    rows()[0]!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    await flushPromises();
    expect(document.activeElement?.getAttribute("data-row-index")).toBe("1");
    document.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", bubbles: true }));
    await flushPromises();
    expect(document.activeElement?.getAttribute("data-row-index")).toBe("0");
    document.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await flushPromises();
    expect(deputyDetail.mock.calls).toEqual([["D000001"]]);
  });

  it("offers 显示 only to roles that may see personal data", async () => {
    wrapper = await mountView(CLERK);
    await wrapper.get('[data-testid="deputy-row"]').trigger("click");
    await flushPromises();
    expect($("deputy-detail-name")?.textContent).toBe("张明新");
    expect($("deputy-reveal")).toBeNull();
    wrapper.unmount();
    document.body.innerHTML = "";

    wrapper = await mountView(ADMIN);
    await wrapper.get('[data-testid="deputy-row"]').trigger("click");
    await flushPromises();
    expect($("deputy-reveal")?.textContent?.trim()).toBe("显示");
  });

  it("reveals only with a reason, then shows the real values and that the viewing was recorded", async () => {
    revealDeputyPrivate.mockResolvedValue({ private_phone: "13812345678", id_number: "410402197005051234" });
    wrapper = await mountView(ADMIN);
    await wrapper.get('[data-testid="deputy-row"]').trigger("click");
    await flushPromises();
    $("deputy-reveal")!.click();
    await flushPromises();

    $("reveal-confirm")!.click();
    await settle(); // Element shows field messages after a 100 ms debounce
    expect(revealDeputyPrivate).not.toHaveBeenCalled();
    expect(document.body.textContent).toContain("查看事由不能为空");

    const reason = $("reveal-reason") as HTMLInputElement;
    reason.value = "回访核实";
    reason.dispatchEvent(new Event("input"));
    await flushPromises();
    $("reveal-confirm")!.click();
    await flushPromises();

    expect(revealDeputyPrivate.mock.calls).toEqual([["D000001", "回访核实"]]);
    expect($("deputy-detail-phone")?.textContent).toBe("13812345678");
    expect($("deputy-detail-id-number")?.textContent).toBe("410402197005051234");
    expect($("deputy-revealed-note")?.textContent?.trim()).toBe("已记录查看记录");
  });

  it("shows a refused reveal in Chinese", async () => {
    revealDeputyPrivate.mockRejectedValue(new ipc.IpcCallError("forbidden", "没有权限"));
    wrapper = await mountView(ADMIN);
    await wrapper.get('[data-testid="deputy-row"]').trigger("click");
    await flushPromises();
    $("deputy-reveal")!.click();
    await flushPromises();
    const reason = $("reveal-reason") as HTMLInputElement;
    reason.value = "回访核实";
    reason.dispatchEvent(new Event("input"));
    $("reveal-confirm")!.click();
    await flushPromises();
    expect($("reveal-error")?.textContent).toContain("当前角色无权查看代表个人信息");
    expect($("deputy-detail-phone")?.textContent).toBe("138****5678");
  });

  it("edits: Rust's message for a bad phone appears under the phone field; a good save reloads", async () => {
    saveDeputy.mockRejectedValueOnce(
      new ipc.IpcCallError("invalid", "请检查输入", {
        fields: [{ field: "private_phone", message: "请输入正确的手机号码" }],
      }),
    );
    wrapper = await mountView(ADMIN);
    await wrapper.get('[data-testid="deputy-row"]').trigger("click");
    await flushPromises();
    $("deputy-edit")!.click();
    await flushPromises();

    const phone = $("deputy-form-private-phone") as HTMLInputElement;
    expect(phone.value).toBe("138****5678"); // masked, kept unless retyped
    expect($("deputy-form-private-phone-item")?.textContent).toContain("不修改则保留原号码");
    phone.value = "12345";
    phone.dispatchEvent(new Event("input"));
    await flushPromises();
    $("deputy-save")!.click();
    await settle();

    expect(saveDeputy).toHaveBeenCalledTimes(1);
    expect(saveDeputy.mock.calls[0]![0]).toMatchObject({
      code: "D000001",
      name: "张明新",
      private_phone: "12345",
      id_number: "410402********1234",
      levels: [
        { level: "city", term: 12 },
        { level: "county", term: null },
      ],
    });
    const phoneItem = $("deputy-form-private-phone-item")!;
    expect(phoneItem.querySelector(".el-form-item__error")?.textContent?.trim()).toBe("请输入正确的手机号码");
    expect($("deputy-form-error")).toBeNull(); // a field message is not repeated above the form

    saveDeputy.mockResolvedValueOnce({ id: "0190-d1", code: "D000001", outcome: "changed" });
    deputyPage.mockClear();
    deputyDetail.mockClear();
    phone.value = "13912345678";
    phone.dispatchEvent(new Event("input"));
    await flushPromises();
    $("deputy-save")!.click();
    await flushPromises();

    expect(document.body.textContent).toContain("已保存");
    expect(deputyDetail.mock.calls).toEqual([["D000001"]]); // the detail as Rust now has it
    expect(offsets()[0]).toBe(0); // and the list reloaded
    expect($("deputy-detail-name")?.textContent).toBe("张明新");
    expect($("deputy-form-private-phone")).toBeNull();
  });

  it("adds a deputy from an empty form; a rejection without a field shows above the form", async () => {
    saveDeputy.mockRejectedValueOnce(new ipc.IpcCallError("conflict", "该代表已存在"));
    wrapper = await mountView(ADMIN);
    await wrapper.get('[data-testid="deputy-add"]').trigger("click");
    await flushPromises();
    expect(deputyDetail).not.toHaveBeenCalled();
    expect(($("deputy-form-private-phone") as HTMLInputElement).value).toBe("");

    // The name is the one thing checked here; nothing is sent without it.
    $("deputy-save")!.click();
    await settle();
    expect(saveDeputy).not.toHaveBeenCalled();
    expect(document.body.textContent).toContain("姓名不能为空");

    const name = $("deputy-form-name") as HTMLInputElement;
    name.value = "王五";
    name.dispatchEvent(new Event("input"));
    await flushPromises();
    $("deputy-save")!.click();
    await settle();
    expect(saveDeputy.mock.calls[0]![0]).toMatchObject({ code: "", name: "王五", levels: [], station_code: null });
    expect($("deputy-form-error")?.textContent).toContain("该代表已存在");
  });

  it("asks before Esc throws away changes in the form; 取消 goes back to the detail", async () => {
    wrapper = await mountView(ADMIN);
    await wrapper.get('[data-testid="deputy-row"]').trigger("click");
    await flushPromises();
    $("deputy-edit")!.click();
    await flushPromises();
    const drawer = wrapper.findComponent({ name: "ElDrawer" });

    $("deputy-cancel")!.click(); // unchanged: straight back
    await flushPromises();
    expect($("deputy-detail-name")?.textContent).toBe("张明新");

    $("deputy-edit")!.click();
    await flushPromises();
    const name = $("deputy-form-name") as HTMLInputElement;
    name.value = "张明";
    name.dispatchEvent(new Event("input"));
    await flushPromises();
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", code: "Escape" }));
    await settle();
    expect(document.body.textContent).toContain("当前内容尚未保存，是否确认离开？");
    expect(drawer.props("modelValue")).toBe(true);
    expect($("deputy-form-name")).not.toBeNull();
  });

  it("focuses the search box on Ctrl+F", async () => {
    wrapper = await mountView();
    const input = wrapper.get('[data-testid="deputy-search"]').element as HTMLInputElement;
    input.blur();
    expect(document.activeElement).not.toBe(input);
    const event = new KeyboardEvent("keydown", { key: "f", ctrlKey: true, cancelable: true });
    window.dispatchEvent(event);
    expect(document.activeElement).toBe(input);
    expect(event.defaultPrevented).toBe(true);
  });
});
