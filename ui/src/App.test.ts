// The shell: nine navigation items with their zh-CN labels, the "未设置" header slots, the language switch.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import App from "./App.vue";
import { LOCALE_STORAGE_KEY, createAppI18n } from "./i18n";
import { createAppRouter } from "./router";
import { NAV_ITEMS } from "./layout/nav";

const ZH_LABELS = ["工作台", "接待登记", "意见建议", "代表名册", "联络站", "二维码", "同步", "统计", "设置"];
const EN_LABELS = ["Dashboard", "Visits", "Suggestions", "Deputies", "Stations", "QR codes", "Sync", "Statistics", "Settings"];

async function mountApp(): Promise<VueWrapper> {
  const router = createAppRouter("memory");
  await router.push("/");
  await router.isReady();
  const wrapper = mount(App, { global: { plugins: [createAppI18n(), router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

function navLabels(wrapper: VueWrapper): string[] {
  return NAV_ITEMS.map((item) => wrapper.get(`[data-testid="nav-${item.key}"]`).text());
}

describe("App shell", () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  it("shows the nine navigation items in Chinese, in order", async () => {
    wrapper = await mountApp();
    expect(wrapper.findAll("li.el-menu-item")).toHaveLength(9);
    expect(navLabels(wrapper)).toEqual(ZH_LABELS);
    expect(wrapper.get('[data-testid="app-name"]').text()).toBe("联络站工作台");
  });

  it("shows 未设置 for station, operator and mode (no invented data)", async () => {
    wrapper = await mountApp();
    for (const slot of ["station", "operator", "mode"]) {
      expect(wrapper.get(`[data-testid="header-${slot}"]`).text()).toContain("未设置");
    }
    expect(wrapper.get('[data-testid="header-station"]').text()).toBe("联络站：未设置");
  });

  it("opens a screen from the navigation and shows the honest empty state", async () => {
    wrapper = await mountApp();
    await wrapper.get('[data-testid="nav-deputies"]').trigger("click");
    await flushPromises();
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe("代表名册");
    expect(wrapper.get('[data-testid="coming-soon"]').text()).toContain("该功能将在后续版本提供");
  });

  it("collapses the navigation to icons and expands it again", async () => {
    wrapper = await mountApp();
    const menu = () => wrapper!.get("ul.el-menu");
    expect(menu().classes()).not.toContain("el-menu--collapse");
    await wrapper.get('[data-testid="nav-collapse"]').trigger("click");
    expect(menu().classes()).toContain("el-menu--collapse");
    expect(wrapper.get('[data-testid="nav-collapse"]').attributes("aria-label")).toBe("展开菜单");
    await wrapper.get('[data-testid="nav-collapse"]').trigger("click");
    expect(menu().classes()).not.toContain("el-menu--collapse");
  });

  it("switches to English and back, and remembers the choice", async () => {
    wrapper = await mountApp();
    await wrapper.get('[data-testid="lang-en"] input').setValue(true);
    await flushPromises();
    expect(navLabels(wrapper)).toEqual(EN_LABELS);
    expect(wrapper.get('[data-testid="app-name"]').text()).toBe("Liaison Desk");
    expect(wrapper.get('[data-testid="header-mode"]').text()).toBe("Mode:Not set");
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("en");
    expect(document.documentElement.lang).toBe("en");

    wrapper.unmount();
    wrapper = await mountApp(); // a restart keeps English
    expect(navLabels(wrapper)).toEqual(EN_LABELS);

    await wrapper.get('[data-testid="lang-zh-CN"] input').setValue(true);
    await flushPromises();
    expect(navLabels(wrapper)).toEqual(ZH_LABELS);
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("zh-CN");
  });
});
