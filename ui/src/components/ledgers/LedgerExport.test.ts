// 导出台账 with a mocked ../../ipc: the dialog opens on this quarter; in station mode the station is fixed to this
// installation's, in office mode a station (or 全部联络站) is chosen from platformList; 导出 asks where to save and
// then writes with kind, station, period and path; a cancelled save dialog does nothing; success shows
// 已导出 N 行：path and leaves the path on the page; Rust's refusal is shown in the dialog.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import { ElSelect } from "element-plus";
import * as ipc from "../../ipc";
import type { InstallationSetup, PlatformView } from "../../ipc";
import { SETUP } from "../../test/fixtures";
import { $, mountSignedIn, signedIn } from "../../test/dom";
import LedgerExport from "./LedgerExport.vue";
import { defaultPeriod, periodString } from "./period";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, chooseLedgerFile: vi.fn(), exportLedger: vi.fn(), platformList: vi.fn() };
});
const rust = vi.mocked(ipc);

const STATION: PlatformView = {
  id: "p1",
  code: "XH-01",
  name: "湛河区光明路联络站",
} as PlatformView;

describe("导出台账", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.platformList.mockResolvedValue([STATION]);
    rust.chooseLedgerFile.mockResolvedValue("/home/wf/接待台账.xlsx");
    rust.exportLedger.mockResolvedValue({ path: "/home/wf/接待台账.xlsx", rows: 12 });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountAs(kind: "visits" | "matters", setup: InstallationSetup): Promise<void> {
    wrapper = mountSignedIn(LedgerExport, signedIn(setup), { kind });
    await flushPromises();
    $("ledger-export-open")!.click();
    await flushPromises();
  }

  const thisQuarter = () => periodString(defaultPeriod());

  it("exports this quarter of this station in station mode and shows where it went", async () => {
    await mountAs("visits", SETUP);
    expect($("ledger-export-dialog")?.textContent).toContain("导出接待群众登记台账");
    expect(($("ledger-station-fixed") as HTMLInputElement).value).toBe("光明路联络站（XH-09）");
    expect(rust.platformList).not.toHaveBeenCalled();

    $("ledger-export-save")!.click();
    await flushPromises();
    expect(rust.chooseLedgerFile).toHaveBeenCalledWith("visits", thisQuarter());
    expect(rust.exportLedger).toHaveBeenCalledWith("visits", "XH-09", thisQuarter(), "/home/wf/接待台账.xlsx", null);
    // The message appears on a later tick; under load that can be after the save settled.
    await vi.waitFor(() => expect(document.body.querySelector(".el-message--success")?.textContent).toContain("已导出 12 行：/home/wf/接待台账.xlsx"), { timeout: 5000 });
    expect($("ledger-export-result")?.textContent).toContain("/home/wf/接待台账.xlsx");
  });

  it("exports the visits ledger unmasked only with a reason, for a role that may see personal data", async () => {
    await mountAs("visits", SETUP);
    const box = $("ledger-reveal")!.querySelector("input")!;
    box.click();
    await flushPromises();
    $("ledger-export-save")!.click();
    await flushPromises();
    expect($("ledger-export-error")?.textContent).toContain("须填写事由");
    expect(rust.exportLedger).not.toHaveBeenCalled();
    const reason = $("ledger-reveal-reason") as HTMLTextAreaElement;
    reason.value = "回访核实";
    reason.dispatchEvent(new Event("input"));
    await flushPromises();
    $("ledger-export-save")!.click();
    await flushPromises();
    expect(rust.exportLedger).toHaveBeenCalledWith("visits", "XH-09", thisQuarter(), "/home/wf/接待台账.xlsx", "回访核实");
  });

  it("offers no unmasked export of the matters ledger, which holds no personal data", async () => {
    await mountAs("matters", SETUP);
    expect($("ledger-reveal")).toBeNull();
  });

  it("does nothing when the save dialog is cancelled", async () => {
    rust.chooseLedgerFile.mockResolvedValue(null);
    await mountAs("matters", SETUP);
    $("ledger-export-save")!.click();
    await flushPromises();
    expect(rust.chooseLedgerFile).toHaveBeenCalledWith("matters", thisQuarter());
    expect(rust.exportLedger).not.toHaveBeenCalled();
    expect($("ledger-export-result")).toBeNull();
    expect($("ledger-export-error")).toBeNull();
  });

  it("lets the office pick a month and a station, or 全部联络站", async () => {
    await mountAs("matters", { ...SETUP, mode: "office", station_code: "", station_name: "" });
    expect(rust.platformList).toHaveBeenCalledWith(expect.objectContaining({ kind: "station" }));
    expect($("ledger-station-fixed")).toBeNull();
    const selects = wrapper!.findAllComponents(ElSelect);
    const station = selects.find((s) => s.attributes("data-testid") === "ledger-station" || s.find('[data-testid="ledger-station"]').exists());
    expect(station).toBeDefined();

    // 全部联络站 by default: no station code.
    $("ledger-export-save")!.click();
    await flushPromises();
    expect(rust.exportLedger).toHaveBeenLastCalledWith("matters", null, thisQuarter(), "/home/wf/接待台账.xlsx", null);

    $("ledger-export-open")!.click();
    await flushPromises();
    $("ledger-period-kind-month")!.querySelector("input")!.click();
    await flushPromises();
    const all = wrapper!.findAllComponents(ElSelect);
    const year = all.find((s) => s.find('[data-testid="ledger-period-year"]').exists() || s.attributes("data-testid") === "ledger-period-year")!;
    const month = all.find((s) => s.find('[data-testid="ledger-period-month"]').exists() || s.attributes("data-testid") === "ledger-period-month")!;
    year.vm.$emit("update:modelValue", 2025);
    month.vm.$emit("update:modelValue", 7);
    station!.vm.$emit("update:modelValue", "XH-01");
    await flushPromises();
    $("ledger-export-save")!.click();
    await flushPromises();
    expect(rust.chooseLedgerFile).toHaveBeenLastCalledWith("matters", "2025-07");
    expect(rust.exportLedger).toHaveBeenLastCalledWith("matters", "XH-01", "2025-07", "/home/wf/接待台账.xlsx", null);
  });

  it("shows Rust's refusal in the dialog and keeps it open", async () => {
    rust.exportLedger.mockRejectedValue(new ipc.IpcCallError("storage", "无法写入文件：权限不足"));
    await mountAs("visits", SETUP);
    $("ledger-export-save")!.click();
    await flushPromises();
    expect($("ledger-export-error")?.textContent).toContain("导出失败：无法写入文件：权限不足");
    expect($("ledger-export-result")).toBeNull();
    expect(($("ledger-export-dialog") as HTMLElement).style.display).not.toBe("none");
  });
});
