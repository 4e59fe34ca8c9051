// The 编辑联络站 / 新增联络站 form with savePlatform mocked: it sends the PlatformInput Rust expects (days sorted,
// clerks split, star history kept), puts a field error Rust returns under that field, shows a refusal that names
// no field above the form, and stops a new platform without code or name before calling Rust.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { ElMessage } from "element-plus";
import * as ipc from "../../ipc";
import type { PlatformView } from "../../ipc";
import { createAppI18n } from "../../i18n";
import StationForm from "./StationForm.vue";
import { PLATFORM, REGIONS } from "./testData";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, savePlatform: vi.fn() };
});

const mocked = vi.mocked(ipc);

function q<T extends HTMLElement = HTMLElement>(testId: string): T | null {
  return document.body.querySelector<T>(`[data-testid="${testId}"]`);
}

function formItemOf(testId: string): HTMLElement {
  const item = q(testId)?.closest<HTMLElement>(".el-form-item");
  if (!item) throw new Error(`no form item around ${testId}`);
  return item;
}

/** Element Plus shows a form item's error 100 ms after the state changes (refDebounced). */
async function settle(): Promise<void> {
  await flushPromises();
  await new Promise((r) => setTimeout(r, 150));
  await flushPromises();
}

async function type(testId: string, value: string): Promise<void> {
  const input = q<HTMLInputElement>(testId)!;
  input.value = value;
  input.dispatchEvent(new Event("input"));
  await flushPromises();
}

// Mounting the whole dialog (pickers, cascader) takes seconds on a loaded build machine.
describe("StationForm", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    ElMessage.closeAll();
    document.body.innerHTML = "";
  });

  async function mountForm(platform: PlatformView | null): Promise<VueWrapper> {
    const w = mount(StationForm, {
      props: { modelValue: true, platform, regions: REGIONS },
      global: { plugins: [createAppI18n("zh-CN")] },
      attachTo: document.body,
    });
    await flushPromises();
    return w;
  }

  it("shows Rust's message under the field it names when the save is refused, and stays open", async () => {
    mocked.savePlatform.mockRejectedValue(
      new ipc.IpcCallError("invalid", "输入有误", { fields: [{ field: "phone", message: "电话号码格式不正确" }] }),
    );
    wrapper = await mountForm(PLATFORM);
    await type("station-form-phone", "12345");
    q("station-save")!.click();
    await settle();

    expect(mocked.savePlatform).toHaveBeenCalledTimes(1);
    expect(mocked.savePlatform.mock.calls[0]![0]).toEqual({
      code: "XH-01",
      name: "光明路街道人大代表联络站",
      kind: "station",
      region_code: "410402001",
      address: "光明路 12 号",
      phone: "12345",
      opening_hours: "周一至周五 9:00-12:00",
      reception_days: [1, 3],
      star_ratings: [
        { level: "province", year: 2021, withdrawn_on: "2023-05-01", reason: "台账不全" },
        { level: "city", year: 2023, withdrawn_on: null, reason: "" },
      ],
      head_name: "李华",
      clerks: ["王芳", "赵强"],
      closed_on: null,
    });
    expect(formItemOf("station-form-phone").querySelector(".el-form-item__error")?.textContent?.trim()).toBe(
      "电话号码格式不正确",
    );
    expect(formItemOf("station-form-name").querySelector(".el-form-item__error")).toBeNull();
    expect(q("station-form-error")).toBeNull();
    expect(wrapper.emitted("saved")).toBeUndefined();
    expect(wrapper.emitted("update:modelValue")).toBeUndefined();
  });

  it("shows a refusal that names no field above the form", async () => {
    mocked.savePlatform.mockRejectedValue(new ipc.IpcCallError("forbidden", "当前角色无权修改联络站"));
    wrapper = await mountForm(PLATFORM);
    q("station-save")!.click();
    await settle();
    expect(q("station-form-error")?.textContent).toContain("当前角色无权修改联络站");
  });

  it("saves, closes and tells the screen which platform changed; clerks typed with 、 and , are split", async () => {
    mocked.savePlatform.mockResolvedValue({ id: "p1", code: "XH-01", outcome: "changed" });
    wrapper = await mountForm(PLATFORM);
    await type("station-form-name", "光明路联络站");
    const clerkInput = Array.from(document.body.querySelectorAll<HTMLInputElement>("input")).find(
      (i) => i.value === "王芳、赵强",
    )!;
    clerkInput.value = "王芳、赵强, 孙丽";
    clerkInput.dispatchEvent(new Event("input"));
    await flushPromises();
    q("station-save")!.click();
    await settle();
    expect(mocked.savePlatform.mock.calls[0]![0]).toMatchObject({ name: "光明路联络站", clerks: ["王芳", "赵强", "孙丽"] });
    expect(wrapper.emitted("saved")).toEqual([["XH-01"]]);
    expect(wrapper.emitted("update:modelValue")).toEqual([[false]]);
    expect(document.body.textContent).toContain("修改成功");
  });

  it("does not call Rust for a new platform without code and name, and says which are missing", async () => {
    wrapper = await mountForm(null);
    const code = q<HTMLInputElement>("station-form-code")!;
    expect(code.value).toBe("");
    expect(code.readOnly).toBe(false);
    q("station-save")!.click();
    await settle();
    expect(mocked.savePlatform).not.toHaveBeenCalled();
    expect(formItemOf("station-form-code").querySelector(".el-form-item__error")?.textContent?.trim()).toBe(
      "编码不能为空",
    );
    expect(formItemOf("station-form-name").querySelector(".el-form-item__error")?.textContent?.trim()).toBe(
      "名称不能为空",
    );
  });
});
