//! Commands that move the roster in and out of spreadsheet files: the native open/save dialogs (run from Rust, so
//! the webview needs no dialog or file-system permission), the import preview and commit (off the async runtime's
//! threads, with progress events and a cancel switch), the export and the import template.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use liaison_core::export::{deputies_table, platforms_table};
use liaison_core::import::progress::{self, Watch};
use liaison_core::import::{self, ImportReport, RosterKind};
use liaison_core::tabular::TableOut;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;

use super::{blocking, lock, require_session, signed_in};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// The cancel switch of the running import (managed state; one import at a time).
#[derive(Default)]
pub struct ImportCancel(Arc<AtomicBool>);

/// A save dialog: suggested file name in, chosen path (or `None`, cancelled) out.
pub type SaveDialog = Box<dyn Fn(&str) -> Option<PathBuf> + Send + Sync>;

/// What an open dialog asks for (its title and file filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickKind {
    /// A roster workbook to import.
    Roster,
    /// A year's holiday calendar (holiday-cn JSON) to import.
    Calendar,
    /// A file to attach to a matter.
    Attachment,
    /// A font file for printing cards and posters.
    Font,
    /// A sync bundle (`.lzb`) to import.
    Bundle,
    /// The office's enrollment file (`.lze`) for this station.
    Enrollment,
}

impl PickKind {
    /// The sync files: the only kinds the open-dialog test seam answers (see [`TEST_OPEN_DIR_ENV`]).
    fn sync_extension(self) -> Option<&'static str> {
        match self {
            PickKind::Bundle => Some("lzb"),
            PickKind::Enrollment => Some("lze"),
            _ => None,
        }
    }
}

/// The environment variable that makes the save dialog answer `<dir>/<suggested name>` (and the folder dialog
/// `<dir>/<purpose>`) without showing: set only by the end-to-end tests, which cannot drive a native GTK dialog.
pub const TEST_SAVE_DIR_ENV: &str = "LIAISON_TEST_SAVE_DIR";

/// The environment variable that makes the open dialog for a sync file (a bundle, an enrollment file) answer the
/// newest file of that type in `<dir>` without showing: set only by the end-to-end tests, which copy the file to
/// import there first. Other open dialogs are not affected.
pub const TEST_OPEN_DIR_ENV: &str = "LIAISON_TEST_OPEN_DIR";

/// A folder dialog: what the folder is for (收件箱, 导出 …: the dialog's title, and the sub-folder the test seam
/// answers) and the folder to start in (the one remembered) in, the chosen folder (or `None`) out.
pub type FolderDialog = Box<dyn Fn(&str, Option<&std::path::Path>) -> Option<PathBuf> + Send + Sync>;

/// The newest file ending in `.extension` in `dir`: the open-dialog test seam's answer.
fn newest_with_extension(dir: &std::path::Path, extension: &str) -> Option<PathBuf> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == extension))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .max()
        .map(|(_, path)| path)
}

/// What the roster-file commands need from the window system: the native open and save dialogs and the progress
/// event. Made in `setup` from the app handle and managed as `Arc<FileServices>`, so the commands do not depend on
/// the runtime type (tests on the mock runtime manage their own).
pub struct FileServices {
    /// Shows the open dialog for a roster workbook; `None` when cancelled.
    pub pick_file: Box<dyn Fn(PickKind) -> Option<PathBuf> + Send + Sync>,
    /// Shows the save dialog with a suggested file name; `None` when cancelled.
    pub save_file: SaveDialog,
    /// Shows the folder dialog (for sync bundles); `None` when cancelled.
    pub pick_folder: FolderDialog,
    /// Sends an import's progress to the window.
    pub progress: Box<dyn Fn(ImportProgress) + Send + Sync>,
}

impl FileServices {
    /// The real dialogs and event of `app`.
    pub fn for_app<R: Runtime>(app: &AppHandle<R>) -> Self {
        let (open, save, folder, events) = (app.clone(), app.clone(), app.clone(), app.clone());
        FileServices {
            pick_file: Box::new(move |kind| {
                if let Some(extension) = kind.sync_extension()
                    && let Some(dir) = std::env::var_os(TEST_OPEN_DIR_ENV).filter(|d| !d.is_empty())
                {
                    return newest_with_extension(std::path::Path::new(&dir), extension);
                }
                let (title, filter, extensions) = match kind {
                    PickKind::Roster => ("选择要导入的名册文件", "名册表格", IMPORT_EXTENSIONS),
                    PickKind::Calendar => ("选择节假日日历文件", "日历文件（JSON）", &["json"][..]),
                    PickKind::Attachment => ("选择附件", "图片、PDF、文档", ATTACHMENT_EXTENSIONS),
                    PickKind::Font => ("选择打印字体", "字体文件", &["ttf", "otf", "ttc", "otc"][..]),
                    PickKind::Bundle => ("选择要导入的数据包", "同步数据包", &["lzb"][..]),
                    PickKind::Enrollment => ("选择机关发来的登记文件", "登记文件", &["lze"][..]),
                };
                let dialog = open.dialog().file().set_title(title);
                let chosen = dialog.add_filter(filter, extensions).blocking_pick_file();
                chosen.and_then(|p| p.into_path().ok())
            }),
            save_file: Box::new(move |name| {
                if let Some(dir) = std::env::var_os(TEST_SAVE_DIR_ENV).filter(|d| !d.is_empty()) {
                    return Some(PathBuf::from(dir).join(name));
                }
                let dialog = save.dialog().file().set_title("另存为").set_file_name(name);
                // Workbooks get the Excel filter (and the extension if the clerk typed none); other files (an
                // attachment saved back) keep the type of the suggested name.
                let extension = std::path::Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("");
                if extension.eq_ignore_ascii_case("xlsx") || extension.is_empty() {
                    let chosen = dialog.add_filter("Excel 工作簿", &["xlsx"]).blocking_save_file();
                    return chosen.and_then(|p| p.into_path().ok()).map(with_xlsx_extension);
                }
                let chosen = dialog.add_filter(extension, &[extension]).blocking_save_file();
                chosen.and_then(|p| p.into_path().ok())
            }),
            pick_folder: Box::new(move |purpose, start| {
                // The test seam answers `<dir>/<purpose>`, so an office's inbox, archive and outbox stay apart.
                if let Some(dir) = std::env::var_os(TEST_SAVE_DIR_ENV).filter(|d| !d.is_empty()) {
                    let answer = PathBuf::from(dir).join(purpose);
                    return std::fs::create_dir_all(&answer).ok().map(|()| answer);
                }
                let mut dialog = folder.dialog().file().set_title(format!("选择{purpose}文件夹"));
                if let Some(start) = start.filter(|d| d.is_dir()) {
                    dialog = dialog.set_directory(start);
                }
                dialog.blocking_pick_folder().and_then(|p| p.into_path().ok())
            }),
            progress: Box::new(move |p| {
                // A lost progress event only delays the bar; the import goes on.
                let _ = p.emit(&events);
            }),
        }
    }
}

/// How far the running import is; sent as the `import-progress` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct ImportProgress {
    /// Rows handled so far.
    pub done: u32,
    /// Rows in the sheets being imported.
    pub total: u32,
}

impl From<progress::ImportProgress> for ImportProgress {
    fn from(p: progress::ImportProgress) -> Self {
        ImportProgress { done: p.done, total: p.total }
    }
}

/// Asks where to save `name` (the save dialog) and writes `bytes` there: the path, or `None` when cancelled.
pub(crate) fn write_file(files: &FileServices, name: &str, bytes: &[u8]) -> IpcResult<Option<String>> {
    let Some(path) = (files.save_file)(name) else { return Ok(None) };
    std::fs::write(&path, bytes)
        .map_err(|e| IpcError::new(liaison_core::ErrorCode::Storage, format!("无法写入 {}：{e}", path.display())))?;
    Ok(Some(path.display().to_string()))
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ExportSummary {
    /// The file written.
    pub path: String,
    /// Data rows written (header rows not counted).
    pub rows: u32,
}

/// What the attach dialog offers (the core checks the content, whatever the name says).
const ATTACHMENT_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "txt"];

/// The spreadsheet types the import reads.
const IMPORT_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "txt"];

/// Asks for a roster workbook with the system's open dialog; `null` when the clerk cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_import_file(
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let files = Arc::clone(&files);
    let chosen = blocking(move || Ok((files.pick_file)(PickKind::Roster))).await?;
    Ok(chosen.map(|p| p.display().to_string()))
}

/// Asks where to save a roster workbook with the system's save dialog; `null` when the clerk cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_export_file(
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
    kind: RosterKind,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let name = match kind {
        RosterKind::Deputies => "代表名册.xlsx",
        RosterKind::Platforms => "联络站名册.xlsx",
    };
    let files = Arc::clone(&files);
    let chosen = blocking(move || Ok((files.save_file)(name))).await?;
    Ok(chosen.map(|p| p.display().to_string()))
}

/// A save path without an extension gets `.xlsx` (GTK's save dialog does not add one).
fn with_xlsx_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() { path } else { path.with_extension("xlsx") }
}

/// What importing the file would do: the whole import, rolled back.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    path: String,
) -> IpcResult<ImportReport> {
    let operator = signed_in(&session)?.operator();
    let store = StoreState::clone(&store);
    blocking(move || {
        let grids = liaison_sheets::read_file(path.as_ref())?;
        Ok(import::preview(&mut *lock(&store)?, &grids, &operator)?)
    })
    .await
}

/// Imports the file in one transaction in the signed-in operator's name, sending `import-progress` events;
/// `cancelled` (nothing written) after [`cancel_import`].
#[tauri::command]
#[specta::specta]
pub async fn import_commit(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    cancel: State<'_, ImportCancel>,
    path: String,
) -> IpcResult<ImportReport> {
    let operator = signed_in(&session)?.operator();
    let store = StoreState::clone(&store);
    let cancel = Arc::clone(&cancel.0);
    cancel.store(false, Ordering::Relaxed);
    let files = Arc::clone(&files);
    blocking(move || {
        let grids = liaison_sheets::read_file(path.as_ref())?;
        let mut report = |p: progress::ImportProgress| (files.progress)(ImportProgress::from(p));
        let mut watch = Watch::new(&mut report, &cancel);
        Ok(import::commit_watched(&mut *lock(&store)?, &grids, &operator, &mut watch)?)
    })
    .await
}

/// Asks the running import to stop; it rolls back and answers `cancelled`.
#[tauri::command]
#[specta::specta]
pub async fn cancel_import(cancel: State<'_, ImportCancel>) -> IpcResult<()> {
    cancel.0.store(true, Ordering::Relaxed);
    Ok(())
}

/// Writes the deputies or platforms roster to an XLSX file, personal data masked.
#[tauri::command]
#[specta::specta]
pub async fn export_roster(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    kind: RosterKind,
    path: String,
) -> IpcResult<ExportSummary> {
    require_session(&session)?;
    let store = StoreState::clone(&store);
    blocking(move || {
        let table = {
            let store = lock(&store)?;
            match kind {
                RosterKind::Deputies => deputies_table(store.conn())?,
                RosterKind::Platforms => platforms_table(store.conn())?,
            }
        };
        write_xlsx(path, table)
    })
    .await
}

/// Writes the empty import template of a roster kind (headers and an example row) to an XLSX file.
#[tauri::command]
#[specta::specta]
pub async fn import_template(
    session: State<'_, SessionState>,
    kind: RosterKind,
    path: String,
) -> IpcResult<ExportSummary> {
    require_session(&session)?;
    let table = import::templates().into_iter().find(|(k, _)| *k == kind).map(|(_, t)| t);
    let table = table.ok_or_else(|| IpcError::internal(format!("no import template for {kind:?}")))?;
    blocking(move || write_xlsx(path, table)).await
}

pub(crate) fn write_xlsx(path: String, table: TableOut) -> IpcResult<ExportSummary> {
    liaison_sheets::write_xlsx_file(path.as_ref(), std::slice::from_ref(&table))?;
    Ok(ExportSummary { path, rows: u32::try_from(table.rows.len()).unwrap_or(u32::MAX) })
}
