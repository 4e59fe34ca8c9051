// The screens before the layout, mounted in the App with a mocked Rust side: the first-run form (Chinese
// validation messages, what it sends), the sign-in screen (the Rust error shown, Enter submits), 退出登录.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.vue";
import { createAppI18n } from "../i18n";
import { createAppRouter } from "../router";
import { ADMIN, FIRST_RUN_INPUT, SETUP } from "../test/fixtures";

async function mountApp(): Promise<VueWrapper> {
  const router = createAppRouter("memory");
  await router.push("/");
  await router.isReady();
  const wrapper = mount(App, {
    global: { plugins: [createAppI18n(), router], stubs: { transition: false, "transition-group": false } },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

/** Element Plus validation resolves over a few ticks, and shows its message after a 100 ms debounce. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 60));
  }
}

describe("first-run and sign-in screens", () => {
  let wrapper: VueWrapper | undefined;
  let calls: [string, unknown][];

  beforeEach(() => {
    localStorage.clear();
    calls = [];
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    clearMocks();
  });

  it("fills the first-run form, checks it in Chinese, and lands in the app signed in", async () => {
    let operators = false;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "first_run_status") return { setup: null, operators_exist: operators };
      if (cmd === "complete_first_run") {
        operators = true;
        return { session: ADMIN, setup: SETUP };
      }
      throw `unexpected command ${cmd}`;
    });
    wrapper = await mountApp();
    expect(wrapper.get('[data-testid="first-run"]').text()).toContain("首次设置");
    expect(wrapper.find("li.el-menu-item").exists()).toBe(false);

    await wrapper.get('[data-testid="fr-submit"]').trigger("click");
    await settle();
    const text = wrapper.get('[data-testid="first-run"]').text();
    for (const message of ["用户名不能为空", "姓名不能为空", "密码不能为空", "请再次输入密码", "联络站模式须填写联络站编码或名称"]) {
      expect(text).toContain(message);
    }
    expect(calls.map(([cmd]) => cmd)).toEqual(["first_run_status"]);

    await wrapper.get('[data-testid="fr-login"]').setValue("wangfang");
    await wrapper.get('[data-testid="fr-name"]').setValue("王芳");
    await wrapper.get('[data-testid="fr-password"]').setValue("short");
    await wrapper.get('[data-testid="fr-password-again"]').setValue("other");
    await wrapper.get('[data-testid="fr-station-code"]').setValue("XH-09");
    await wrapper.get('[data-testid="fr-station-name"]').setValue("光明路联络站");
    await wrapper.get('[data-testid="fr-city"]').setValue("平顶山市");
    await wrapper.get('[data-testid="fr-submit"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-testid="first-run"]').text()).toContain("密码至少 8 个字符，且须同时包含英文字母和数字");
    expect(wrapper.get('[data-testid="first-run"]').text()).toContain("两次输入的密码不一致");

    await wrapper.get('[data-testid="fr-password"]').setValue("admin2026");
    await wrapper.get('[data-testid="fr-password-again"]').setValue("admin2026");
    await wrapper.get('[data-testid="fr-load-demo"] input').setValue(true);
    await wrapper.get('[data-testid="fr-submit"]').trigger("click");
    await settle();
    expect(calls.find(([cmd]) => cmd === "complete_first_run")?.[1]).toEqual({
      input: FIRST_RUN_INPUT,
    });
    expect(wrapper.findAll("li.el-menu-item")).toHaveLength(10);
    expect(wrapper.get('[data-testid="header-station"]').text()).toBe("联络站：光明路联络站");
    expect(wrapper.get('[data-testid="header-operator"]').text()).toBe("操作员：王芳（管理员）");
  });

  it("sends office mode without a station and shows a refusal from Rust", async () => {
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "first_run_status") return { setup: null, operators_exist: false };
      if (cmd === "complete_first_run") throw { code: "invalid", message: "密码不能与用户名相同" };
      throw `unexpected command ${cmd}`;
    });
    wrapper = await mountApp();
    await wrapper.get('[data-testid="fr-mode-office"] input').setValue(true);
    expect(wrapper.find('[data-testid="fr-station-code"]').exists()).toBe(false);
    await wrapper.get('[data-testid="fr-login"]').setValue("admin2026");
    await wrapper.get('[data-testid="fr-name"]').setValue("王芳");
    await wrapper.get('[data-testid="fr-password"]').setValue("admin2026");
    await wrapper.get('[data-testid="fr-password-again"]').setValue("admin2026");
    await wrapper.get('[data-testid="fr-submit"]').trigger("click");
    await settle();
    const sent = calls.find(([cmd]) => cmd === "complete_first_run")?.[1] as { input: Record<string, unknown> };
    expect(sent.input).toMatchObject({ mode: "office", station_code: null, station_name: "", load_demo: false });
    expect(wrapper.get('[data-testid="first-run-error"]').text()).toContain("密码不能与用户名相同");
    expect(wrapper.find("li.el-menu-item").exists()).toBe(false);
  });

  it("signs in with Enter, shows a wrong password in Chinese, and 退出登录 returns to sign-in", async () => {
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "first_run_status") return { setup: SETUP, operators_exist: true };
      if (cmd === "current_session") return null;
      if (cmd === "sign_in") {
        const { password } = args as { password: string };
        if (password !== "admin2026") throw { code: "invalid", message: "用户名或密码错误" };
        return ADMIN;
      }
      if (cmd === "sign_out") return null;
      throw `unexpected command ${cmd}`;
    });
    wrapper = await mountApp();
    expect(wrapper.get('[data-testid="sign-in"]').text()).toContain("操作员登录");

    await wrapper.get('[data-testid="si-login"]').setValue("wangfang");
    await wrapper.get('[data-testid="si-password"]').setValue("wrong1234");
    await wrapper.get('[data-testid="si-password"]').trigger("keyup", { key: "Enter" });
    await settle();
    expect(wrapper.get('[data-testid="sign-in-error"]').text()).toContain("用户名或密码错误");

    await wrapper.get('[data-testid="si-password"]').setValue("admin2026");
    await wrapper.get('[data-testid="si-password"]').trigger("keyup", { key: "Enter" });
    await settle();
    expect(calls.filter(([cmd]) => cmd === "sign_in").at(-1)?.[1]).toEqual({ login: "wangfang", password: "admin2026" });
    expect(wrapper.get('[data-testid="header-operator"]').text()).toBe("操作员：王芳（管理员）");

    await wrapper.get('[data-testid="sign-out"]').trigger("click");
    await settle();
    expect(calls.at(-1)).toEqual(["sign_out", { reason: "user" }]);
    expect(wrapper.find('[data-testid="sign-in"]').exists()).toBe(true);
    expect((wrapper.get('[data-testid="si-login"]').element as HTMLInputElement).value).toBe("wangfang");
    expect(wrapper.find('[data-testid="sign-in-idle"]').exists()).toBe(false);
  });
});
