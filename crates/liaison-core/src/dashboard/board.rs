//! The 统计 screen's data in one read: every chart of the period for the city or one station, and the KPI cards'
//! figures taken from those same charts (never a second count that could disagree with a bar).
//!
//! The matters' charts, the rate trends and the overdue list ([`super::matters_by`], [`super::rate_trends`],
//! [`super::overdue_by_unit`]) read the whole store: in a station's installation that is the station's own work;
//! in the office they are the city's, whatever station is picked for the other charts.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::chart::{Chart, Ratio};
use super::scope::Scope;
use super::stations;
use super::{MatterGrouping, OverdueByUnit, RatePoint, Slice, deputies, matters_by, overdue_by_unit, rate_trends};
use crate::error::Result;
use crate::ledger::period::Period;
use crate::workflow::deadlines::china_date;

/// How many deputies the 首问 ranking lists.
pub const TOP_RESPONDERS: usize = 10;

/// The KPI cards.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Headline {
    /// Matters received in the period.
    pub matters: u32,
    /// Visits registered in the period (the station activity chart's sum).
    pub visits: u32,
    /// Assignments in the period answered on time (the trend's months pooled: weighted by assignments).
    pub on_time_rate: Option<f64>,
    /// Satisfaction over the period, pooled the same way.
    pub satisfaction_rate: Option<f64>,
    /// Overdue matters today.
    pub overdue: u32,
    /// 星级联络站 (province and city level).
    pub star_stations: u32,
    /// 编组进站.
    pub assignment: Ratio,
    /// Attendance at activities.
    pub attendance: Ratio,
    /// Leaders' station-visit coverage.
    pub leader_coverage: Ratio,
}

/// Everything the 统计 screen draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Board {
    /// 全市 or the station's name.
    pub scope: String,
    /// The station's code when the board is one station's (always in a station's installation).
    pub station_code: Option<String>,
    /// The period's label (2026年第三季度).
    pub period: String,
    /// The KPI cards.
    pub headline: Headline,
    /// Matters by month of reception.
    pub matters_by_month: Vec<Slice>,
    /// Matters by category, most first.
    pub matters_by_category: Vec<Slice>,
    /// Matters by county, most first.
    pub matters_by_county: Vec<Slice>,
    /// Matters by station, most first.
    pub matters_by_station: Vec<Slice>,
    /// On-time and satisfaction rates by month of assignment.
    pub rate_trends: Vec<RatePoint>,
    /// The escalation ladder's level names (the overdue list's columns).
    pub overdue_levels: Vec<String>,
    /// The overdue list by unit.
    pub overdue_by_unit: Vec<OverdueByUnit>,
    /// Visits and duty days per station (city) or month (station).
    pub station_activity: Chart,
    /// Star stations by county.
    pub star_stations: Chart,
    /// Leaders' visits per county (city) or month (station).
    pub leader_coverage: Chart,
    /// 编组进站 by level.
    pub assignment: Chart,
    /// Attendance at activities by month.
    pub attendance: Chart,
    /// Matters first-responded by the deputy's level.
    pub responders_by_level: Chart,
    /// The deputies who first-responded the most.
    pub top_responders: Chart,
}

/// The screen's data for `scope` over `period`, judged at `now`.
pub fn board(conn: &Connection, scope: &Scope, period: &Period, now: DateTime<Utc>) -> Result<Board> {
    let label = scope.resolve(conn)?.label;
    let today = china_date(now);
    let matters_by_month = matters_by(conn, period, MatterGrouping::Month)?;
    let rate_trends = rate_trends(conn, period, now)?;
    let (overdue_levels, overdue_by_unit) = overdue_by_unit(conn, now)?;
    let station_activity = stations::station_activity(conn, scope, period, today)?;
    let star_stations = stations::star_stations(conn, scope)?;
    let (leader_coverage, leaders) = stations::leader_coverage(conn, scope, period)?;
    let (assignment, assigned) = deputies::station_assignment(conn, scope)?;
    let (attendance, attended) = deputies::duty_attendance(conn, scope, period)?;
    let (responders_by_level, top_responders) = deputies::first_responded(conn, scope, period, TOP_RESPONDERS)?;
    let pooled = |rate: fn(&RatePoint) -> Option<f64>| {
        let (weighted, weight) = rate_trends
            .iter()
            .filter_map(|p| rate(p).map(|r| (r * f64::from(p.assigned), f64::from(p.assigned))))
            .fold((0.0, 0.0), |(a, b), (c, d)| (a + c, b + d));
        (weight > 0.0).then(|| weighted / weight)
    };
    let headline = Headline {
        matters: matters_by_month.iter().map(|s| s.value).sum(),
        visits: station_activity.total(0),
        on_time_rate: pooled(|p| p.on_time_rate),
        satisfaction_rate: pooled(|p| p.satisfaction_rate),
        overdue: overdue_by_unit.iter().map(|u| u.total).sum(),
        star_stations: star_stations.total(0) + star_stations.total(1),
        assignment: assigned,
        attendance: attended,
        leader_coverage: leaders,
    };
    Ok(Board {
        scope: label,
        station_code: match scope {
            Scope::City => None,
            Scope::Station(code) => Some(code.clone()),
        },
        period: period.label.clone(),
        headline,
        matters_by_month,
        matters_by_category: matters_by(conn, period, MatterGrouping::Category)?,
        matters_by_county: matters_by(conn, period, MatterGrouping::County)?,
        matters_by_station: matters_by(conn, period, MatterGrouping::Station)?,
        rate_trends,
        overdue_levels,
        overdue_by_unit,
        station_activity,
        star_stations,
        leader_coverage,
        assignment,
        attendance,
        responders_by_level,
        top_responders,
    })
}

/// The board this installation may see ([`super::scope::for_installation`]): `asked` is the station picked in the
/// office, ignored in a station's installation.
pub fn installation_board(
    conn: &Connection,
    asked: Option<&str>,
    period: &Period,
    now: DateTime<Utc>,
) -> Result<Board> {
    board(conn, &super::scope::for_installation(conn, asked)?, period, now)
}
