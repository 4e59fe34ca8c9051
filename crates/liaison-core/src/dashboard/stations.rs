//! The stations' charts: activity (citizens' visits registered, duty days on the rota and those already come), the
//! star stations (星级联络站) by county, and the leaders' station visits against the full-coverage target.
//!
//! Over the city a chart has one bar per open station (activity) or county (stars, leaders); for one station it has
//! one bar per month of the period, since a single bar says nothing. Duty: the app keeps the rota, not sign-in
//! sheets, so a planned duty day (a day with a rota slot in the period) counts as held once it has come (on or
//! before today). Leaders' coverage is the rule of [`crate::duty::leaders::coverage`]: open platforms in scope
//! visited at least once in the period ÷ open platforms in scope.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::chart::{Chart, Ratio};
use super::months;
use super::scope::Scope;
use crate::error::Result;
use crate::ledger::period::Period;

/// A station's county-level region: its region's parent unless that is the city (as [`super::matters_by`]).
const COUNTY_JOINS: &str = "LEFT JOIN regions r ON r.id = p.region_id
     LEFT JOIN regions c ON c.id = r.parent_id AND c.parent_id IS NOT NULL";
const COUNTY: &str = "COALESCE(c.name, r.name, '')";

/// Series of [`station_activity`]: visits, planned duty days, held duty days.
pub const ACTIVITY_SERIES: [&str; 3] = ["接待群众（件次）", "计划值班（天）", "已值班（天）"];

/// Visits registered and duty days planned and held per open station (city: most visits first) or per month (one
/// station), in `period`; a day is held when it is not after `today`.
pub fn station_activity(conn: &Connection, scope: &Scope, period: &Period, today: NaiveDate) -> Result<Chart> {
    let s = scope.resolve(conn)?;
    let (start, end, held_until) = (period.start.to_string(), period.end.to_string(), today.to_string());
    match &s.station_id {
        None => {
            let mut stmt = conn.prepare_cached(
                "SELECT p.name,
                        (SELECT COUNT(*) FROM visits v WHERE v.station_id = p.id
                            AND date(v.received_at, '+8 hours') BETWEEN ?1 AND ?2),
                        (SELECT COUNT(DISTINCT on_date) FROM duty_rota d WHERE d.station_id = p.id
                            AND d.on_date BETWEEN ?1 AND ?2),
                        (SELECT COUNT(DISTINCT on_date) FROM duty_rota d WHERE d.station_id = p.id
                            AND d.on_date BETWEEN ?1 AND min(?2, ?3))
                   FROM platforms p WHERE p.status = 'active'",
            )?;
            let mut rows: Vec<(String, [u32; 3])> = stmt
                .query_map(params![start, end, held_until], |r| Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?])))?
                .collect::<rusqlite::Result<_>>()?;
            rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut chart = Chart::zeroed(rows.iter().map(|(name, _)| name.clone()).collect(), &ACTIVITY_SERIES);
            for (i, (_, counts)) in rows.iter().enumerate() {
                for (series, n) in counts.iter().enumerate() {
                    chart.series[series].values[i] = *n;
                }
            }
            Ok(chart)
        }
        Some(id) => {
            let mut chart = Chart::zeroed(months(period), &ACTIVITY_SERIES);
            let mut visits = conn.prepare_cached(
                "SELECT substr(date(received_at, '+8 hours'), 1, 7), COUNT(*) FROM visits
                  WHERE station_id = ?1 AND date(received_at, '+8 hours') BETWEEN ?2 AND ?3 GROUP BY 1",
            )?;
            let mut rows = visits.query(params![id, start, end])?;
            while let Some(r) = rows.next()? {
                chart.add(&r.get::<_, String>(0)?, 0, r.get(1)?);
            }
            let mut duty = conn.prepare_cached(
                "SELECT substr(on_date, 1, 7), COUNT(DISTINCT on_date),
                        COUNT(DISTINCT CASE WHEN on_date <= ?4 THEN on_date END)
                   FROM duty_rota WHERE station_id = ?1 AND on_date BETWEEN ?2 AND ?3 GROUP BY 1",
            )?;
            let mut rows = duty.query(params![id, start, end, held_until])?;
            while let Some(r) = rows.next()? {
                let month: String = r.get(0)?;
                chart.add(&month, 1, r.get(1)?);
                chart.add(&month, 2, r.get(2)?);
            }
            Ok(chart)
        }
    }
}

/// Series of [`star_stations`].
pub const STAR_SERIES: [&str; 2] = ["省级星级联络站（个）", "市级星级联络站（个）"];

/// The open platforms rated as star stations now, by county (stacked: province, city level), counties with the
/// most first; counties without a star station are left out.
pub fn star_stations(conn: &Connection, scope: &Scope) -> Result<Chart> {
    let s = scope.resolve(conn)?;
    let sql = format!(
        "SELECT {COUNTY}, SUM(p.star_level = 'province'), SUM(p.star_level = 'city')
           FROM platforms p {COUNTY_JOINS}
          WHERE p.status = 'active' AND p.star_level <> 'none' AND (?1 IS NULL OR p.id = ?1)
          GROUP BY 1"
    );
    let mut rows: Vec<(String, u32, u32)> = conn
        .prepare_cached(&sql)?
        .query_map([&s.station_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)).then_with(|| b.1.cmp(&a.1)).then_with(|| a.0.cmp(&b.0)));
    let mut chart = Chart::zeroed(rows.iter().map(|r| r.0.clone()).collect(), &STAR_SERIES);
    for (i, (_, province, city)) in rows.into_iter().enumerate() {
        chart.series[0].values[i] = province;
        chart.series[1].values[i] = city;
    }
    Ok(chart)
}

/// Series of [`leader_coverage`] over the city.
pub const LEADER_SERIES: [&str; 2] = ["联络站（个）", "领导已进站（个）"];

/// Leaders' station visits: over the city, open platforms and those visited at least once in `period` per county
/// (most platforms first), with the coverage; for one station, visits per month, and whether it was covered.
pub fn leader_coverage(conn: &Connection, scope: &Scope, period: &Period) -> Result<(Chart, Ratio)> {
    let s = scope.resolve(conn)?;
    let (start, end) = (period.start.to_string(), period.end.to_string());
    match &s.station_id {
        None => {
            let sql = format!(
                "SELECT {COUNTY}, COUNT(*),
                        SUM(EXISTS (SELECT 1 FROM leader_visits l WHERE l.station_id = p.id
                                      AND l.on_date BETWEEN ?1 AND ?2))
                   FROM platforms p {COUNTY_JOINS}
                  WHERE p.status = 'active' GROUP BY 1"
            );
            let mut rows: Vec<(String, u32, u32)> = conn
                .prepare_cached(&sql)?
                .query_map([&start, &end], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut chart = Chart::zeroed(rows.iter().map(|r| r.0.clone()).collect(), &LEADER_SERIES);
            for (i, (_, stations, visited)) in rows.into_iter().enumerate() {
                chart.series[0].values[i] = stations;
                chart.series[1].values[i] = visited;
            }
            let ratio = Ratio::of(chart.total(1), chart.total(0));
            Ok((chart, ratio))
        }
        Some(id) => one_station_leaders(conn, id, period),
    }
}

/// One station's leaders' visits per month; covered when it had any.
fn one_station_leaders(conn: &Connection, id: &str, period: &Period) -> Result<(Chart, Ratio)> {
    let mut chart = Chart::zeroed(months(period), &["领导进站（次）"]);
    let mut stmt = conn.prepare_cached(
        "SELECT substr(on_date, 1, 7), COUNT(*) FROM leader_visits
          WHERE station_id = ?1 AND on_date BETWEEN ?2 AND ?3 GROUP BY 1",
    )?;
    let mut rows = stmt.query(params![id, period.start.to_string(), period.end.to_string()])?;
    while let Some(r) = rows.next()? {
        chart.add(&r.get::<_, String>(0)?, 0, r.get(1)?);
    }
    let open: bool = conn.query_row("SELECT status = 'active' FROM platforms WHERE id = ?1", [id], |r| r.get(0))?;
    let covered = u32::from(open && chart.total(0) > 0);
    Ok((chart, Ratio::of(covered, u32::from(open))))
}
