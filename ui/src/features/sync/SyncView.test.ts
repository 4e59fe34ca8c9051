// 同步: a station not yet enrolled is offered only 导入登记文件; an enrolled one exports (the file, its number and
// changes shown), imports the office's bundle (the receipt's counts, or Rust's Chinese refusal), reads what the
// office has acknowledged, the history with senders by name and the missing bundles, and settles a conflict after
// a confirmation. The office enrolls and re-enrolls stations, needs its three folders before 全部导入, and sees
// the inbox run's bar, its per-file results and the return bundles.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import { SETUP } from "../../test/fixtures";
import { $, confirmBox, mountSignedIn, settle, signedIn, text, typeInto } from "../../test/dom";
import SyncView from "./SyncView.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof ipc>();
  return {
    ...actual,
    syncOverview: vi.fn(),
    syncChooseFolder: vi.fn(),
    syncExportToOffice: vi.fn(),
    syncImportBundle: vi.fn(),
    syncAcceptEnrollment: vi.fn(),
    syncEnrollStation: vi.fn(),
    syncResolveConflict: vi.fn(),
    syncInboxStart: vi.fn(),
    syncInboxStatus: vi.fn(),
    syncInboxCancel: vi.fn(),
  };
});
const rust = vi.mocked(ipc);

const OFFICE_NODE = "0194aaaa-office";
const STATION_NODE = "0194bbbb-station";
const NO_FOLDERS: ipc.SyncFolders = { export: null, inbox: null, archive: null, outbox: null };
const EMPTY: ipc.SyncOverview = { node_id: STATION_NODE, peers: [], receipts: [], gaps: [], conflicts: [], folders: NO_FOLDERS };

const peer = (over: Partial<ipc.PeerRow>): ipc.PeerRow => ({
  node_id: OFFICE_NODE,
  role: "office",
  station_code: "XH-03",
  status: "pinned",
  enrolled_at: "2026-11-20T02:00:00Z",
  pinned_at: null,
  revoked_at: null,
  acked_seq: 0,
  sent_seq: 0,
  next_bundle: 1,
  ...over,
});
const receipt = (over: Partial<ipc.ReceiptRow>): ipc.ReceiptRow => ({
  at: "2026-11-25T01:02:03Z",
  sender: OFFICE_NODE,
  bundle: 1,
  from_seq: 0,
  to_seq: 12,
  changes: 12,
  applied: 10,
  duplicates: 2,
  conflicts: 0,
  ok: true,
  reason: "",
  operator: "王芳 (wangfang)",
  ...over,
});
const CONFLICT: ipc.ConflictRow = {
  id: 5,
  entity: "deputy",
  entity_id: "D000001",
  field: "mobile",
  losing_value: "13900000001",
  losing_operator: "李站长 (li)",
  current_value: "13900000002",
  detected_at: "2026-11-25T01:02:03Z",
  record_deleted: false,
};
const ENROLLED: ipc.SyncOverview = {
  ...EMPTY,
  peers: [peer({ acked_seq: 7, next_bundle: 3 })],
  receipts: [receipt({ bundle: 3 }), receipt({ bundle: 1, ok: false, reason: "数据包来自已作废的密钥" })],
  gaps: [{ sender: OFFICE_NODE, bundle: 2, recovered: false }],
  conflicts: [CONFLICT],
  folders: { ...NO_FOLDERS, export: "/media/U盘" },
};

describe("SyncView", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.syncInboxStatus.mockResolvedValue(null);
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = "";
  });

  async function mountAs(mode: "station" | "office", overview: ipc.SyncOverview): Promise<void> {
    rust.syncOverview.mockResolvedValue(overview);
    const setup = mode === "station" ? { ...SETUP, mode, station_code: "XH-03" } : { ...SETUP, mode, station_code: null };
    wrapper = mountSignedIn(SyncView, signedIn(setup));
    await flushPromises();
  }

  it("offers a station that is not enrolled only the enrollment file, and reloads after accepting it", async () => {
    await mountAs("station", EMPTY);
    expect(text("sync-not-enrolled")).toContain("本机尚未登记到机关");
    expect($("sync-export")).toBeNull();
    rust.syncAcceptEnrollment.mockResolvedValueOnce("XH-03");
    rust.syncOverview.mockResolvedValue(ENROLLED);
    $("sync-accept-enrollment")!.click();
    await settle();
    expect(rust.syncAcceptEnrollment).toHaveBeenCalledOnce();
    expect($("sync-export")).not.toBeNull();
  });

  it("shows what the office acknowledged, the history by sender's name and the missing bundle", async () => {
    await mountAs("station", ENROLLED);
    expect(text("sync-acked")).toBe("已确认至本站第 7 条变更");
    expect(text("sync-last-from-office")).toMatch(/^第 3 号，2026-11-25 \d\d:02:03$/);
    expect(text("sync-gap")).toBe("缺少机关的第 2 号数据包");
    const history = text("sync-history-table");
    expect(history).toContain("机关");
    expect(history).toContain("1 – 12");
    expect(history).toContain("拒绝");
    expect(history).toContain("数据包来自已作废的密钥");
    expect(text("sync-station")).toContain("上次导出位置：/media/U盘");
  });

  it("exports for the office and imports the office's bundle; a cancelled dialog does nothing; a refusal shows in Chinese", async () => {
    await mountAs("station", ENROLLED);
    rust.syncExportToOffice.mockResolvedValueOnce({ path: "/media/U盘/XH-03-上报-0003-0194bbbb.lzb", bundle: 3, station: "XH-03", changes: 42, bytes: 2048 });
    $("sync-export")!.click();
    await settle();
    expect(text("sync-export-result")).toBe("已导出第 3 号数据包，包含 42 条变更：/media/U盘/XH-03-上报-0003-0194bbbb.lzb");

    rust.syncImportBundle.mockResolvedValueOnce(null);
    $("sync-import")!.click();
    await settle();
    expect($("sync-import-result")).toBeNull();

    rust.syncImportBundle.mockResolvedValueOnce(receipt({ bundle: 4, changes: 5, applied: 3, duplicates: 1, conflicts: 1 }));
    $("sync-import")!.click();
    await settle();
    expect(text("sync-import-result")).toBe("已导入第 4 号数据包：共 5 条变更，新增 3 条，已有 1 条，冲突 1 条");

    rust.syncImportBundle.mockRejectedValueOnce(new ipc.IpcCallError("invalid", "数据包签名无效（bad signature）"));
    $("sync-import")!.click();
    expect(await confirmBox()).toContain("数据包签名无效");
    expect(text("sync-error")).toBe("数据包签名无效（bad signature）");
    expect(rust.syncOverview.mock.calls.length).toBeGreaterThanOrEqual(4);
  });

  it("settles a conflict only after 确定", async () => {
    await mountAs("station", ENROLLED);
    expect(text("sync-conflicts")).toContain("代表 D000001");
    $("sync-restore-5")!.click();
    expect(await confirmBox()).toContain("确认将“mobile”恢复为“13900000001”吗？");
    expect(rust.syncResolveConflict).toHaveBeenCalledWith(5, "restored");
  });

  it("enrolls and re-enrolls stations from the office, after a confirmation", async () => {
    const office: ipc.SyncOverview = {
      ...EMPTY,
      node_id: OFFICE_NODE,
      peers: [peer({ node_id: STATION_NODE, role: "station", acked_seq: 4 }), peer({ node_id: null, role: "station", station_code: "XH-04", status: "pending" })],
      receipts: [receipt({ sender: STATION_NODE, at: "2026-11-25T01:02:03Z" })],
    };
    await mountAs("office", office);
    const peers = text("sync-peers");
    expect(peers).toContain("已登记");
    expect(peers).toContain("待首次同步");
    expect(peers).toContain("第 4 条");
    expect(peers).toMatch(/2026-11-25 \d\d:02:03/); // 最近收到: the station's latest import

    rust.syncEnrollStation.mockResolvedValueOnce("/tmp/XH-05-登记文件.lze");
    await typeInto("sync-enroll-code", "XH-05");
    $("sync-enroll")!.click();
    await settle();
    expect(rust.syncEnrollStation).toHaveBeenCalledWith("XH-05", false);
    expect(text("sync-enrolled-file")).toContain("/tmp/XH-05-登记文件.lze");

    rust.syncEnrollStation.mockResolvedValueOnce("/tmp/XH-03-登记文件.lze");
    $("sync-reenroll-XH-03")!.click();
    expect(await confirmBox()).toContain("重新登记将作废联络站“XH-03”原有的密钥");
    expect(rust.syncEnrollStation).toHaveBeenLastCalledWith("XH-03", true);
  });

  it("runs the office inbox once the folders are chosen: a moving bar, then each file's result and the returns", async () => {
    await mountAs("office", { ...EMPTY, node_id: OFFICE_NODE, peers: [peer({ node_id: STATION_NODE, role: "station" })] });
    expect(($("sync-inbox-run") as HTMLButtonElement).disabled).toBe(true);
    rust.syncChooseFolder.mockResolvedValueOnce("/srv/收件箱");
    rust.syncOverview.mockResolvedValue({
      ...EMPTY,
      node_id: OFFICE_NODE,
      peers: [peer({ node_id: STATION_NODE, role: "station" })],
      folders: { export: null, inbox: "/srv/收件箱", archive: "/srv/归档", outbox: "/srv/发件箱" },
    });
    $("sync-choose-inbox")!.click();
    await settle();
    expect(rust.syncChooseFolder).toHaveBeenCalledWith("inbox");
    expect(text("sync-folder-outbox")).toContain("/srv/发件箱");

    rust.syncInboxStart.mockResolvedValueOnce(null);
    const report: ipc.InboxReportView = {
      files: [
        { file: "XH-03-上报-0001-0194bbbb.lzb", receipt: receipt({ sender: STATION_NODE, changes: 8, applied: 8, duplicates: 0 }), refused: null },
        { file: "坏文件.lzb", receipt: null, refused: "不是数据包文件（not a bundle）" },
      ],
      returns: [{ path: "/srv/发件箱/XH-03-下发-0001-0194aaaa.lzb", bundle: 1, station: "XH-03", changes: 30, bytes: 4096 }],
      cancelled: false,
    };
    rust.syncInboxStatus
      .mockResolvedValueOnce({ state: "running", done: 1, total: 2, report: null, error: null })
      .mockResolvedValue({ state: "done", done: 2, total: 2, report, error: null });
    $("sync-inbox-run")!.click();
    await flushPromises();
    expect($("sync-inbox-progress")).not.toBeNull();
    await vi.waitFor(() => expect($("sync-inbox-files")).not.toBeNull(), { timeout: 3000 });
    const files = text("sync-inbox-files");
    expect(files).toContain("XH-03");
    expect(files).toContain("已导入第 1 号数据包：共 8 条变更，新增 8 条");
    expect(files).toContain("未通过验证");
    expect(files).toContain("不是数据包文件");
    expect(text("sync-inbox-returns")).toContain("XH-03：第 1 号，30 条变更，/srv/发件箱/XH-03-下发-0001-0194aaaa.lzb");
    expect(($("sync-inbox-run") as HTMLButtonElement).disabled, "a finished run may be started again").toBe(false);
  });
});
