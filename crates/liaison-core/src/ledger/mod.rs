//! Ledgers (台账): the running registers a station keeps and the star-rating inspection reads, as tables that
//! `liaison-sheets` writes to XLSX: 接待群众登记台账 ([`visits_ledger`]) and 意见建议办理台账 ([`matters_ledger`]).
//!
//! # Design
//!
//! - A ledger covers one station or all of them ([`LedgerScope`]) over a [`Period`]; a visit and its matters
//!   belong to the period of the day the citizen came (China's calendar date), which is also the day in the
//!   matter's code. The title row names both: "XX联络站 接待群众登记台账（2026年第三季度）".
//! - Nothing is computed here that the workflow already knows: a matter's state, deadlines and signals come from
//!   [`crate::workflow::show`] as of the caller's `now`, so the ledger shows what the matter screen shows.
//! - Personal data is masked with [`crate::roster::mask`]: citizens' names (李**), phones and ID numbers. The
//!   matters ledger carries no citizen data at all. [`visits::visits_ledger_revealed_as`] writes the visits ledger in
//!   full for a role that may see personal data, with a reason, audited. The publication list ([`publication`])
//!   carries no personal data at all.
//!
//! Files: [`kind`] (which ledger, by name), [`period`] (统计周期), [`visits`], [`matters`], [`publication`] (公开),
//! [`duty`] (代表进站履职台账: rota and activities).

pub mod duty;
pub mod kind;
pub mod matters;
pub mod period;
pub mod publication;
pub mod visits;

use std::collections::HashMap;

use rusqlite::Connection;

pub use duty::duty_ledger;
pub use kind::LedgerKind;
pub use matters::matters_ledger;
pub use period::Period;
pub use publication::publication_list;
pub use visits::visits_ledger;

use crate::error::{Error, Result};
use crate::setup;

/// Which visits and matters a ledger lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerScope {
    /// One station's code, or every station.
    pub station_code: Option<String>,
    /// The days covered.
    pub period: Period,
}

/// Stations' names by code (ledger columns name stations, codes mean nothing to an inspector).
pub(crate) fn station_names(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT code, name FROM platforms")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The title row: "<station or city> <ledger>（<period>）". Without a station the ledger covers every station of
/// the installation's city ("平顶山市全部联络站"); an unknown station code is refused before anything is read.
pub(crate) fn title(
    conn: &Connection,
    scope: &LedgerScope,
    names: &HashMap<String, String>,
    ledger: &str,
) -> Result<String> {
    let whom = match &scope.station_code {
        Some(code) => names.get(code.trim()).cloned().ok_or_else(|| Error::NotFound(format!("联络站编码 {code}")))?,
        None => {
            let city = setup::load(conn)?.map(|s| s.city_name).unwrap_or_default();
            format!("{city}全部联络站")
        }
    };
    Ok(format!("{whom} {ledger}（{}）", scope.period))
}

/// Sequence numbers (序号) as the first cell of each row, from 1.
pub(crate) fn numbered(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    rows.into_iter().enumerate().map(|(i, row)| std::iter::once((i + 1).to_string()).chain(row).collect()).collect()
}

/// Headers as owned strings.
pub(crate) fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|h| (*h).to_owned()).collect()
}

#[cfg(test)]
mod tests;
