//! The app's Tauri commands, one module per feature. A command converts its input, calls the core once and
//! maps the error to [`crate::ipc::IpcError`]; nothing else. Register new commands in [`crate::ipc::builder`].

pub mod app;
pub mod roster;

use std::sync::{Mutex, MutexGuard};

use liaison_core::Store;

use crate::ipc::{IpcError, IpcResult};

/// Locks the store; a poisoned lock (a command panicked mid-use) is an internal error.
pub(crate) fn lock(store: &Mutex<Store>) -> IpcResult<MutexGuard<'_, Store>> {
    store.lock().map_err(|_| IpcError::internal("the store lock is poisoned"))
}

#[cfg(test)]
mod tests;
