//! Commands of 设置 → 二维码: the URL templates every code carries, the office's public key that tells genuine
//! signed codes from forged ones, the office's own signing key (an office installation makes it here, once), the
//! font file printing uses first, and checking a scanned text offline (扫码核验). Changes are administrators'
//! (checked by the core) and audited.

use liaison_core::qr_settings::{self, QrSettings};
use liaison_core::setup::{self, Mode};
use liaison_core::{ErrorCode, Store};
use liaison_print::payload::Templates;
use liaison_print::signing::{self, OfficeKey, PublicKey, Verdict};
use serde::Serialize;
use tauri::State;

use std::sync::Arc;

use liaison_print::fonts::{FontChoice, FontSet};

use super::qr::{fonts, office_key_dir};
use super::roster_files::{FileServices, PickKind};
use super::{blocking, lock, require_session, write_as};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// The QR settings as 设置 shows them.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct QrSettingsView {
    /// The templates and the office's public key.
    pub settings: QrSettings,
    /// The templates are still the examples: printed codes would open nothing real.
    pub is_example: bool,
    /// This installation holds the office's private key, so what it prints is signed.
    pub signs_codes: bool,
    /// This is an office installation (only an office may make the signing key).
    pub office_mode: bool,
}

fn view(store: &Store) -> IpcResult<QrSettingsView> {
    let settings = qr_settings::load(store.conn())?;
    let office_mode = setup::load(store.conn())?.is_some_and(|s| s.mode == Mode::Office);
    let signs_codes = office_key_dir(store).join(signing::PRIVATE_KEY_FILE).exists();
    Ok(QrSettingsView { is_example: settings.is_example(), settings, signs_codes, office_mode })
}

/// The QR settings.
#[tauri::command]
#[specta::specta]
pub async fn qr_settings_view(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<QrSettingsView> {
    require_session(&session)?;
    view(&*lock(&store)?)
}

/// Saves the URL templates (administrators only); an invalid template is refused with the reason in Chinese.
#[tauri::command]
#[specta::specta]
pub async fn qr_set_templates(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    deputy: String,
    station: String,
) -> IpcResult<QrSettingsView> {
    write_as(&store, &session, |w, actor| qr_settings::set_templates(w, Some(actor), Some(&deputy), Some(&station)))?;
    view(&*lock(&store)?)
}

/// Records the office's public key, as the office hands it to a station (administrators only).
#[tauri::command]
#[specta::specta]
pub async fn qr_set_public_key(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    key: String,
) -> IpcResult<QrSettingsView> {
    // The curve check the core cannot do: a key of the right shape that is no Ed25519 point is refused too.
    PublicKey::from_text(&key)?;
    write_as(&store, &session, |w, actor| qr_settings::set_office_public_key(w, Some(actor), &key))?;
    view(&*lock(&store)?)
}

/// Makes the office's signing key pair in this installation's key folder and records its public key (an office
/// installation's administrator, once: an existing key is never replaced, since every card signed with it would
/// stop verifying).
#[tauri::command]
#[specta::specta]
pub async fn qr_generate_office_key(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<QrSettingsView> {
    let dir = {
        let store = lock(&store)?;
        if !view(&store)?.office_mode {
            return Err(IpcError::new(
                ErrorCode::Forbidden,
                "只有机关模式的安装可以生成签名密钥；联络站只需录入机关公钥",
            ));
        }
        office_key_dir(&store)
    };
    if dir.join(signing::PRIVATE_KEY_FILE).exists() {
        return Err(IpcError::new(
            ErrorCode::Conflict,
            "本机已有机关签名密钥，不会覆盖（覆盖后已打印的二维码将无法核验）",
        ));
    }
    let key = OfficeKey::generate()?;
    let public = key.public_key().to_text();
    // The files first, then the record: the settings never name a key that is not on disk. A refused operator
    // (the core checks the administrator) takes the new files away again.
    let (private_file, public_file) = key.write_to(&dir)?;
    let recorded = write_as(&store, &session, |w, actor| qr_settings::set_office_public_key(w, Some(actor), &public));
    if let Err(e) = recorded {
        let _ = std::fs::remove_file(private_file);
        let _ = std::fs::remove_file(public_file);
        return Err(e);
    }
    view(&*lock(&store)?)
}

/// Lets an administrator pick the font file printing uses first (the open dialog; TTF/OTF/TTC), after checking
/// that it is a font with Chinese glyphs. `null` when the dialog is cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_print_font(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<Option<QrSettingsView>> {
    require_session(&session)?;
    let files = Arc::clone(&files);
    let Some(path) = blocking(move || Ok((files.pick_file)(PickKind::Font))).await? else { return Ok(None) };
    let only_this = FontChoice { primary: Some(path.clone()), fallbacks: Vec::new(), no_system_fonts: true };
    FontSet::load(&only_this).map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))?;
    let text = path.display().to_string();
    write_as(&store, &session, |w, actor| qr_settings::set_font_file(w, Some(actor), Some(&text)))?;
    Ok(Some(view(&*lock(&store)?)?))
}

/// Goes back to the system's fonts (administrators only).
#[tauri::command]
#[specta::specta]
pub async fn clear_print_font(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<QrSettingsView> {
    write_as(&store, &session, |w, actor| qr_settings::set_font_file(w, Some(actor), None))?;
    view(&*lock(&store)?)
}

/// The font families printing would use now, main font first (the chosen file's, or the system's CJK font).
#[tauri::command]
#[specta::specta]
pub async fn print_font_families(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<Vec<String>> {
    require_session(&session)?;
    let store = Arc::clone(&store);
    // Scanning the system's fonts takes a moment: off the async runtime's threads.
    blocking(move || Ok(fonts(&*lock(&store)?)?.families().into_iter().map(str::to_owned).collect())).await
}

/// What a scanned text is.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct QrVerdictView {
    /// `genuine`, `forged`, `unsigned` or `not_ours`.
    pub verdict: String,
    /// The sentence to show (真实 / 伪造 / 未签名 / 非本市, with whose code).
    pub label: String,
}

/// Checks a scanned text against this installation's templates and the office's public key, offline.
#[tauri::command]
#[specta::specta]
pub async fn qr_verify(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    text: String,
) -> IpcResult<QrVerdictView> {
    require_session(&session)?;
    let settings = qr_settings::load(lock(&store)?.conn())?;
    let Some(key_text) = settings.office_public_key.as_deref() else {
        return Err(IpcError::new(ErrorCode::Invalid, "尚未录入机关公钥，无法核验签名"));
    };
    let verdict = signing::verify(&text, &Templates::from_settings(&settings)?, &PublicKey::from_text(key_text)?);
    let name = match verdict {
        Verdict::Genuine { .. } => "genuine",
        Verdict::Forged => "forged",
        Verdict::Unsigned { .. } => "unsigned",
        Verdict::NotOurs => "not_ours",
    };
    Ok(QrVerdictView { verdict: name.to_owned(), label: verdict.label() })
}
