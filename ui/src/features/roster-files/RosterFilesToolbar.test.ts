// 导入 · 导出 · 下载模板 with the IPC client mocked: the import wizard previews (rejected rows with their Excel row
// and reason), commits with progress after subscribing to it, can be cancelled without committing anything, and
// shows Rust's Chinese reason when a file cannot be read; export and template go through the native save dialog
// and a cancelled dialog does nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { ElDialog, ElMessage } from "element-plus";
import * as ipc from "../../ipc";
import type { ImportProgress, ImportReport } from "../../ipc";
import { createAppI18n } from "../../i18n";
import RosterFilesToolbar from "./RosterFilesToolbar.vue";
import ImportWizard from "./ImportWizard.vue";
import { deferred } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual, // IpcCallError stays the real class
    chooseImportFile: vi.fn(),
    chooseExportFile: vi.fn(),
    importPreview: vi.fn(),
    importCommit: vi.fn(),
    onImportProgress: vi.fn(),
    cancelImport: vi.fn(),
    exportRoster: vi.fn(),
    importTemplate: vi.fn(),
  };
});

const mocked = vi.mocked(ipc);

const PREVIEW: ImportReport = {
  committed: false,
  sheets: [
    {
      sheet: "代表",
      kind: "deputies",
      header_row: 2,
      rows: 5,
      created: 2,
      changed: 1,
      unchanged: 1,
      regions_created: 0,
      rejected: [{ row: 7, column: "代表级别", value: "村级", reason: "无法识别的代表级别“村级”" }],
    },
  ],
  skipped_sheets: ["说明"],
};
const COMMITTED: ImportReport = { ...PREVIEW, committed: true };

function q(testId: string): HTMLElement | null {
  return document.body.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
}

function text(testId: string): string {
  return q(testId)?.textContent ?? "";
}

function click(testId: string): void {
  const el = q(testId);
  if (!el) throw new Error(`no ${testId}`);
  el.click();
}

/** The path box (Element Plus puts the test id on the <input> itself). */
function pathInput(): HTMLInputElement {
  const el = q("import-path");
  if (!el) throw new Error("no import-path");
  return (el instanceof HTMLInputElement ? el : el.querySelector("input")) as HTMLInputElement;
}

function isDisabled(testId: string): boolean {
  return (q(testId) as HTMLButtonElement | null)?.disabled ?? false;
}

describe("RosterFilesToolbar", () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    mocked.onImportProgress.mockResolvedValue(() => {});
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    ElMessage.closeAll();
    document.body.innerHTML = "";
  });

  function mountToolbar(kind: "deputies" | "platforms" = "deputies"): VueWrapper {
    return mount(RosterFilesToolbar, {
      props: { kind },
      global: { plugins: [createAppI18n("zh-CN")], stubs: { transition: false, "transition-group": false } },
      attachTo: document.body,
    });
  }

  /** Opens the wizard, types the path and runs the preview. */
  async function openPreview(path = "/home/clerk/代表名册.xlsx"): Promise<void> {
    await wrapper!.get('[data-testid="roster-import"]').trigger("click");
    await flushPromises();
    const input = pathInput();
    input.value = path;
    input.dispatchEvent(new Event("input"));
    await flushPromises();
    click("import-preview");
    await flushPromises();
  }

  it("fills the path from the file chooser and shows the preview with rejected rows, row number and reason", async () => {
    mocked.chooseImportFile.mockResolvedValue("/home/clerk/名册.xlsx");
    mocked.importPreview.mockResolvedValue(PREVIEW);
    wrapper = mountToolbar();
    await wrapper.get('[data-testid="roster-import"]').trigger("click");
    await flushPromises();
    expect(q("import-dialog")).not.toBeNull();
    expect(isDisabled("import-preview")).toBe(true);

    click("import-choose");
    await flushPromises();
    expect(pathInput().value).toBe("/home/clerk/名册.xlsx");
    click("import-preview");
    await flushPromises();

    expect(mocked.importPreview).toHaveBeenCalledWith("/home/clerk/名册.xlsx");
    expect(mocked.importCommit).not.toHaveBeenCalled();
    const summary = text("import-summary");
    for (const expected of ["工作表“代表”", "代表名册", "表头在第 2 行", "新增2 条", "变更1 条", "无变化1 条", "拒绝1 条"]) {
      expect(summary.replace(/\s+/g, "")).toContain(expected.replace(/\s+/g, ""));
    }
    expect(text("import-skipped")).toContain("说明");
    const rejected = q("import-rejected")!;
    const headers = Array.from(rejected.querySelectorAll("th")).map((th) => th.textContent?.trim());
    expect(headers).toEqual(["行号", "列", "内容", "原因"]);
    const cells = Array.from(rejected.querySelectorAll("tbody tr td")).map((td) => td.textContent?.trim());
    expect(cells).toEqual(["7", "代表级别", "村级", "无法识别的代表级别“村级”"]);
    expect(text("import-note")).toContain("被拒绝的行不会导入");
    expect(isDisabled("import-commit")).toBe(false);
  });

  it("keeps the path when the file chooser is cancelled", async () => {
    mocked.chooseImportFile.mockResolvedValue(null);
    wrapper = mountToolbar();
    await wrapper.get('[data-testid="roster-import"]').trigger("click");
    await flushPromises();
    click("import-choose");
    await flushPromises();
    expect(pathInput().value).toBe("");
    expect(mocked.importPreview).not.toHaveBeenCalled();
    expect(q("import-error")).toBeNull();
  });

  it("shows Rust's reason when the file has no roster header and stays on the first step", async () => {
    mocked.importPreview.mockRejectedValue(
      new ipc.IpcCallError("invalid", "文件中没有找到代表名册或联络站名册的表头"),
    );
    wrapper = mountToolbar();
    await openPreview("/tmp/随便.xlsx");
    expect(text("import-error")).toContain("文件中没有找到代表名册或联络站名册的表头");
    expect(q("import-summary")).toBeNull();
    expect(q("import-path")).not.toBeNull();
    expect(mocked.importCommit).not.toHaveBeenCalled();
  });

  it("accepts a path pasted with the quotes of Windows' 复制为路径", async () => {
    mocked.importPreview.mockResolvedValue(PREVIEW);
    wrapper = mountToolbar();
    await openPreview('"C:\\Users\\clerk\\代表名册.xlsx" ');
    expect(mocked.importPreview).toHaveBeenCalledWith("C:\\Users\\clerk\\代表名册.xlsx");
  });

  it("disables 导入 when nothing would be created or changed", async () => {
    mocked.importPreview.mockResolvedValue({
      ...PREVIEW,
      sheets: [{ ...PREVIEW.sheets[0]!, created: 0, changed: 0, unchanged: 4, rejected: [] }],
    });
    wrapper = mountToolbar();
    await openPreview();
    expect(isDisabled("import-commit")).toBe(true);
    expect(q("import-rejected")).toBeNull();
  });

  it("subscribes to progress before committing, shows it, and reports the result; 完成 emits imported", async () => {
    let onProgress: ((p: ImportProgress) => void) | undefined;
    const unlisten = vi.fn();
    mocked.onImportProgress.mockImplementation(async (cb) => {
      onProgress = cb;
      return unlisten;
    });
    const commit = deferred<ImportReport>();
    mocked.importCommit.mockImplementation(() => {
      expect(onProgress).toBeDefined(); // subscribed first
      return commit.promise;
    });
    mocked.importPreview.mockResolvedValue(PREVIEW);
    wrapper = mountToolbar();
    await openPreview("/home/clerk/代表名册.xlsx");

    click("import-commit");
    await flushPromises();
    expect(mocked.importCommit).toHaveBeenCalledWith("/home/clerk/代表名册.xlsx");
    expect(q("import-progress")).not.toBeNull();
    expect(q("import-cancel")).not.toBeNull();
    onProgress!({ done: 3, total: 5 });
    await flushPromises();
    expect(text("import-progress-text")).toContain("已处理 3 / 5 条");

    commit.resolve(COMMITTED);
    await flushPromises();
    expect(unlisten).toHaveBeenCalledTimes(1);
    const result = text("import-result").replace(/\s+/g, "");
    expect(result).toContain("导入完成");
    expect(result).toContain("新增2条");
    expect(wrapper.emitted("imported")).toBeUndefined();

    click("import-finish");
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50));
    await flushPromises();
    expect(wrapper.emitted("imported")).toEqual([[COMMITTED]]);
  });

  it("cancels a running import: says nothing was imported, stays on the preview and emits nothing", async () => {
    const unlisten = vi.fn();
    mocked.onImportProgress.mockResolvedValue(unlisten);
    const commit = deferred<ImportReport>();
    mocked.importCommit.mockReturnValue(commit.promise);
    mocked.cancelImport.mockImplementation(async () => {
      commit.reject(new ipc.IpcCallError("cancelled", "导入已取消"));
    });
    mocked.importPreview.mockResolvedValue(PREVIEW);
    wrapper = mountToolbar();
    await openPreview();

    click("import-commit");
    await flushPromises();
    click("import-cancel");
    await flushPromises();

    expect(mocked.cancelImport).toHaveBeenCalledTimes(1);
    expect(document.body.textContent).toContain("已取消，未导入任何数据");
    expect(unlisten).toHaveBeenCalledTimes(1);
    expect(q("import-result")).toBeNull();
    expect(q("import-summary")).not.toBeNull();
    expect(q("import-progress")).toBeNull();
    expect(q("import-error")).toBeNull();
    expect(isDisabled("import-commit")).toBe(false);
    expect(wrapper.emitted("imported")).toBeUndefined();
  });

  it("cannot be closed (Esc, ×) while the import runs, since the dialog holds the only 取消", async () => {
    const commit = deferred<ImportReport>();
    mocked.importCommit.mockReturnValue(commit.promise);
    mocked.importPreview.mockResolvedValue(PREVIEW);
    wrapper = mountToolbar();
    await openPreview();
    // happy-dom runs no focus trap, so Esc itself cannot be sent; the dialog's own switches are checked instead.
    const dialog = () => wrapper!.findComponent(ImportWizard).findComponent(ElDialog);
    expect(dialog().props("closeOnPressEscape")).toBe(true);

    click("import-commit");
    await flushPromises();
    expect(dialog().props("closeOnPressEscape")).toBe(false);
    expect(dialog().props("showClose")).toBe(false);

    commit.reject(new ipc.IpcCallError("storage", "数据库或文件读写失败"));
    await flushPromises();
    expect(text("import-error")).toContain("数据库或文件读写失败");
    expect(dialog().props("closeOnPressEscape")).toBe(true);
    expect(dialog().props("showClose")).toBe(true);
    expect(wrapper.emitted("imported")).toBeUndefined();
  });

  it("exports through the save dialog and says how many rows went where", async () => {
    mocked.chooseExportFile.mockResolvedValue("/home/clerk/联络站_20261125.xlsx");
    mocked.exportRoster.mockResolvedValue({ path: "/home/clerk/联络站_20261125.xlsx", rows: 42 });
    wrapper = mountToolbar("platforms");
    await wrapper.get('[data-testid="roster-export"]').trigger("click");
    await flushPromises();
    expect(mocked.chooseExportFile).toHaveBeenCalledWith("platforms");
    expect(mocked.exportRoster).toHaveBeenCalledWith("platforms", "/home/clerk/联络站_20261125.xlsx");
    expect(document.body.textContent).toContain("已导出 42 条到 /home/clerk/联络站_20261125.xlsx");
  });

  it("does nothing when the save dialog is cancelled", async () => {
    mocked.chooseExportFile.mockResolvedValue(null);
    wrapper = mountToolbar("platforms");
    await wrapper.get('[data-testid="roster-export"]').trigger("click");
    await wrapper.get('[data-testid="roster-template"]').trigger("click");
    await flushPromises();
    expect(mocked.chooseExportFile).toHaveBeenCalledTimes(2);
    expect(mocked.exportRoster).not.toHaveBeenCalled();
    expect(mocked.importTemplate).not.toHaveBeenCalled();
    expect(document.body.querySelector(".el-message")).toBeNull();
  });

  it("saves the template and shows a Chinese error when writing fails", async () => {
    mocked.chooseExportFile.mockResolvedValue("/home/clerk/模板.xlsx");
    mocked.importTemplate.mockRejectedValue(new ipc.IpcCallError("storage", "文件被其他程序占用"));
    wrapper = mountToolbar("deputies");
    await wrapper.get('[data-testid="roster-template"]').trigger("click");
    await flushPromises();
    expect(mocked.importTemplate).toHaveBeenCalledWith("deputies", "/home/clerk/模板.xlsx");
    expect(document.body.textContent).toContain("模板保存失败：文件被其他程序占用");
  });
});
