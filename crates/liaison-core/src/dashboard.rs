//! The data behind the office's charts (统计): what a standing-committee meeting would put on a slide, each chart
//! one function returning plain series — labels and numbers — so the window draws them (ECharts) and the same data
//! goes to XLSX and reports without a second computation.
//!
//! Matters are counted by the day the citizen was received (the visit's `received_at`, a Chinese date) within the
//! period; the trends of the on-time and satisfaction rates by the month of the assignment, the same figures as
//! the unit ranking ([`crate::workflow::ranking::tally_by`] with the month as the bucket), so a chart and the
//! ranking sheet never disagree. Both read the kept per-matter summaries ([`crate::workflow::summary`]), not the
//! events: the trends tally the kept digests, the overdue list computes the deadlines of the kept folds whose clock
//! runs, with the same membership test as the 工作台.

pub mod board;
pub mod chart;
pub mod deputies;
pub mod picture;
pub mod scope;
pub mod stations;

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::calendar::Calendar;
use crate::error::Result;
use crate::ledger::period::Period;
use crate::workflow::deadlines::china_date;
use crate::workflow::queues::{QueueKey, Reading};
use crate::workflow::ranking::{UnitFigures, tally};
use crate::workflow::summary::{self, Scope};
use crate::workflow::units;

/// One bar or slice: a label and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Slice {
    /// What it counts (a month `2026-07`, a category, a county, a station).
    pub label: String,
    /// How many.
    pub value: u32,
}

/// How matters are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MatterGrouping {
    /// By month of reception, every month of the period (months without matters count 0).
    Month,
    /// By category, most first.
    Category,
    /// By the station's county-level region, most first.
    County,
    /// By station, most first.
    Station,
}

/// The matters received in `period`, grouped.
pub fn matters_by(conn: &Connection, period: &Period, grouping: MatterGrouping) -> Result<Vec<Slice>> {
    // A Chinese date of reception: received_at is UTC.
    const DAY: &str = "date(v.received_at, '+8 hours')";
    let group = match grouping {
        MatterGrouping::Month => "substr(date(v.received_at, '+8 hours'), 1, 7)",
        MatterGrouping::Category => "m.category",
        MatterGrouping::County => "COALESCE(c.name, r.name, '')",
        MatterGrouping::Station => "p.name",
    };
    let sql = format!(
        "SELECT {group}, COUNT(*) FROM matters m
         JOIN visits v ON v.id = m.visit_id
         JOIN platforms p ON p.id = v.station_id
         LEFT JOIN regions r ON r.id = p.region_id
         LEFT JOIN regions c ON c.id = r.parent_id AND c.parent_id IS NOT NULL
         WHERE {DAY} BETWEEN ?1 AND ?2
         GROUP BY 1"
    );
    let mut slices: Vec<Slice> = conn
        .prepare_cached(&sql)?
        .query_map(params![period.start.to_string(), period.end.to_string()], |r| {
            Ok(Slice { label: r.get(0)?, value: r.get(1)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    match grouping {
        MatterGrouping::Month => Ok(every_month(period, &slices)),
        _ => {
            slices.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.label.cmp(&b.label)));
            Ok(slices)
        }
    }
}

/// The months of `period` as `YYYY-MM`, in order.
fn months(period: &Period) -> Vec<String> {
    let mut out = Vec::new();
    let mut day = NaiveDate::from_ymd_opt(period.start.year(), period.start.month(), 1);
    while let Some(d) = day.filter(|d| *d <= period.end) {
        out.push(d.format("%Y-%m").to_string());
        day = d.checked_add_months(chrono::Months::new(1));
    }
    out
}

/// Every month of the period, 0 where nothing was counted.
fn every_month(period: &Period, counted: &[Slice]) -> Vec<Slice> {
    months(period)
        .into_iter()
        .map(|label| {
            let value = counted.iter().find(|s| s.label == label).map_or(0, |s| s.value);
            Slice { label, value }
        })
        .collect()
}

/// One month of the rate trends.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RatePoint {
    /// `YYYY-MM`.
    pub month: String,
    /// Assignments made that month.
    pub assigned: u32,
    /// Answered by the due date ÷ (answered + overdue unanswered), of that month's assignments.
    pub on_time_rate: Option<f64>,
    /// (满意 + 基本满意) ÷ rated, of the answers to that month's assignments.
    pub satisfaction_rate: Option<f64>,
}

/// The on-time and satisfaction rates by month of assignment over `period`, judged at `now`.
pub fn rate_trends(conn: &Connection, period: &Period, now: DateTime<Utc>) -> Result<Vec<RatePoint>> {
    let (calendar, today) = (Calendar::load(conn)?, china_date(now));
    let bucket =
        |_: &str, on: NaiveDate| (on >= period.start && on <= period.end).then(|| on.format("%Y-%m").to_string());
    let mut by_month: BTreeMap<String, UnitFigures> = BTreeMap::new();
    summary::for_each_digest(conn, period, |digest| tally(digest, &calendar, today, &bucket, &mut by_month))?;
    Ok(months(period)
        .into_iter()
        .map(|month| {
            let f = by_month.remove(&month).unwrap_or_default();
            RatePoint {
                month,
                assigned: f.received,
                on_time_rate: f.on_time_rate(),
                satisfaction_rate: f.satisfaction_rate(),
            }
        })
        .collect())
}

/// One line of the overdue list: a unit and how many of the matters it holds are overdue at each escalation level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct OverdueByUnit {
    /// The lead unit's code (empty: overdue before any unit held it — routing or assignment late).
    pub unit_code: String,
    /// Its name (站内 for matters no unit holds).
    pub unit_name: String,
    /// Overdue matters per level of the ladder, in the ladder's order (the last column: below the first level).
    pub by_level: Vec<u32>,
    /// All of them.
    pub total: u32,
}

/// The overdue list: every overdue matter today, by the unit holding it and the escalation level it reached; the
/// ladder's level names come with it, most overdue units first.
pub fn overdue_by_unit(conn: &Connection, now: DateTime<Utc>) -> Result<(Vec<String>, Vec<OverdueByUnit>)> {
    let reading = Reading::load(conn, now)?;
    let levels = reading.rules.ladder.len();
    let mut rows: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    summary::for_each_fold(conn, Scope::Running, |folded| {
        let deadlines = reading.deadlines(&folded);
        if QueueKey::Overdue.holds(&folded, &deadlines, reading.today) {
            let level = deadlines
                .escalation
                .as_ref()
                .and_then(|e| reading.rules.ladder.iter().position(|r| r.level == e.level))
                .unwrap_or(levels);
            rows.entry(folded.lead.clone().unwrap_or_default()).or_insert_with(|| vec![0; levels + 1])[level] += 1;
        }
    })?;
    let names: BTreeMap<String, String> = units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect();
    let mut out: Vec<OverdueByUnit> = rows
        .into_iter()
        .map(|(code, by_level)| OverdueByUnit {
            unit_name: if code.is_empty() {
                "站内".to_owned()
            } else {
                names.get(&code).cloned().unwrap_or(code.clone())
            },
            unit_code: code,
            total: by_level.iter().sum(),
            by_level,
        })
        .collect();
    out.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.unit_name.cmp(&b.unit_name)));
    let mut headers: Vec<String> = reading.rules.ladder.iter().map(|r| r.name.clone()).collect();
    headers.push("未达督办".to_owned());
    Ok((headers, out))
}

#[cfg(test)]
mod scoped_tests;
#[cfg(test)]
mod tests;
