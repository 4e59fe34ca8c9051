//! Commands of the QR codes: a deputy's or platform's code (its text and modules, which the window draws as vector
//! rectangles — no image or raw HTML crosses IPC), and printing one deputy's card or one platform's poster to a PDF
//! chosen with the save dialog (fonts found on the system; a name no font can render is refused in Chinese).
//! Batches of many go through `print_jobs`; both sign the codes when this installation holds the office key.

use std::sync::Arc;

use liaison_core::{ErrorCode, Store};
use liaison_print::card::Card;
use liaison_print::card::cards_pdf;
use liaison_print::fonts::{FontChoice, FontSet};
use liaison_print::payload;
use liaison_print::poster::Poster;
use liaison_print::poster::posters_pdf;
use liaison_print::select::{PlatformSelection, Selection, deputy_cards_signed, platform_posters_signed};
use liaison_print::signing::{OfficeKey, Signer};
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
    // The code as it prints here: signed when this installation holds the office key.
    let text = match office_signer(&store)? {
        Some(signing) => {
            let kind = match kind {
                QrKind::Deputy => payload::Kind::Deputy,
                QrKind::Platform => payload::Kind::Platform,
            };
            let templates = payload::Templates::load(store.conn())?;
            liaison_print::signing::payload(&templates, kind, &code, Some(&signing.as_signer()))?
        }
        None => text,
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

pub(super) fn pdf_failure(e: liaison_print::pdf::PrintError) -> IpcError {
    IpcError::new(ErrorCode::Invalid, e.to_string())
}

/// The fonts to print with: the file an administrator picked in 设置 → 二维码 first, then the system's CJK fonts.
pub(super) fn fonts(store: &Store) -> IpcResult<FontSet> {
    let font_file = liaison_core::qr_settings::load(store.conn())?.font_file;
    let choice = FontChoice { primary: font_file.map(Into::into), ..FontChoice::default() };
    FontSet::load(&choice).map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))
}

/// A deputy's card as the 二维码 screen previews it: the lines exactly as the PDF prints them (Rust words the level
/// lines, e.g. 平顶山市第十二届人民代表大会代表) and the code.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CardPreview {
    /// Name.
    pub name: String,
    /// One line per level and term.
    pub level_lines: Vec<String>,
    /// The station's name.
    pub station: Option<String>,
    /// The public contact.
    pub contact: String,
    /// Whether a photo prints in the photo box.
    pub has_photo: bool,
    /// The code.
    pub qr: QrView,
}

/// The preview of deputy `code`'s card.
#[tauri::command]
#[specta::specta]
pub async fn card_preview(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    code: String,
) -> IpcResult<CardPreview> {
    require_session(&session)?;
    let card = cards_of(&*lock(&store)?, vec![code])?.remove(0);
    Ok(CardPreview {
        has_photo: card.photo.is_some(),
        qr: view(card.payload)?,
        name: card.name,
        level_lines: card.level_lines,
        station: card.station,
        contact: card.contact,
    })
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
    let store = Arc::clone(&store);
    let files = Arc::clone(&files);
    blocking(move || {
        let (cards, mut fonts) = {
            let store = lock(&store)?;
            (cards_of(&store, vec![code])?, fonts(&store)?)
        };
        let name = cards.first().map(|c| format!("{}-{}-代表卡.pdf", c.code, c.name)).unwrap_or_default();
        let pdf = cards_pdf(&cards, &mut fonts, Ec::M, back).map_err(pdf_failure)?;
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
    let store = Arc::clone(&store);
    let files = Arc::clone(&files);
    blocking(move || {
        let (poster, mut fonts) = {
            let store = lock(&store)?;
            (posters_of(&store, vec![code])?.remove(0), fonts(&store)?)
        };
        let name = format!("{}-{}-海报.pdf", poster.code, poster.name);
        let pdf = posters_pdf(std::slice::from_ref(&poster), &mut fonts, Ec::Q).map_err(pdf_failure)?;
        write_file(&files, &name, &pdf)
    })
    .await
}

/// The folder beside the database that holds this installation's office signing key (`<database>.qr-keys/`:
/// `office.key`, mode 0600, and `office.pub`): only an office installation that made its key in 设置 → 二维码 has
/// one.
pub(super) fn office_key_dir(store: &Store) -> std::path::PathBuf {
    store.own_dir("qr-keys")
}

/// The office's key and the signature version to print, when this installation holds the key.
pub(super) struct OfficeSigning {
    key: OfficeKey,
    version: u32,
}

impl OfficeSigning {
    /// The signer borrowing this key.
    pub(super) fn as_signer(&self) -> Signer<'_> {
        Signer { key: &self.key, version: self.version }
    }
}

/// The office key of this installation, if it has one: codes printed here are then signed (version 1).
pub(super) fn office_signer(store: &Store) -> IpcResult<Option<OfficeSigning>> {
    let path = office_key_dir(store).join(liaison_print::signing::PRIVATE_KEY_FILE);
    if !path.exists() {
        return Ok(None);
    }
    Ok(Some(OfficeSigning { key: OfficeKey::load(&path)?, version: 1 }))
}

/// These deputies' cards as this installation prints them (signed when it holds the office key).
pub(super) fn cards_of(store: &Store, codes: Vec<String>) -> IpcResult<Vec<Card>> {
    let signing = office_signer(store)?;
    let signer = signing.as_ref().map(OfficeSigning::as_signer);
    Ok(deputy_cards_signed(store.conn(), &Selection::Deputies(codes), None, "", signer.as_ref())?)
}

/// These platforms' posters as this installation prints them (signed when it holds the office key).
pub(super) fn posters_of(store: &Store, codes: Vec<String>) -> IpcResult<Vec<Poster>> {
    let signing = office_signer(store)?;
    let signer = signing.as_ref().map(OfficeSigning::as_signer);
    Ok(platform_posters_signed(store.conn(), &PlatformSelection::Codes(codes), None, signer.as_ref())?)
}
