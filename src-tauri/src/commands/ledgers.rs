//! Commands of 导出台账: where to save (the native save dialog, suggesting the ledger's name and period) and
//! writing the ledger of one station or all of them over a period to XLSX, personal data masked unless the operator
//! gives a reason and their role may see it (the core checks the role and audits the reveal).

use std::sync::Arc;

use liaison_core::ledger::{LedgerKind, LedgerScope, Period};
use tauri::State;

use super::roster_files::{ExportSummary, FileServices};
use super::{blocking, lock, require_session, signed_in};
use crate::ipc::IpcResult;
use crate::{SessionState, StoreState};

fn scope(station_code: Option<String>, period: &str) -> IpcResult<LedgerScope> {
    Ok(LedgerScope { station_code: station_code.filter(|c| !c.trim().is_empty()), period: period.parse::<Period>()? })
}

/// Asks where to save a ledger; `null` when cancelled. `period` as in the CLI: `2026`, `2026-Q3`, `2026-07`.
#[tauri::command]
#[specta::specta]
pub async fn choose_ledger_file(
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
    kind: LedgerKind,
    period: String,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let name = kind.file_name(&scope(None, &period)?);
    let files = Arc::clone(&files);
    let chosen = blocking(move || Ok((files.save_file)(&name))).await?;
    Ok(chosen.map(|p| p.display().to_string()))
}

/// Writes a ledger to `path` (XLSX) with its title row; states and deadlines as of the store's clock. With
/// `reveal_reason`, citizens' names and phones are written in full (roles that may see personal data; audited).
#[tauri::command]
#[specta::specta]
pub async fn export_ledger(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    kind: LedgerKind,
    station_code: Option<String>,
    period: String,
    path: String,
    reveal_reason: Option<String>,
) -> IpcResult<ExportSummary> {
    let actor = signed_in(&session)?;
    let scope = scope(station_code, &period)?;
    let store = crate::StoreState::clone(&store);
    blocking(move || {
        let table = {
            let mut store = lock(&store)?;
            let now = store.deps().clock.now();
            match reveal_reason {
                Some(reason) => {
                    store.write(&actor.operator(), |w| kind.build_revealed_as(w, &actor, &scope, &reason, now))?
                }
                None => kind.build(store.conn(), &scope, now)?,
            }
        };
        super::roster_files::write_xlsx(path, table)
    })
    .await
}
