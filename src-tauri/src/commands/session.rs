//! Commands of the first run and of signing in and out. The signed-in [`Session`] stays in managed state
//! ([`crate::SessionState`]); the UI only ever receives its [`SessionView`].

use liaison_core::first_run::{self, FirstRun, FirstRunDone, FirstRunStatus};
use liaison_core::operators::{self, Session, SessionView, SignOutReason};
use liaison_core::setup::{InstallationSetup, Mode};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::lock;
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// Whether a setup was saved and whether anyone can sign in yet (no operator: the first run is still to do).
#[tauri::command]
#[specta::specta]
pub async fn first_run_status(store: State<'_, StoreState>) -> IpcResult<FirstRunStatus> {
    Ok(first_run::status(lock(&store)?.conn())?)
}

/// The first-run form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
pub struct FirstRunInput {
    /// The first administrator's login.
    pub admin_login: String,
    /// The first administrator's name.
    pub admin_name: String,
    /// The first administrator's password.
    pub admin_password: String,
    /// Station or office.
    pub mode: Mode,
    /// The station's code (station mode).
    pub station_code: Option<String>,
    /// The station's name (station mode).
    pub station_name: String,
    /// The city, e.g. "平顶山市".
    pub city_name: String,
    /// Load the demo city (平顶山市 example).
    pub load_demo: bool,
}

impl From<FirstRunInput> for FirstRun {
    fn from(input: FirstRunInput) -> Self {
        FirstRun {
            admin_login: input.admin_login,
            admin_name: input.admin_name,
            admin_password: input.admin_password,
            setup: InstallationSetup {
                mode: input.mode,
                station_code: input.station_code,
                station_name: input.station_name,
                city_name: input.city_name,
                idle_lock_minutes: InstallationSetup::DEFAULT_IDLE_LOCK_MINUTES,
            },
            load_demo: input.load_demo,
        }
    }
}

/// What the first run produced: the administrator, now signed in, and the setup as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FirstRunOutcome {
    /// The signed-in administrator.
    pub session: SessionView,
    /// The setup as saved.
    pub setup: InstallationSetup,
}

/// Creates the first administrator, saves the setup, loads the demo city when asked (seconds of work, so off the
/// async runtime's threads) and signs the administrator in.
#[tauri::command]
#[specta::specta]
pub async fn complete_first_run(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    input: FirstRunInput,
) -> IpcResult<FirstRunOutcome> {
    let store = StoreState::clone(&store);
    let input = FirstRun::from(input);
    let done: FirstRunDone = tauri::async_runtime::spawn_blocking(move || {
        first_run::complete(&mut *lock(&store)?, &input, |s| {
            liaison_demo::generate(s, &liaison_demo::DemoOptions::default()).map(drop)
        })
        .map_err(IpcError::from)
    })
    .await
    .map_err(IpcError::internal)??;
    let outcome = FirstRunOutcome { session: done.session.view(), setup: done.setup };
    *lock(&session)? = Some(done.session);
    Ok(outcome)
}

/// Signs an operator in (wrong login or password: 用户名或密码错误; too many: the lock message).
#[tauri::command]
#[specta::specta]
pub async fn sign_in(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    login: String,
    password: String,
) -> IpcResult<SessionView> {
    let signed_in = operators::sign_in(&mut *lock(&store)?, &login, &password)?;
    let view = signed_in.view();
    *lock(&session)? = Some(signed_in);
    Ok(view)
}

/// Ends the session (by the operator, or by the idle lock); does nothing when nobody is signed in.
#[tauri::command]
#[specta::specta]
pub async fn sign_out(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    reason: SignOutReason,
) -> IpcResult<()> {
    let ended: Option<Session> = lock(&session)?.take();
    match ended {
        Some(ended) => Ok(operators::sign_out(&mut *lock(&store)?, &ended, reason)?),
        None => Ok(()),
    }
}

/// The signed-in operator, or `null`.
#[tauri::command]
#[specta::specta]
pub async fn current_session(session: State<'_, SessionState>) -> IpcResult<Option<SessionView>> {
    Ok(lock(&session)?.as_ref().map(Session::view))
}
