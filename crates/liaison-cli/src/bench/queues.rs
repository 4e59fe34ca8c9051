//! `liaison bench queues`: the 工作台 on a city-year (targets: one station's queues under 200 ms, the whole city's
//! under 2 s), the matter list of one station, and the 意见建议办理台账 of the whole city-year to XLSX.
//!
//! The city-year is the demo city with [`Volume::CITY_YEAR`] of visits (≈80,000 matters) recorded through the
//! workflow use cases, which takes minutes; so the database is built once and kept (at `--db PATH`, else beside
//! the `liaison` binary under the target directory, `bench-data/`) and reused while its generator version and
//! seed match. Its clock is fixed (10:00 in China on 2026-11-25), so every run asks the same question of the same
//! data. "Before" figures come from the reading the list used until now: every event of the city loaded into a
//! map by matter ([`workflow::events::load_all`]), then each matter folded.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use liaison_core::Store;
use liaison_core::calendar::Calendar;
use liaison_core::clock::{FakeClock, SeededEntropy};
use liaison_core::ledger::{LedgerScope, Period, matters_ledger};
use liaison_core::store::Deps;
use liaison_core::workflow::deadlines::{self, china_date};
use liaison_core::workflow::rules::Rules;
use liaison_core::workflow::state::fold;
use liaison_core::workflow::{self, MatterFilter, QueueCounts, QueueKey, QueueScope};
use liaison_demo::visits::{Volume, write_activity};
use liaison_demo::{DemoOptions, OPERATOR};
use serde::Serialize;

use super::{Latency, latency};
use crate::Failure;

/// Bump when the generator or [`Volume::CITY_YEAR`] changes: a cached file of another version is rebuilt.
const DATA_VERSION: u32 = 1;
/// The demo's seed.
const SEED: u64 = 1;

/// The city-year's "now": 10:00 in China on 2026-11-25 (the demo tests' day).
pub fn city_year_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).single().expect("a valid instant")
}

fn deps() -> Deps {
    Deps { clock: Arc::new(FakeClock::at(city_year_now())), entropy: Arc::new(SeededEntropy::new(SEED)) }
}

/// Where the city-year is kept by default: `bench-data/` beside the running binary (`target/release/`).
fn default_path() -> PathBuf {
    let dir = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf)).unwrap_or_default();
    dir.join("bench-data").join(format!("city-year-v{DATA_VERSION}-seed{SEED}.db"))
}

/// How the data set was obtained.
#[derive(Debug, Clone, Serialize)]
pub struct DataSet {
    /// The database file.
    pub path: PathBuf,
    /// Built by this run (false: reused).
    pub built: bool,
    /// Seconds to build it (roster and year of activity), when built by this run.
    pub build_seconds: Option<f64>,
    /// Database size, MiB.
    pub file_mib: f64,
    /// Stations (platforms) that received visits.
    pub stations: usize,
    /// Visits.
    pub visits: usize,
    /// Matters.
    pub matters: usize,
    /// Matter events.
    pub events: usize,
}

/// `liaison bench queues` results.
#[derive(Debug, Clone, Serialize)]
pub struct QueueFigures {
    /// The city-year.
    pub data: DataSet,
    /// The busiest station's code and its matters.
    pub busiest_station: (String, usize),
    /// The whole city's counts (as of the fixed now).
    pub city_counts: QueueCounts,
    /// The busiest station's counts.
    pub station_counts: QueueCounts,
    /// `workflow::queues` over every station.
    pub city_queues: Latency,
    /// `workflow::queues` over the busiest station.
    pub station_queues: Latency,
    /// `workflow::list` of the busiest station, unfiltered.
    pub station_list: Latency,
    /// `workflow::list` of the busiest station's overdue queue.
    pub station_list_queue: Latency,
    /// `workflow::list` of the whole city's overdue queue.
    pub city_list_queue: Latency,
    /// `workflow::list` of the whole city, unfiltered (what the 工作台 used to fetch to count in TypeScript).
    pub city_list: Latency,
    /// Before: every event loaded into a map by matter, then every matter folded with its deadlines.
    pub city_fold_via_map: Latency,
    /// The 意见建议办理台账 of the whole city-year: building the table, s.
    pub ledger_table_seconds: f64,
    /// Writing it to XLSX, s.
    pub ledger_xlsx_seconds: f64,
    /// Its rows.
    pub ledger_rows: usize,
    /// The XLSX size, KiB.
    pub ledger_kib: u64,
}

/// Opens the city-year at `path` (or the default place), building it first when missing.
pub fn city_year(path: Option<&Path>) -> Result<(Store, DataSet), Failure> {
    let path = path.map_or_else(default_path, Path::to_path_buf);
    let mut build_seconds = None;
    if !path.exists() {
        build_seconds = Some(build(&path)?);
    }
    let store = Store::open_with(&path, deps())?;
    let count = |sql: &str| -> Result<usize, Failure> {
        let n: i64 = store.conn().query_row(sql, [], |r| r.get(0)).map_err(liaison_core::Error::from)?;
        Ok(usize::try_from(n).unwrap_or(0))
    };
    let data = DataSet {
        file_mib: std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / (1024.0 * 1024.0)),
        built: build_seconds.is_some(),
        build_seconds,
        stations: count("SELECT COUNT(DISTINCT station_id) FROM visits")?,
        visits: count("SELECT COUNT(*) FROM visits")?,
        matters: count("SELECT COUNT(*) FROM matters")?,
        events: count("SELECT COUNT(*) FROM matter_events")?,
        path,
    };
    Ok((store, data))
}

/// Builds the city-year into `path` through a temporary file, so an interrupted build leaves nothing to reuse.
fn build(path: &Path) -> Result<f64, Failure> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Failure::user(format!("{}: {e}", dir.display())))?;
    }
    let partial = path.with_extension("partial");
    for stale in [partial.clone(), partial.with_extension("partial-wal"), partial.with_extension("partial-shm")] {
        let _ = std::fs::remove_file(stale);
    }
    eprintln!("building the city-year in {} (minutes; kept for the next runs)…", path.display());
    let started = Instant::now();
    {
        let mut store = Store::open_with(&partial, deps())?;
        let city = liaison_demo::plan(&DemoOptions { seed: SEED, scale: 1, visits: false });
        liaison_demo::write(&mut store, &city, OPERATOR)?;
        write_activity(&mut store, &city, SEED, &Volume::CITY_YEAR)?;
        store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").map_err(liaison_core::Error::from)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    std::fs::rename(&partial, path).map_err(|e| Failure::user(format!("{}: {e}", path.display())))?;
    Ok(seconds)
}

/// Times `f` `runs` times after one warm-up run.
pub(super) fn timed<T>(runs: usize, mut f: impl FnMut() -> Result<T, Failure>) -> Result<Latency, Failure> {
    f()?;
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        f()?;
        times.push(started.elapsed());
    }
    Ok(latency(times, 0))
}

/// Runs the queue benchmark on the city-year at `path` (built when missing); `runs` timings of each city-wide
/// figure and five times as many of each station figure.
pub fn queues_bench(path: Option<&Path>, runs: usize) -> Result<QueueFigures, Failure> {
    let (store, data) = city_year(path)?;
    let conn = store.conn();
    let now = city_year_now();
    let (busiest, busiest_matters): (String, i64) = conn
        .query_row(
            "SELECT p.code, COUNT(*) AS n FROM matters m JOIN visits v ON v.id = m.visit_id
               JOIN platforms p ON p.id = v.station_id GROUP BY p.code ORDER BY n DESC, p.code LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(liaison_core::Error::from)?;
    let station = QueueScope::Station(busiest.clone());
    let city_counts = workflow::queues(conn, &QueueScope::All, now)?;
    let station_counts = workflow::queues(conn, &station, now)?;

    let city_queues = timed(runs, || Ok(workflow::queues(conn, &QueueScope::All, now)?))?;
    let station_queues = timed(runs * 5, || Ok(workflow::queues(conn, &station, now)?))?;
    let of_station = MatterFilter { station_code: Some(busiest.clone()), ..MatterFilter::default() };
    let station_list = timed(runs * 5, || Ok(workflow::list(conn, &of_station, now)?))?;
    let overdue = Some(QueueKey::Overdue);
    let station_overdue = MatterFilter { queue: overdue, ..of_station.clone() };
    let station_list_queue = timed(runs * 5, || Ok(workflow::list(conn, &station_overdue, now)?))?;
    let city_overdue = MatterFilter { queue: overdue, ..MatterFilter::default() };
    let city_list_queue = timed(runs, || Ok(workflow::list(conn, &city_overdue, now)?))?;
    let city_list = timed(runs, || Ok(workflow::list(conn, &MatterFilter::default(), now)?))?;
    let city_fold_via_map = timed(runs, || fold_via_map(conn, now))?;

    let today = china_date(now);
    let scope = LedgerScope {
        station_code: None,
        period: Period::days(today - chrono::Days::new(366), today).expect("a period ending today"),
    };
    let started = Instant::now();
    let table = matters_ledger(conn, &scope, now)?;
    let ledger_table_seconds = started.elapsed().as_secs_f64();
    let dir = tempfile::tempdir().map_err(|e| Failure::user(format!("temp dir: {e}")))?;
    let file = dir.path().join("matters-ledger.xlsx");
    let started = Instant::now();
    liaison_sheets::write_xlsx_file(&file, std::slice::from_ref(&table))?;
    let ledger_xlsx_seconds = started.elapsed().as_secs_f64();

    Ok(QueueFigures {
        data,
        busiest_station: (busiest, usize::try_from(busiest_matters).unwrap_or(0)),
        city_counts,
        station_counts,
        city_queues,
        station_queues,
        station_list,
        station_list_queue,
        city_list_queue,
        city_list,
        city_fold_via_map,
        ledger_table_seconds,
        ledger_xlsx_seconds,
        ledger_rows: table.rows.len(),
        ledger_kib: std::fs::metadata(&file).map_or(0, |m| m.len() / 1024),
    })
}

/// The reading before this benchmark's issue: [`workflow::events::load_all`] into a map, then every matter
/// folded with its deadlines (the list also computed signals and allowed acts on top). Kept for comparison.
fn fold_via_map(conn: &rusqlite::Connection, now: DateTime<Utc>) -> Result<usize, Failure> {
    let calendar = Calendar::load(conn)?;
    let rules = Rules::load(conn)?;
    let today: NaiveDate = china_date(now);
    let all = workflow::events::load_all(conn)?;
    let mut overdue = 0;
    for events in all.values() {
        let folded = fold(events);
        let d = deadlines::compute(&folded, &calendar, &rules.ladder, today);
        overdue += usize::from(d.overdue_working_days > 0);
    }
    Ok(overdue)
}

/// Prints the figures as a table.
pub fn print_queues(f: &QueueFigures) {
    let d = &f.data;
    let how = match d.build_seconds {
        Some(s) => format!("built in {s:.0} s"),
        None => "reused".to_owned(),
    };
    println!(
        "数据集 city-year: {} matters, {} events, {} visits at {} stations; {:.0} MiB, {how} ({})",
        d.matters,
        d.events,
        d.visits,
        d.stations,
        d.file_mib,
        d.path.display()
    );
    let (code, n) = &f.busiest_station;
    println!("busiest station {code}: {n} matters");
    println!("{:<44} {:>5} {:>10} {:>10} {:>10}", "workload", "runs", "p50 ms", "p95 ms", "max ms");
    for (label, l) in [
        ("queues, whole city       (target < 2000 ms)", &f.city_queues),
        ("queues, busiest station  (target <  200 ms)", &f.station_queues),
        ("list, busiest station", &f.station_list),
        ("list, busiest station, overdue queue", &f.station_list_queue),
        ("list, whole city, overdue queue", &f.city_list_queue),
        ("list, whole city (the old 工作台 fetch)", &f.city_list),
        ("before: load_all map + fold, whole city", &f.city_fold_via_map),
    ] {
        println!("{label:<44} {:>5} {:>10.1} {:>10.1} {:>10.1}", l.queries, l.p50_ms, l.p95_ms, l.max_ms);
    }
    println!(
        "意见建议办理台账 whole city-year: {} rows, table {:.2} s + XLSX {:.2} s = {:.2} s ({} KiB)",
        f.ledger_rows,
        f.ledger_table_seconds,
        f.ledger_xlsx_seconds,
        f.ledger_table_seconds + f.ledger_xlsx_seconds,
        f.ledger_kib
    );
    for (scope, counts) in [("city", &f.city_counts), ("station", &f.station_counts)] {
        let queues: Vec<String> = counts.queues.iter().map(|q| format!("{} {}", q.queue.label(), q.count)).collect();
        let levels: Vec<String> = counts.overdue_by_level.iter().map(|l| format!("{} {}", l.code, l.count)).collect();
        println!("{scope}: {} matters; {}; overdue by level: {}", counts.matters, queues.join(", "), levels.join(", "));
    }
}
