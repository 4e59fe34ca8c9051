//! The kept per-matter summary (`matter_summaries`): what the fold of a matter's events keeps, and the events the
//! unit figures count ([`super::ranking::Digest`]), so the office's city-wide figures — the ranking, the rate
//! trends, the overdue list, the 工作台 counts — read one small row per matter instead of folding ~600,000 events.
//!
//! # A cache, never the source of truth
//!
//! - A row is [`compute`]d from the matter's events and from nothing else: every value is an input of the
//!   calendar-dependent computations (the clock with its frozen limit, explicit date and extensions; the 退办 window;
//!   the days of 交办, 签收 and replies), never a due date or a count of working days. Calendar edits, rule changes
//!   and the passing days therefore never make a row stale: due dates and escalation levels are computed on read,
//!   exactly as from a fold.
//! - A row is refreshed in the transaction that projects the matter's events, whether recorded here or imported
//!   by sync: the projection hook of `matter_event` ([`super::events::after_project`]) marks the matter
//!   ([`mark_dirty`]) and the writer's commit refreshes every marked matter once ([`flush`]). Once, not per event:
//!   a bundle brings a matter with all its events, and refolding the matter after each of them made the city's
//!   import quadratic in a matter's events.
//! - [`rebuild`] recomputes every row; the program fills the table on the first open after the migration that
//!   created it ([`fill_if_empty`]). A test checks, after random acts and an imported event, that every row
//!   equals a fresh fold's.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::events;
use super::model::{Limit, State};
use super::ranking::{Digest, digest};
use super::state::{Fold, Recorded, StepClock, fold};
use crate::error::{Error, Result};
use crate::ledger::period::Period;
use crate::store::Writer;

/// What the fold keeps of a matter, without the per-event outcomes (a timeline needs those; no count does).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeptFold {
    /// The current state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// The running clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<StepClock>,
    /// The lead unit holding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The co-handlers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co: Vec<String>,
    /// The day of the last 办结 and the look-back limit frozen then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookback: Option<(NaiveDate, Limit)>,
    /// Extensions granted over the matter's life.
    #[serde(default)]
    pub extensions: u32,
    /// The citizen cannot be reached.
    #[serde(default)]
    pub unreachable: bool,
}

impl KeptFold {
    /// What `fold` keeps.
    pub fn of(fold: &Fold) -> KeptFold {
        KeptFold {
            state: fold.state,
            clock: fold.clock.clone(),
            lead: fold.lead.clone(),
            co: fold.co.clone(),
            lookback: fold.lookback,
            extensions: fold.extensions,
            unreachable: fold.unreachable,
        }
    }

    /// A fold with these values and no outcomes: enough for deadlines, queue membership and [`Fold::check`].
    pub fn into_fold(self) -> Fold {
        Fold {
            state: self.state,
            clock: self.clock,
            lead: self.lead,
            co: self.co,
            lookback: self.lookback,
            extensions: self.extensions,
            unreachable: self.unreachable,
            outcomes: Vec::new(),
        }
    }
}

/// One matter's kept summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeptSummary {
    /// What the fold keeps.
    pub fold: KeptFold,
    /// What the unit figures count; `None` when the matter was never assigned.
    pub digest: Option<Digest>,
}

/// The summary of a matter with `events` (in fold order).
pub fn compute(events: &[Recorded]) -> KeptSummary {
    let folded = fold(events);
    KeptSummary { digest: digest(events, &folded), fold: KeptFold::of(&folded) }
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))
}

fn from_json<T: for<'de> Deserialize<'de>>(matter_id: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::Internal(format!("matter_summaries {matter_id}: {e}")))
}

/// A text column of a row, borrowed (the JSON is decoded straight from SQLite's buffer).
fn text<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str> {
    row.get_ref(i)?.as_str().map_err(|e| Error::Internal(format!("matter_summaries: column {i}: {e}")))
}

/// Writes a matter's row.
fn write(conn: &Connection, matter_id: &str, summary: &KeptSummary) -> Result<()> {
    let kept = &summary.fold;
    let state = kept.state.map(|s| to_json(&s)).transpose()?.map(|s| s.trim_matches('"').to_owned());
    let days: Vec<NaiveDate> = summary.digest.iter().flat_map(Digest::assigned_days).collect();
    let digest = summary.digest.as_ref().map(to_json).transpose()?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO matter_summaries
           (matter_id, state, lead, clock_running, first_assigned_on, last_assigned_on, fold, tally)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        matter_id,
        state,
        kept.lead,
        kept.clock.is_some(),
        days.iter().min().map(ToString::to_string),
        days.iter().max().map(ToString::to_string),
        to_json(kept)?,
        digest,
    ])?;
    Ok(())
}

/// The per-connection list of matters whose row must be refreshed before the transaction commits.
pub(crate) const PENDING_TABLE_SQL: &str =
    "CREATE TEMP TABLE IF NOT EXISTS summary_pending (matter_id TEXT PRIMARY KEY) WITHOUT ROWID";

/// Notes that a matter's row must be refreshed before the transaction commits (one of its events was projected).
pub(crate) fn mark_dirty(conn: &Connection, matter_id: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO temp.summary_pending (matter_id) VALUES (?1)")?.execute([matter_id])?;
    Ok(())
}

/// Refreshes the row of every marked matter and clears the list (the writer calls it before committing).
pub(crate) fn flush(conn: &Connection) -> Result<()> {
    let pending: Vec<String> = conn
        .prepare_cached("SELECT matter_id FROM temp.summary_pending")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for matter_id in &pending {
        refresh(conn, matter_id)?;
    }
    conn.prepare_cached("DELETE FROM temp.summary_pending")?.execute([])?;
    Ok(())
}

/// Recomputes one matter's row from its events.
fn refresh(conn: &Connection, matter_id: &str) -> Result<()> {
    write(conn, matter_id, &compute(&events::load(conn, matter_id)?))
}

/// A matter's kept summary, `None` when it has no events.
pub fn read(conn: &Connection, matter_id: &str) -> Result<Option<KeptSummary>> {
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT fold, tally FROM matter_summaries WHERE matter_id = ?1")?
        .query_row([matter_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((kept, digest)) = row else { return Ok(None) };
    Ok(Some(KeptSummary {
        fold: from_json(matter_id, &kept)?,
        digest: digest.map(|d| from_json(matter_id, &d)).transpose()?,
    }))
}

/// Recomputes every row from the events, in `conn`'s transaction; returns how many matters were summarised.
fn rebuild_in(conn: &Connection) -> Result<usize> {
    let mut computed: Vec<(String, KeptSummary)> = Vec::new();
    events::for_each_matter(conn, None, |matter_id, events| {
        computed.push((matter_id.to_owned(), compute(events)));
        Ok(())
    })?;
    conn.execute("DELETE FROM matter_summaries", [])?;
    for (matter_id, summary) in &computed {
        write(conn, matter_id, summary)?;
    }
    Ok(computed.len())
}

/// Recomputes every matter's summary from its events (a repair: rows are kept current as events arrive).
pub fn rebuild(w: &mut Writer<'_>) -> Result<usize> {
    rebuild_in(w.tx())
}

/// Fills the table when events exist but no summary does: the first open after the migration that created it.
pub(crate) fn fill_if_empty(conn: &mut Connection) -> Result<()> {
    let empty: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM matter_events) AND NOT EXISTS (SELECT 1 FROM matter_summaries)",
        [],
        |r| r.get(0),
    )?;
    if empty {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        rebuild_in(&tx)?;
        tx.commit()?;
    }
    Ok(())
}

/// Hands `each` the digest of every matter with a 交办 in `period` (a matter assigned before and after it, but not
/// in it, comes too: the tally leaves its assignments out).
pub(crate) fn for_each_digest(conn: &Connection, period: &Period, mut each: impl FnMut(&Digest)) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT matter_id, tally FROM matter_summaries
         WHERE tally IS NOT NULL AND first_assigned_on <= ?2 AND last_assigned_on >= ?1",
    )?;
    let mut rows = stmt.query(params![period.start.to_string(), period.end.to_string()])?;
    while let Some(row) = rows.next()? {
        let matter_id: &str = text(row, 0)?;
        let digest: Digest = from_json(matter_id, text(row, 1)?)?;
        each(&digest);
    }
    Ok(())
}

/// Which matters [`for_each_fold`] reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'a> {
    /// Every matter (or one station's, by code).
    All(Option<&'a str>),
    /// Only matters whose step clock runs: the only ones that can be overdue.
    Running,
}

/// Hands `each` the kept fold of every matter in `scope` that has events.
pub(crate) fn for_each_fold(conn: &Connection, scope: Scope<'_>, mut each: impl FnMut(Fold)) -> Result<()> {
    const OF_STATION: &str = "WHERE matter_id IN (SELECT m.id FROM matters m JOIN visits v ON v.id = m.visit_id
                                 JOIN platforms p ON p.id = v.station_id WHERE p.code = ?1)";
    let mut stmt = match scope {
        Scope::All(None) => conn.prepare_cached("SELECT matter_id, fold FROM matter_summaries")?,
        Scope::All(Some(_)) => {
            conn.prepare_cached(&format!("SELECT matter_id, fold FROM matter_summaries {OF_STATION}"))?
        }
        Scope::Running => {
            conn.prepare_cached("SELECT matter_id, fold FROM matter_summaries WHERE clock_running = 1")?
        }
    };
    let mut rows = match scope {
        Scope::All(Some(code)) => stmt.query([code])?,
        _ => stmt.query([])?,
    };
    while let Some(row) = rows.next()? {
        let matter_id: &str = text(row, 0)?;
        let kept: KeptFold = from_json(matter_id, text(row, 1)?)?;
        each(kept.into_fold());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
