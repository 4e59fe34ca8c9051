// 设置 with a mocked Rust side (vi.mock of the ipc module) and a stand-in session flow: a clerk sees the setup
// read-only and no 操作员 tab; an administrator saves new idle minutes (saveSetup gets them, the shell gets the
// saved setup) — also by Enter in the last field; the operators table; the new-operator dialog refuses
// mismatching passwords without calling Rust and shows Rust's refusal; deactivating the last administrator shows
// Rust's refusal; the own-password form checks the two entries and shows 当前密码不正确.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DOMWrapper, flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { reactive } from "vue";
import * as ipc from "../../ipc";
import { IpcCallError, type InstallationInfo, type InstallationSetup, type OperatorView, type Role } from "../../ipc";
import { createAppI18n } from "../../i18n";
import { SESSION_FLOW, type FlowState, type SessionFlow } from "../../session/flow";
import { ADMIN, SETUP } from "../../test/fixtures";
import SettingsView from "./SettingsView.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual,
    appInfo: vi.fn(),
    saveSetup: vi.fn(),
    listOperators: vi.fn(),
    createOperator: vi.fn(),
    setOperatorRole: vi.fn(),
    setOperatorActive: vi.fn(),
    resetOperatorPassword: vi.fn(),
    changeOwnPassword: vi.fn(),
  };
});
const rust = vi.mocked(ipc);

const INFO: InstallationInfo = {
  db_path: "/home/wf/.local/share/liaison-desk/liaison.db",
  node_id: "node-0190abcd",
  schema_version: 7,
  setup: SETUP,
};
const OPERATORS: OperatorView[] = [
  {
    id: "0190-o1",
    login: "wangfang",
    display_name: "王芳",
    role: "admin",
    role_label: "管理员",
    active: true,
    created_at: "2026-11-01T08:00:00Z",
    last_sign_in_at: "2026-11-25T01:05:00Z",
    failed_attempts: 0,
    locked_until: null,
  },
  {
    id: "0190-o2",
    login: "liming",
    display_name: "李明",
    role: "clerk",
    role_label: "联络员",
    active: false,
    created_at: "2026-11-02T08:00:00Z",
    last_sign_in_at: null,
    failed_attempts: 5,
    locked_until: "2999-01-01T00:00:00Z",
  },
];

/** The session flow the App would provide, signed in with `role`; applySetup() takes the setup as the real one does. */
function fakeFlow(role: Role): SessionFlow {
  const state = reactive<FlowState>({
    phase: "signed-in",
    setup: { ...SETUP },
    session: { ...ADMIN, role, role_label: role },
    error: null,
    lockedByIdle: false,
    lastLogin: ADMIN.login,
  });
  return {
    state,
    start: vi.fn(async () => undefined),
    applySetup: vi.fn((setup: InstallationSetup) => {
      state.setup = setup;
    }),
    completeFirstRun: vi.fn(),
    signIn: vi.fn(),
    signOut: vi.fn(),
    dispose: vi.fn(),
  };
}

/** Element Plus validation resolves over a few ticks and shows its message after a short debounce. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 60));
  }
}

const body = () => new DOMWrapper(document.body);

describe("设置", () => {
  let wrapper: VueWrapper | undefined;
  let flow: SessionFlow;

  beforeEach(() => {
    localStorage.clear();
    vi.clearAllMocks();
    rust.appInfo.mockResolvedValue(structuredClone(INFO));
    rust.listOperators.mockResolvedValue(structuredClone(OPERATORS));
    rust.saveSetup.mockImplementation(async (setup) => ({ ...setup }));
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountAs(role: Role): Promise<VueWrapper> {
    flow = fakeFlow(role);
    wrapper = mount(SettingsView, {
      global: {
        plugins: [createAppI18n("zh-CN")],
        provide: { [SESSION_FLOW as symbol]: flow },
        stubs: { transition: false, "transition-group": false },
      },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper;
  }

  async function openTab(name: string): Promise<void> {
    await wrapper!.get(`#tab-${name}`).trigger("click");
    await flushPromises();
  }

  const idleInput = () => wrapper!.get('[data-testid="settings-idle-minutes"] input');

  it("shows a clerk the setup read-only with 仅管理员可修改, and no 操作员 tab", async () => {
    await mountAs("clerk");
    const form = wrapper!.get('[data-testid="settings-setup-form"]');
    expect(form.text()).toContain("仅管理员可修改");
    expect(form.text()).toContain("联络站模式");
    expect((wrapper!.get('[data-testid="settings-station-name"]').element as HTMLInputElement).value).toBe("光明路联络站");
    expect((idleInput().element as HTMLInputElement).value).toBe("10");
    for (const id of ["settings-station-code", "settings-station-name", "settings-city-name"]) {
      expect(wrapper!.get(`[data-testid="${id}"]`).attributes("disabled"), id).toBeDefined();
    }
    expect(idleInput().attributes("disabled")).toBeDefined();
    expect(wrapper!.find('[data-testid="settings-setup-save"]').exists()).toBe(false);

    const tabs = wrapper!.findAll(".el-tabs__item").map((tab) => tab.text());
    expect(tabs).toEqual(["本机设置", "办理规则", "节假日日历", "二维码", "修改密码", "关于"]);
    expect(wrapper!.find("#tab-operators").exists()).toBe(false);
    expect(rust.listOperators).not.toHaveBeenCalled();

    // Enter in the form must not save for a clerk either.
    await wrapper!.get('[data-testid="settings-setup-form"]').trigger("keydown", { key: "Enter" });
    expect(rust.saveSetup).not.toHaveBeenCalled();
  });

  it("lets an administrator save new idle minutes and hands the saved setup to the shell", async () => {
    await mountAs("admin");
    expect(wrapper!.find('[data-testid="settings-admin-only"]').exists()).toBe(false);
    const input = idleInput();
    await input.setValue("30");
    await input.trigger("change");
    await wrapper!.get('[data-testid="settings-setup-save"]').trigger("click");
    await settle();

    expect(rust.saveSetup).toHaveBeenCalledTimes(1);
    expect(rust.saveSetup).toHaveBeenCalledWith({ ...SETUP, idle_lock_minutes: 30 });
    expect(flow.state.setup).toEqual({ ...SETUP, idle_lock_minutes: 30 }); // the header reads this
    expect(flow.applySetup).toHaveBeenCalledTimes(1); // re-arms the idle lock with the new minutes
  });

  it("saves by Enter in the last field, and shows Rust's message at the field it names", async () => {
    rust.saveSetup.mockRejectedValue(
      new IpcCallError("invalid", "城市名称过长", { fields: [{ field: "city_name", message: "城市名称过长" }] }),
    );
    await mountAs("admin");
    await wrapper!.get('[data-testid="settings-city-name"]').setValue("平顶山市市市");
    const input = idleInput();
    (input.element as HTMLInputElement).focus();
    await input.trigger("keydown", { key: "Enter" });
    await settle();

    expect(rust.saveSetup).toHaveBeenCalledWith({ ...SETUP, city_name: "平顶山市市市" });
    const item = wrapper!.get('[data-testid="settings-city-name"]').element.closest(".el-form-item")!;
    expect(item.textContent).toContain("城市名称过长");
    expect(flow.state.setup).toEqual(SETUP); // nothing saved, nothing handed on
    expect(flow.applySetup).not.toHaveBeenCalled();
  });

  it("lists the operators for an administrator with Chinese roles, status and local times", async () => {
    const tz = process.env.TZ;
    process.env.TZ = "Asia/Shanghai";
    try {
      await mountAs("admin");
      await openTab("operators");
      expect(rust.listOperators).toHaveBeenCalledTimes(1);
      const rows = wrapper!.findAll('[data-testid="op-table"] tbody tr.el-table__row');
      expect(rows).toHaveLength(2);
      const cells = (i: number) => rows[i]!.findAll("td").map((td) => td.text());
      expect(cells(0).slice(0, 6)).toEqual(["wangfang", "王芳", "管理员", "启用", "2026-11-25 09:05", "-"]);
      expect(cells(1).slice(0, 6)).toEqual(["liming", "李明", "联络员", "停用", "-", "2999-01-01 08:00"]);
      expect(wrapper!.get('[data-testid="op-toggle-liming"]').text()).toBe("启用");
      expect(wrapper!.get('[data-testid="op-toggle-wangfang"]').text()).toBe("停用");
    } finally {
      process.env.TZ = tz;
    }
  });

  async function openAddDialog(): Promise<void> {
    await mountAs("admin");
    await openTab("operators");
    await wrapper!.get('[data-testid="op-add"]').trigger("click");
    await flushPromises();
    await body().get('[data-testid="op-login"]').setValue("zhaolei");
    await body().get('[data-testid="op-name"]').setValue("赵磊");
    await body().get('[data-testid="op-password"]').setValue("zhao2026a");
  }

  it("does not send a new operator whose two passwords differ", async () => {
    await openAddDialog();
    await body().get('[data-testid="op-password-again"]').setValue("zhao2026b");
    await body().get('[data-testid="op-save"]').trigger("click");
    await settle();

    expect(body().get('[data-testid="op-form"]').text()).toContain("两次输入的密码不一致");
    expect(rust.createOperator).not.toHaveBeenCalled();
  });

  it("sends a new operator with matching passwords and shows Rust's refusal in the dialog", async () => {
    rust.createOperator.mockRejectedValue(new IpcCallError("conflict", "用户名 zhaolei 已被使用"));
    await openAddDialog();
    await body().get('[data-testid="op-password-again"]').setValue("zhao2026a");
    await body().get('[data-testid="op-save"]').trigger("click");
    await settle();

    expect(rust.createOperator).toHaveBeenCalledWith({
      login: "zhaolei",
      display_name: "赵磊",
      role: "clerk",
      password: "zhao2026a",
    });
    expect(body().get('[data-testid="op-error"]').text()).toContain("用户名 zhaolei 已被使用");
    expect(body().find('[data-testid="op-login"]').isVisible()).toBe(true); // the dialog stays open
  });

  it("asks before deactivating and shows Rust's refusal for the last administrator", async () => {
    rust.setOperatorActive.mockRejectedValue(new IpcCallError("conflict", "至少要保留一名启用的管理员"));
    await mountAs("admin");
    await openTab("operators");
    await wrapper!.get('[data-testid="op-toggle-wangfang"]').trigger("click");
    await settle();

    const confirmBox = document.body.querySelector(".el-message-box");
    expect(confirmBox?.textContent).toContain("确认要“停用”操作员“王芳”吗？");
    expect(rust.setOperatorActive).not.toHaveBeenCalled();
    (confirmBox!.querySelector(".el-message-box__btns .el-button--primary") as HTMLButtonElement).click();
    await settle();

    expect(rust.setOperatorActive).toHaveBeenCalledWith("wangfang", false);
    const boxes = Array.from(document.body.querySelectorAll(".el-message-box")).map((b) => b.textContent ?? "");
    expect(boxes.some((text) => text.includes("至少要保留一名启用的管理员"))).toBe(true);
    expect(rust.listOperators).toHaveBeenCalledTimes(2); // reloaded: the table shows what is stored
  });

  it("checks the own new password twice and shows 当前密码不正确 from Rust", async () => {
    rust.changeOwnPassword.mockRejectedValue(new IpcCallError("invalid", "当前密码不正确"));
    await mountAs("clerk");
    await openTab("password");
    const field = (id: string) => wrapper!.get(`[data-testid="${id}"]`);
    await field("pw-current").setValue("old2026x");
    await field("pw-next").setValue("new2026x");
    await field("pw-again").setValue("new2026y");
    await field("pw-save").trigger("click");
    await settle();
    expect(field("settings-password-form").text()).toContain("两次输入的密码不一致");
    expect(rust.changeOwnPassword).not.toHaveBeenCalled();

    await field("pw-again").setValue("new2026x");
    await field("pw-save").trigger("click");
    await settle();
    expect(rust.changeOwnPassword).toHaveBeenCalledWith("old2026x", "new2026x");
    expect(field("pw-error").text()).toContain("当前密码不正确");
  });

  it("shows the database file, node id, schema version and where the logs are", async () => {
    await mountAs("clerk");
    await openTab("about");
    const about = wrapper!.get('[data-testid="settings-about"]');
    expect(about.get('[data-testid="about-db-path"]').text()).toBe(INFO.db_path);
    expect(about.get('[data-testid="about-node-id"]').text()).toBe("node-0190abcd");
    expect(about.get('[data-testid="about-schema"]').text()).toBe("7");
    expect(about.text()).toContain("日志文件位于数据目录的 logs 文件夹");
  });
});
