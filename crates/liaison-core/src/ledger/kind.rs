//! Which ledger to write, by name: one dispatch shared by the CLI (`liaison ledger <kind>`) and the desktop app's
//! 导出台账, so both produce the same table and the same suggested file name.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::visits::visits_ledger_revealed_as;
use super::{LedgerScope, duty_ledger, matters_ledger, publication_list, visits_ledger};
use crate::error::Result;
use crate::operators::Session;
use crate::store::Writer;
use crate::tabular::TableOut;

/// A ledger the app writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LedgerKind {
    /// 接待群众登记台账.
    Visits,
    /// 意见建议办理台账.
    Matters,
    /// 意见建议办理结果公开清单 (no personal data at all).
    Publication,
    /// 代表进站履职台账.
    Duty,
}

impl LedgerKind {
    /// The ledger's Chinese name, as in its title row.
    pub fn label(self) -> &'static str {
        match self {
            LedgerKind::Visits => "接待群众登记台账",
            LedgerKind::Matters => "意见建议办理台账",
            LedgerKind::Publication => "意见建议办理结果公开清单",
            LedgerKind::Duty => "代表进站履职台账",
        }
    }

    /// The file name a save dialog suggests, e.g. `意见建议办理台账（2026年第四季度）.xlsx`.
    pub fn file_name(self, scope: &LedgerScope) -> String {
        format!("{}（{}）.xlsx", self.label(), scope.period)
    }

    /// The ledger as a table, with states and deadlines as of `now`.
    pub fn build(self, conn: &Connection, scope: &LedgerScope, now: DateTime<Utc>) -> Result<TableOut> {
        match self {
            LedgerKind::Visits => visits_ledger(conn, scope),
            LedgerKind::Matters => matters_ledger(conn, scope, now),
            LedgerKind::Publication => publication_list(conn, scope, now),
            LedgerKind::Duty => duty_ledger(conn, scope, now),
        }
    }

    /// The ledger with personal data in full, for a session whose role may see it, audited with `reason`. The
    /// matters ledger carries no personal data, so it is the same table (and nothing is audited).
    pub fn build_revealed_as(
        self,
        w: &mut Writer<'_>,
        session: &Session,
        scope: &LedgerScope,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<TableOut> {
        match self {
            LedgerKind::Visits => visits_ledger_revealed_as(w, session, scope, reason),
            LedgerKind::Matters | LedgerKind::Publication | LedgerKind::Duty => self.build(w.tx(), scope, now),
        }
    }
}
