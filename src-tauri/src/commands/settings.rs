//! Commands of the 设置 screen: the installation setup and the operators (administrators only, checked by the
//! core against the operator's current row), and every operator's own password.

use liaison_core::operators::Role;
use liaison_core::operators::account::{self, NewOperator, OperatorView};
use liaison_core::setup::{self, InstallationSetup};
use tauri::State;

use super::{lock, signed_in, write_as};
use crate::ipc::IpcResult;
use crate::{SessionState, StoreState};

/// Changes the installation setup (administrators only); answers the setup as saved.
#[tauri::command]
#[specta::specta]
pub async fn save_setup(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    setup: InstallationSetup,
) -> IpcResult<InstallationSetup> {
    write_as(&store, &session, |w, actor| setup::save(w, Some(actor), &setup))
}

/// Every operator (administrators only).
#[tauri::command]
#[specta::specta]
pub async fn list_operators(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<Vec<OperatorView>> {
    let actor = signed_in(&session)?;
    // A read, but the permission check reads the actor's row inside a transaction: run it and roll back.
    Ok(lock(&store)?.dry_run(&actor.operator(), |w| account::list_as(w, &actor))?)
}

/// Adds an operator (administrators only).
#[tauri::command]
#[specta::specta]
pub async fn create_operator(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    input: NewOperator,
) -> IpcResult<OperatorView> {
    write_as(&store, &session, |w, actor| account::create_operator(w, actor, &input))
}

/// Gives an operator another role (administrators only; the last administrator stays one).
#[tauri::command]
#[specta::specta]
pub async fn set_operator_role(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    login: String,
    role: Role,
) -> IpcResult<()> {
    write_as(&store, &session, |w, actor| account::set_role(w, actor, &login, role))
}

/// Deactivates or reactivates an operator (administrators only; the last administrator stays active).
#[tauri::command]
#[specta::specta]
pub async fn set_operator_active(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    login: String,
    active: bool,
) -> IpcResult<()> {
    let change = if active { account::reactivate } else { account::deactivate };
    write_as(&store, &session, |w, actor| change(w, actor, &login))
}

/// Sets another operator's password (administrators only); also lifts a sign-in lock.
#[tauri::command]
#[specta::specta]
pub async fn reset_operator_password(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    login: String,
    password: String,
) -> IpcResult<()> {
    write_as(&store, &session, |w, actor| account::set_password(w, actor, &login, &password))
}

/// Changes the signed-in operator's own password, confirmed with the current one.
#[tauri::command]
#[specta::specta]
pub async fn change_own_password(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    current: String,
    next: String,
) -> IpcResult<()> {
    write_as(&store, &session, |w, actor| account::change_own_password(w, actor, &current, &next))
}
