//! What a session may do, checked at the moment it does it.
//!
//! A [`Session`] records the role at sign-in, but [`authorize`] reads the operator's *current* row: a deactivated
//! operator or a demoted administrator loses their rights at once, even in a session opened before. It also checks
//! that the write was opened in the session's name, so the change log and audit log name the right person.

use super::Role;
use super::account::find_by_id;
use super::session::Session;
use crate::error::{Error, Result};
use crate::roster::deputy::{self, PrivateData};
use crate::store::Writer;

/// The operator's current role when it passes `allowed`; otherwise `Forbidden` with `refusal` (Chinese).
pub fn authorize(w: &Writer<'_>, session: &Session, allowed: fn(Role) -> bool, refusal: &str) -> Result<Role> {
    if w.operator() != session.operator() {
        return Err(Error::Internal(format!(
            "a write opened as {:?} was used for the session of {:?}",
            w.operator(),
            session.operator()
        )));
    }
    let current = find_by_id(w.tx(), session.operator_id())?.filter(|op| op.active);
    let Some(op) = current else {
        return Err(Error::Forbidden("当前账号已停用或不存在，请重新登录".into()));
    };
    if !allowed(op.role) {
        return Err(Error::Forbidden(refusal.into()));
    }
    Ok(op.role)
}

/// Reveals a deputy's private phone and ID number to a session whose role may see them; the reveal is audited
/// under the session's operator with the reason given ([`deputy::reveal_private`]).
pub fn reveal_private_as(
    w: &mut Writer<'_>,
    session: &Session,
    deputy_code: &str,
    reason: &str,
) -> Result<PrivateData> {
    authorize(w, session, Role::may_reveal_personal_data, "当前角色无权查看个人信息")?;
    deputy::reveal_private(w, deputy_code, reason)
}
