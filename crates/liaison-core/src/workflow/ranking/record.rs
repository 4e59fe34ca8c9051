//! The rankings the office records (files) and the re-evaluation schedule they set: recording a period's ranking
//! keeps every unit's line as ranked that day and, for each of the bottom three, the day it is evaluated again
//! ([`super::reevaluation_day`]: three months after the period). Once the ranking of those three months is recorded
//! too, each flagged unit's change shows beside its entry ([`super::flagged_changes`]).
//!
//! A recording is the office's own filing, not a synced record; it is audited (`ranking_record`). Recording a
//! period again replaces its ranking (the figures of a period move while its matters are still in hand).

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{FlaggedChange, RankedUnit, flagged_changes, ranking, reevaluation_day};
use crate::error::{Error, Result};
use crate::ledger::period::Period;
use crate::store::Writer;

/// A recorded ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Evaluation {
    /// The period's first day.
    pub period_start: NaiveDate,
    /// Its last day.
    pub period_end: NaiveDate,
    /// Its Chinese name.
    pub label: String,
    /// When it was recorded (RFC 3339, UTC).
    pub recorded_at: String,
    /// Who recorded it.
    pub operator: String,
    /// The day its flagged units are evaluated again.
    pub reevaluation_day: NaiveDate,
    /// Every unit's line as ranked then.
    pub rows: Vec<RankedUnit>,
    /// The flagged units, worst last, with their change once the re-evaluation is recorded.
    pub flagged: Vec<Reevaluation>,
}

/// A flagged unit's entry in the schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Reevaluation {
    /// The unit's code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// Its rank when flagged.
    pub rank: u32,
    /// The day it is evaluated again.
    pub reevaluation_day: NaiveDate,
    /// How it did over the three months after the period, once their ranking is recorded.
    pub change: Option<FlaggedChange>,
}

/// The period a ranking over `period` is re-evaluated over: the day after it to its re-evaluation day.
fn reevaluation_period(start: NaiveDate, end: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let period = Period::days(start, end)?;
    Some((end.succ_opt()?, reevaluation_day(&period)))
}

/// [`record`] for a signed-in session: filing the period's ranking (and putting units on the re-evaluation list)
/// is the office's decision, not a clerk's.
pub fn record_as(w: &mut Writer<'_>, session: &crate::operators::Session, period: &Period) -> Result<Evaluation> {
    use crate::operators::Role;
    crate::operators::permit::authorize(
        w,
        session,
        |r| r != Role::Clerk,
        "记录测评结果需要站长、机关工作人员或管理员",
    )?;
    record(w, period)
}

/// Records the ranking of `period` as of the writer's clock, replacing an earlier recording of the same period.
pub fn record(w: &mut Writer<'_>, period: &Period) -> Result<Evaluation> {
    let now = w.deps().clock.now();
    let rows = ranking(w.tx(), period, now)?;
    let (start, end) = (period.start.to_string(), period.end.to_string());
    let day = reevaluation_day(period);
    let json = serde_json::to_string(&rows).map_err(|e| Error::Internal(e.to_string()))?;
    let replaced = w
        .tx()
        .execute("DELETE FROM unit_reevaluations WHERE period_start = ?1 AND period_end = ?2", params![start, end])?
        + w.tx()
            .execute("DELETE FROM unit_evaluations WHERE period_start = ?1 AND period_end = ?2", params![start, end])?;
    w.tx().execute(
        "INSERT INTO unit_evaluations (period_start, period_end, label, recorded_at, operator, reevaluation_day, rows)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![start, end, period.label, now.with_timezone(&Utc).to_rfc3339(), w.operator(), day.to_string(), json],
    )?;
    let flagged: Vec<&RankedUnit> = rows.iter().filter(|r| r.flagged).collect();
    for row in &flagged {
        w.tx().execute(
            "INSERT INTO unit_reevaluations (period_start, period_end, unit_code, unit_name, rank, reevaluation_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![start, end, row.unit_code, row.unit_name, row.rank, day.to_string()],
        )?;
    }
    let names: Vec<&str> = flagged.iter().map(|r| r.unit_name.as_str()).collect();
    let detail = format!(
        "{}{}：{} 个单位，末位 {}，复评日 {day}",
        period.label,
        if replaced > 0 { "（重新记录）" } else { "" },
        rows.len(),
        if names.is_empty() { "无".to_owned() } else { names.join("、") },
    );
    w.audit_local("ranking_record", "unit_evaluation", &format!("{start}..{end}"), &detail)?;
    evaluation(w.tx(), period.start, period.end)?
        .ok_or_else(|| Error::Internal(format!("recorded ranking {start}..{end} not found")))
}

type StoredRow = (String, String, String, String, String, String, String);

/// The recorded ranking of exactly `start..end`, if any, with its schedule.
fn evaluation(conn: &Connection, start: NaiveDate, end: NaiveDate) -> Result<Option<Evaluation>> {
    let row: Option<StoredRow> = conn
        .prepare_cached(
            "SELECT period_start, period_end, label, recorded_at, operator, reevaluation_day, rows
             FROM unit_evaluations WHERE period_start = ?1 AND period_end = ?2",
        )?
        .query_row(params![start.to_string(), end.to_string()], read_row)
        .optional()?;
    row.map(|row| to_evaluation(conn, row)).transpose()
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

fn date(text: &str) -> Result<NaiveDate> {
    text.parse().map_err(|e| Error::Internal(format!("unit_evaluations: bad date {text}: {e}")))
}

/// Rows as stored, only what the flagged entries need beyond them.
fn stored_rows(json: &str) -> Result<Vec<RankedUnit>> {
    serde_json::from_str(json).map_err(|e| Error::Internal(format!("unit_evaluations: {e}")))
}

fn to_evaluation(conn: &Connection, row: StoredRow) -> Result<Evaluation> {
    let (start, end, label, recorded_at, operator, day, json) = row;
    let (period_start, period_end) = (date(&start)?, date(&end)?);
    let rows = stored_rows(&json)?;
    // The re-evaluation, once the three months after the period are recorded.
    let after: Option<Vec<RankedUnit>> = match reevaluation_period(period_start, period_end) {
        Some((from, to)) => conn
            .prepare_cached("SELECT rows FROM unit_evaluations WHERE period_start = ?1 AND period_end = ?2")?
            .query_row(params![from.to_string(), to.to_string()], |r| r.get::<_, String>(0))
            .optional()?
            .map(|json| stored_rows(&json))
            .transpose()?,
        None => None,
    };
    let changes = after.as_deref().map(|after| flagged_changes(&rows, after));
    let mut stmt = conn.prepare_cached(
        "SELECT unit_code, unit_name, rank, reevaluation_day FROM unit_reevaluations
         WHERE period_start = ?1 AND period_end = ?2 ORDER BY rank",
    )?;
    let flagged = stmt
        .query_map(params![start, end], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, u32>(2)?, r.get::<_, String>(3)?))
        })?
        .map(|r| {
            let (unit_code, unit_name, rank, day) = r?;
            let change = changes.as_ref().and_then(|c| c.iter().find(|c| c.unit_code == unit_code).cloned());
            Ok(Reevaluation { unit_code, unit_name, rank, reevaluation_day: date(&day)?, change })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Evaluation {
        period_start,
        period_end,
        label,
        recorded_at,
        operator,
        reevaluation_day: date(&day)?,
        rows,
        flagged,
    })
}

/// Every recorded ranking, oldest period first, with its re-evaluation schedule.
pub fn evaluations(conn: &Connection) -> Result<Vec<Evaluation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT period_start, period_end, label, recorded_at, operator, reevaluation_day, rows
         FROM unit_evaluations ORDER BY period_start, period_end",
    )?;
    let rows: Vec<StoredRow> = stmt.query_map([], read_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|row| to_evaluation(conn, row)).collect()
}
