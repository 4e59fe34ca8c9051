//! Operators (操作员): the people who sign in to one installation, their roles, and what a role may do.
//!
//! - [`password`]: the password policy and Argon2id hashing;
//! - [`account`]: creating the first administrator, adding operators, passwords, roles, deactivation, the list;
//! - [`session`]: signing in (with lockout after repeated failures) and the [`Session`] it yields;
//! - [`permit`]: checking a session against the operator's *current* row, and the role-checked reveal of a
//!   deputy's personal data.
//!
//! Operators are local to an installation: they are not synced entities and never enter the change log (a
//! station's clerks mean nothing to the office's database). Every change to an operator and every sign-in attempt,
//! successful or not, is written to `audit_log`.
//!
//! The change log records a signed-in operator as `"display_name (login)"` ([`Session::operator`]): readable in a
//! history view at the office, yet unambiguous on its node because logins are unique there.

pub mod account;
pub mod password;
pub mod permit;
pub mod session;

use serde::{Deserialize, Serialize};

pub use account::{NewOperator, OperatorView};
pub use permit::reveal_private_as;
pub use session::{Session, SessionView, SignOutReason, sign_in, sign_out};

/// The `audit_log.entity` name of operator records.
pub const AUDIT_ENTITY: &str = "operator";

/// What an operator is allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 联络员: a station's clerk; records work, sees personal data only masked.
    Clerk,
    /// 站长: the head of a station.
    StationHead,
    /// 机关工作人员: staff of the people's-congress office.
    OfficeStaff,
    /// 管理员: manages operators and the installation setup.
    Admin,
}

impl Role {
    /// Every role, least privileged first.
    pub const ALL: [Role; 4] = [Role::Clerk, Role::StationHead, Role::OfficeStaff, Role::Admin];

    /// The name stored in `operators.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::StationHead => "station_head",
            Role::OfficeStaff => "office_staff",
            Role::Admin => "admin",
        }
    }

    /// The role with this stored name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The Chinese name shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            Role::Clerk => "联络员",
            Role::StationHead => "站长",
            Role::OfficeStaff => "机关工作人员",
            Role::Admin => "管理员",
        }
    }

    /// May see a deputy's private phone and ID number unmasked (each reveal is still audited).
    pub fn may_reveal_personal_data(self) -> bool {
        matches!(self, Role::StationHead | Role::OfficeStaff | Role::Admin)
    }

    /// May add operators, reset their passwords, change their roles and deactivate them.
    pub fn may_manage_operators(self) -> bool {
        self == Role::Admin
    }

    /// May edit the workflow rules and the working-day calendar (the office's configuration, until sync sends it).
    pub fn may_configure_rules(self) -> bool {
        matches!(self, Role::OfficeStaff | Role::Admin)
    }

    /// May review conflicting offline edits found by sync and settle them.
    pub fn may_resolve_sync_conflicts(self) -> bool {
        matches!(self, Role::StationHead | Role::OfficeStaff | Role::Admin)
    }

    /// May change the installation setup (mode, station, idle lock) once the first run is done.
    pub fn may_change_setup(self) -> bool {
        self == Role::Admin
    }
}

#[cfg(test)]
mod tests;
