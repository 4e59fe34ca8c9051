//! Commands of 统计: the screen's charts for a period (the city or one station in the office; a station's
//! installation always gets its own station), and saving one chart — its table as XLSX, its picture as PNG — through
//! the native save dialog (the webview cannot save files: `<a download>` and ECharts' saveAsImage do nothing in
//! Tauri). The picture arrives as ECharts' data URL; the core decodes and checks it before the dialog opens.

use std::sync::Arc;

use liaison_core::dashboard::board::{Board, installation_board};
use liaison_core::dashboard::chart::{file_name, table_out};
use liaison_core::dashboard::picture::png_from_data_url;
use liaison_core::ledger::Period;
use liaison_core::workflow::deadlines::china_date;
use serde::Deserialize;
use tauri::State;

use super::roster_files::{ExportSummary, FileServices, write_xlsx};
use super::{blocking, lock, require_session};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// The 统计 screen's data. `period` as in the CLI: `2026`, `2026-Q3`, `2026-07`, `2026-07-01..2026-09-30`;
/// `station_code`: one station (office only; ignored in a station's installation).
#[tauri::command]
#[specta::specta]
pub async fn stats_board(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    period: String,
    station_code: Option<String>,
) -> IpcResult<Board> {
    require_session(&session)?;
    let period = period.parse::<Period>()?;
    let store = StoreState::clone(&store);
    blocking(move || {
        let store = lock(&store)?;
        let now = store.deps().clock.now();
        Ok(installation_board(store.conn(), station_code.as_deref(), &period, now)?)
    })
    .await
}

/// A chart's table as shown under it.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ChartTableInput {
    /// The chart's title with its scope and period (the sheet's title and the file's name).
    pub title: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells as shown.
    pub rows: Vec<Vec<String>>,
}

/// The day on the store's clock, for file names.
fn today(store: &StoreState) -> IpcResult<chrono::NaiveDate> {
    Ok(china_date(lock(store)?.deps().clock.now()))
}

/// Saves a chart's table as XLSX where the operator chooses; `null` when the dialog is cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_chart_data(
    store: State<'_, StoreState>,
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
    table: ChartTableInput,
) -> IpcResult<Option<ExportSummary>> {
    require_session(&session)?;
    let out = table_out(&table.title, table.headers, table.rows)?;
    let name = file_name(&table.title, today(&store)?, "xlsx");
    save_as(&files, name, move |path| write_xlsx(path.display().to_string(), out)).await
}

/// Saves a chart's picture (ECharts' `data:image/png;base64,` URL, checked to be a PNG) where the operator
/// chooses; the path written, or `null` when the dialog is cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_chart_image(
    store: State<'_, StoreState>,
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
    title: String,
    data_url: String,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let png = png_from_data_url(&data_url)?;
    let name = file_name(&title, today(&store)?, "png");
    save_as(&files, name, move |path| {
        std::fs::write(&path, png).map_err(|e| IpcError::internal(format!("writing {}: {e}", path.display())))?;
        Ok(path.display().to_string())
    })
    .await
}

/// Asks where to save `name` (the save dialog, on a blocking thread) and writes there; `None` when cancelled.
async fn save_as<T: Send + 'static>(
    files: &Arc<FileServices>,
    name: String,
    write: impl FnOnce(std::path::PathBuf) -> IpcResult<T> + Send + 'static,
) -> IpcResult<Option<T>> {
    let files = Arc::clone(files);
    blocking(move || (files.save_file)(&name).map(write).transpose()).await
}
