// The office's documents on 意见建议 with a mocked ../../ipc: 打印交办单 lists the active units, prints the chosen
// one's sheet and shows where it went; a cancelled save dialog writes nothing visible; 生成督办通知 reports how many
// notices were written; Rust's refusal shows in Chinese in the dialog.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import { ElSelect } from "element-plus";
import * as ipc from "../../ipc";
import type { UnitView } from "../../ipc";
import { SETUP } from "../../test/fixtures";
import { $, mountSignedIn, signedIn } from "../../test/dom";
import DispatchDocuments from "./DispatchDocuments.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, handlingUnits: vi.fn(), printDispatchSheet: vi.fn(), writeSupervisionNotices: vi.fn() };
});
const rust = vi.mocked(ipc);

const unit = (code: string, name: string, status = "active") => ({ id: code, code, name, kind: "department", contact: "", status }) as UnitView;

describe("交办单与督办通知", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.handlingUnits.mockResolvedValue([unit("ZJJ", "住建局"), unit("OLD", "撤销单位", "retired")]);
    rust.printDispatchSheet.mockResolvedValue({ path: "/home/wf/交办单-住建局.pdf", files: 1, matters: 3 });
    rust.writeSupervisionNotices.mockResolvedValue({ path: "/home/wf/督办通知", files: 2, matters: 5 });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function openDialog(): Promise<void> {
    wrapper = mountSignedIn(DispatchDocuments, signedIn(SETUP));
    await flushPromises();
    $("dispatch-sheet-open")!.click();
    await flushPromises();
  }

  it("prints the chosen unit's sheet and shows where it went; retired units are not offered", async () => {
    await openDialog();
    const select = wrapper!.findComponent(ElSelect);
    select.vm.$emit("update:modelValue", "ZJJ");
    await flushPromises();
    $("dispatch-sheet-print")!.click();
    await flushPromises();
    expect(rust.printDispatchSheet).toHaveBeenCalledWith("ZJJ");
    expect($("dispatch-documents-result")?.textContent).toContain("/home/wf/交办单-住建局.pdf");
  });

  it("writes nothing visible when the save dialog is cancelled, and shows Rust's refusal", async () => {
    rust.printDispatchSheet.mockResolvedValueOnce(null);
    await openDialog();
    wrapper!.findComponent(ElSelect).vm.$emit("update:modelValue", "ZJJ");
    await flushPromises();
    $("dispatch-sheet-print")!.click();
    await flushPromises();
    expect($("dispatch-documents-result")).toBeNull();

    rust.printDispatchSheet.mockRejectedValueOnce(new Error("承办单位 XX 不存在"));
    $("dispatch-sheet-print")!.click();
    await flushPromises();
    expect($("dispatch-sheet-error")?.textContent).toContain("生成失败：承办单位 XX 不存在");
  });

  it("writes the supervision notices into the chosen folder", async () => {
    wrapper = mountSignedIn(DispatchDocuments, signedIn(SETUP));
    await flushPromises();
    $("dispatch-notices")!.click();
    await flushPromises();
    expect(rust.writeSupervisionNotices).toHaveBeenCalled();
    expect($("dispatch-documents-result")?.textContent).toContain("/home/wf/督办通知");
  });
});
