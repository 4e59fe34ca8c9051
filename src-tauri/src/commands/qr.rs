//! Commands of the QR codes: a deputy's or platform's code (its text and modules, which the window draws as vector
//! rectangles — no image or raw HTML crosses IPC), and printing one deputy's card, one platform's poster or a
//! station's A4 sheet of cards to a PDF
//! chosen with the save dialog (fonts found on the system; a name no font can render is refused in Chinese).

use std::sync::Arc;

use liaison_core::ErrorCode;
use liaison_print::card::cards_pdf;
use liaison_print::fonts::{FontChoice, FontSet};
use liaison_print::payload;
use liaison_print::poster::posters_pdf;
use liaison_print::select::{PlatformSelection, Selection, deputy_cards, platform_posters};
use liaison_print::sheet::{SheetOptions, SheetOrder, sheet_pdf};
use liaison_print::{Ec, encode};
use serde::Serialize;
use tauri::State;

use super::roster_files::{FileServices, write_file};
use super::{blocking, lock, require_session};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// A code as the window draws it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct QrView {
    /// The text it carries (the URL from the office's template).
    pub payload: String,
    /// Modules per side (without the quiet zone).
    pub size: u32,
    /// Row-major, `true` = dark.
    pub modules: Vec<bool>,
}

fn view(text: String) -> IpcResult<QrView> {
    let matrix = encode(&text, Ec::M).map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))?;
    Ok(QrView { payload: text, size: u32::try_from(matrix.size).unwrap_or(0), modules: matrix.modules })
}

/// The code of a deputy (`kind` deputy) or a platform (`kind` platform), by its code.
#[tauri::command]
#[specta::specta]
pub async fn qr_code(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    kind: QrKind,
    code: String,
) -> IpcResult<QrView> {
    require_session(&session)?;
    let store = lock(&store)?;
    let text = match kind {
        QrKind::Deputy => payload::deputy_url(store.conn(), &code)?,
        QrKind::Platform => payload::station_url(store.conn(), &code)?,
    };
    view(text)
}

/// Whose code.
#[derive(Debug, Clone, Copy, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum QrKind {
    /// A deputy.
    Deputy,
    /// A station or another platform.
    Platform,
}

fn pdf_failure(e: liaison_print::pdf::PrintError) -> IpcError {
    IpcError::new(ErrorCode::Invalid, e.to_string())
}

fn fonts() -> IpcResult<FontSet> {
    FontSet::load(&FontChoice::default()).map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))
}

/// Prints one deputy's card (front, and the 履职承诺 back when `back`) to a PDF where the clerk chooses; `null`
/// when the save dialog is cancelled.
#[tauri::command]
#[specta::specta]
pub async fn print_deputy_card(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    code: String,
    back: bool,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let cards = deputy_cards(lock(&store)?.conn(), &Selection::Deputies(vec![code]), None, "")?;
    let name = cards.first().map(|c| format!("{}-{}-代表卡.pdf", c.code, c.name)).unwrap_or_default();
    let files = Arc::clone(&files);
    blocking(move || {
        let pdf = cards_pdf(&cards, &mut fonts()?, Ec::M, back).map_err(pdf_failure)?;
        write_file(&files, &name, &pdf)
    })
    .await
}

/// Prints one platform's A4 poster to a PDF where the clerk chooses; `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn print_platform_poster(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    code: String,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let selection = PlatformSelection::Codes(vec![code]);
    let poster = platform_posters(lock(&store)?.conn(), &selection, None)?.remove(0);
    let name = format!("{}-{}-海报.pdf", poster.code, poster.name);
    let files = Arc::clone(&files);
    blocking(move || {
        let pdf = posters_pdf(std::slice::from_ref(&poster), &mut fonts()?, Ec::Q).map_err(pdf_failure)?;
        write_file(&files, &name, &pdf)
    })
    .await
}

/// Prints the cards of one station's deputies (or every serving deputy's, `null`) on A4 sheets, 2 × 5 with crop
/// marks and grouped by station, to a PDF where the clerk chooses; `null` when the dialog is cancelled.
#[tauri::command]
#[specta::specta]
pub async fn print_card_sheet(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    station_code: Option<String>,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let selection = station_code.clone().map_or(Selection::All, |code| Selection::Stations(vec![code]));
    let cards = deputy_cards(lock(&store)?.conn(), &selection, None, "")?;
    if cards.is_empty() {
        return Err(IpcError::new(ErrorCode::Invalid, "所选范围内没有在任代表，无需打印"));
    }
    let name = match &station_code {
        Some(code) => format!("{code}-代表联系卡（A4）.pdf"),
        None => "全部代表联系卡（A4）.pdf".to_owned(),
    };
    let files = Arc::clone(&files);
    blocking(move || {
        let opts = SheetOptions { order: SheetOrder::ByStation, ec: Ec::M, title: None };
        let pdf = sheet_pdf(&cards, &mut fonts()?, &opts, &mut |_, _| true).map_err(pdf_failure)?;
        write_file(&files, &name, &pdf)
    })
    .await
}
