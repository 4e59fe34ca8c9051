// 接待登记 with registerVisit and searchRoster mocked: the form sends the VisitInput Rust expects for a visit with
// two matters (defaults from the session: station and clerk; the first receiving deputy as first responder),
// puts Rust's `matters[1].first_responder` refusal under the second matter's responder field (and not the
// first's), and stops a matter without title before calling Rust.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { reactive } from "vue";
import { ElSelect } from "element-plus";
import * as ipc from "../../ipc";
import { createAppI18n } from "../../i18n";
import { SESSION_FLOW, type FlowState, type SessionFlow } from "../../session/flow";
import { ADMIN, SETUP } from "../../test/fixtures";
import VisitForm from "./VisitForm.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, registerVisit: vi.fn(), searchRoster: vi.fn(), deadlinePreview: vi.fn(), rulesView: vi.fn().mockRejectedValue(new Error("no rules in this test")), clockNow: vi.fn().mockRejectedValue(new Error("no clock in this test")) };
});

const rust = vi.mocked(ipc);

function q<T extends HTMLElement = HTMLElement>(testId: string): T {
  const el = document.body.querySelector<T>(`[data-testid="${testId}"]`);
  if (!el) throw new Error(`no element ${testId}`);
  return el;
}

/** The text field of a testid (Element Plus puts the testid on the <input> of el-input, on a wrapper elsewhere). */
function field(testId: string): HTMLInputElement | HTMLTextAreaElement {
  const el = q(testId);
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el;
  const inner = el.querySelector<HTMLInputElement | HTMLTextAreaElement>("input, textarea");
  if (!inner) throw new Error(`no text field in ${testId}`);
  return inner;
}

function errorUnder(testId: string): string {
  const item = q(testId).closest(".el-form-item");
  return item?.querySelector(".el-form-item__error")?.textContent?.trim() ?? "";
}

async function type(testId: string, value: string): Promise<void> {
  const input = field(testId);
  input.value = value;
  input.dispatchEvent(new Event("input"));
  await flushPromises();
}

/** Element Plus validates over a few ticks and shows a form item's error after a short debounce. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 60));
  }
}

function fakeFlow(): SessionFlow {
  const state = reactive<FlowState>({
    phase: "signed-in",
    setup: { ...SETUP },
    session: { ...ADMIN },
    error: null,
    lockedByIdle: false,
    lastLogin: ADMIN.login,
  });
  return {
    state,
    start: vi.fn(),
    applySetup: vi.fn(),
    completeFirstRun: vi.fn(),
    signIn: vi.fn(),
    signOut: vi.fn(),
    dispose: vi.fn(),
  };
}

const DEPUTY: ipc.SearchHit = {
  kind: "deputy",
  id: "d1",
  code: "D-0001",
  name: "张明新",
  context: "光明路联络站",
  phone: "",
  private_phone_masked: "",
};

describe("VisitForm", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.searchRoster.mockResolvedValue([DEPUTY]);
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountForm(): Promise<VueWrapper> {
    wrapper = mount(VisitForm, {
      global: { plugins: [createAppI18n("zh-CN")], provide: { [SESSION_FLOW as symbol]: fakeFlow() } },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper;
  }

  /** The el-select whose placeholder mentions `label`, in screen order. */
  function selects(label: string) {
    return wrapper!.findAllComponents(ElSelect).filter((s) => String(s.props("placeholder") ?? "").includes(label));
  }

  /** Picks the receiving deputy as the clerk would: search, then choose the hit. */
  async function pickDeputy(): Promise<void> {
    const picker = selects("代表")[0]!;
    await (picker.props("remoteMethod") as (text: string) => Promise<void>)("zmx");
    await flushPromises();
    picker.vm.$emit("update:modelValue", [DEPUTY.code]);
    await flushPromises();
  }

  async function fillTwoMatters(): Promise<void> {
    await type("visit-citizen-name-0", "李桂兰");
    await type("visit-citizen-phone-0", "13912345678");
    await type("visit-matter-title-0", "小区路灯不亮");
    await type("visit-matter-detail-0", "3 号楼前路灯坏了两个月");
    selects("事项类别")[0]!.vm.$emit("update:modelValue", "城乡建设");
    q("visit-add-matter").click();
    await flushPromises();
    await type("visit-matter-title-1", "孩子入学难");
    selects("事项类别")[1]!.vm.$emit("update:modelValue", "教育");
    await flushPromises();
  }

  it("sends the VisitInput with two matters, the session's defaults and the first deputy as first responder", async () => {
    rust.registerVisit.mockResolvedValue({
      visit_id: "v1",
      matters: [
        { id: "m1", code: "XH-09-20260302-01" },
        { id: "m2", code: "XH-09-20260302-02" },
      ],
    });
    await mountForm();
    expect(field("visit-station").value).toBe("XH-09");
    await pickDeputy();
    await fillTwoMatters();
    // The second matter was added after the deputy was picked: it starts with the same default.
    expect(field("visit-matter-responder-1").value).toBe("张明新");
    q("visit-channel-phone").click();
    await flushPromises();

    q("visit-save").click();
    await settle();

    expect(rust.registerVisit).toHaveBeenCalledTimes(1);
    const sent = rust.registerVisit.mock.calls[0]![0];
    expect(sent).toEqual({
      station_code: "XH-09",
      channel: "phone",
      received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
      deputies: ["D-0001"],
      clerk: "王芳",
      citizens: [{ name: "李桂兰", anonymous: false, phone: "13912345678", address: "" }],
      head_count: null,
      matters: [
        { title: "小区路灯不亮", detail: "3 号楼前路灯坏了两个月", category: "城乡建设", place: "", first_responder: "张明新" },
        { title: "孩子入学难", detail: "", category: "教育", place: "", first_responder: "张明新" },
      ],
    });
    expect(wrapper!.emitted("registered")?.[0]?.[0]).toMatchObject({ visit_id: "v1" });
  });

  it("defaults the reception time to Rust's clock, which deadlines count from", async () => {
    rust.clockNow.mockResolvedValueOnce("2026-12-01T01:30:00Z");
    rust.registerVisit.mockResolvedValue({ visit_id: "v1", matters: [] });
    await mountForm();
    await pickDeputy();
    await fillTwoMatters();
    q("visit-save").click();
    await settle();
    const sent = rust.registerVisit.mock.calls[0]![0];
    expect(new Date(sent.received_at!).toISOString()).toBe("2026-12-01T01:30:00.000Z");
  });

  it("shows Rust's matters[1].first_responder under the second matter's responder, not the first's", async () => {
    rust.registerVisit.mockRejectedValue(
      new ipc.IpcCallError("invalid", "输入有误", {
        fields: [
          { field: "matters[1].first_responder", message: "首问责任人不在本站名册中" },
          { field: "citizens[0].phone", message: "手机号码格式不正确" },
        ],
      }),
    );
    await mountForm();
    await fillTwoMatters();
    await type("visit-matter-responder-0", "王芳");
    await type("visit-matter-responder-1", "某某");
    q("visit-save").click();
    await settle();

    expect(rust.registerVisit).toHaveBeenCalledTimes(1);
    expect(errorUnder("visit-matter-responder-1")).toBe("首问责任人不在本站名册中");
    expect(errorUnder("visit-matter-responder-0")).toBe("");
    expect(errorUnder("visit-citizen-phone-0")).toBe("手机号码格式不正确");
    expect(wrapper!.emitted("registered")).toBeUndefined();
  });

  it("does not call Rust while a matter has no first responder, and says so under that field", async () => {
    await mountForm();
    await fillTwoMatters();
    await type("visit-matter-responder-0", "王芳");
    q("visit-save").click();
    await settle();

    expect(rust.registerVisit).not.toHaveBeenCalled();
    expect(errorUnder("visit-matter-responder-1")).toBe("首问责任人不能为空");
  });
});
