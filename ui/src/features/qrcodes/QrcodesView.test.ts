// 二维码: a station installation prints its own station's A4 card sheet; the office picks a station or everyone;
// a cancelled dialog prints nothing; Rust's refusal shows in Chinese.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { reactive } from "vue";
import * as ipc from "../../ipc";
import { createAppI18n } from "../../i18n";
import { SESSION_FLOW } from "../../session/flow";
import { SETUP } from "../../test/fixtures";
import QrcodesView from "./QrcodesView.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof ipc>();
  return { ...actual, printCardSheet: vi.fn(), platformList: vi.fn() };
});
const rust = vi.mocked(ipc);
const $ = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe("QrcodesView", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.platformList.mockResolvedValue([{ code: "XH-01", name: "光明路联络站" } as ipc.PlatformView]);
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = "";
  });

  async function mountAs(mode: "station" | "office"): Promise<void> {
    const setup = mode === "station" ? { ...SETUP, mode, station_code: "XH-03" } : { ...SETUP, mode, station_code: null };
    const flow = { state: reactive({ setup }) };
    wrapper = mount(QrcodesView, {
      global: { plugins: [createAppI18n("zh-CN")], provide: { [SESSION_FLOW as symbol]: flow } },
      attachTo: document.body,
    });
    await flushPromises();
  }

  it("prints this station's sheet in station mode, and nothing when the dialog is cancelled", async () => {
    await mountAs("station");
    expect(rust.platformList).not.toHaveBeenCalled();
    rust.printCardSheet.mockResolvedValueOnce(null);
    $("qrcodes-print-sheet")!.click();
    await flushPromises();
    expect(rust.printCardSheet).toHaveBeenCalledWith("XH-03");
    expect($("qrcodes-printed")).toBeNull();
    rust.printCardSheet.mockResolvedValueOnce("/home/wf/XH-03-代表联系卡（A4）.pdf");
    $("qrcodes-print-sheet")!.click();
    await flushPromises();
    expect($("qrcodes-printed")!.textContent).toContain("XH-03-代表联系卡（A4）.pdf");
  });

  it("prints every serving deputy's cards in office mode unless a station is picked, and shows Rust's refusal", async () => {
    await mountAs("office");
    expect(rust.platformList).toHaveBeenCalled();
    rust.printCardSheet.mockRejectedValueOnce(new ipc.IpcCallError("invalid", "所选范围内没有在任代表，无需打印"));
    $("qrcodes-print-sheet")!.click();
    await flushPromises();
    expect(rust.printCardSheet).toHaveBeenCalledWith(null);
    expect($("qrcodes-error")!.textContent).toContain("没有在任代表");
  });
});
