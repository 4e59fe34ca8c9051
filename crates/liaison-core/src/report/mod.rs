//! The monthly or quarterly report (工作情况报告) of the office: headline numbers, the dashboard's series, the unit
//! ranking, the overdue lists and the publication list (公开), as data that `liaison-print` lays out as a PDF with
//! charts and `liaison-sheets` writes as a workbook ([`tables`]: one sheet per section).
//!
//! Nothing is computed twice: the series are the dashboard's ([`crate::dashboard`]), the ranking and its sheet the
//! unit evaluation's ([`crate::workflow::ranking`]), the headline's assignment figures the sum of the ranking's
//! (so the report, the dashboard and the ranking sheet never disagree), the overdue matters the supervision
//! notices' scan ([`crate::documents::held`]) and the publication list the ledger's
//! ([`crate::ledger::publication_list`]). No personal data: the publication list carries none, overdue titles are
//! redacted.

pub mod tables;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::dashboard::{self, MatterGrouping, OverdueByUnit, RatePoint, Slice};
use crate::documents::{HeldMatter, held::held, office_name};
use crate::error::Result;
use crate::ledger::{LedgerScope, Period, publication_list};
use crate::tabular::TableOut;
use crate::workflow::deadlines::china_date;
use crate::workflow::queues::QueueKey;
use crate::workflow::ranking::{self, RankedUnit, UnitFigures};

pub use tables::tables;

/// The numbers on the report's first page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// Visits (接待) received in the period.
    pub visits: u32,
    /// Matters raised in them.
    pub matters: u32,
    /// Assignments (交办) made in the period, to lead units.
    pub assigned: u32,
    /// Of those, answered.
    pub replied: u32,
    /// Answered by the due date ÷ (answered + overdue unanswered), of those assignments.
    pub on_time_rate: Option<f64>,
    /// (满意 + 基本满意) ÷ rated, of their answers.
    pub satisfaction_rate: Option<f64>,
    /// Matters overdue today, whoever holds them.
    pub overdue_now: u32,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The period ("2026年第三季度").
    #[serde(skip)]
    pub period: Period,
    /// Its label, for JSON.
    pub period_label: String,
    /// The office issuing it.
    pub office: String,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// The headline numbers.
    pub headline: Headline,
    /// Matters by month of reception.
    pub by_month: Vec<Slice>,
    /// Matters by category.
    pub by_category: Vec<Slice>,
    /// Matters by county.
    pub by_county: Vec<Slice>,
    /// On-time and satisfaction rates by month of assignment.
    pub trends: Vec<RatePoint>,
    /// The overdue list's level names (its columns).
    pub overdue_levels: Vec<String>,
    /// Overdue matters by unit and level.
    pub overdue_by_unit: Vec<OverdueByUnit>,
    /// The unit ranking (满意度测评) over the period.
    pub ranking: Vec<RankedUnit>,
    /// The 满意度测评 sheet of the ranking.
    #[serde(skip)]
    pub ranking_table: TableOut,
    /// Every matter overdue today, most overdue first (titles redacted).
    pub overdue: Vec<HeldMatter>,
    /// 意见建议办理结果公开清单 of the period.
    #[serde(skip)]
    pub publication: TableOut,
}

/// The report over `period`, as of `now`.
pub fn report(conn: &Connection, period: &Period, now: DateTime<Utc>) -> Result<Report> {
    let by_month = dashboard::matters_by(conn, period, MatterGrouping::Month)?;
    let by_category = dashboard::matters_by(conn, period, MatterGrouping::Category)?;
    let by_county = dashboard::matters_by(conn, period, MatterGrouping::County)?;
    let trends = dashboard::rate_trends(conn, period, now)?;
    let (overdue_levels, overdue_by_unit) = dashboard::overdue_by_unit(conn, now)?;
    let ranking = ranking::ranking(conn, period, now)?;
    let today = china_date(now);
    let mut overdue = held(conn, now, |folded, deadlines| QueueKey::Overdue.holds(folded, deadlines, today))?;
    overdue.sort_by(|a, b| b.overdue_working_days.cmp(&a.overdue_working_days).then_with(|| a.code.cmp(&b.code)));
    let publication = publication_list(conn, &LedgerScope { station_code: None, period: period.clone() }, now)?;
    let headline = headline(
        visits_in(conn, period)?,
        by_month.iter().map(|s| s.value).sum(),
        &ranking,
        overdue_by_unit.iter().map(|u| u.total).sum(),
    );
    Ok(Report {
        period_label: period.label.clone(),
        period: period.clone(),
        office: office_name(conn)?,
        made_on: today,
        headline,
        by_month,
        by_category,
        by_county,
        trends,
        overdue_levels,
        overdue_by_unit,
        ranking_table: ranking::table(&ranking, period),
        ranking,
        overdue,
        publication,
    })
}

/// The headline from the counts and the ranking: the assignment figures are the sum over every unit's, the rates
/// computed from those sums the way a unit's are ([`UnitFigures::on_time_rate`]).
fn headline(visits: u32, matters: u32, ranking: &[RankedUnit], overdue_now: u32) -> Headline {
    let mut all = UnitFigures::default();
    for f in ranking.iter().map(|r| &r.figures) {
        all.received += f.received;
        all.handled += f.handled;
        all.handled_in_time += f.handled_in_time;
        all.overdue_open += f.overdue_open;
        all.rated += f.rated;
        all.satisfied += f.satisfied;
    }
    Headline {
        visits,
        matters,
        assigned: all.received,
        replied: all.handled,
        on_time_rate: all.on_time_rate(),
        satisfaction_rate: all.satisfaction_rate(),
        overdue_now,
    }
}

/// Visits received in the period (China's date of reception, as the dashboard counts matters).
fn visits_in(conn: &Connection, period: &Period) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM visits WHERE date(received_at, '+8 hours') BETWEEN ?1 AND ?2",
        [period.start.to_string(), period.end.to_string()],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, figures: UnitFigures) -> RankedUnit {
        RankedUnit {
            unit_code: code.into(),
            unit_name: code.into(),
            rank: None,
            flagged: false,
            on_time_rate: figures.on_time_rate(),
            satisfaction_rate: figures.satisfaction_rate(),
            figures,
        }
    }

    #[test]
    fn the_headline_sums_the_units_figures_and_divides_the_sums() {
        let answered = UnitFigures {
            received: 2,
            handled: 2,
            handled_in_time: 1,
            rated: 2,
            satisfied: 1,
            unsatisfied: 1,
            ..Default::default()
        };
        let late = UnitFigures { received: 3, overdue_open: 2, ..Default::default() };
        let co_only = UnitFigures { co_handled: 4, signals: 1, ..Default::default() };
        // (units, assigned, replied, on-time rate, satisfaction rate), worked out by hand.
        type Case = (Vec<RankedUnit>, u32, u32, Option<f64>, Option<f64>);
        let cases: [Case; 4] = [
            (vec![], 0, 0, None, None),
            (vec![unit("EMPTY", UnitFigures::default())], 0, 0, None, None),
            (
                vec![unit("A", answered.clone()), unit("B", late), unit("C", co_only.clone())],
                5,
                2,
                Some(0.25),
                Some(0.5),
            ),
            // Co-handling is not an assignment of the unit's own: nothing to divide.
            (vec![unit("C", co_only)], 0, 0, None, None),
        ];
        for (units, assigned, replied, on_time, satisfied) in cases {
            let h = headline(7, 9, &units, 4);
            assert_eq!((h.visits, h.matters, h.overdue_now), (7, 9, 4));
            assert_eq!(
                (h.assigned, h.replied, h.on_time_rate, h.satisfaction_rate),
                (assigned, replied, on_time, satisfied)
            );
        }
    }
}
