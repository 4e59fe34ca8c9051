// 二维码: the deputies are selected with the roster's filters (a station installation is held to its own station),
// the export runs as a background job whose bar moves, ends with the file and 打开文件, or is cancelled; a
// cancelled save dialog starts nothing; Rust's refusal shows in Chinese; a scanned text is verified.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import { SETUP } from "../../test/fixtures";
import { $, mountSignedIn, signedIn } from "../../test/dom";
import QrcodesView from "./QrcodesView.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof ipc>();
  return {
    ...actual,
    deputyPage: vi.fn(),
    platformList: vi.fn(),
    regionList: vi.fn(),
    cardPreview: vi.fn(),
    startPrintJob: vi.fn(),
    printJobStatus: vi.fn(),
    cancelPrintJob: vi.fn(),
    openPrintJobFile: vi.fn(),
    qrVerify: vi.fn(),
  };
});
const rust = vi.mocked(ipc);

const ROW = { code: "D000001", name: "张明新", levels: [{ level: "city", term: 12 }], station_name: "光明路联络站" } as ipc.DeputyRow;
const PREVIEW: ipc.CardPreview = {
  name: "张明新",
  level_lines: ["平顶山市第十二届人民代表大会代表"],
  station: "光明路联络站",
  contact: "0375-1234567",
  has_photo: false,
  qr: { payload: "https://rd.pds.gov.cn/d/D000001", size: 21, modules: Array(441).fill(false) },
};
const running = (done: number): ipc.PrintJobStatus => ({ state: "running", done, total: 23, path: "/tmp/卡.pdf", error: null });

describe("QrcodesView", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.deputyPage.mockResolvedValue({ total: 23, offset: 0, rows: [ROW] });
    rust.platformList.mockResolvedValue([{ code: "XH-01", name: "光明路联络站" } as ipc.PlatformView]);
    rust.regionList.mockResolvedValue([]);
    rust.cardPreview.mockResolvedValue(PREVIEW);
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = "";
  });

  async function mountAs(mode: "station" | "office"): Promise<void> {
    const setup = mode === "station" ? { ...SETUP, mode, station_code: "XH-03" } : { ...SETUP, mode, station_code: null };
    wrapper = mountSignedIn(QrcodesView, signedIn(setup));
    await flushPromises();
  }

  it("holds a station to its own deputies, previews the card as Rust words it and counts the pages", async () => {
    await mountAs("station");
    expect(rust.deputyPage.mock.calls[0]![0].station_code).toBe("XH-03");
    expect(rust.platformList).not.toHaveBeenCalled();
    expect($("qrcodes-summary")!.textContent).toContain("共 23 名代表，A4 纸 3 页");
    expect(rust.cardPreview).toHaveBeenCalledWith("D000001");
    expect($("card-preview")!.textContent).toContain("平顶山市第十二届人民代表大会代表");
  });

  it("runs the sheet export as a job: nothing when the dialog is cancelled, then a moving bar, the file and 打开文件", async () => {
    await mountAs("station");
    rust.startPrintJob.mockResolvedValueOnce(null);
    $("qrcodes-print-sheet")!.click();
    await flushPromises();
    expect(rust.startPrintJob.mock.calls[0]![0]).toMatchObject({ kind: "card_sheet", back: false, filter: { station_code: "XH-03" } });
    expect($("print-job-progress")).toBeNull();

    rust.startPrintJob.mockResolvedValueOnce({ id: 7, total: 23, path: "/tmp/卡.pdf" });
    rust.printJobStatus.mockResolvedValueOnce(running(10)).mockResolvedValue({ ...running(23), state: "done" });
    ($("qrcodes-back")!.querySelector("input") as HTMLInputElement).click();
    $("qrcodes-print-sheet")!.click();
    await flushPromises();
    expect(rust.startPrintJob.mock.calls[1]![0]).toMatchObject({ kind: "card_sheet", back: true });
    expect($("print-job-progress")).not.toBeNull();
    await vi.waitFor(() => expect($("print-job-done")).not.toBeNull(), { timeout: 3000 });
    expect($("print-job-done")!.textContent).toContain("/tmp/卡.pdf");
    rust.openPrintJobFile.mockResolvedValueOnce(null);
    $("print-job-open")!.click();
    await flushPromises();
    expect(rust.openPrintJobFile).toHaveBeenCalledWith(7);
  });

  it("cancels a running job and says nothing was written; shows Rust's refusal in Chinese", async () => {
    await mountAs("office");
    expect(rust.deputyPage.mock.calls[0]![0].station_code).toBeNull();
    rust.startPrintJob.mockRejectedValueOnce(new ipc.IpcCallError("invalid", "筛选结果为空，没有可打印的内容"));
    $("qrcodes-export-images")!.click();
    await flushPromises();
    expect($("print-job-error")!.textContent).toContain("筛选结果为空");

    rust.startPrintJob.mockResolvedValueOnce({ id: 8, total: 23, path: "/tmp/码.zip" });
    let cancelled = false;
    rust.printJobStatus.mockImplementation(async () => (cancelled ? { ...running(5), state: "cancelled" } : running(5)));
    rust.cancelPrintJob.mockImplementation(async () => {
      cancelled = true;
      return null;
    });
    $("qrcodes-export-images")!.click();
    await flushPromises();
    expect(rust.startPrintJob.mock.calls[1]![0]).toMatchObject({ kind: "deputy_images" });
    await vi.waitFor(() => expect($("print-job-cancel")).not.toBeNull(), { timeout: 3000 });
    $("print-job-cancel")!.click();
    await vi.waitFor(() => expect($("print-job-cancelled")).not.toBeNull(), { timeout: 3000 });
    expect(rust.cancelPrintJob).toHaveBeenCalledWith(8);
  });
});
