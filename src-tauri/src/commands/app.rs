//! Commands about the installation itself.

use liaison_core::setup::{self, InstallationInfo};
use tauri::State;

use super::lock;
use crate::StoreState;
use crate::ipc::IpcResult;

/// The database, node id, schema version and setup (`null` until the first run is done).
#[tauri::command]
#[specta::specta]
pub async fn app_info(store: State<'_, StoreState>) -> IpcResult<InstallationInfo> {
    Ok(setup::info(&*lock(&store)?)?)
}

/// The store's clock: the time the app goes by (deadlines, codes, default dates in forms), so a form never
/// defaults to a different instant than the one Rust will count from.
#[tauri::command]
#[specta::specta]
pub async fn clock_now(store: State<'_, StoreState>) -> IpcResult<chrono::DateTime<chrono::Utc>> {
    Ok(lock(&store)?.deps().clock.now())
}
