//! 满意度测评: how each handling unit did over a period, and the ranking the office publishes.
//!
//! Per unit, counted over the **assignments made in the period** (a matter assigned in September and answered in
//! October counts in the September evaluation of the unit it was given to — the usual 按交办时间统计, so a period's
//! figures do not move the units that had no say in them):
//!
//! - **received**: matters assigned to it as lead unit (主办); **co-handled**: as co-handler (协办);
//! - **acknowledged in time**: 签收 within the 退办 window frozen in the assignment (no window, no deadline: in time);
//! - **handled** and **handled in time**: a reply on or before the due date of its handling clock (the explicit
//!   date or the frozen limit, plus every extension granted); an assignment still unanswered past its due date on
//!   the evaluation day counts as handled late;
//! - **on-time rate** = handled in time ÷ (handled + overdue unanswered);
//! - **satisfaction rate** = (满意 + 基本满意) ÷ rated, the ratings of the matters it answered;
//! - **不满意** and **re-handled** (a new reply after a 不满意); **退办** and every buck-passing signal held against it
//!   ([`super::signals::scan`], the rules a matter's own signals use).
//!
//! A rate with nothing to divide is `None`, not zero: a unit that answered nothing was not late.
//!
//! **Ranking**: the units whose answers were rated (满意度测评 measures satisfaction: a unit whose matters are still
//! in hand, or that only returned them, has no rating to be ranked by), by satisfaction rate, then on-time rate,
//! then fewer signals, then fewer 退办, then name — each step an explainable tie-break. When more than three units
//! are ranked, the bottom three are flagged for a re-evaluation three months after the period
//! ([`reevaluation_day`]). The other units are listed, unranked, with their figures (退办 and lateness show there).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Months, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::deadlines::china_date;
use super::state::{Recorded, fold};
use super::{summary, units};
use crate::calendar::Calendar;
use crate::error::Result;
use crate::ledger::period::Period;
use crate::tabular::TableOut;

/// How many units at the bottom are flagged.
pub const FLAGGED: usize = 3;

/// Months after the period's end when a flagged unit is evaluated again.
pub const REEVALUATE_AFTER_MONTHS: u32 = 3;

/// One unit's figures over a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct UnitFigures {
    /// Matters assigned to it as lead unit.
    pub received: u32,
    /// Matters it co-handled.
    pub co_handled: u32,
    /// 签收 within the 退办 window.
    pub acknowledged_in_time: u32,
    /// Assignments it answered.
    pub handled: u32,
    /// Of those, answered by the due date.
    pub handled_in_time: u32,
    /// Unanswered past the due date on the evaluation day.
    pub overdue_open: u32,
    /// Ratings of the matters it answered.
    pub rated: u32,
    /// 满意 + 基本满意.
    pub satisfied: u32,
    /// 不满意.
    pub unsatisfied: u32,
    /// New replies after a 不满意.
    pub rehandled: u32,
    /// 退办.
    pub returns: u32,
    /// Buck-passing signals held against it (退办 included).
    pub signals: u32,
}

impl UnitFigures {
    /// handled in time ÷ (handled + overdue unanswered), `None` when both are zero.
    pub fn on_time_rate(&self) -> Option<f64> {
        ratio(self.handled_in_time, self.handled + self.overdue_open)
    }

    /// (满意 + 基本满意) ÷ rated, `None` without ratings.
    pub fn satisfaction_rate(&self) -> Option<f64> {
        ratio(self.satisfied, self.rated)
    }
}

fn ratio(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RankedUnit {
    /// The unit's code.
    pub unit_code: String,
    /// Its name (the code when the roster does not know it).
    pub unit_name: String,
    /// 1 = best; `None` for a unit without rated answers in the period (not ranked).
    pub rank: Option<u32>,
    /// Among the bottom three (flagged for re-evaluation).
    pub flagged: bool,
    /// The figures.
    pub figures: UnitFigures,
    /// On-time rate, 0–1.
    pub on_time_rate: Option<f64>,
    /// Satisfaction rate, 0–1.
    pub satisfaction_rate: Option<f64>,
}

/// The figures of every unit that appears in `matters` (each a matter's events in fold order), over the
/// assignments made in `period`, judged on `today`.
pub fn figures(
    matters: &[Vec<Recorded>],
    period: &Period,
    calendar: &Calendar,
    today: NaiveDate,
) -> BTreeMap<String, UnitFigures> {
    let mut out: BTreeMap<String, UnitFigures> = BTreeMap::new();
    for events in matters {
        tally_by(events, calendar, today, &by_unit_in(period), &mut out);
    }
    out
}

/// The bucket of [`tally_by`] for the ranking: the unit, for assignments made in `period`.
fn by_unit_in(period: &Period) -> impl Fn(&str, NaiveDate) -> Option<String> + '_ {
    move |unit, assigned_on| (assigned_on >= period.start && assigned_on <= period.end).then(|| unit.to_owned())
}

/// Adds one matter's figures to `out`, each assignment's under `bucket(unit, assigned_on)` (the unit, for the
/// ranking; the month, for the dashboard's trends) — `None` leaves it out. The unit the bucket is asked about is
/// the lead unit for everything but co-handling and buck-passing signals, which go to the unit concerned.
/// The city-wide figures count the same from the kept summaries ([`tally`] over each matter's [`Digest`]).
pub fn tally_by<K: Ord + Clone>(
    events: &[Recorded],
    calendar: &Calendar,
    today: NaiveDate,
    bucket: &dyn Fn(&str, NaiveDate) -> Option<K>,
    out: &mut BTreeMap<K, UnitFigures>,
) {
    if let Some(digest) = digest(events, &fold(events)) {
        tally(&digest, calendar, today, bucket, out);
    }
}

/// Ranks `figures` (see the module doc), naming units from `names`; a unit in `names` without figures was given
/// nothing and is listed unranked.
pub fn rank(mut figures: BTreeMap<String, UnitFigures>, names: &BTreeMap<String, String>) -> Vec<RankedUnit> {
    for code in names.keys() {
        figures.entry(code.clone()).or_default();
    }
    let mut rows: Vec<RankedUnit> = figures
        .into_iter()
        .map(|(code, figures)| RankedUnit {
            unit_name: names.get(&code).cloned().unwrap_or_else(|| code.clone()),
            unit_code: code,
            rank: None,
            flagged: false,
            on_time_rate: figures.on_time_rate(),
            satisfaction_rate: figures.satisfaction_rate(),
            figures,
        })
        .collect();
    // Higher rates first; rates are finite numbers between 0 and 1, so `total_cmp` is their plain order.
    let better = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (a, b) => b.is_some().cmp(&a.is_some()),
    };
    rows.sort_by(|a, b| {
        let unranked = |r: &RankedUnit| r.satisfaction_rate.is_none();
        unranked(a)
            .cmp(&unranked(b))
            .then_with(|| better(a.satisfaction_rate, b.satisfaction_rate))
            .then_with(|| better(a.on_time_rate, b.on_time_rate))
            .then_with(|| a.figures.signals.cmp(&b.figures.signals))
            .then_with(|| a.figures.returns.cmp(&b.figures.returns))
            .then_with(|| a.unit_name.cmp(&b.unit_name))
    });
    let ranked = rows.iter().filter(|r| r.satisfaction_rate.is_some()).count();
    for (i, row) in rows.iter_mut().take(ranked).enumerate() {
        row.rank = Some(u32::try_from(i + 1).unwrap_or(u32::MAX));
        row.flagged = ranked > FLAGGED && i >= ranked - FLAGGED;
    }
    rows
}

/// The ranking of every handling unit over `period`, over the matters of every station, judged at `now`: the
/// kept digests of the matters assigned in the period ([`summary::for_each_digest`]), no fold.
pub fn ranking(conn: &Connection, period: &Period, now: DateTime<Utc>) -> Result<Vec<RankedUnit>> {
    let calendar = Calendar::load(conn)?;
    let today = china_date(now);
    let mut figures_by_unit: BTreeMap<String, UnitFigures> = BTreeMap::new();
    let bucket = by_unit_in(period);
    summary::for_each_digest(conn, period, |digest| tally(digest, &calendar, today, &bucket, &mut figures_by_unit))?;
    let names: BTreeMap<String, String> = units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect();
    Ok(rank(figures_by_unit, &names))
}

/// The day a unit flagged over `period` is evaluated again: the last day of the three months that follow it
/// (the third quarter's flags are evaluated again over October to December, on 31 December).
pub fn reevaluation_day(period: &Period) -> NaiveDate {
    let next = period.end.succ_opt().unwrap_or(period.end);
    next.checked_add_months(Months::new(REEVALUATE_AFTER_MONTHS)).and_then(|d| d.pred_opt()).unwrap_or(period.end)
}

/// The codes of the flagged units of a ranking.
pub fn flagged(rows: &[RankedUnit]) -> BTreeSet<&str> {
    rows.iter().filter(|r| r.flagged).map(|r| r.unit_code.as_str()).collect()
}

/// How a unit flagged in one evaluation did in the next (its re-evaluation).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct FlaggedChange {
    /// The unit's code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// Its rank when flagged, and now (`None`: given nothing now).
    pub rank_before: Option<u32>,
    /// See `rank_before`.
    pub rank_after: Option<u32>,
    /// Its satisfaction rate when flagged, and now.
    pub satisfaction_before: Option<f64>,
    /// See `satisfaction_before`.
    pub satisfaction_after: Option<f64>,
    /// Its on-time rate when flagged, and now.
    pub on_time_before: Option<f64>,
    /// See `on_time_before`.
    pub on_time_after: Option<f64>,
    /// Still among the bottom three.
    pub still_flagged: bool,
}

/// The change of every unit flagged in `before` (the flagged evaluation) as `after` (its re-evaluation) shows it.
pub fn flagged_changes(before: &[RankedUnit], after: &[RankedUnit]) -> Vec<FlaggedChange> {
    before
        .iter()
        .filter(|b| b.flagged)
        .map(|b| {
            let now = after.iter().find(|a| a.unit_code == b.unit_code);
            FlaggedChange {
                unit_code: b.unit_code.clone(),
                unit_name: b.unit_name.clone(),
                rank_before: b.rank,
                rank_after: now.and_then(|a| a.rank),
                satisfaction_before: b.satisfaction_rate,
                satisfaction_after: now.and_then(|a| a.satisfaction_rate),
                on_time_before: b.on_time_rate,
                on_time_after: now.and_then(|a| a.on_time_rate),
                still_flagged: now.is_some_and(|a| a.flagged),
            }
        })
        .collect()
}

/// The ranking as the sheet the office files (承办单位满意度测评, one row per unit), rates as percentages.
pub fn table(rows: &[RankedUnit], period: &Period) -> TableOut {
    let pct = |r: Option<f64>| r.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0));
    let headers = [
        "名次",
        "承办单位",
        "单位代码",
        "受理（主办）",
        "协办",
        "按时签收",
        "已答复",
        "按时答复",
        "超期未答复",
        "按时办结率",
        "评价数",
        "满意+基本满意",
        "不满意",
        "重新办理",
        "满意率",
        "退办",
        "推诿信号",
        "末位",
    ];
    TableOut {
        sheet: "满意度测评".into(),
        title: Some(format!("承办单位满意度测评（{}）", period.label)),
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                let f = &r.figures;
                vec![
                    r.rank.map_or_else(|| "未参评".to_owned(), |n| n.to_string()),
                    r.unit_name.clone(),
                    r.unit_code.clone(),
                    f.received.to_string(),
                    f.co_handled.to_string(),
                    f.acknowledged_in_time.to_string(),
                    f.handled.to_string(),
                    f.handled_in_time.to_string(),
                    f.overdue_open.to_string(),
                    pct(r.on_time_rate),
                    f.rated.to_string(),
                    f.satisfied.to_string(),
                    f.unsatisfied.to_string(),
                    f.rehandled.to_string(),
                    pct(r.satisfaction_rate),
                    f.returns.to_string(),
                    f.signals.to_string(),
                    if r.flagged { "末位，三个月后复评".to_owned() } else { String::new() },
                ]
            })
            .collect(),
        text_columns: vec![2],
    }
}

mod record;
mod tally;

pub use record::{Evaluation, Reevaluation, evaluations, record, record_as};
pub use tally::{Counted, Digest, digest, tally};

#[cfg(test)]
mod tests;
