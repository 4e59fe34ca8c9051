// 联络站 with the IPC client mocked: the list loads with the empty filter, the search form sends what the clerk
// chose (keyword on Enter, kind and 包含已关闭 at once, 重置 back to nothing), the table shows Chinese kind and star
// labels, and a row opens the drawer with reception days as 周一… and withdrawn ratings marked 已撤销.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import type { PlatformListFilter } from "../../ipc";
import { createAppI18n } from "../../i18n";
import StationsView from "./StationsView.vue";
import { PLATFORM, REGIONS } from "./testData";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual,
    platformList: vi.fn(),
    platformDetail: vi.fn(),
    regionList: vi.fn(),
    savePlatform: vi.fn(),
    chooseExportFile: vi.fn(),
    exportRoster: vi.fn(),
    importTemplate: vi.fn(),
  };
});

const mocked = vi.mocked(ipc);

const EMPTY: PlatformListFilter = { text: "", kind: null, region_id: null, star: null, include_closed: false };

function lastFilter(): PlatformListFilter {
  const calls = mocked.platformList.mock.calls;
  return calls[calls.length - 1]![0];
}

// Mounting the screen with its drawer and form takes seconds on a loaded build machine.
describe("联络站", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    mocked.regionList.mockResolvedValue(REGIONS);
    mocked.platformList.mockResolvedValue([PLATFORM]);
    mocked.platformDetail.mockResolvedValue(PLATFORM);
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountView(): Promise<VueWrapper> {
    const w = mount(StationsView, {
      global: { plugins: [createAppI18n("zh-CN")], stubs: { transition: false, "transition-group": false } },
      attachTo: document.body,
    });
    await flushPromises();
    return w;
  }

  it("loads every open platform and shows them with Chinese labels", async () => {
    wrapper = await mountView();
    expect(mocked.platformList).toHaveBeenCalledTimes(1);
    expect(lastFilter()).toEqual(EMPTY);
    expect(wrapper.get('[data-testid="station-count"]').text()).toBe("共 1 个");
    const table = wrapper.get('[data-testid="station-table"]');
    expect(table.findAll("th").map((th) => th.text())).toEqual([
      "编码",
      "名称",
      "类型",
      "县（市、区）",
      "乡镇（街道）",
      "星级",
      "在站代表数",
      "负责人",
      "电话",
      "状态",
    ]);
    const cells = table.findAll("tbody tr.el-table__row")[0]!.findAll("td").map((td) => td.text());
    expect(cells).toEqual([
      "XH-01",
      "光明路街道人大代表联络站",
      "代表联络站",
      "新华区",
      "光明路街道",
      "市级星级（2023年）",
      "12",
      "李华",
      "0375-2345678",
      "正常",
    ]);
  });

  it("sends the chosen filter to platformList", async () => {
    wrapper = await mountView();
    const search = wrapper.get('[data-testid="station-search"]');
    await search.setValue("光明");
    await search.trigger("keyup", { key: "Enter" });
    await flushPromises();
    expect(lastFilter()).toEqual({ ...EMPTY, text: "光明" });

    await wrapper.get('[data-testid="station-include-closed"] input').setValue(true);
    await flushPromises();
    expect(lastFilter()).toEqual({ ...EMPTY, text: "光明", include_closed: true });

    // Kind: open the select and pick 代表联络点 from its (teleported) list.
    await wrapper.get('[data-testid="station-kind"]').trigger("click");
    await flushPromises();
    const option = Array.from(document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")).find(
      (li) => li.textContent?.trim() === "代表联络点",
    );
    expect(option).toBeDefined();
    option!.click();
    await flushPromises();
    expect(lastFilter()).toEqual({ ...EMPTY, text: "光明", include_closed: true, kind: "point" });

    await wrapper.get('[data-testid="station-reset"]').trigger("click");
    await flushPromises();
    expect(lastFilter()).toEqual(EMPTY);
    expect((wrapper.get('[data-testid="station-search"]').element as HTMLInputElement).value).toBe("");
  });

  it("shows the Chinese reason when the list cannot be read", async () => {
    mocked.platformList.mockRejectedValue(new ipc.IpcCallError("storage", "数据库或文件读写失败"));
    wrapper = await mountView();
    expect(wrapper.get('[data-testid="station-error"]').text()).toContain("读取联络站失败：数据库或文件读写失败");
  });

  it("opens the drawer from a row with weekdays, clerks and the withdrawn rating marked", async () => {
    wrapper = await mountView();
    await wrapper.get('[data-testid="station-table"] tbody tr.el-table__row').trigger("click");
    await flushPromises();
    expect(mocked.platformDetail).toHaveBeenCalledWith("XH-01");
    const drawer = document.body.querySelector('[data-testid="station-drawer"]')!;
    expect(drawer).not.toBeNull();
    expect(drawer.querySelector('[data-testid="station-detail-days"]')?.textContent).toBe("周一、周三");
    expect(drawer.querySelector('[data-testid="station-detail-clerks"]')?.textContent).toBe("王芳、赵强");
    const stars = Array.from(drawer.querySelectorAll('[data-testid="station-detail-stars"] tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll("td")).map((td) => td.textContent?.trim()),
    );
    expect(stars).toEqual([
      ["省级星级", "2021", "已撤销", "2023-05-01", "台账不全"],
      ["市级星级", "2023", "有效", "-", "-"],
    ]);

    (drawer.querySelector('[data-testid="station-edit"]') as HTMLElement).click();
    await flushPromises();
    const code = document.body.querySelector<HTMLInputElement>('[data-testid="station-form-code"]');
    expect(code?.value).toBe("XH-01");
    expect(code?.readOnly).toBe(true);
  });
});
