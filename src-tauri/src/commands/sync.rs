//! The 同步 screen's commands. A station exports its bundle for the office into a folder (the folder dialog, from
//! Rust, starting where the clerk last wrote one), imports the office's return bundles and, once, the office's
//! enrollment file; an office enrolls stations (the save dialog for the `.lze`), re-enrolls one (revoking its old
//! keys) and imports its whole inbox as a background job the window polls, like the print jobs. Both read the
//! import history, the gaps and the conflicts to settle.
//!
//! The work is liaison-exchange's (keys, files, verifying, applying) and the core's (peers, receipts, gaps,
//! conflicts); here are the dialogs, the conversions to IPC types (64-bit numbers as `u32`, since TypeScript's
//! `number` is a double; values as display text) and the job switch.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use liaison_core::ErrorCode;
use liaison_core::sync::{
    self as core_sync, ConflictView, ImportReceipt, ImportResult, Peer, PeerRole, PeerStatus, Resolution,
};
use liaison_exchange::export::Exported;
use liaison_exchange::folders::{self, SyncFolder};
use liaison_exchange::inbox::{FileOutcome, InboxReport};
use liaison_exchange::{enrollment, export, identity, import, inbox};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::roster_files::{FileServices, PickKind};
use super::{blocking, lock, require_session, signed_in};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// Which remembered folder (the settings keys `sync.*_dir`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SyncFolderKind {
    /// A station's 导出给机关.
    Export,
    /// The office's inbox.
    Inbox,
    /// The office's archive of processed bundles.
    Archive,
    /// The office's outbox of return bundles.
    Outbox,
}

impl SyncFolderKind {
    /// What the folder is for, as the folder dialog's title says it.
    fn purpose(self) -> &'static str {
        match self {
            SyncFolderKind::Export => "导出",
            SyncFolderKind::Inbox => "收件箱",
            SyncFolderKind::Archive => "归档",
            SyncFolderKind::Outbox => "发件箱",
        }
    }
}

impl From<SyncFolderKind> for SyncFolder {
    fn from(kind: SyncFolderKind) -> Self {
        match kind {
            SyncFolderKind::Export => SyncFolder::Export,
            SyncFolderKind::Inbox => SyncFolder::Inbox,
            SyncFolderKind::Archive => SyncFolder::Archive,
            SyncFolderKind::Outbox => SyncFolder::Outbox,
        }
    }
}

/// The remembered folders (`null`: none yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct SyncFolders {
    /// Where 导出给机关 last wrote.
    pub export: Option<String>,
    /// The office's inbox.
    pub inbox: Option<String>,
    /// The office's archive.
    pub archive: Option<String>,
    /// The office's outbox.
    pub outbox: Option<String>,
}

/// A peer as the screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct PeerRow {
    /// Its node id (`null` while a station's enrollment is pending).
    pub node_id: Option<String>,
    /// `office` (the node above) or `station` (a node below).
    pub role: String,
    /// A station's code.
    pub station_code: Option<String>,
    /// `pending`, `pinned` or `revoked`.
    pub status: String,
    /// When enrolled (RFC 3339).
    pub enrolled_at: String,
    /// When its keys were pinned.
    pub pinned_at: Option<String>,
    /// When its keys were revoked.
    pub revoked_at: Option<String>,
    /// The highest seq of our log it has acknowledged.
    pub acked_seq: u32,
    /// The highest seq of our log we have sent it.
    pub sent_seq: u32,
    /// The number of our next bundle to it.
    pub next_bundle: u32,
}

impl From<Peer> for PeerRow {
    fn from(p: Peer) -> Self {
        PeerRow {
            node_id: p.node_id,
            role: match p.role {
                PeerRole::Office => "office",
                PeerRole::Station => "station",
            }
            .to_owned(),
            station_code: p.station_code,
            status: match p.status {
                PeerStatus::Pending => "pending",
                PeerStatus::Pinned => "pinned",
                PeerStatus::Revoked => "revoked",
            }
            .to_owned(),
            enrolled_at: p.enrolled_at,
            pinned_at: p.pinned_at,
            revoked_at: p.revoked_at,
            acked_seq: n(p.acked_seq),
            sent_seq: n(p.sent_seq),
            next_bundle: n(p.next_bundle),
        }
    }
}

/// One import attempt of the history.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ReceiptRow {
    /// When (RFC 3339).
    pub at: String,
    /// The sender's node id.
    pub sender: String,
    /// The sender's bundle number.
    pub bundle: u32,
    /// The range of the sender's log it covered, `(from_seq, to_seq]`.
    pub from_seq: u32,
    /// See `from_seq`.
    pub to_seq: u32,
    /// Changes in the bundle.
    pub changes: u32,
    /// New here.
    pub applied: u32,
    /// Already here.
    pub duplicates: u32,
    /// New conflicts for review.
    pub conflicts: u32,
    /// True when applied, false when rejected (`reason` says why, in Chinese).
    pub ok: bool,
    /// Why it was rejected.
    pub reason: String,
    /// Who imported it.
    pub operator: String,
}

impl From<ImportReceipt> for ReceiptRow {
    fn from(r: ImportReceipt) -> Self {
        ReceiptRow {
            at: r.at,
            sender: r.sender,
            bundle: n(r.bundle),
            from_seq: n(r.from_seq),
            to_seq: n(r.to_seq),
            changes: n(r.changes),
            applied: n(r.applied),
            duplicates: n(r.duplicates),
            conflicts: n(r.conflicts),
            ok: r.result == ImportResult::Ok,
            reason: r.reason,
            operator: r.operator,
        }
    }
}

/// A bundle number from a sender that never arrived.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct GapRow {
    /// The sender's node id.
    pub sender: String,
    /// The missing bundle's number.
    pub bundle: u32,
    /// True when a later bundle already brought everything it held.
    pub recovered: bool,
}

/// A conflict for review, its values as display text.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ConflictRow {
    /// What [`sync_resolve_conflict`] takes.
    pub id: u32,
    /// The entity kind (`deputy`, `matter`, …).
    pub entity: String,
    /// Which record.
    pub entity_id: String,
    /// Which field.
    pub field: String,
    /// The value that lost.
    pub losing_value: String,
    /// Who wrote it.
    pub losing_operator: String,
    /// The value in force (`null`: none).
    pub current_value: Option<String>,
    /// When this node found it (RFC 3339).
    pub detected_at: String,
    /// The record has been deleted: keeping means it stays deleted, restoring brings it back with the edit.
    pub record_deleted: bool,
}

/// A count or number for the window: TypeScript's `number`, saturating (no log or bundle count comes near 2³²).
fn n<T: TryInto<u32>>(value: T) -> u32 {
    value.try_into().unwrap_or(u32::MAX)
}

/// A stored value as a clerk reads it: text without quotes, nothing for null.
fn display(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

impl From<ConflictView> for ConflictRow {
    fn from(c: ConflictView) -> Self {
        ConflictRow {
            id: n(c.id),
            entity: c.entity,
            entity_id: c.entity_id,
            field: c.field,
            losing_value: display(&c.losing_value),
            losing_operator: c.losing_operator,
            current_value: c.current_value.as_ref().map(display),
            detected_at: c.detected_at,
            record_deleted: c.record_deleted,
        }
    }
}

/// Everything the 同步 screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SyncOverview {
    /// This installation's node id.
    pub node_id: String,
    /// The peers (a station's office; an office's stations), live ones first.
    pub peers: Vec<PeerRow>,
    /// The latest import attempts, newest first.
    pub receipts: Vec<ReceiptRow>,
    /// Bundle numbers that never arrived, per sender.
    pub gaps: Vec<GapRow>,
    /// Conflicts nobody has settled yet, oldest first.
    pub conflicts: Vec<ConflictRow>,
    /// The remembered folders.
    pub folders: SyncFolders,
}

/// How many import attempts the history shows.
const HISTORY_ROWS: u32 = 200;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ExportedView {
    /// The bundle file.
    pub path: String,
    /// Its number on this link.
    pub bundle: u32,
    /// The station it concerns.
    pub station: String,
    /// Changes it carries.
    pub changes: u32,
    /// Its size in bytes.
    pub bytes: u32,
}

impl From<Exported> for ExportedView {
    fn from(e: Exported) -> Self {
        ExportedView {
            path: e.path.display().to_string(),
            bundle: n(e.bundle),
            station: e.station,
            changes: n(e.changes),
            bytes: n(e.bytes),
        }
    }
}

fn folders_of(store: &liaison_core::Store) -> IpcResult<SyncFolders> {
    let text = |which| -> IpcResult<Option<String>> {
        Ok(folders::remembered(store, which)?.map(|p| p.display().to_string()))
    };
    Ok(SyncFolders {
        export: text(SyncFolder::Export)?,
        inbox: text(SyncFolder::Inbox)?,
        archive: text(SyncFolder::Archive)?,
        outbox: text(SyncFolder::Outbox)?,
    })
}

/// The 同步 screen's state: peers, history, gaps, conflicts and remembered folders.
#[tauri::command]
#[specta::specta]
pub async fn sync_overview(store: State<'_, StoreState>, session: State<'_, SessionState>) -> IpcResult<SyncOverview> {
    require_session(&session)?;
    let store = Arc::clone(&store);
    blocking(move || {
        let store = lock(&store)?;
        let conn = store.conn();
        let peers = core_sync::peers::list(conn)?;
        let mut gaps = Vec::new();
        for node in peers.iter().filter(|p| p.status != PeerStatus::Pending).filter_map(|p| p.node_id.as_deref()) {
            gaps.extend(core_sync::gaps(conn, node)?.into_iter().map(|g| GapRow {
                sender: node.to_owned(),
                bundle: n(g.bundle),
                recovered: g.recovered,
            }));
        }
        Ok(SyncOverview {
            node_id: store.node_id().to_owned(),
            peers: peers.into_iter().map(PeerRow::from).collect(),
            receipts: core_sync::receipts(conn, HISTORY_ROWS)?.into_iter().map(ReceiptRow::from).collect(),
            gaps,
            conflicts: core_sync::unresolved(conn)?.into_iter().map(ConflictRow::from).collect(),
            folders: folders_of(&store)?,
        })
    })
    .await
}

/// Asks for a folder (the folder dialog, starting at the remembered one) and remembers it: the folder, or `null`
/// when the clerk cancels.
#[tauri::command]
#[specta::specta]
pub async fn sync_choose_folder(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    which: SyncFolderKind,
) -> IpcResult<Option<String>> {
    let actor = signed_in(&session)?;
    let (files, store) = (Arc::clone(&files), Arc::clone(&store));
    blocking(move || {
        let start = folders::remembered(&*lock(&store)?, which.into())?;
        let Some(dir) = (files.pick_folder)(which.purpose(), start.as_deref()) else { return Ok(None) };
        folders::remember(&mut *lock(&store)?, &actor.operator(), which.into(), &dir)?;
        Ok(Some(dir.display().to_string()))
    })
    .await
}

/// Station: 导出给机关 — asks for the folder (starting at the last one, which is remembered) and writes the next
/// bundle for the office there; `null` when the clerk cancels.
#[tauri::command]
#[specta::specta]
pub async fn sync_export_to_office(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<Option<ExportedView>> {
    let actor = signed_in(&session)?;
    let (files, store) = (Arc::clone(&files), Arc::clone(&store));
    blocking(move || {
        let start = folders::remembered(&*lock(&store)?, SyncFolder::Export)?;
        let Some(dir) = (files.pick_folder)(SyncFolderKind::Export.purpose(), start.as_deref()) else {
            return Ok(None);
        };
        let mut store = lock(&store)?;
        folders::remember(&mut store, &actor.operator(), SyncFolder::Export, &dir)?;
        let keys = identity::load_or_create(&store)?;
        Ok(Some(export::export_to_office(&mut store, &keys, &actor.operator(), false, &dir)?.into()))
    })
    .await
}

/// Imports a bundle (the open dialog): its receipt — applied, or rejected with the reason —, `null` when the clerk
/// cancels; a file that cannot be verified is refused with the Chinese reason and changes nothing.
#[tauri::command]
#[specta::specta]
pub async fn sync_import_bundle(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<Option<ReceiptRow>> {
    let actor = signed_in(&session)?;
    let (files, store) = (Arc::clone(&files), Arc::clone(&store));
    blocking(move || {
        let Some(path) = (files.pick_file)(PickKind::Bundle) else { return Ok(None) };
        let mut store = lock(&store)?;
        let keys = identity::load_or_create(&store)?;
        Ok(Some(import::import_file(&mut store, &keys, &actor.operator(), &path)?.into()))
    })
    .await
}

/// Station: accepts the office's enrollment file (the open dialog): the station code it enrolls, `null` when the
/// clerk cancels.
#[tauri::command]
#[specta::specta]
pub async fn sync_accept_enrollment(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<Option<String>> {
    let actor = signed_in(&session)?;
    let (files, store) = (Arc::clone(&files), Arc::clone(&store));
    blocking(move || {
        let Some(path) = (files.pick_file)(PickKind::Enrollment) else { return Ok(None) };
        let file = enrollment::read(&path)?;
        let mut store = lock(&store)?;
        // The station's keys exist from now on: its first bundle carries them to the office.
        identity::load_or_create(&store)?;
        enrollment::accept(&mut store, &actor, &file)?;
        Ok(Some(file.station_code))
    })
    .await
}

/// Office: 登记联络站 (or, with `reenroll`, 重新登记: revokes the station's current keys) — asks where to save the
/// enrollment file first, then enrolls and writes it: the file's path, `null` when the clerk cancels.
#[tauri::command]
#[specta::specta]
pub async fn sync_enroll_station(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    station_code: String,
    reenroll: bool,
) -> IpcResult<Option<String>> {
    let actor = signed_in(&session)?;
    let code = station_code.trim().to_owned();
    if code.is_empty() {
        return Err(IpcError::new(ErrorCode::Invalid, "请填写联络站代码"));
    }
    let (files, store) = (Arc::clone(&files), Arc::clone(&store));
    blocking(move || {
        let name = format!("{code}-登记文件.{}", enrollment::EXTENSION);
        let Some(path) = (files.save_file)(&name) else { return Ok(None) };
        let mut store = lock(&store)?;
        let keys = identity::load_or_create(&store)?;
        let file = enrollment::create(&mut store, &actor, &keys, &code, reenroll)?;
        enrollment::write(&file, &path)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// How to settle a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ResolutionInput {
    /// Keep the value in force (for a deleted record: keep it deleted).
    KeptWinner,
    /// Write the losing value again (for a deleted record: bring it back with it).
    Restored,
}

/// Settles conflict `id` (站长, 机关工作人员 and administrators only; the core checks).
#[tauri::command]
#[specta::specta]
pub async fn sync_resolve_conflict(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    id: u32,
    how: ResolutionInput,
) -> IpcResult<()> {
    let how = match how {
        ResolutionInput::KeptWinner => Resolution::KeptWinner,
        ResolutionInput::Restored => Resolution::Restored,
    };
    super::write_as(&store, &session, |w, actor| core_sync::resolve_as(w, actor, i64::from(id), how))
}

// --- the office's inbox, as a background job ---------------------------------------------------------------

/// Where the inbox run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum InboxJobState {
    /// Still importing.
    Running,
    /// Finished (or stopped by 取消 between files: `report.cancelled`).
    Done,
    /// Stopped by an error (`error`, in Chinese).
    Failed,
}

/// One file's result in the inbox run.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct InboxFileRow {
    /// The file's name.
    pub file: String,
    /// The receipt of a verified bundle (applied, or rejected and recorded).
    pub receipt: Option<ReceiptRow>,
    /// Why the file could not be verified (nothing recorded; moved to 未通过验证).
    pub refused: Option<String>,
}

impl From<FileOutcome> for InboxFileRow {
    fn from(f: FileOutcome) -> Self {
        InboxFileRow { file: f.file, receipt: f.receipt.map(ReceiptRow::from), refused: f.refused }
    }
}

/// What the inbox run did.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct InboxReportView {
    /// Each file, in the order processed.
    pub files: Vec<InboxFileRow>,
    /// The return bundles written to the outbox.
    pub returns: Vec<ExportedView>,
    /// Stopped by 取消 (the files not reached stay in the inbox).
    pub cancelled: bool,
}

impl From<InboxReport> for InboxReportView {
    fn from(r: InboxReport) -> Self {
        InboxReportView {
            files: r.files.into_iter().map(InboxFileRow::from).collect(),
            returns: r.returns.into_iter().map(ExportedView::from).collect(),
            cancelled: r.cancelled,
        }
    }
}

/// The inbox run as the progress bar shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct InboxJobStatus {
    /// Where it is.
    pub state: InboxJobState,
    /// Files done.
    pub done: u32,
    /// Files in the inbox when it started.
    pub total: u32,
    /// The result, when done.
    pub report: Option<InboxReportView>,
    /// Why it failed.
    pub error: Option<String>,
}

struct InboxJob {
    done: AtomicU32,
    total: AtomicU32,
    cancel: AtomicBool,
    outcome: Mutex<Option<Result<InboxReportView, String>>>,
}

/// The office's inbox run (managed state): one at a time, the last one kept so the window can read how it ended.
#[derive(Default)]
pub struct InboxJobs(Mutex<Option<Arc<InboxJob>>>);

/// Office: 全部导入 — imports every bundle in the remembered inbox on a worker thread, moves each to the archive
/// and writes the return bundles into the outbox. Poll [`sync_inbox_status`].
#[tauri::command]
#[specta::specta]
pub async fn sync_inbox_start(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    jobs: State<'_, Arc<InboxJobs>>,
) -> IpcResult<()> {
    let actor = signed_in(&session)?;
    let mut current = lock(&jobs.0)?;
    if current.as_ref().is_some_and(|j| lock(&j.outcome).map(|o| o.is_none()).unwrap_or(false)) {
        return Err(IpcError::new(ErrorCode::Conflict, "正在导入收件箱，请等待完成"));
    }
    let found = folders::inbox_folders(&*lock(&store)?)?;
    let Some(folders) = found else {
        return Err(IpcError::new(ErrorCode::Invalid, "请先选择收件箱、归档和发件箱文件夹"));
    };
    let total = inbox::pending(&folders.inbox)?.len();
    let job = Arc::new(InboxJob {
        done: AtomicU32::new(0),
        total: AtomicU32::new(u32::try_from(total).unwrap_or(u32::MAX)),
        cancel: AtomicBool::new(false),
        outcome: Mutex::new(None),
    });
    *current = Some(Arc::clone(&job));
    let store = Arc::clone(&store);
    std::thread::Builder::new()
        .name("sync-inbox".into())
        .spawn(move || {
            let result = (|| -> IpcResult<InboxReportView> {
                let keys = identity::load_or_create(&*lock(&store)?)?;
                let mut progress = |done: usize, total: usize| {
                    job.done.store(u32::try_from(done).unwrap_or(u32::MAX), Ordering::Relaxed);
                    job.total.store(u32::try_from(total).unwrap_or(u32::MAX), Ordering::Relaxed);
                    !job.cancel.load(Ordering::Relaxed)
                };
                // The store's lock is taken per file: the other screens keep working during a long run.
                Ok(inbox::process(&*store, &keys, &actor.operator(), &folders, &mut progress)?.into())
            })()
            .map_err(|e| e.message);
            if let Err(reason) = &result {
                log::warn!("the inbox run failed: {reason}");
            }
            if let Ok(mut outcome) = job.outcome.lock() {
                *outcome = Some(result);
            }
        })
        .map_err(IpcError::internal)?;
    Ok(())
}

/// How the inbox run is doing; `null` when none was started in this run of the app.
#[tauri::command]
#[specta::specta]
pub async fn sync_inbox_status(jobs: State<'_, Arc<InboxJobs>>) -> IpcResult<Option<InboxJobStatus>> {
    let Some(job) = lock(&jobs.0)?.clone() else { return Ok(None) };
    let outcome = lock(&job.outcome)?.clone();
    let (state, report, error) = match outcome {
        None => (InboxJobState::Running, None, None),
        Some(Ok(report)) => (InboxJobState::Done, Some(report), None),
        Some(Err(reason)) => (InboxJobState::Failed, None, Some(reason)),
    };
    Ok(Some(InboxJobStatus {
        state,
        done: job.done.load(Ordering::Relaxed),
        total: job.total.load(Ordering::Relaxed),
        report,
        error,
    }))
}

/// Asks the inbox run to stop before its next file (each file is its own transaction: nothing is half done).
#[tauri::command]
#[specta::specta]
pub async fn sync_inbox_cancel(jobs: State<'_, Arc<InboxJobs>>) -> IpcResult<()> {
    if let Some(job) = lock(&jobs.0)?.as_ref() {
        job.cancel.store(true, Ordering::Relaxed);
    }
    Ok(())
}
