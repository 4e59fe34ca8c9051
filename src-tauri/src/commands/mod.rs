//! The app's Tauri commands, one module per feature. A command converts its input, calls the core once and
//! maps the error to [`crate::ipc::IpcError`]; nothing else. Register new commands in [`crate::ipc::builder`].

pub mod app;
pub mod attachments;
pub mod documents;
pub mod duty;
pub mod ledgers;
pub mod print_jobs;
pub mod qr;
pub mod qr_settings;
pub mod ranking;
pub mod roster;
pub mod roster_files;
pub mod rules;
pub mod session;
pub mod settings;
pub mod stats;
pub mod sync;
pub mod workflow;

use std::sync::{Mutex, MutexGuard};

use liaison_core::ErrorCode;
use liaison_core::operators::Session;
use liaison_core::store::Writer;

use crate::ipc::{IpcError, IpcResult};

/// Locks managed state (the store, the session); a poisoned lock (a command panicked mid-use) is an internal
/// error.
pub(crate) fn lock<T>(state: &Mutex<T>) -> IpcResult<MutexGuard<'_, T>> {
    state.lock().map_err(|_| IpcError::internal("a state lock is poisoned"))
}

/// The signed-in operator, or a refusal when nobody is signed in: the webview is hostile ground, so the UI hiding
/// a screen is not enough. Writes are opened in this session's name, so the change log records who did what.
pub(crate) fn signed_in(session: &crate::SessionState) -> IpcResult<Session> {
    lock(session)?.clone().ok_or_else(|| IpcError::new(ErrorCode::Forbidden, "请先登录"))
}

/// Runs one write of the core in the signed-in operator's name (one transaction, recorded under them), handing the
/// session to use cases that check the operator's role.
pub(crate) fn write_as<T>(
    store: &crate::StoreState,
    session: &crate::SessionState,
    write: impl FnOnce(&mut Writer<'_>, &Session) -> liaison_core::Result<T>,
) -> IpcResult<T> {
    let actor = signed_in(session)?;
    Ok(lock(store)?.write(&actor.operator(), |w| write(w, &actor))?)
}

/// Refuses a read-only command when nobody is signed in.
/// Runs file and database work on a blocking thread, so the async runtime (and other commands) stay responsive.
pub(crate) async fn blocking<T: Send + 'static>(job: impl FnOnce() -> IpcResult<T> + Send + 'static) -> IpcResult<T> {
    tauri::async_runtime::spawn_blocking(job).await.map_err(IpcError::internal)?
}

pub(crate) fn require_session(session: &crate::SessionState) -> IpcResult<()> {
    signed_in(session).map(drop)
}

#[cfg(test)]
mod tests;
