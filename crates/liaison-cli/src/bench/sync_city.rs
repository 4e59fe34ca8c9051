//! `liaison bench sync-city`: the office imports the demo city's year of work as one bundle from each of its 273
//! platforms (target: ≤ 10 s in all), compared with loading the same rows through the sqlite3 command line's
//! `.import` (the floor: no parsing, verifying, decrypting or merging, only the inserts and their indexes); then one
//! station's incremental weekly round (target: ≤ 100 ms each way).
//!
//! Preparing the data is the slow part — every platform is a real node that enrolls, imports the roster, records
//! its year ([`Volume::FULL`], through the workflow use cases) and exports it — so the office database as it stood
//! before the imports, the 273 bundles and one station's database are kept in `bench-data/` beside the binary
//! (like the city-year of `bench queues`) and reused while [`DATA_VERSION`] matches. Two workers prepare stations
//! at once; the office's own steps (enrollment, the roster down) take turns on one lock, as they would at one desk.
//!
//! What is timed works on copies, so every run measures the same first import.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use liaison_core::Store;
use liaison_core::calendar::Calendar;
use liaison_core::roster::kinds::PlatformKind;
use liaison_core::setup::InstallationSetup;
use liaison_demo::visits::{Volume, plan_activity, record};
use liaison_demo::{DemoCity, DemoOptions};
use liaison_exchange::{enrollment, export, identity, inbox};
use serde::Serialize;

use super::sync::{Node, import_timed, node};
use crate::Failure;

/// Bump when the preparation changes: a kept data set of another version is rebuilt.
const DATA_VERSION: u32 = 5;
const SEED: u64 = 1;
const OPERATOR: &str = "bench";
/// Stations prepared at once (the machine's cores; the office's steps are serialised anyway).
const WORKERS: usize = 2;
/// A week of one township station's new visits: a year's 60–140 over 52 weeks.
const WEEK: Volume = Volume { township_station: 1..=3, county_home: 1..=2, point: 1..=1, other: 1..=1 };

/// `liaison bench sync-city` results.
#[derive(Debug, Clone, Serialize)]
pub struct CityFigures {
    /// Bundles imported (one per platform).
    pub bundles: usize,
    /// Changes they carry in all.
    pub changes: u64,
    /// Their total size, MiB; the largest, KiB.
    pub total_mib: f64,
    /// The largest bundle, KiB.
    pub largest_kib: f64,
    /// Rows the imports added to the office's tables.
    pub rows: u64,
    /// Importing all of them through the office's inbox (全部导入), s (target ≤ 10).
    pub import_seconds: f64,
    /// Return bundles the same run then wrote, one per station heard from.
    pub returns: usize,
    /// Writing them, s.
    pub returns_seconds: f64,
    /// Loading the same new rows with sqlite3 `.import` into the same schema, s (the floor).
    pub floor_seconds: f64,
    /// `import_seconds / floor_seconds`.
    pub ratio: f64,
    /// Preparing the data set, s (when this run built it).
    pub prepare_seconds: Option<f64>,
    /// One station's weekly round.
    pub weekly: WeeklyFigures,
}

/// One station's week after the year is in.
#[derive(Debug, Clone, Serialize)]
pub struct WeeklyFigures {
    /// The station.
    pub station: String,
    /// Changes in its weekly bundle; size, KiB.
    pub changes: u64,
    /// Its size, KiB.
    pub kib: f64,
    /// Export at the station, s (target ≤ 0.1).
    pub export_seconds: f64,
    /// Import at the office, s (target ≤ 0.1).
    pub import_seconds: f64,
    /// The office's return bundle to it (acknowledgements): export, s.
    pub return_export_seconds: f64,
    /// Import of that return at the station, s.
    pub return_import_seconds: f64,
}

/// The kept data set.
struct Prepared {
    /// The office as it stood before the stations' year came in.
    office: PathBuf,
    /// One bundle per platform, the station's year.
    bundles: Vec<PathBuf>,
    /// The station kept for the weekly round.
    station: PathBuf,
}

fn io(what: &Path, e: std::io::Error) -> Failure {
    Failure::user(format!("{}: {e}", what.display()))
}

fn data_dir() -> PathBuf {
    let dir = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf)).unwrap_or_default();
    dir.join("bench-data").join(format!("sync-city-v{DATA_VERSION}-seed{SEED}"))
}

/// Copies a store's database and its key folder to `to`.
fn copy_store(from: &Path, to: &Path) -> Result<(), Failure> {
    std::fs::copy(from, to).map_err(|e| io(from, e))?;
    // `<db>.sync-keys/` as `Store::own_dir` names it: the database's extension replaced.
    let keys = |db: &Path| db.with_extension(identity::KEYS_DIR);
    let (from_keys, to_keys) = (keys(from), keys(to));
    std::fs::create_dir_all(&to_keys).map_err(|e| io(&to_keys, e))?;
    for entry in std::fs::read_dir(&from_keys).map_err(|e| io(&from_keys, e))? {
        let entry = entry.map_err(|e| io(&from_keys, e))?;
        std::fs::copy(entry.path(), to_keys.join(entry.file_name())).map_err(|e| io(&entry.path(), e))?;
    }
    Ok(())
}

/// Checkpoints the WAL into the main file so that a plain file copy is the whole database.
fn checkpoint(store: &Store) -> Result<(), Failure> {
    store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").map_err(liaison_core::Error::from)?;
    Ok(())
}

/// One platform made a node: enrolled, given the roster, its year recorded and exported to the office.
fn prepare_station(
    office: &Mutex<Node>,
    city: &DemoCity,
    index: usize,
    dir: &Path,
    keep: bool,
) -> Result<(PathBuf, Option<PathBuf>), Failure> {
    let platform = city.platforms[index].clone();
    let code = platform.code.clone();
    let setup = InstallationSetup::station(Some(code.clone()), platform.name.clone(), "平顶山市");
    let db = dir.join(format!("station-{index:03}.db"));
    let mut station = node(&db, &setup)?;
    let down = {
        let mut office = office.lock().map_err(|_| Failure::user("a worker failed"))?;
        let office = &mut *office;
        let file = enrollment::create(&mut office.store, &office.session, &office.keys, &code, false)?;
        enrollment::accept(&mut station.store, &station.session, &file)?;
        let first = export::export_to_office(&mut station.store, &station.keys, OPERATOR, false, dir)?;
        import_timed(office, &first.path)?;
        std::fs::remove_file(&first.path).map_err(|e| io(&first.path, e))?;
        export::export_to(&mut office.store, &office.keys, OPERATOR, station.store.node_id(), true, dir)?
    };
    import_timed(&mut station, &down.path)?;
    std::fs::remove_file(&down.path).map_err(|e| io(&down.path, e))?;

    let own = DemoCity {
        regions: city.regions.clone(),
        deputies: city.deputies.iter().filter(|d| d.station_code.as_deref() == Some(code.as_str())).cloned().collect(),
        platforms: vec![platform],
    };
    let now = station.store.deps().clock.now();
    let calendar = Calendar::load(station.store.conn())?;
    let mut plan = plan_activity(&own, SEED + index as u64, &Volume::FULL, &calendar, now);
    // The units came down with the roster. A plan of one platform names the other counties' units by their
    // region codes, units the office does not have: a station must not mint them (see `prepare`).
    plan.units.clear();
    // Each station's own randomness: a shared seed would give two stations the same record ids.
    record(&station.store, &plan, SEED + index as u64, now)?;
    let up = export::export_to_office(&mut station.store, &station.keys, OPERATOR, false, dir)?;
    let bundle = dir.join(format!("up-{index:03}.lzb"));
    std::fs::rename(&up.path, &bundle).map_err(|e| io(&up.path, e))?;
    checkpoint(&station.store)?;
    drop(station);
    if keep {
        return Ok((bundle, Some(db)));
    }
    for stale in [db.clone(), db.with_extension("db-wal"), db.with_extension("db-shm")] {
        let _ = std::fs::remove_file(stale);
    }
    let _ = std::fs::remove_dir_all(db.with_extension(identity::KEYS_DIR));
    Ok((bundle, None))
}

/// Builds the data set into `dir` (through `dir.partial`, renamed at the end: an interrupted build is not reused).
fn prepare(dir: &Path) -> Result<Prepared, Failure> {
    let partial = dir.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(&partial).map_err(|e| io(&partial, e))?;
    let city = liaison_demo::plan(&DemoOptions { seed: SEED, scale: 1, visits: false });
    let mut office = node(&partial.join("office.db"), &InstallationSetup::office("平顶山市"))?;
    liaison_demo::write(&mut office.store, &city, OPERATOR)?;
    // Handling units are the office's to keep: it has them before any station enrolls, and they go down with the
    // roster. (A station making its own county's units would mint them under other ids, and the office could not
    // take two units of one code: the second station's bundle would be refused.)
    let now = office.store.deps().clock.now();
    let calendar = Calendar::load(office.store.conn())?;
    let units = plan_activity(&city, SEED, &WEEK, &calendar, now).units;
    office
        .store
        .write(OPERATOR, |w| units.iter().try_for_each(|u| liaison_core::workflow::units::save(w, u).map(drop)))?;
    // The one kept for the weekly round: a township station, the most common kind.
    let weekly = city.platforms.iter().position(|p| p.kind == Some(PlatformKind::Station)).unwrap_or(0);

    let office = Mutex::new(office);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, PathBuf, Option<PathBuf>)>> = Mutex::new(Vec::new());
    let total = city.platforms.len();
    std::thread::scope(|scope| -> Result<(), Failure> {
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| {
                scope.spawn(|| -> Result<(), Failure> {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= total {
                            return Ok(());
                        }
                        let (bundle, db) = prepare_station(&office, &city, index, &partial, index == weekly)?;
                        let mut done = results.lock().map_err(|_| Failure::user("a worker failed"))?;
                        done.push((index, bundle, db));
                        if done.len() % 20 == 0 {
                            eprintln!("  {} / {total} stations prepared", done.len());
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().map_err(|_| Failure::user("a preparing worker panicked"))??;
        }
        Ok(())
    })?;
    let office = office.into_inner().map_err(|_| Failure::user("a worker failed"))?;
    checkpoint(&office.store)?;
    drop(office);
    std::fs::rename(&partial, dir).map_err(|e| io(dir, e))?;
    let mut done = results.into_inner().map_err(|_| Failure::user("a worker failed"))?;
    done.sort_by_key(|(index, ..)| *index);
    let rebase = |p: &Path| dir.join(p.file_name().unwrap_or_default());
    let station = done.iter().find_map(|(_, _, db)| db.as_deref().map(rebase));
    Ok(Prepared {
        office: dir.join("office.db"),
        bundles: done.iter().map(|(_, b, _)| rebase(b)).collect(),
        station: station.ok_or_else(|| Failure::user("no station kept for the weekly round"))?,
    })
}

/// Opens the kept data set, or builds it.
fn prepared() -> Result<(Prepared, Option<f64>), Failure> {
    let dir = data_dir();
    if !dir.exists() {
        eprintln!("preparing 273 station bundles in {} (minutes; kept for the next runs)…", dir.display());
        let started = Instant::now();
        let data = prepare(&dir)?;
        return Ok((data, Some(started.elapsed().as_secs_f64())));
    }
    let mut bundles = Vec::new();
    let mut station = None;
    for entry in std::fs::read_dir(&dir).map_err(|e| io(&dir, e))? {
        let path = entry.map_err(|e| io(&dir, e))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if name.starts_with("up-") && name.ends_with(".lzb") {
            bundles.push(path);
        } else if name.starts_with("station-") && name.ends_with(".db") {
            station = Some(path);
        }
    }
    bundles.sort();
    let station = station.ok_or_else(|| Failure::user(format!("{}: no station database; delete it", dir.display())))?;
    Ok((Prepared { office: dir.join("office.db"), bundles, station }, None))
}

/// Row counts of the ordinary tables (not SQLite's own, not virtual tables or their shadow tables).
fn table_counts(conn: &rusqlite::Connection) -> Result<Vec<(String, i64)>, Failure> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT t.name FROM sqlite_schema t WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'
               AND t.sql NOT LIKE 'CREATE VIRTUAL%'
               AND NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE v.sql LIKE 'CREATE VIRTUAL%'
                                 AND t.name LIKE v.name || '\\_%' ESCAPE '\\')
             ORDER BY t.name",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(liaison_core::Error::from)?;
    names
        .into_iter()
        .map(|name| {
            let n: i64 = conn
                .query_row(&format!("SELECT COUNT(*) FROM \"{name}\""), [], |r| r.get(0))
                .map_err(liaison_core::Error::from)?;
            Ok((name, n))
        })
        .collect()
}

/// The floor: the rows the imports added to `after` (over `before`), written to CSV and loaded into a copy of
/// `before` by the sqlite3 command line's `.import`, timed. Returns (rows, seconds).
fn floor(before: &Path, after: &Path, work: &Path) -> Result<(u64, f64), Failure> {
    let counts_before = table_counts(Store::open(before)?.conn())?;
    let store = Store::open(after)?;
    let counts_after = table_counts(store.conn())?;
    drop(store);
    let grown: Vec<&str> = counts_after
        .iter()
        .filter(|(name, n)| counts_before.iter().find(|(b, _)| b == name).is_none_or(|(_, m)| n > m))
        .map(|(name, _)| name.as_str())
        .collect();
    let mut dump = format!("ATTACH '{}' AS pre;\n.mode csv\n.headers off\n", before.display());
    let mut load = String::from(".mode csv\n");
    for name in &grown {
        let csv = work.join(format!("{name}.csv"));
        dump.push_str(&format!(
            ".once '{}'\nSELECT * FROM main.\"{name}\" EXCEPT SELECT * FROM pre.\"{name}\";\n",
            csv.display()
        ));
        load.push_str(&format!(".import '{}' \"{name}\"\n", csv.display()));
    }
    sqlite3(after, &dump)?;
    let mut rows = 0u64;
    for name in &grown {
        let text = std::fs::read_to_string(work.join(format!("{name}.csv"))).unwrap_or_default();
        rows += text.lines().count() as u64;
    }
    let target = work.join("floor.db");
    std::fs::copy(before, &target).map_err(|e| io(before, e))?;
    let started = Instant::now();
    sqlite3(&target, &format!("BEGIN;\n{load}COMMIT;\n"))?;
    Ok((rows, started.elapsed().as_secs_f64()))
}

fn sqlite3(db: &Path, script: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| Failure::user(format!("sqlite3 (apt-get install sqlite3): {e}")))?;
    child
        .stdin
        .take()
        .ok_or_else(|| Failure::user("sqlite3: no stdin"))?
        .write_all(script.as_bytes())
        .map_err(|e| Failure::user(format!("sqlite3: {e}")))?;
    let status = child.wait().map_err(|e| Failure::user(format!("sqlite3: {e}")))?;
    if !status.success() {
        return Err(Failure::user(format!("sqlite3 failed on {}", db.display())));
    }
    Ok(())
}

/// The station's week: the office's return (acknowledging the year), then a week of new visits up.
fn weekly_round(office: &mut Node, station_db: &Path, work: &Path) -> Result<WeeklyFigures, Failure> {
    let db = work.join("station.db");
    copy_store(station_db, &db)?;
    let mut station = Node::open(&db)?;
    let code = liaison_core::setup::load(station.store.conn())?
        .and_then(|s| s.station_code)
        .ok_or_else(|| Failure::user("the kept station has no station code"))?;

    let started = Instant::now();
    let back = export::export_to(&mut office.store, &office.keys, OPERATOR, station.store.node_id(), false, work)?;
    let return_export_seconds = started.elapsed().as_secs_f64();
    let (_, return_import_seconds) = import_timed(&mut station, &back.path)?;

    let city = liaison_demo::plan(&DemoOptions { seed: SEED, scale: 1, visits: false });
    let own = DemoCity {
        regions: city.regions.clone(),
        deputies: city.deputies.iter().filter(|d| d.station_code.as_deref() == Some(code.as_str())).cloned().collect(),
        platforms: city.platforms.into_iter().filter(|p| p.code == code).collect(),
    };
    let now = station.store.deps().clock.now();
    let calendar = Calendar::load(station.store.conn())?;
    record(&station.store, &plan_activity(&own, SEED + 7, &WEEK, &calendar, now), SEED + 7, now)?;

    let started = Instant::now();
    let up = export::export_to_office(&mut station.store, &station.keys, OPERATOR, false, work)?;
    let export_seconds = started.elapsed().as_secs_f64();
    let (_, import_seconds) = import_timed(office, &up.path)?;
    Ok(WeeklyFigures {
        station: code,
        changes: up.changes,
        kib: up.bytes as f64 / 1024.0,
        export_seconds,
        import_seconds,
        return_export_seconds,
        return_import_seconds,
    })
}

/// Runs the benchmark described above.
pub fn sync_city_bench() -> Result<CityFigures, Failure> {
    let (data, prepare_seconds) = prepared()?;
    let temp = tempfile::tempdir().map_err(|e| Failure::user(format!("temp dir: {e}")))?;
    let work = temp.path();
    let office_db = work.join("office.db");
    copy_store(&data.office, &office_db)?;
    let mut office = Node::open(&office_db)?;

    // The office's 全部导入: the bundles arrive in its inbox and go through the same run as in the window.
    let folders =
        inbox::Folders { inbox: work.join("inbox"), archive: work.join("archive"), outbox: work.join("outbox") };
    for dir in [&folders.inbox, &folders.outbox] {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    for bundle in &data.bundles {
        let name = bundle.file_name().unwrap_or_default();
        std::fs::copy(bundle, folders.inbox.join(name)).map_err(|e| io(bundle, e))?;
    }
    let started = Instant::now();
    let mut imported_at = None;
    let mut progress = |done: usize, total: usize| {
        if done == total {
            imported_at = Some(started.elapsed());
        }
        true
    };
    let report = inbox::process(&mut office.store, &office.keys, OPERATOR, &folders, &mut progress)?;
    let all_seconds = started.elapsed().as_secs_f64();
    let import_seconds = imported_at.map_or(all_seconds, |d| d.as_secs_f64());
    if let Some(bad) = report.files.iter().find(|f| !f.applied()) {
        return Err(Failure::user(format!("bench import of {} failed: {bad:?}", bad.file)));
    }
    let changes = report.files.iter().filter_map(|f| f.receipt.as_ref()).map(|r| r.changes).sum();
    checkpoint(&office.store)?;

    let sizes: Vec<u64> = data.bundles.iter().map(|b| std::fs::metadata(b).map_or(0, |m| m.len())).collect();
    let (rows, floor_seconds) = floor(&data.office, &office_db, work)?;
    let weekly = weekly_round(&mut office, &data.station, work)?;
    Ok(CityFigures {
        bundles: data.bundles.len(),
        changes,
        total_mib: sizes.iter().sum::<u64>() as f64 / (1024.0 * 1024.0),
        largest_kib: sizes.iter().copied().max().unwrap_or(0) as f64 / 1024.0,
        rows,
        import_seconds,
        returns: report.returns.len(),
        returns_seconds: all_seconds - import_seconds,
        floor_seconds,
        ratio: import_seconds / floor_seconds.max(f64::EPSILON),
        prepare_seconds,
        weekly,
    })
}

/// Prints the figures.
pub fn print_sync_city(f: &CityFigures) {
    if let Some(s) = f.prepare_seconds {
        println!("prepared the data set in {s:.0} s (kept for the next runs)");
    }
    println!(
        "office imports the city's year: {} bundles, {} changes, {:.1} MiB (largest {:.0} KiB), {} rows added",
        f.bundles, f.changes, f.total_mib, f.largest_kib, f.rows
    );
    println!(
        "  import {:.2} s (target ≤ 10)   sqlite3 .import floor {:.2} s   ratio {:.1}×",
        f.import_seconds, f.floor_seconds, f.ratio
    );
    println!("  then {} return bundles, one per station, in {:.2} s", f.returns, f.returns_seconds);
    let w = &f.weekly;
    println!(
        "station {} weekly bundle: {} changes, {:.1} KiB; export {:.3} s, office import {:.3} s (targets ≤ 0.1)",
        w.station, w.changes, w.kib, w.export_seconds, w.import_seconds
    );
    println!(
        "  office's return before it: export {:.3} s, station import {:.3} s",
        w.return_export_seconds, w.return_import_seconds
    );
}
