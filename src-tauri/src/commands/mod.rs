//! The app's Tauri commands, one module per feature. A command converts its input, calls the core once and
//! maps the error to [`crate::ipc::IpcError`]; nothing else. Register new commands in [`crate::ipc::builder`].

pub mod app;
pub mod roster;
pub mod session;

use std::sync::{Mutex, MutexGuard};

use crate::ipc::{IpcError, IpcResult};

/// Locks managed state (the store, the session); a poisoned lock (a command panicked mid-use) is an internal
/// error.
pub(crate) fn lock<T>(state: &Mutex<T>) -> IpcResult<MutexGuard<'_, T>> {
    state.lock().map_err(|_| IpcError::internal("a state lock is poisoned"))
}

/// Refuses a roster command when nobody is signed in: the webview is hostile ground, so the UI hiding a screen
/// is not enough.
pub(crate) fn require_session(session: &crate::SessionState) -> IpcResult<()> {
    match *lock(session)? {
        Some(_) => Ok(()),
        None => Err(IpcError { code: liaison_core::ErrorCode::Forbidden, message: "请先登录".into() }),
    }
}

#[cfg(test)]
mod tests;
