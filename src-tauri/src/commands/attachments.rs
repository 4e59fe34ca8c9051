//! Commands of a matter's attachments (附件): list, attach a file chosen with the native open dialog (the core
//! checks its size and type from its content and keeps a copy beside the database), save a copy where the clerk
//! chooses, and remove one from its matter.

use std::sync::Arc;

use liaison_core::ErrorCode;
use liaison_core::workflow::attachments::{self, AttachmentView};
use tauri::State;

use super::roster_files::{FileServices, PickKind, write_file};
use super::{blocking, lock, require_session, write_as};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// The matter's attachments, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn matter_attachments(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    matter: String,
) -> IpcResult<Vec<AttachmentView>> {
    require_session(&session)?;
    Ok(attachments::list(lock(&store)?.conn(), &matter)?)
}

/// Asks for a file to attach with the system's open dialog; `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_attachment_file(
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let files = Arc::clone(&files);
    let chosen = blocking(move || Ok((files.pick_file)(PickKind::Attachment))).await?;
    Ok(chosen.map(|p| p.display().to_string()))
}

/// Attaches the file at `path` to the matter (refused in Chinese when empty, too large or of another type).
#[tauri::command]
#[specta::specta]
pub async fn attach_file(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    matter: String,
    path: String,
) -> IpcResult<AttachmentView> {
    let file = std::path::PathBuf::from(&path);
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes =
        std::fs::read(&file).map_err(|e| IpcError::new(ErrorCode::Invalid, format!("无法读取文件 {path}：{e}")))?;
    let dir = lock(&store)?.attachments_dir();
    write_as(&store, &session, |w, _| attachments::attach(w, &dir, &matter, &name, &bytes))
}

/// Saves a copy of an attachment where the clerk chooses (the save dialog suggests its name); `null` when
/// cancelled. The copy is checked against the attachment's hash first.
#[tauri::command]
#[specta::specta]
pub async fn save_attachment(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    id: String,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let (attachment, bytes) = {
        let store = lock(&store)?;
        let attachment = attachments::get(store.conn(), &id)?;
        let bytes = attachments::read(&store.attachments_dir(), &attachment)?;
        (attachment, bytes)
    };
    let files = Arc::clone(&files);
    blocking(move || write_file(&files, &attachment.file_name, &bytes)).await
}

/// Removes an attachment from its matter.
#[tauri::command]
#[specta::specta]
pub async fn remove_attachment(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    id: String,
) -> IpcResult<()> {
    write_as(&store, &session, |w, _| attachments::remove(w, &id))
}
