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
