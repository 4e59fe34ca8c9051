//! Signing in: checking a login and password, locking an account after repeated failures, and the [`Session`]
//! that proves a successful sign-in.
//!
//! Rules:
//! - an unknown login, an inactive operator and a wrong password all get the same answer ("用户名或密码错误"),
//!   after the same Argon2id work, so neither the message nor the time tells which logins exist;
//! - [`MAX_FAILED_ATTEMPTS`] wrong passwords in a row lock the account for [`LOCK_MINUTES`] minutes (time from the
//!   store's injected clock); a locked account is told until when (Beijing time) and its password is not even
//!   checked; the counter starts afresh once the lock has been set, so after it expires there are again five tries;
//! - success clears the counter and the lock and records `last_sign_in_at`; a hash made at an outdated cost is
//!   upgraded;
//! - every attempt is written to `audit_log` (`sign_in`, `sign_in_failed`, `sign_in_locked`, `operator_locked`),
//!   and so is the end of a session ([`sign_out`]: `sign_out` or `idle_lock`).
//!
//! A [`Session`] stays inside the program that signed in; what a UI may see of it is a [`SessionView`].

use chrono::{DateTime, Duration, DurationRound, FixedOffset, Utc};
use serde::Serialize;

use super::account::{self, StoredOperator};
use super::{AUDIT_ENTITY, Role, password};
use crate::error::{Error, Result};
use crate::store::Store;

/// Wrong passwords in a row that lock an account.
pub const MAX_FAILED_ATTEMPTS: i64 = 5;

/// How long a lock lasts.
pub const LOCK_MINUTES: i64 = 15;

/// The one answer for an unknown login, an inactive operator and a wrong password.
const WRONG_CREDENTIALS: &str = "用户名或密码错误";

/// The change-log operator of audit rows whose login matched nobody.
const UNKNOWN_OPERATOR: &str = "未登录";

/// A signed-in operator. Only [`sign_in`] makes one, so holding a session means the password was right; what the
/// operator may do is checked against their current row at each use ([`super::permit`]), so a role change or a
/// deactivation takes effect at once, even for a session already open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    operator_id: String,
    login: String,
    display_name: String,
    role: Role,
}

impl Session {
    /// The operator's id.
    pub fn operator_id(&self) -> &str {
        &self.operator_id
    }

    /// The login (lower-case).
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The name shown to people.
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The role at sign-in.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The operator string to open writes with (`Store::write(&session.operator(), …)`), recorded on every change
    /// and audit row: `"display_name (login)"`.
    pub fn operator(&self) -> String {
        operator_label(&self.display_name, &self.login)
    }
}

/// What a user interface may know about the signed-in operator: no id, nothing that proves the sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct SessionView {
    /// Login (lower-case).
    pub login: String,
    /// The name shown to people, e.g. "王芳".
    pub display_name: String,
    /// Role at sign-in.
    pub role: Role,
    /// The role's Chinese name, e.g. "管理员".
    pub role_label: String,
    /// Whether the role may see a deputy's personal data unmasked (the "show" action).
    pub may_reveal_personal_data: bool,
}

impl Session {
    /// The view of this session for a user interface.
    pub fn view(&self) -> SessionView {
        SessionView {
            login: self.login.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            role_label: self.role.label().to_owned(),
            may_reveal_personal_data: self.role.may_reveal_personal_data(),
        }
    }
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SignOutReason {
    /// The operator chose 退出登录.
    User,
    /// Nobody touched the window for the setup's idle-lock time.
    IdleLock,
}

/// Ends `session`: audits it (`sign_out` or `idle_lock`) under the session's operator. The caller drops the
/// session afterwards; nothing else holds it.
pub fn sign_out(store: &mut Store, session: &Session, reason: SignOutReason) -> Result<()> {
    let action = match reason {
        SignOutReason::User => "sign_out",
        SignOutReason::IdleLock => "idle_lock",
    };
    store.write(&session.operator(), |w| w.audit_local(action, AUDIT_ENTITY, session.operator_id(), ""))
}

/// How an operator is named in the change log and the audit log: `"王芳 (wangfang)"`.
pub fn operator_label(display_name: &str, login: &str) -> String {
    format!("{display_name} ({login})")
}

/// What one attempt did, decided inside the write so the audit row commits even when the answer is "no".
enum Outcome {
    SignedIn(Session),
    Wrong,
    Locked(DateTime<Utc>),
}

/// Signs `login` in with `password`. Every attempt is audited; see the module doc for the rules.
pub fn sign_in(store: &mut Store, login: &str, password: &str) -> Result<Session> {
    let typed = login.trim().to_lowercase();
    let now = store.deps().clock.now();
    let found = account::find(store.conn(), &typed)?;
    let op = match found {
        Some(op) if op.active => op,
        other => {
            password::burn(password);
            let (operator, id, detail) = match &other {
                Some(op) => (op.label(), op.id.clone(), "inactive".to_owned()),
                None => (UNKNOWN_OPERATOR.to_owned(), String::new(), format!("unknown login: {}", shorten(&typed))),
            };
            store.write(&operator, |w| w.audit_local("sign_in_failed", AUDIT_ENTITY, &id, &detail))?;
            return Err(Error::Invalid(WRONG_CREDENTIALS.into()));
        }
    };
    if let Some(until) = op.locked_until.filter(|until| *until > now) {
        store.write(&op.label(), |w| w.audit_local("sign_in_locked", AUDIT_ENTITY, &op.id, ""))?;
        return Err(locked(until));
    }
    // Verified outside the write transaction: 130 ms of hashing need not hold the database's write lock.
    let right = password::verify(password, &op.password_hash)?;
    let outcome = store.write(&op.label(), |w| {
        let now_text = now.to_rfc3339();
        if right {
            let rehash = password::needs_rehash(&op.password_hash);
            if rehash {
                let phc = password::hash(w.deps().entropy.as_ref(), password)?;
                w.tx().execute("UPDATE operators SET password_hash = ?1 WHERE id = ?2", [&phc, &op.id])?;
            }
            w.tx().execute(
                "UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ?1 WHERE id = ?2",
                [&now_text, &op.id],
            )?;
            w.audit_local("sign_in", AUDIT_ENTITY, &op.id, if rehash { "password hash upgraded" } else { "" })?;
            return Ok(Outcome::SignedIn(op.session()));
        }
        // Counted in SQL, so two attempts racing from two processes both count.
        let failed: i64 = w.tx().query_row(
            "UPDATE operators SET failed_attempts = failed_attempts + 1 WHERE id = ?1 RETURNING failed_attempts",
            [&op.id],
            |r| r.get(0),
        )?;
        w.audit_local(
            "sign_in_failed",
            AUDIT_ENTITY,
            &op.id,
            &format!("wrong password ({failed}/{MAX_FAILED_ATTEMPTS})"),
        )?;
        if failed < MAX_FAILED_ATTEMPTS {
            return Ok(Outcome::Wrong);
        }
        let until = now + Duration::minutes(LOCK_MINUTES);
        w.tx().execute(
            "UPDATE operators SET failed_attempts = 0, locked_until = ?1 WHERE id = ?2",
            [&until.to_rfc3339(), &op.id],
        )?;
        w.audit_local("operator_locked", AUDIT_ENTITY, &op.id, &format!("until {}", until.to_rfc3339()))?;
        Ok(Outcome::Locked(until))
    })?;
    match outcome {
        Outcome::SignedIn(session) => Ok(session),
        Outcome::Wrong => Err(Error::Invalid(WRONG_CREDENTIALS.into())),
        Outcome::Locked(until) => Err(locked(until)),
    }
}

/// The lock message, in Beijing time (every liaison station is in China) rounded up to the minute, so that
/// trying again at the time shown works.
fn locked(until: DateTime<Utc>) -> Error {
    let beijing = FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    let minute = Duration::minutes(1);
    let floor = until.duration_trunc(minute).unwrap_or(until);
    let shown = if floor < until { floor + minute } else { floor };
    Error::Forbidden(format!(
        "密码连续输错 {MAX_FAILED_ATTEMPTS} 次，账号已锁定至 {}（北京时间），请届时再试或联系管理员",
        shown.with_timezone(&beijing).format("%Y-%m-%d %H:%M")
    ))
}

/// A typed login as recorded in the audit log: bounded, because anything may be typed into the login field.
fn shorten(typed: &str) -> String {
    typed.chars().take(32).collect()
}

impl StoredOperator {
    fn session(&self) -> Session {
        Session {
            operator_id: self.id.clone(),
            login: self.login.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
        }
    }
}
