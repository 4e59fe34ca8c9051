// The shell: nine navigation items with their zh-CN labels, the header slots (station and mode from the setup,
// the signed-in operator; "未设置" where there is none), the language switch; and the screens before it: the
// first-run form, the sign-in screen, 退出登录. The backend is mockIPC.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { InstallationSetup } from "./ipc";
import App from "./App.vue";
import { LOCALE_STORAGE_KEY, createAppI18n } from "./i18n";
import { createAppRouter } from "./router";
import { NAV_ITEMS } from "./layout/nav";
import { ADMIN } from "./test/fixtures";

const ZH_LABELS = ["工作台", "接待登记", "意见建议", "进站履职", "代表名册", "联络站", "二维码", "同步", "统计", "设置"];
const EN_LABELS = ["Dashboard", "Visits", "Suggestions", "Station duty", "Deputies", "Stations", "QR codes", "Sync", "Statistics", "Settings"];

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


/** A signed-in backend with this setup (null: none saved). */
function backend(setup: InstallationSetup | null): void {
  mockIPC((cmd) => {
    if (cmd === "first_run_status") return { setup, operators_exist: true };
    if (cmd === "current_session") return ADMIN;
    throw `unexpected command ${cmd}`;
  });
}

describe("App shell", () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    localStorage.clear();
    backend(null);
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    clearMocks();
  });

  it("shows the ten navigation items in Chinese, in order", async () => {
    wrapper = await mountApp();
    expect(wrapper.findAll("li.el-menu-item")).toHaveLength(10);
    expect(navLabels(wrapper)).toEqual(ZH_LABELS);
    expect(wrapper.get('[data-testid="app-name"]').text()).toBe("联络站工作台");
  });

  it("shows 未设置 for station and mode without a setup, and the signed-in operator (no invented data)", async () => {
    wrapper = await mountApp();
    for (const slot of ["station", "mode"]) {
      expect(wrapper.get(`[data-testid="header-${slot}"]`).text()).toContain("未设置");
    }
    expect(wrapper.get('[data-testid="header-station"]').text()).toBe("联络站：未设置");
    expect(wrapper.get('[data-testid="header-operator"]').text()).toBe("操作员：王芳（管理员）");
  });

  it("shows the station and mode of the setup", async () => {
    backend({ mode: "station", station_code: "XH-01", station_name: "光明路联络站", city_name: "", idle_lock_minutes: 10 });
    wrapper = await mountApp();
    expect(wrapper.get('[data-testid="header-station"]').text()).toBe("联络站：光明路联络站");
    expect(wrapper.get('[data-testid="header-mode"]').text()).toBe("模式：联络站模式");
    expect(wrapper.get('[data-testid="header-operator"]').text()).toBe("操作员：王芳（管理员）");

    await wrapper.get('[data-testid="lang-en"] input').setValue(true);
    await flushPromises();
    expect(wrapper.get('[data-testid="header-mode"]').text()).toBe("Mode:Station mode");
    expect(wrapper.get('[data-testid="header-operator"]').text()).toBe("Operator:王芳 (Administrator)");
  });

  it("shows the city and 机关模式 in office mode", async () => {
    backend({ mode: "office", station_code: null, station_name: "", city_name: "平顶山市", idle_lock_minutes: 10 });
    wrapper = await mountApp();
    expect(wrapper.get('[data-testid="header-station"]').text()).toBe("联络站：平顶山市");
    expect(wrapper.get('[data-testid="header-mode"]').text()).toBe("模式：机关模式");
  });

  it("says the database could not be read, with the Chinese reason, when the status fails", async () => {
    mockIPC(() => {
      throw { code: "storage", message: "数据库或文件读写失败，详情已记入日志" };
    });
    wrapper = await mountApp();
    const failed = wrapper.get('[data-testid="session-failed"]').text();
    expect(failed).toContain("无法读取本机数据库");
    expect(failed).toContain("数据库或文件读写失败，详情已记入日志");
    expect(wrapper.find("li.el-menu-item").exists()).toBe(false);
  });

  it("opens a screen from the navigation", async () => {
    wrapper = await mountApp();
    await wrapper.get('[data-testid="nav-stats"]').trigger("click");
    await flushPromises();
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe("统计");
    expect(wrapper.find('[data-testid="stats-view"]').exists()).toBe(true);
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
    expect(wrapper.get('[data-testid="sign-out"]').text()).toBe("Sign out");
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
