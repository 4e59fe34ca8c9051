// 附件 of a matter: listed, attached through the open dialog (cancel does nothing), Rust's refusal shown, removed
// after confirmation.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { ElMessageBox } from "element-plus";
import * as ipc from "../../ipc";
import { createAppI18n } from "../../i18n";
import MatterAttachments from "./MatterAttachments.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof ipc>();
  return {
    ...actual,
    matterAttachments: vi.fn(),
    chooseAttachmentFile: vi.fn(),
    attachFile: vi.fn(),
    saveAttachment: vi.fn(),
    removeAttachment: vi.fn(),
  };
});
const rust = vi.mocked(ipc);

const PHOTO: ipc.AttachmentView = {
  id: "a1",
  file_name: "路灯.jpg",
  mime: "image/jpeg",
  kind_label: "图片",
  size: 245_760,
  sha256: "ab".repeat(32),
  added_at: "2026-12-01T01:30:00Z",
  added_by: "王芳 (wangfang)",
};

const $ = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe("MatterAttachments", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.matterAttachments.mockResolvedValue([PHOTO]);
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = "";
  });

  async function mountFor(code: string): Promise<void> {
    wrapper = mount(MatterAttachments, { props: { code }, global: { plugins: [createAppI18n("zh-CN")] }, attachTo: document.body });
    await flushPromises();
  }

  it("lists the matter's files with type and size", async () => {
    await mountFor("XH-01-20261201-01");
    expect(rust.matterAttachments).toHaveBeenCalledWith("XH-01-20261201-01");
    const text = $("matter-attachments")!.textContent!;
    expect(text).toContain("路灯.jpg");
    expect(text).toContain("图片");
    expect(text).toContain("240 KB");
  });

  it("attaches the chosen file, and does nothing when the dialog is cancelled", async () => {
    await mountFor("M1");
    rust.chooseAttachmentFile.mockResolvedValueOnce(null);
    $("attachment-add")!.click();
    await flushPromises();
    expect(rust.attachFile).not.toHaveBeenCalled();

    rust.chooseAttachmentFile.mockResolvedValueOnce("/home/wf/回复函.pdf");
    rust.attachFile.mockResolvedValueOnce({ ...PHOTO, id: "a2", file_name: "回复函.pdf" });
    $("attachment-add")!.click();
    await flushPromises();
    expect(rust.attachFile).toHaveBeenCalledWith("M1", "/home/wf/回复函.pdf");
    expect(rust.matterAttachments).toHaveBeenCalledTimes(2);
  });

  it("shows Rust's refusal of a disguised file", async () => {
    await mountFor("M1");
    rust.chooseAttachmentFile.mockResolvedValueOnce("/home/wf/照片.jpg");
    rust.attachFile.mockRejectedValueOnce(new ipc.IpcCallError("invalid", "只能附加图片（JPG、PNG）、PDF、Word/Excel/WPS 文档或文本文件"));
    $("attachment-add")!.click();
    await flushPromises();
    expect($("attachment-error")?.textContent).toContain("只能附加图片");
  });

  it("removes a file only after confirmation", async () => {
    const confirm = vi.spyOn(ElMessageBox, "confirm");
    await mountFor("M1");
    confirm.mockRejectedValueOnce("cancel");
    $("attachment-remove-a1")!.click();
    await flushPromises();
    expect(rust.removeAttachment).not.toHaveBeenCalled();
    confirm.mockResolvedValueOnce("confirm" as never);
    $("attachment-remove-a1")!.click();
    await flushPromises();
    expect(rust.removeAttachment).toHaveBeenCalledWith("a1");
  });
});
