//! `liaison bench dashboard`: the office's chart data on the city-year (the demo city with a year of station work,
//! shared with `bench queues`): matters by month, category, county and station; the monthly on-time and
//! satisfaction trends; the overdue list by unit and level; the unit ranking; station activity, star stations,
//! leaders' coverage, 编组进站, duty attendance, first responders (city, and the busiest station's own view); the
//! whole 统计 screen at once. Target: each chart's data ≤ 200 ms.

use std::path::Path;

use liaison_core::dashboard::scope::Scope;
use liaison_core::dashboard::{self, MatterGrouping, board, deputies, stations};
use liaison_core::ledger::Period;
use liaison_core::workflow::deadlines::china_date;
use liaison_core::workflow::ranking;
use serde::Serialize;

use super::Latency;
use super::queues::{DataSet, city_year, city_year_now, timed};
use crate::Failure;

/// One chart's timing.
#[derive(Debug, Clone, Serialize)]
pub struct ChartTiming {
    /// Which chart.
    pub chart: &'static str,
    /// How long its data takes.
    pub latency: Latency,
    /// Items in its data (bars, points, rows), to see it computed something.
    pub items: usize,
}

/// `liaison bench dashboard` results.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardFigures {
    /// The data set.
    pub data: DataSet,
    /// Each chart.
    pub charts: Vec<ChartTiming>,
}

/// Times every chart's data over the city-year's year, `runs` times each.
pub fn dashboard_bench(path: Option<&Path>, runs: usize) -> Result<DashboardFigures, Failure> {
    let (store, data) = city_year(path)?;
    let conn = store.conn();
    let now = city_year_now();
    let year = Period::year(2026).ok_or_else(|| Failure::user("bad year"))?;
    let mut charts = Vec::new();
    let mut chart = |name: &'static str, f: &mut dyn FnMut() -> Result<usize, Failure>| -> Result<(), Failure> {
        let items = f()?;
        charts.push(ChartTiming { chart: name, latency: timed(runs, &mut *f)?, items });
        Ok(())
    };
    for (name, grouping) in [
        ("matters by month", MatterGrouping::Month),
        ("matters by category", MatterGrouping::Category),
        ("matters by county", MatterGrouping::County),
        ("matters by station", MatterGrouping::Station),
    ] {
        chart(name, &mut || Ok(dashboard::matters_by(conn, &year, grouping)?.len()))?;
    }
    chart("on-time and satisfaction trends", &mut || Ok(dashboard::rate_trends(conn, &year, now)?.len()))?;
    chart("overdue by unit and level", &mut || Ok(dashboard::overdue_by_unit(conn, now)?.1.len()))?;
    chart("unit ranking", &mut || Ok(ranking::ranking(conn, &year, now)?.len()))?;
    let city = Scope::City;
    let today = china_date(now);
    chart("station activity", &mut || Ok(stations::station_activity(conn, &city, &year, today)?.labels.len()))?;
    chart("star stations", &mut || Ok(stations::star_stations(conn, &city)?.labels.len()))?;
    chart("leaders' station-visit coverage", &mut || {
        Ok(stations::leader_coverage(conn, &city, &year)?.0.labels.len())
    })?;
    chart("deputies 编组进站", &mut || Ok(deputies::station_assignment(conn, &city)?.0.labels.len()))?;
    chart("duty attendance", &mut || Ok(deputies::duty_attendance(conn, &city, &year)?.0.labels.len()))?;
    chart("matters first-responded", &mut || {
        Ok(deputies::first_responded(conn, &city, &year, board::TOP_RESPONDERS)?.1.labels.len())
    })?;
    // One station's view: the station with the most visits.
    let busiest: String = conn
        .query_row(
            "SELECT p.code FROM visits v JOIN platforms p ON p.id = v.station_id GROUP BY 1 ORDER BY COUNT(*) DESC",
            [],
            |r| r.get(0),
        )
        .map_err(|e| Failure::user(e.to_string()))?;
    let station = Scope::Station(busiest);
    chart("station view: activity", &mut || {
        Ok(stations::station_activity(conn, &station, &year, today)?.labels.len())
    })?;
    chart("station view: first-responded", &mut || {
        Ok(deputies::first_responded(conn, &station, &year, board::TOP_RESPONDERS)?.1.labels.len())
    })?;
    chart("统计 screen, city (all charts)", &mut || {
        Ok(board::board(conn, &city, &year, now)?.station_activity.labels.len())
    })?;
    Ok(DashboardFigures { data, charts })
}

/// Prints the figures.
pub fn print_dashboard(f: &DashboardFigures) {
    println!(
        "city-year: {} stations, {} matters, {} events ({:.0} MiB)",
        f.data.stations, f.data.matters, f.data.events, f.data.file_mib
    );
    for c in &f.charts {
        let verdict = if c.latency.p95_ms <= 200.0 { "ok" } else { "over the 200 ms target" };
        println!(
            "{:<34} p50 {:>7.1} ms  p95 {:>7.1} ms  ({} items)  {verdict}",
            c.chart, c.latency.p50_ms, c.latency.p95_ms, c.items
        );
    }
}
