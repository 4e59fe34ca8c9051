//! The installation setup (本机设置): which mode this installation runs in, which station it serves, and how
//! soon an idle window locks. Chosen at the first run, changed later only by an administrator.
//!
//! Stored in the `settings` table under `setup.*` keys: local to the installation, never synced, every save
//! audited (`setup_save`). [`load`] returns `None` until the first save: that is how the app knows the first run
//! is not done.
//!
//! The station code is *not* required to exist in `platforms`: the first run usually happens before the roster is
//! imported, and the city office's roster is the authority on codes anyway. When the roster does know the code and
//! no name was typed, the roster's name is taken. A station-mode setup needs a code or a name (or both).

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::operators::permit::authorize;
use crate::operators::{Role, Session, account};
use crate::store::{Store, Writer};

/// The `audit_log.entity` name of settings.
pub const AUDIT_ENTITY: &str = "settings";

const KEY_MODE: &str = "setup.mode";
const KEY_STATION_CODE: &str = "setup.station_code";
const KEY_STATION_NAME: &str = "setup.station_name";
const KEY_CITY_NAME: &str = "setup.city_name";
const KEY_IDLE_LOCK: &str = "setup.idle_lock_minutes";

/// The longest station code, name and city name, in characters.
const MAX_CODE_LEN: usize = 32;
const MAX_STATION_NAME_LEN: usize = 64;
const MAX_CITY_NAME_LEN: usize = 32;

/// What this installation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A liaison station's PC: works on one station's records.
    Station,
    /// The city people's-congress office: sees every station.
    Office,
}

impl Mode {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Station => "station",
            Mode::Office => "office",
        }
    }

    /// The mode with this stored name.
    pub fn parse(s: &str) -> Option<Mode> {
        [Mode::Station, Mode::Office].into_iter().find(|m| m.as_str() == s)
    }

    /// The Chinese name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Station => "联络站模式",
            Mode::Office => "机关模式",
        }
    }
}

/// The installation setup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct InstallationSetup {
    /// Station or office.
    pub mode: Mode,
    /// The station's code in the roster (station mode; may be unknown to the roster yet).
    pub station_code: Option<String>,
    /// The station's name (station mode; empty in office mode).
    pub station_name: String,
    /// The city, e.g. "平顶山市" (may be empty).
    pub city_name: String,
    /// Minutes without input before the window locks and asks for the password again.
    pub idle_lock_minutes: u32,
}

impl InstallationSetup {
    /// The idle lock a new setup gets.
    pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;

    /// The idle lock's allowed range: at least a minute, at most a working half-day.
    pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=240;

    /// A station-mode setup with the default idle lock.
    pub fn station(code: Option<String>, name: impl Into<String>, city_name: impl Into<String>) -> Self {
        InstallationSetup {
            mode: Mode::Station,
            station_code: code,
            station_name: name.into(),
            city_name: city_name.into(),
            idle_lock_minutes: Self::DEFAULT_IDLE_LOCK_MINUTES,
        }
    }

    /// An office-mode setup with the default idle lock.
    pub fn office(city_name: impl Into<String>) -> Self {
        InstallationSetup {
            mode: Mode::Office,
            station_code: None,
            station_name: String::new(),
            city_name: city_name.into(),
            idle_lock_minutes: Self::DEFAULT_IDLE_LOCK_MINUTES,
        }
    }
}

/// The saved setup, or `None` when the first run is not done.
pub fn load(conn: &Connection) -> Result<Option<InstallationSetup>> {
    let get = |key: &str| -> Result<Option<String>> {
        Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    };
    let Some(mode) = get(KEY_MODE)? else { return Ok(None) };
    let mode = Mode::parse(&mode).ok_or_else(|| Error::Internal(format!("unknown setup mode {mode:?}")))?;
    let idle = get(KEY_IDLE_LOCK)?;
    let idle_lock_minutes = match idle {
        None => InstallationSetup::DEFAULT_IDLE_LOCK_MINUTES,
        Some(s) => s.parse().map_err(|_| Error::Internal(format!("bad idle lock setting {s:?}")))?,
    };
    Ok(Some(InstallationSetup {
        mode,
        station_code: get(KEY_STATION_CODE)?,
        station_name: get(KEY_STATION_NAME)?.unwrap_or_default(),
        city_name: get(KEY_CITY_NAME)?.unwrap_or_default(),
        idle_lock_minutes,
    }))
}

/// What the app shows about this installation: its database, its node id, the schema, and the setup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct InstallationInfo {
    /// The database file, as text (for showing and for the clerk's support request).
    pub db_path: String,
    /// This installation's node id in the change log.
    pub node_id: String,
    /// The database's schema version (`PRAGMA user_version`).
    pub schema_version: u32,
    /// The saved setup, or `None` while the first run is not done.
    pub setup: Option<InstallationSetup>,
}

/// Reads [`InstallationInfo`] from an open store.
pub fn info(store: &Store) -> Result<InstallationInfo> {
    let conn = store.conn();
    let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(InstallationInfo {
        db_path: store.path().display().to_string(),
        node_id: store.node_id().to_owned(),
        schema_version: u32::try_from(schema_version)
            .map_err(|_| Error::Internal(format!("schema version {schema_version} out of range")))?,
        setup: load(conn)?,
    })
}

/// Validates and saves the setup; returns it as saved (trimmed, the station name filled from the roster when
/// missing). `actor` may be `None` only while no operator exists (the first run); afterwards it must be an
/// administrator's session, and the write must be opened in that session's name.
pub fn save(w: &mut Writer<'_>, actor: Option<&Session>, setup: &InstallationSetup) -> Result<InstallationSetup> {
    match actor {
        Some(session) => {
            authorize(w, session, Role::may_change_setup, "只有管理员可以修改本机设置")?;
        }
        None if account::any_exists(w.tx())? => {
            return Err(Error::Forbidden("已有操作员，修改本机设置须由管理员登录".into()));
        }
        None => {}
    }
    let setup = validate(w.tx(), setup)?;
    let put = |key: &str, value: Option<&str>| -> Result<()> {
        match value {
            Some(v) => w.tx().execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                [key, v],
            )?,
            None => w.tx().execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        Ok(())
    };
    put(KEY_MODE, Some(setup.mode.as_str()))?;
    put(KEY_STATION_CODE, setup.station_code.as_deref())?;
    put(KEY_STATION_NAME, Some(&setup.station_name))?;
    put(KEY_CITY_NAME, Some(&setup.city_name))?;
    put(KEY_IDLE_LOCK, Some(&setup.idle_lock_minutes.to_string()))?;
    let detail = serde_json::to_string(&setup).map_err(|e| Error::Internal(e.to_string()))?;
    w.audit_local("setup_save", AUDIT_ENTITY, "setup", &detail)?;
    Ok(setup)
}

fn validate(conn: &Connection, input: &InstallationSetup) -> Result<InstallationSetup> {
    if !InstallationSetup::IDLE_LOCK_RANGE.contains(&input.idle_lock_minutes) {
        return Err(Error::Invalid(format!(
            "自动锁定时间须在 {} 到 {} 分钟之间",
            InstallationSetup::IDLE_LOCK_RANGE.start(),
            InstallationSetup::IDLE_LOCK_RANGE.end()
        )));
    }
    let city_name = bounded(&input.city_name, MAX_CITY_NAME_LEN, "城市名称")?;
    let code = input.station_code.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let mut station_name = bounded(&input.station_name, MAX_STATION_NAME_LEN, "联络站名称")?;
    match input.mode {
        Mode::Office => {
            if code.is_some() || !station_name.is_empty() {
                return Err(Error::Invalid("机关模式不设联络站编码和名称".into()));
            }
        }
        Mode::Station => {
            if let Some(code) = code {
                if code.chars().count() > MAX_CODE_LEN || code.chars().any(char::is_whitespace) {
                    return Err(Error::Invalid(format!(
                        "联络站编码“{code}”无效：不能含空格，最长 {MAX_CODE_LEN} 个字符"
                    )));
                }
                if station_name.is_empty() {
                    station_name = roster_name(conn, code)?.unwrap_or_default();
                }
            } else if station_name.is_empty() {
                return Err(Error::Invalid("联络站模式须填写联络站编码或名称".into()));
            }
        }
    }
    Ok(InstallationSetup {
        mode: input.mode,
        station_code: code.map(str::to_owned),
        station_name,
        city_name,
        idle_lock_minutes: input.idle_lock_minutes,
    })
}

fn bounded(value: &str, max: usize, what: &str) -> Result<String> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(Error::Invalid(format!("{what}不能超过 {max} 个字符")));
    }
    Ok(value.to_owned())
}

fn roster_name(conn: &Connection, code: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT name FROM platforms WHERE code = ?1", [code], |r| r.get(0)).optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operators::{account, sign_in};
    use crate::testing::{small_roster, temp_store};

    fn audits(conn: &Connection) -> i64 {
        conn.query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'setup_save'", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn first_run_is_not_done_until_saved_and_a_setup_round_trips() {
        let mut t = temp_store();
        assert_eq!(load(t.store.conn()).unwrap(), None);
        let setup = InstallationSetup {
            idle_lock_minutes: 30,
            ..InstallationSetup::station(Some(" XH-09 ".into()), " 新华区某某联络站 ", "平顶山市")
        };
        let saved = t.store.write("安装员", |w| save(w, None, &setup)).unwrap();
        assert_eq!(saved.station_code.as_deref(), Some("XH-09"), "trimmed");
        assert_eq!(saved.station_name, "新华区某某联络站");
        assert_eq!(load(t.store.conn()).unwrap(), Some(saved));
        assert_eq!(audits(t.store.conn()), 1);

        let office = t.store.write("安装员", |w| save(w, None, &InstallationSetup::office("平顶山市"))).unwrap();
        assert_eq!(load(t.store.conn()).unwrap(), Some(office));
        assert_eq!(t.store.setting(KEY_STATION_CODE).unwrap(), None, "office mode drops the station code");
        assert_eq!(audits(t.store.conn()), 2);
    }

    #[test]
    fn info_reports_the_database_the_schema_and_the_setup() {
        let mut t = temp_store();
        let before = info(&t.store).unwrap();
        assert_eq!(before.setup, None);
        assert_eq!(i64::from(before.schema_version), crate::store::migrations::latest_version());
        assert_eq!(before.node_id, t.store.node_id());
        assert_eq!(before.db_path, t.store.path().display().to_string());
        let setup = InstallationSetup::station(Some("XH-01".into()), "光明路联络站", "");
        let saved = t.store.write("安装员", |w| save(w, None, &setup)).unwrap();
        assert_eq!(info(&t.store).unwrap().setup, Some(saved));
    }

    #[test]
    fn a_known_code_takes_the_roster_name_an_unknown_one_is_kept() {
        let mut t = temp_store();
        small_roster(&mut t.store);
        let known = InstallationSetup::station(Some("XH-01".into()), "", "");
        let saved = t.store.write("安装员", |w| save(w, None, &known)).unwrap();
        assert_eq!(saved.station_name, "新华区光明路街道人大代表联络站");
        let unknown = InstallationSetup::station(Some("ZZ-99".into()), "", "");
        let saved = t.store.write("安装员", |w| save(w, None, &unknown)).unwrap();
        assert_eq!((saved.station_code.as_deref(), saved.station_name.as_str()), (Some("ZZ-99"), ""));
    }

    #[test]
    fn invalid_setups_are_refused_in_chinese() {
        let mut t = temp_store();
        let station = |code: Option<&str>, name: &str| InstallationSetup::station(code.map(Into::into), name, "");
        let cases: Vec<(InstallationSetup, &str)> = vec![
            (station(None, "  "), "须填写联络站编码或名称"),
            (station(Some(" "), ""), "须填写联络站编码或名称"),
            (station(Some("XH 01"), "站"), "不能含空格"),
            (InstallationSetup { idle_lock_minutes: 0, ..station(Some("XH-01"), "") }, "1 到 240 分钟"),
            (InstallationSetup { idle_lock_minutes: 241, ..station(Some("XH-01"), "") }, "1 到 240 分钟"),
            (InstallationSetup { station_code: Some("XH-01".into()), ..InstallationSetup::office("") }, "机关模式"),
            (station(None, &"站".repeat(65)), "联络站名称不能超过"),
        ];
        for (setup, expected) in cases {
            let err = t.store.write("安装员", |w| save(w, None, &setup)).unwrap_err();
            assert!(matches!(&err, Error::Invalid(m) if m.contains(expected)), "{setup:?}: {err}");
        }
        assert_eq!(load(t.store.conn()).unwrap(), None, "nothing was saved");
    }

    #[test]
    fn once_operators_exist_only_an_administrator_changes_the_setup() {
        let mut t = temp_store();
        t.store.write("王芳 (wangfang)", |w| account::create_first_admin(w, "wangfang", "王芳", "abc12345")).unwrap();
        let setup = InstallationSetup::office("平顶山市");
        let err = t.store.write("安装员", |w| save(w, None, &setup)).unwrap_err();
        assert!(matches!(err, Error::Forbidden(_)), "{err}");
        let admin = sign_in(&mut t.store, "wangfang", "abc12345").unwrap();
        t.store.write(&admin.operator(), |w| save(w, Some(&admin), &setup)).unwrap();
        let who: String = t
            .store
            .conn()
            .query_row("SELECT operator FROM audit_log WHERE action = 'setup_save'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(who, "王芳 (wangfang)");
    }
}
