//! The first run of an installation (首次运行): what a fresh database still needs, and the one use case that
//! creates the first administrator, saves the setup, optionally loads the demo city and signs the administrator
//! in.
//!
//! The first run is over once any operator exists ([`status`]): from then on people sign in, and the setup is
//! changed by an administrator. A setup saved before any operator (`liaison setup station` on a fresh database)
//! does not end the first run; it only pre-fills it.
//!
//! The demo city lives in another crate (`liaison-demo`, which depends on this one), so [`complete`] takes it as a
//! hook: the caller passes a function that writes it. When the demo is asked for, everything the first run will
//! save is first checked in a rolled-back transaction, so a bad password does not leave a database full of demo
//! data behind; then the demo is written (its own transaction), then the administrator and the setup (one
//! transaction, so a station code of the demo city gets its roster name), then the administrator signs in.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::operators::session::operator_label;
use crate::operators::{Session, account, sign_in};
use crate::setup::{self, InstallationSetup};
use crate::store::{Store, Writer};

/// Where a database stands before anyone signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct FirstRunStatus {
    /// The saved setup, or `None` while none was saved.
    pub setup: Option<InstallationSetup>,
    /// True once any operator exists: the first run is over and people sign in.
    pub operators_exist: bool,
}

impl FirstRunStatus {
    /// True while the first run still has to be done (nobody could sign in yet).
    pub fn first_run_needed(&self) -> bool {
        !self.operators_exist
    }
}

/// Reads the [`FirstRunStatus`].
pub fn status(conn: &Connection) -> Result<FirstRunStatus> {
    Ok(FirstRunStatus { setup: setup::load(conn)?, operators_exist: account::any_exists(conn)? })
}

/// Everything the first-run form asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstRun {
    /// The first administrator's login.
    pub admin_login: String,
    /// The first administrator's name, e.g. "王芳".
    pub admin_name: String,
    /// The first administrator's password (the policy of [`crate::operators::password::check_policy`]).
    pub admin_password: String,
    /// The installation setup.
    pub setup: InstallationSetup,
    /// Load the demo city (平顶山市 example) before saving the setup.
    pub load_demo: bool,
}

/// What the first run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstRunDone {
    /// The administrator, signed in.
    pub session: Session,
    /// The setup as saved (trimmed, the station name filled from the roster when missing).
    pub setup: InstallationSetup,
}

/// Does the first run (see the module doc). `load_demo` is called only when `input.load_demo` is set. Fails with
/// `Conflict` once any operator exists; a validation failure (login, name, password, setup) saves nothing.
pub fn complete(
    store: &mut Store,
    input: &FirstRun,
    load_demo: impl FnOnce(&mut Store) -> Result<()>,
) -> Result<FirstRunDone> {
    let login = account::normalize_login(&input.admin_login)?;
    let operator = operator_label(input.admin_name.trim(), &login);
    if input.load_demo {
        store.dry_run(&operator, |w| save(w, input))?;
        load_demo(store)?;
    }
    let setup = store.write(&operator, |w| save(w, input))?;
    let session = sign_in(store, &login, &input.admin_password)?;
    Ok(FirstRunDone { session, setup })
}

fn save(w: &mut Writer<'_>, input: &FirstRun) -> Result<InstallationSetup> {
    if account::any_exists(w.tx())? {
        return Err(Error::Conflict("本机已完成首次设置，请登录".into()));
    }
    // The setup first: without a session, `setup::save` accepts it only while no operator exists.
    let setup = setup::save(w, None, &input.setup)?;
    account::create_first_admin(w, &input.admin_login, &input.admin_name, &input.admin_password)?;
    Ok(setup)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operators::Role;
    use crate::setup::Mode;
    use crate::testing::{small_roster, temp_store};

    fn input(load_demo: bool) -> FirstRun {
        FirstRun {
            admin_login: " WangFang ".into(),
            admin_name: "王芳".into(),
            admin_password: "admin2026".into(),
            setup: InstallationSetup::station(Some("XH-01".into()), "", "平顶山市"),
            load_demo,
        }
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_fresh_database_needs_the_first_run_a_setup_alone_does_not_end_it() {
        let mut t = temp_store();
        let fresh = status(t.store.conn()).unwrap();
        assert_eq!(fresh, FirstRunStatus { setup: None, operators_exist: false });
        assert!(fresh.first_run_needed());

        let setup = InstallationSetup::office("平顶山市");
        t.store.write("安装员", |w| setup::save(w, None, &setup)).unwrap();
        let set_up = status(t.store.conn()).unwrap();
        assert_eq!(set_up.setup, Some(setup));
        assert!(set_up.first_run_needed());
    }

    #[test]
    fn the_first_run_creates_the_admin_saves_the_setup_and_signs_in() {
        let mut t = temp_store();
        let done = complete(&mut t.store, &input(false), |_| panic!("no demo asked for")).unwrap();
        assert_eq!(done.session.login(), "wangfang");
        assert_eq!(done.session.role(), Role::Admin);
        assert_eq!(done.setup.mode, Mode::Station);
        assert_eq!(done.setup.station_code.as_deref(), Some("XH-01"));
        let now = status(t.store.conn()).unwrap();
        assert!(!now.first_run_needed());
        assert_eq!(now.setup, Some(done.setup));
        let who: String = t
            .store
            .conn()
            .query_row("SELECT operator FROM audit_log WHERE action = 'setup_save'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(who, "王芳 (wangfang)");

        let again = complete(&mut t.store, &input(false), |_| Ok(())).unwrap_err();
        assert!(matches!(again, Error::Conflict(_)), "{again}");
    }

    #[test]
    fn the_demo_is_loaded_before_the_setup_so_a_demo_station_code_gets_its_name() {
        let mut t = temp_store();
        let mut called = 0;
        let done = complete(&mut t.store, &input(true), |store| {
            called += 1;
            small_roster(store);
            Ok(())
        })
        .unwrap();
        assert_eq!(called, 1);
        assert_eq!(done.setup.station_name, "新华区光明路街道人大代表联络站");
        assert!(count(&t.store, "SELECT COUNT(*) FROM deputies") > 0);
    }

    #[test]
    fn a_bad_password_or_setup_saves_nothing_and_loads_no_demo() {
        let mut t = temp_store();
        let weak = FirstRun { admin_password: "short".into(), ..input(true) };
        let err = complete(&mut t.store, &weak, |_| panic!("the demo must not load")).unwrap_err();
        assert!(matches!(&err, Error::Invalid(m) if m.contains("密码")), "{err}");

        let bad_setup = FirstRun { setup: InstallationSetup::station(None, " ", ""), ..input(true) };
        let err = complete(&mut t.store, &bad_setup, |_| panic!("the demo must not load")).unwrap_err();
        assert!(matches!(&err, Error::Invalid(m) if m.contains("联络站编码或名称")), "{err}");
        let err =
            complete(&mut t.store, &FirstRun { admin_login: " ".into(), ..input(false) }, |_| Ok(())).unwrap_err();
        assert!(matches!(&err, Error::Invalid(m) if m.contains("用户名不能为空")), "{err}");

        assert_eq!(status(t.store.conn()).unwrap(), FirstRunStatus { setup: None, operators_exist: false });
        assert_eq!(count(&t.store, "SELECT COUNT(*) FROM operators"), 0);
    }

    #[test]
    fn a_failing_demo_leaves_the_first_run_to_do() {
        let mut t = temp_store();
        let err = complete(&mut t.store, &input(true), |_| Err(Error::Internal("disk full".into()))).unwrap_err();
        assert!(matches!(err, Error::Internal(_)));
        assert!(status(t.store.conn()).unwrap().first_run_needed());
    }
}
