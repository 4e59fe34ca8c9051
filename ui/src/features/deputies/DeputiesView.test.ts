// 代表名册 with a mocked Rust side: typing searches (debounced, deputies only, at most 50), the hits fill the
// table with masked phones, a click on a row opens the detail drawer; an empty box shows the hint, no hits the
// empty state; Ctrl+F focuses the search box.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { DeputyView, SearchHit } from "../../ipc";
import { createAppI18n } from "../../i18n";
import DeputiesView from "./DeputiesView.vue";

const HIT: SearchHit = {
  kind: "deputy",
  id: "0190-d1",
  code: "D000001",
  name: "张明新",
  context: "光明路联络站",
  phone: "0375-2345678",
  private_phone_masked: "138****5678",
};
const DETAIL: DeputyView = {
  id: "0190-d1",
  code: "D000001",
  name: "张明新",
  gender: "male",
  ethnicity: "汉族",
  birth_month: "1970-05",
  levels: [
    { level: "city", term: 12 },
    { level: "county", term: null },
  ],
  electoral_district: "第三选区",
  station_code: "XH-01",
  station_name: "光明路联络站",
  work_unit: "平顶山市某公司",
  title: "董事长",
  leading_cadre: false,
  entrepreneur: true,
  public_contact: "0375-2345678",
  private_phone_masked: "138****5678",
  id_number_masked: "410402********1234",
  status: "serving",
  ended_on: null,
};

/** Past the 150 ms debounce, with the mocked answer delivered. */
async function afterDebounce(): Promise<void> {
  await new Promise((r) => setTimeout(r, 220));
  await flushPromises();
}

describe("代表名册", () => {
  let wrapper: VueWrapper | undefined;
  let calls: [string, Record<string, unknown>][];

  beforeEach(() => {
    localStorage.clear();
    calls = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, unknown>]);
      if (cmd === "search_roster") return (args as { text: string }).text === "zmx" ? [HIT] : [];
      if (cmd === "deputy_detail") {
        if ((args as { code: string }).code === "D000001") return DETAIL;
        throw { code: "not_found", message: "代表编号不存在" };
      }
      throw `unexpected command ${cmd}`;
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    clearMocks();
  });

  function mountView(): VueWrapper {
    return mount(DeputiesView, {
      global: { plugins: [createAppI18n("zh-CN")], stubs: { transition: false, "transition-group": false } },
      attachTo: document.body,
    });
  }

  it("shows the hint and the placeholder before anything is typed", () => {
    wrapper = mountView();
    expect(wrapper.get('[data-testid="deputy-hint"]').text()).toContain("输入姓名");
    expect(wrapper.get('[data-testid="deputy-search"]').attributes("placeholder")).toBe(
      "姓名、拼音、首字母、编号或电话尾号",
    );
    expect(calls).toEqual([]);
  });

  it("searches what is typed, once, and shows the hits with masked phones; a click opens the detail", async () => {
    wrapper = mountView();
    const input = wrapper.get('[data-testid="deputy-search"]');
    await input.setValue("z");
    await input.setValue("zm");
    await input.setValue("zmx");
    await afterDebounce();

    const searches = calls.filter(([cmd]) => cmd === "search_roster");
    expect(searches).toHaveLength(1); // debounced: the last text only
    expect(searches[0]![1]).toMatchObject({ text: "zmx", filter: { kinds: ["deputy"], limit: 50 } });

    const table = wrapper.get('[data-testid="deputy-table"]');
    const headers = table.findAll("th").map((th) => th.text());
    expect(headers).toEqual(["编号", "姓名", "所属联络站", "公开电话", "手机（脱敏）"]);
    const rows = table.findAll("tbody tr.el-table__row");
    expect(rows).toHaveLength(1);
    const cells = rows[0]!.findAll("td").map((td) => td.text());
    expect(cells).toEqual(["D000001", "张明新", "光明路联络站", "0375-2345678", "138****5678"]);

    await rows[0]!.trigger("click");
    await flushPromises();
    expect(calls.filter(([cmd]) => cmd === "deputy_detail")).toEqual([["deputy_detail", { code: "D000001" }]]);
    const drawer = document.body.querySelector('[data-testid="deputy-drawer"]');
    expect(drawer).not.toBeNull();
    const text = drawer!.textContent ?? "";
    expect(document.body.querySelector('[data-testid="deputy-detail-name"]')?.textContent).toBe("张明新");
    expect(document.body.querySelector('[data-testid="deputy-detail-phone"]')?.textContent).toBe("138****5678");
    expect(document.body.querySelector('[data-testid="deputy-detail-levels"]')?.textContent?.trim()).toBe(
      "市第12届、县级",
    );
    for (const expected of ["光明路联络站（XH-01）", "企业家代表", "在任", "410402********1234", "男"]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("领导干部代表");
  });

  it("shows the empty state when nothing matches and the hint again when the box is cleared", async () => {
    wrapper = mountView();
    const input = wrapper.get('[data-testid="deputy-search"]');
    await input.setValue("qqqq");
    await afterDebounce();
    expect(wrapper.get('[data-testid="deputy-empty"]').text()).toContain("没有找到匹配的代表");
    expect(wrapper.find('[data-testid="deputy-table"]').exists()).toBe(false);

    await input.setValue("");
    await afterDebounce();
    expect(wrapper.find('[data-testid="deputy-hint"]').exists()).toBe(true);
    expect(calls.filter(([cmd]) => cmd === "search_roster")).toHaveLength(1);
  });

  it("focuses the search box on Ctrl+F", async () => {
    wrapper = mountView();
    const input = wrapper.get('[data-testid="deputy-search"]').element as HTMLInputElement;
    input.blur();
    expect(document.activeElement).not.toBe(input);
    const event = new KeyboardEvent("keydown", { key: "f", ctrlKey: true, cancelable: true });
    window.dispatchEvent(event);
    expect(document.activeElement).toBe(input);
    expect(event.defaultPrevented).toBe(true);
  });
});
