//! Commands of the office's printed documents: a unit's 交办单, the 催办/督办 notices of the overdue matters (one PDF
//! per unit into a folder) and the period report (PDF or XLSX). Each asks where to write with the native dialog
//! (cancelling it writes nothing), builds the document in the core and the print crate as `liaison dispatch` and
//! `liaison report` do, and writes it whole (a temporary file renamed when complete). No document carries a
//! citizen's name, phone or ID number (the core redacts).

use std::sync::Arc;

use liaison_core::documents::{dispatch_sheet, supervision_notices};
use liaison_core::ledger::Period;
use liaison_core::report;
use liaison_print::documents::{dispatch_sheet_file_name, dispatch_sheet_pdf, notice_file_name, notice_pdf};
use liaison_print::report::report_pdf;
use serde::{Deserialize, Serialize};
use tauri::State;

use super::print_jobs::write_whole;
use super::qr::fonts;
use super::roster_files::FileServices;
use super::{blocking, lock, require_session};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// What a document command wrote.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DocumentsWritten {
    /// The file, or the folder of the notices.
    pub path: String,
    /// Files written (1 for a sheet or a report; one per unit for the notices, possibly 0).
    pub files: u32,
    /// Matters on them (report: its sections' rows are not counted; 0).
    pub matters: u32,
}

/// The report's file format.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// A PDF with the charts.
    Pdf,
    /// A workbook, one sheet per section.
    Xlsx,
}

fn print_error(e: impl std::fmt::Display) -> IpcError {
    IpcError::new(liaison_core::ErrorCode::Invalid, format!("文档生成失败：{e}"))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Writes the 交办单 of the unit `unit` (code or name) where the save dialog says; `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn print_dispatch_sheet(
    store: State<'_, StoreState>,
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
    unit: String,
) -> IpcResult<Option<DocumentsWritten>> {
    require_session(&session)?;
    let (store, files) = (StoreState::clone(&store), Arc::clone(&files));
    blocking(move || {
        let (sheet, mut fonts) = {
            let store = lock(&store)?;
            (dispatch_sheet(store.conn(), &unit, store.deps().clock.now())?, fonts(&store)?)
        };
        let Some(path) = (files.save_file)(&dispatch_sheet_file_name(&sheet)) else { return Ok(None) };
        write_whole(&path, &dispatch_sheet_pdf(&sheet, &mut fonts).map_err(print_error)?)?;
        Ok(Some(DocumentsWritten { path: path.display().to_string(), files: 1, matters: count(sheet.lines.len()) }))
    })
    .await
}

/// Writes one 催办通知 or 督办通知 per unit holding overdue matters into the folder the dialog gives; `null` when
/// cancelled.
#[tauri::command]
#[specta::specta]
pub async fn write_supervision_notices(
    store: State<'_, StoreState>,
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
) -> IpcResult<Option<DocumentsWritten>> {
    require_session(&session)?;
    let (store, files) = (StoreState::clone(&store), Arc::clone(&files));
    blocking(move || {
        let (notices, mut fonts) = {
            let store = lock(&store)?;
            (supervision_notices(store.conn(), store.deps().clock.now())?, fonts(&store)?)
        };
        let Some(dir) = (files.pick_folder)("督办通知", None) else { return Ok(None) };
        std::fs::create_dir_all(&dir).map_err(|e| print_error(format!("{}：{e}", dir.display())))?;
        let mut matters = 0;
        for notice in &notices {
            write_whole(&dir.join(notice_file_name(notice)), &notice_pdf(notice, &mut fonts).map_err(print_error)?)?;
            matters += notice.matters.len();
        }
        Ok(Some(DocumentsWritten {
            path: dir.display().to_string(),
            files: count(notices.len()),
            matters: count(matters),
        }))
    })
    .await
}

/// Writes the report of `period` (`2026`, `2026-Q3`, `2026-07`) as PDF or XLSX where the save dialog says; `null`
/// when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_report(
    store: State<'_, StoreState>,
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
    period: String,
    format: ReportFormat,
) -> IpcResult<Option<DocumentsWritten>> {
    require_session(&session)?;
    let period = period.parse::<Period>()?;
    let (store, files) = (StoreState::clone(&store), Arc::clone(&files));
    blocking(move || {
        let extension = match format {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Xlsx => "xlsx",
        };
        let Some(path) = (files.save_file)(&format!("人大代表联络站工作报告（{}）.{extension}", period.label))
        else {
            return Ok(None);
        };
        let store = lock(&store)?;
        let built = report::report(store.conn(), &period, store.deps().clock.now())?;
        match format {
            ReportFormat::Pdf => write_whole(&path, &report_pdf(&built, &mut fonts(&store)?).map_err(print_error)?)?,
            ReportFormat::Xlsx => liaison_sheets::write_xlsx_file(&path, &report::tables::tables(&built))?,
        }
        Ok(Some(DocumentsWritten { path: path.display().to_string(), files: 1, matters: 0 }))
    })
    .await
}
