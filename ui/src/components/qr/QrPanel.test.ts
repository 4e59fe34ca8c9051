// The QR panel: draws Rust's matrix as an SVG path, shows the URL, prints the card (with the back when ticked) or
// the poster through Rust's save dialog, and shows Rust's refusal (a name no font can render) in Chinese.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import { createAppI18n } from "../../i18n";
import QrPanel from "./QrPanel.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof ipc>();
  return { ...actual, qrCode: vi.fn(), printDeputyCard: vi.fn(), printPlatformPoster: vi.fn() };
});
const rust = vi.mocked(ipc);

const $ = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe("QrPanel", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    // A 21×21 matrix with the top-left module dark.
    rust.qrCode.mockResolvedValue({ payload: "https://rd.example.gov.cn/d/D000001", size: 21, modules: [true, ...Array(440).fill(false)] });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = "";
  });

  async function mountFor(kind: "deputy" | "platform", code: string): Promise<void> {
    wrapper = mount(QrPanel, { props: { kind, code }, global: { plugins: [createAppI18n("zh-CN")] }, attachTo: document.body });
    await flushPromises();
  }

  it("draws the deputy's code from Rust's modules and shows the URL it carries", async () => {
    await mountFor("deputy", "D000001");
    expect(rust.qrCode).toHaveBeenCalledWith("deputy", "D000001");
    expect($("qr-code")!.getAttribute("viewBox")).toBe("0 0 29 29");
    expect($("qr-code")!.querySelector("path")!.getAttribute("d")).toBe("M4 4h1v1h-1z");
    expect($("qr-payload")!.textContent).toBe("https://rd.example.gov.cn/d/D000001");
  });

  it("prints the card with its back when ticked, and nothing happens when the dialog is cancelled", async () => {
    await mountFor("deputy", "D000001");
    rust.printDeputyCard.mockResolvedValueOnce(null);
    $("qr-print")!.click();
    await flushPromises();
    expect($("qr-printed")).toBeNull();
    ($("qr-print-back")!.querySelector("input") as HTMLInputElement).click();
    rust.printDeputyCard.mockResolvedValueOnce("/home/wf/D000001-张明新-代表卡.pdf");
    $("qr-print")!.click();
    await flushPromises();
    expect(rust.printDeputyCard).toHaveBeenLastCalledWith("D000001", true);
    expect($("qr-printed")!.textContent).toContain("D000001-张明新-代表卡.pdf");
  });

  it("prints a platform's poster and shows Rust's refusal in Chinese", async () => {
    await mountFor("platform", "XH-01");
    rust.printPlatformPoster.mockRejectedValueOnce(new ipc.IpcCallError("invalid", "“𪚥”（U+2A6A5，代表 张𪚥）在已安装的字体中都没有，无法打印"));
    $("qr-print")!.click();
    await flushPromises();
    expect(rust.printPlatformPoster).toHaveBeenCalledWith("XH-01");
    expect($("qr-error")!.textContent).toContain("无法打印");
    expect($("qr-print-back")).toBeNull();
  });
});
