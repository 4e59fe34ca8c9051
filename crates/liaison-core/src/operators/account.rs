//! Operator accounts: the first administrator, adding operators, passwords, roles, deactivation, and the list.
//!
//! Logins are stored lower-case (sign-in ignores case) and may be Latin or Chinese. The first administrator can be
//! created exactly once, without anyone signed in (the first run of an installation); everything after that needs
//! a signed-in administrator, checked against the current database row ([`super::permit::authorize`]). An
//! installation always keeps at least one active administrator, or nobody could ever manage it again.
//! Password hashes never leave this module: [`list`] returns [`OperatorView`]s.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::permit::authorize;
use super::session::{Session, operator_label};
use super::{AUDIT_ENTITY, Role, password};
use crate::error::{Error, Result};
use crate::store::Writer;

/// The longest login, in characters.
pub const MAX_LOGIN_LEN: usize = 32;

/// The longest display name, in characters.
pub const MAX_NAME_LEN: usize = 32;

/// An operator to add.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct NewOperator {
    /// Login (any case; stored lower-case).
    pub login: String,
    /// The name shown to people, e.g. "王芳".
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The initial password (checked against the policy).
    pub password: String,
}

/// An operator as shown to an administrator. Holds no password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct OperatorView {
    /// Id (UUIDv7).
    pub id: String,
    /// Login, lower-case.
    pub login: String,
    /// The name shown to people.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The role's Chinese name.
    pub role_label: &'static str,
    /// False once deactivated: the operator cannot sign in.
    pub active: bool,
    /// When the account was created (RFC 3339).
    pub created_at: String,
    /// The last successful sign-in (RFC 3339).
    pub last_sign_in_at: Option<String>,
    /// Wrong passwords since the last success or lock.
    pub failed_attempts: u32,
    /// The end of the latest lock (RFC 3339), which may lie in the past: see [`OperatorView::is_locked_at`].
    pub locked_until: Option<String>,
}

impl OperatorView {
    /// True when sign-in is refused at `now` because of too many wrong passwords.
    pub fn is_locked_at(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.as_deref().and_then(|s| DateTime::parse_from_rfc3339(s).ok()).is_some_and(|t| t > now)
    }
}

/// Creates the installation's first operator, an administrator. Fails with `Conflict` once any operator exists,
/// so it cannot be used to slip in a second administrator without signing in. Open the write with
/// [`operator_label`] of the new administrator: they are the one acting.
pub fn create_first_admin(w: &mut Writer<'_>, login: &str, display_name: &str, password: &str) -> Result<OperatorView> {
    if any_exists(w.tx())? {
        return Err(Error::Conflict("已存在操作员，首个管理员只能创建一次；请由管理员登录后添加".into()));
    }
    insert(
        w,
        &NewOperator {
            login: login.into(),
            display_name: display_name.into(),
            role: Role::Admin,
            password: password.into(),
        },
    )
}

/// Adds an operator; `actor` must be an active administrator.
pub fn create_operator(w: &mut Writer<'_>, actor: &Session, new: &NewOperator) -> Result<OperatorView> {
    authorize(w, actor, Role::may_manage_operators, "只有管理员可以添加操作员")?;
    insert(w, new)
}

/// Sets another operator's password (a reset by an administrator); also lifts a lock.
pub fn set_password(w: &mut Writer<'_>, actor: &Session, login: &str, new_password: &str) -> Result<()> {
    authorize(w, actor, Role::may_manage_operators, "只有管理员可以重置密码")?;
    let op = require(w, login)?;
    store_password(w, &op, new_password, "reset by administrator")
}

/// Changes the signed-in operator's own password, which they must confirm with the current one.
pub fn change_own_password(w: &mut Writer<'_>, session: &Session, current: &str, new_password: &str) -> Result<()> {
    authorize(w, session, |_| true, "")?;
    let op = require(w, session.login())?;
    if !password::verify(current, &op.password_hash)? {
        return Err(Error::Invalid("当前密码不正确".into()));
    }
    store_password(w, &op, new_password, "changed by the operator")
}

/// Changes an operator's role; `actor` must be an administrator, and the last active administrator stays one.
pub fn set_role(w: &mut Writer<'_>, actor: &Session, login: &str, role: Role) -> Result<()> {
    authorize(w, actor, Role::may_manage_operators, "只有管理员可以修改角色")?;
    let op = require(w, login)?;
    if op.role == role {
        return Ok(());
    }
    if op.role == Role::Admin && op.active {
        keep_one_admin(w)?;
    }
    w.tx().execute("UPDATE operators SET role = ?1 WHERE id = ?2", [role.as_str(), &op.id])?;
    w.audit_local("operator_role", AUDIT_ENTITY, &op.id, &format!("{} -> {}", op.role.as_str(), role.as_str()))
}

/// Deactivates an operator (they can no longer sign in; their past work keeps their name). The last active
/// administrator cannot be deactivated.
pub fn deactivate(w: &mut Writer<'_>, actor: &Session, login: &str) -> Result<()> {
    authorize(w, actor, Role::may_manage_operators, "只有管理员可以停用操作员")?;
    let op = require(w, login)?;
    if !op.active {
        return Ok(());
    }
    if op.role == Role::Admin {
        keep_one_admin(w)?;
    }
    w.tx().execute("UPDATE operators SET active = 0 WHERE id = ?1", [&op.id])?;
    w.audit_local("operator_deactivate", AUDIT_ENTITY, &op.id, "")
}

/// Lets a deactivated operator sign in again (with a clean failure count).
pub fn reactivate(w: &mut Writer<'_>, actor: &Session, login: &str) -> Result<()> {
    authorize(w, actor, Role::may_manage_operators, "只有管理员可以启用操作员")?;
    let op = require(w, login)?;
    if op.active {
        return Ok(());
    }
    w.tx()
        .execute("UPDATE operators SET active = 1, failed_attempts = 0, locked_until = NULL WHERE id = ?1", [&op.id])?;
    w.audit_local("operator_reactivate", AUDIT_ENTITY, &op.id, "")
}

/// Every operator, for an administrator (the operators screen).
pub fn list_as(w: &Writer<'_>, actor: &Session) -> Result<Vec<OperatorView>> {
    authorize(w, actor, Role::may_manage_operators, "只有管理员可以查看操作员名单")?;
    list(w.tx())
}

/// Every operator, active first, then by login.
pub fn list(conn: &Connection) -> Result<Vec<OperatorView>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_VIEW} ORDER BY active DESC, login"))?;
    let rows = stmt.query_map([], view_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One operator by login (any case).
pub fn get(conn: &Connection, login: &str) -> Result<Option<OperatorView>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_VIEW} WHERE login = ?1"))?;
    Ok(stmt.query_row([login.trim().to_lowercase()], view_from_row).optional()?)
}

/// True once any operator exists (the first run is over).
pub fn any_exists(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM operators)", [], |r| r.get(0))?)
}

/// The login as stored: trimmed, lower-case, 2 to 32 letters, digits or `. _ - @`.
pub fn normalize_login(login: &str) -> Result<String> {
    let login = login.trim().to_lowercase();
    if login.is_empty() {
        return Err(Error::Invalid("用户名不能为空".into()));
    }
    let len = login.chars().count();
    if !(2..=MAX_LOGIN_LEN).contains(&len) {
        return Err(Error::Invalid(format!("用户名长度须为 2 到 {MAX_LOGIN_LEN} 个字符")));
    }
    if !login.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@')) {
        return Err(Error::Invalid("用户名只能包含字母、汉字、数字和 . _ - @".into()));
    }
    Ok(login)
}

const SELECT_VIEW: &str = "SELECT id, login, display_name, role, active, created_at, last_sign_in_at, \
                           failed_attempts, locked_until FROM operators";

fn view_from_row(r: &Row<'_>) -> rusqlite::Result<OperatorView> {
    let role = parse_role(r, 3)?;
    Ok(OperatorView {
        id: r.get(0)?,
        login: r.get(1)?,
        display_name: r.get(2)?,
        role,
        role_label: role.label(),
        active: r.get(4)?,
        created_at: r.get(5)?,
        last_sign_in_at: r.get(6)?,
        failed_attempts: r.get(7)?,
        locked_until: r.get(8)?,
    })
}

fn parse_role(r: &Row<'_>, i: usize) -> rusqlite::Result<Role> {
    let s: String = r.get(i)?;
    Role::parse(&s).ok_or_else(|| rusqlite::Error::InvalidColumnType(i, s, rusqlite::types::Type::Text))
}

fn insert(w: &mut Writer<'_>, new: &NewOperator) -> Result<OperatorView> {
    let login = normalize_login(&new.login)?;
    let display_name = new.display_name.trim();
    if display_name.is_empty() {
        return Err(Error::Invalid("姓名不能为空".into()));
    }
    if display_name.chars().count() > MAX_NAME_LEN {
        return Err(Error::Invalid(format!("姓名不能超过 {MAX_NAME_LEN} 个字符")));
    }
    password::check_policy(&new.password, &login)?;
    if find(w.tx(), &login)?.is_some() {
        return Err(Error::Conflict(format!("用户名 {login} 已被使用")));
    }
    let phc = password::hash(w.deps().entropy.as_ref(), &new.password)?;
    let id = w.new_id().to_string();
    w.tx().execute(
        "INSERT INTO operators (id, login, display_name, role, password_hash, active, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
        rusqlite::params![id, login, display_name, new.role.as_str(), phc, w.deps().clock.now().to_rfc3339()],
    )?;
    w.audit_local(
        "operator_create",
        AUDIT_ENTITY,
        &id,
        &format!("{} as {}", operator_label(display_name, &login), new.role.as_str()),
    )?;
    get(w.tx(), &login)?.ok_or_else(|| Error::Internal("operator vanished after insert".into()))
}

fn store_password(w: &mut Writer<'_>, op: &StoredOperator, new_password: &str, detail: &str) -> Result<()> {
    password::check_policy(new_password, &op.login)?;
    let phc = password::hash(w.deps().entropy.as_ref(), new_password)?;
    w.tx().execute(
        "UPDATE operators SET password_hash = ?1, failed_attempts = 0, locked_until = NULL WHERE id = ?2",
        [&phc, &op.id],
    )?;
    w.audit_local("operator_password", AUDIT_ENTITY, &op.id, detail)
}

/// Refuses to take away the last active administrator (called before demoting or deactivating one).
fn keep_one_admin(w: &Writer<'_>) -> Result<()> {
    let admins: i64 =
        w.tx().query_row("SELECT COUNT(*) FROM operators WHERE role = 'admin' AND active = 1", [], |r| r.get(0))?;
    if admins <= 1 {
        return Err(Error::Conflict("至少要保留一名启用的管理员".into()));
    }
    Ok(())
}

fn require(w: &Writer<'_>, login: &str) -> Result<StoredOperator> {
    let login = login.trim().to_lowercase();
    find(w.tx(), &login)?.ok_or_else(|| Error::NotFound(format!("操作员 {login} 不存在")))
}

/// An operator row with its hash, for sign-in and password checks inside this module tree only.
pub(super) struct StoredOperator {
    pub(super) id: String,
    pub(super) login: String,
    pub(super) display_name: String,
    pub(super) role: Role,
    pub(super) password_hash: String,
    pub(super) active: bool,
    pub(super) locked_until: Option<DateTime<Utc>>,
}

impl StoredOperator {
    /// The operator string of this operator's writes.
    pub(super) fn label(&self) -> String {
        operator_label(&self.display_name, &self.login)
    }
}

/// The operator with this (already lower-case) login.
pub(super) fn find(conn: &Connection, login: &str) -> Result<Option<StoredOperator>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, login, display_name, role, password_hash, active, locked_until FROM operators WHERE login = ?1",
    )?;
    Ok(stmt.query_row([login], stored_from_row).optional()?)
}

/// The operator with this id.
pub(super) fn find_by_id(conn: &Connection, id: &str) -> Result<Option<StoredOperator>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, login, display_name, role, password_hash, active, locked_until FROM operators WHERE id = ?1",
    )?;
    Ok(stmt.query_row([id], stored_from_row).optional()?)
}

fn stored_from_row(r: &Row<'_>) -> rusqlite::Result<StoredOperator> {
    let locked: Option<String> = r.get(6)?;
    Ok(StoredOperator {
        id: r.get(0)?,
        login: r.get(1)?,
        display_name: r.get(2)?,
        role: parse_role(r, 3)?,
        password_hash: r.get(4)?,
        active: r.get(5)?,
        // An unreadable lock time is treated as no lock: the counter still protects, and nobody is locked out
        // forever by a bad row.
        locked_until: locked.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()).map(|t| t.to_utc()),
    })
}
