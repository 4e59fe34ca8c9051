//! `liaison bench search|import|queues|dashboard|qr|sync|sync-city`: the roster's speed figures on the synthetic city
//! (targets: search p95 ≤ 5 ms over the province roster; XLSX import of the city's 9,000+ deputies ≤ 2 s), the
//! 工作台's on a city-year ([`queues`]), the office's chart data on the same city-year ([`dashboard`]), the QR
//! side's on the city's 9,000 codes ([`qr`]) and sync bundles' export and import ([`sync`], and the whole city's year into the office: [`sync_city`]). The same workloads back
//! the divan benches in `benches/`.

pub mod dashboard;
pub mod qr;
pub mod queues;
pub mod sync;
pub mod sync_city;

use std::path::Path;
use std::time::{Duration, Instant};

use liaison_core::Store;
use liaison_core::roster::deputy::DeputyInput;
use liaison_core::roster::kinds::Level;
use liaison_core::roster::listing::{DeputyListFilter, StatusFilter, deputy_page};
use liaison_core::search::{SearchFilter, search};
use liaison_core::tabular::TableOut;
use liaison_demo::{DemoCity, DemoOptions};
use serde::Serialize;

use crate::Failure;
use crate::args::BenchTarget;

/// Runs one benchmark and prints its figures. `db` is where `queues` keeps its city-year (default: beside the
/// binary); `runs` how often it times each city-wide figure.
pub fn run(
    what: BenchTarget,
    scale: Option<u32>,
    queries: usize,
    runs: usize,
    db: Option<&Path>,
    json: bool,
) -> Result<(), Failure> {
    let dir = tempfile::tempdir().map_err(|e| Failure::user(format!("temp dir: {e}")))?;
    match what {
        BenchTarget::Search => {
            let figures = search_bench(dir.path(), scale.unwrap_or(10), queries)?;
            crate::output::emit(json, &figures, print_search)
        }
        BenchTarget::Import => {
            let figures = import_bench(dir.path(), scale.unwrap_or(1))?;
            crate::output::emit(json, &figures, print_import)
        }
        BenchTarget::Queues => {
            let figures = queues::queues_bench(db, runs.max(1))?;
            crate::output::emit(json, &figures, queues::print_queues)
        }
        BenchTarget::Dashboard => {
            let figures = dashboard::dashboard_bench(db, runs.max(1))?;
            crate::output::emit(json, &figures, dashboard::print_dashboard)
        }
        BenchTarget::Qr => {
            // Each run of the city's sheet takes seconds: the best of at most three.
            let figures = qr::qr_bench(runs.min(3))?;
            crate::output::emit(json, &figures, qr::print_qr)
        }
        BenchTarget::Sync => {
            let figures = sync::sync_bench()?;
            crate::output::emit(json, &figures, sync::print_sync)
        }
        BenchTarget::SyncCity => {
            let figures = sync_city::sync_city_bench()?;
            crate::output::emit(json, &figures, sync_city::print_sync_city)
        }
    }
}

/// Latency figures of one query mix.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    /// Queries timed.
    pub queries: usize,
    /// Median, ms.
    pub p50_ms: f64,
    /// 95th percentile, ms.
    pub p95_ms: f64,
    /// 99th percentile, ms.
    pub p99_ms: f64,
    /// Slowest, ms.
    pub max_ms: f64,
    /// Share of queries whose intended record was among the results.
    pub found_rate: f64,
}

/// `liaison bench search` results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchFigures {
    /// Deputies in the data set.
    pub deputies: usize,
    /// Seconds to build the data set (demo write, including the search index).
    pub build_seconds: f64,
    /// Our search (names, pinyin, initials, mixed, codes, phone tails, first letters).
    pub liaison_search: Latency,
    /// The subset of first letters typed ("w" … "wang"), the slowest kind: many tokens share the prefix.
    pub typing_prefixes: Latency,
    /// A plain FTS5 prefix query on a table of names and codes (no pinyin), for comparison.
    pub plain_fts5: Latency,
    /// Pages of 200 rows of the deputies list (what the window's virtual table asks for while scrolling): first,
    /// middle and last pages of the serving deputies, all deputies, and the county-level ones.
    pub list_pages: Latency,
    /// The same with typed text ("zhang": thousands of matches, capped at 2,000, re-ranked for every page).
    pub list_pages_text: Latency,
}

/// Builds a store holding the synthetic city at `scale`.
pub fn build_city(dir: &Path, scale: u32) -> Result<(Store, DemoCity, f64), Failure> {
    let mut store = Store::open(&dir.join("bench.db"))?;
    let city = liaison_demo::plan(&DemoOptions { seed: 1, scale, visits: false });
    let started = Instant::now();
    liaison_demo::write(&mut store, &city, "bench")?;
    Ok((store, city, started.elapsed().as_secs_f64()))
}

/// A deterministic mix of queries people type, each with the deputy code it should find: full name, part of the
/// name, full pinyin, initials, a mixed spelling, the code, the phone tail, and the first letters typed so far.
pub fn query_mix(city: &DemoCity, n: usize) -> Vec<(String, String)> {
    let serving: Vec<&DeputyInput> = city.deputies.iter().filter(|d| d.ended_on.is_none()).collect();
    let mut out = Vec::with_capacity(n);
    let mut pick = 0usize;
    for i in 0..n {
        // a fixed stride walks the roster without a random generator
        pick = (pick + 7919) % serving.len().max(1);
        let d = serving[pick];
        let spellings = liaison_core::search::pinyin::spellings(&d.name);
        let full = spellings.first().cloned().unwrap_or_default();
        let chars: Vec<char> = d.name.chars().collect();
        // as you type: one query in eight is the first 1–4 letters of a full spelling ("w", "wa", "wan", "wang")
        let typing: String = full.chars().take(1 + (i / 8) % 4).collect();
        let query = match i % 8 {
            7 => typing,
            0 => d.name.clone(),
            1 => chars.iter().skip(1).collect(),
            2 => full,
            3 => spellings.iter().min_by_key(|s| s.len()).cloned().unwrap_or_default(),
            4 => spellings.get(spellings.len() / 2).cloned().unwrap_or_default(),
            5 => d.code.clone(),
            _ => d.private_phone.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect(),
        };
        out.push((query, d.code.clone()));
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx].as_secs_f64() * 1000.0
}

fn latency(mut times: Vec<Duration>, found: usize) -> Latency {
    times.sort();
    let n = times.len();
    Latency {
        queries: n,
        p50_ms: percentile(&times, 0.50),
        p95_ms: percentile(&times, 0.95),
        p99_ms: percentile(&times, 0.99),
        max_ms: percentile(&times, 1.0),
        found_rate: if n == 0 { 0.0 } else { found as f64 / n as f64 },
    }
}

/// Times `queries` searches over the city at `scale`, and the same texts as plain FTS5 prefix queries.
pub fn search_bench(dir: &Path, scale: u32, queries: usize) -> Result<SearchFigures, Failure> {
    let (store, city, build_seconds) = build_city(dir, scale)?;
    let mix = query_mix(&city, queries);
    let filter = SearchFilter { limit: Some(20), ..SearchFilter::default() };
    let conn = store.conn();
    // warm the page cache and statement cache once
    for (q, _) in mix.iter().take(20) {
        search(conn, q, &filter)?;
    }
    let (mut times, mut found) = (Vec::with_capacity(mix.len()), 0);
    for (q, code) in &mix {
        let started = Instant::now();
        let hits = search(conn, q, &filter)?;
        times.push(started.elapsed());
        found += usize::from(hits.iter().any(|h| &h.code == code));
    }
    let typing: Vec<Duration> = times.iter().enumerate().filter(|(i, _)| i % 8 == 7).map(|(_, t)| *t).collect();
    let typing_prefixes = latency(typing, 0);
    let liaison_search = latency(times, found);

    conn.execute_batch(
        "CREATE TEMP TABLE plain_docs (code TEXT);
         CREATE VIRTUAL TABLE temp.plain_fts USING fts5 (name, code);
         INSERT INTO plain_docs (rowid, code) SELECT rowid, code FROM deputies;
         INSERT INTO plain_fts (rowid, name, code) SELECT rowid, name, code FROM deputies;",
    )
    .map_err(liaison_core::Error::from)?;
    let mut stmt = conn
        .prepare("SELECT d.code FROM plain_fts JOIN plain_docs d ON d.rowid = plain_fts.rowid WHERE plain_fts MATCH ?1 LIMIT 20")
        .map_err(liaison_core::Error::from)?;
    let (mut times, mut found) = (Vec::with_capacity(mix.len()), 0);
    for (q, code) in &mix {
        let expr = format!("\"{}\"*", q.replace('"', ""));
        let started = Instant::now();
        let codes: Vec<String> =
            stmt.query_map([&expr], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(liaison_core::Error::from)?;
        times.push(started.elapsed());
        found += usize::from(codes.contains(code));
    }
    let plain_fts5 = latency(times, found);
    let browse = [
        DeputyListFilter::default(),
        DeputyListFilter { status: StatusFilter::All, ..DeputyListFilter::default() },
        DeputyListFilter { level: Some(Level::County), ..DeputyListFilter::default() },
    ];
    let list_pages = list_page_bench(conn, &browse)?;
    let list_pages_text =
        list_page_bench(conn, &[DeputyListFilter { text: "zhang".into(), ..DeputyListFilter::default() }])?;
    Ok(SearchFigures {
        deputies: city.deputies.len(),
        build_seconds,
        liaison_search,
        typing_prefixes,
        plain_fts5,
        list_pages,
        list_pages_text,
    })
}

/// Times the deputies list's pages under each filter: 20 pages spread from the first to the last.
fn list_page_bench(conn: &rusqlite::Connection, filters: &[DeputyListFilter]) -> Result<Latency, Failure> {
    const PAGE: u32 = 200;
    let mut times = Vec::new();
    for filter in filters {
        let total = deputy_page(conn, filter, 0, 1)?.total;
        for step in 0..20 {
            let offset = (u64::from(total.saturating_sub(PAGE)) * step / 19) as u32;
            let started = Instant::now();
            deputy_page(conn, filter, offset, PAGE)?;
            times.push(started.elapsed());
        }
    }
    Ok(latency(times, 0))
}

fn print_search(f: &SearchFigures) {
    println!("数据集 data set: {} deputies (built in {:.1} s, index included)", f.deputies, f.build_seconds);
    for (label, l) in [
        ("liaison search", &f.liaison_search),
        ("  first letters", &f.typing_prefixes),
        ("plain FTS5   ", &f.plain_fts5),
        ("list pages   ", &f.list_pages),
        ("  with text  ", &f.list_pages_text),
    ] {
        println!(
            "{label}: {} queries  p50 {:.3} ms  p95 {:.3} ms  p99 {:.3} ms  max {:.3} ms  found {:.1}%",
            l.queries,
            l.p50_ms,
            l.p95_ms,
            l.p99_ms,
            l.max_ms,
            l.found_rate * 100.0
        );
    }
}

/// `liaison bench import` results.
#[derive(Debug, Clone, Serialize)]
pub struct ImportFigures {
    /// Deputy rows in the file.
    pub rows: usize,
    /// XLSX file size, bytes.
    pub file_bytes: u64,
    /// Reading the XLSX into grids (calamine), s.
    pub read_seconds: f64,
    /// Preview (full dry run, rolled back), s.
    pub preview_seconds: f64,
    /// Commit, s.
    pub commit_seconds: f64,
    /// Rows per second for read + commit.
    pub rows_per_second: f64,
    /// Re-importing the same file (nothing changes), s.
    pub reimport_seconds: f64,
    /// Records changed by the re-import (must be 0).
    pub reimport_changed: usize,
}

/// The deputies of the plan as an import sheet in the roster's own columns, with real phones (as an office's own
/// roster file has them, unlike our masked export).
pub fn deputies_sheet(city: &DemoCity) -> TableOut {
    use liaison_core::export::{DEPUTY_HEADERS, levels_cell, terms_cell, yes_no};
    let rows = city
        .deputies
        .iter()
        .filter(|d| d.ended_on.is_none())
        .map(|d| {
            vec![
                d.code.clone(),
                d.name.clone(),
                d.gender.map(|g| g.label().to_owned()).unwrap_or_default(),
                d.ethnicity.clone(),
                d.birth_month.clone(),
                levels_cell(&d.levels),
                terms_cell(&d.levels),
                d.electoral_district.clone(),
                d.station_code.clone().unwrap_or_default(),
                String::new(), // station name: the code is enough
                d.work_unit.clone(),
                d.title.clone(),
                yes_no(d.leading_cadre),
                yes_no(d.entrepreneur),
                d.public_contact.clone(),
                d.private_phone.clone(),
                d.id_number.clone(),
                "在任".into(),
                String::new(),
            ]
        })
        .collect();
    TableOut {
        sheet: "代表名册".into(),
        title: None,
        headers: DEPUTY_HEADERS.iter().map(|h| (*h).to_owned()).collect(),
        rows,
        text_columns: vec![0, 4, 6, 8, 14, 15, 16],
    }
}

/// Times the XLSX import of the city's deputies into a store that has its regions and platforms.
pub fn import_bench(dir: &Path, scale: u32) -> Result<ImportFigures, Failure> {
    let mut store = Store::open(&dir.join("import.db"))?;
    let city = liaison_demo::plan(&DemoOptions { seed: 1, scale, visits: false });
    let places = DemoCity { regions: city.regions.clone(), platforms: city.platforms.clone(), deputies: Vec::new() };
    liaison_demo::write(&mut store, &places, "bench")?;
    let sheet = deputies_sheet(&city);
    let rows = sheet.rows.len();
    let file = dir.join("deputies.xlsx");
    liaison_sheets::write_xlsx_file(&file, &[sheet])?;
    let file_bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);

    let started = Instant::now();
    let grids = liaison_sheets::read_file(&file)?;
    let read_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let preview = liaison_core::import::preview(&mut store, &grids, "bench")?;
    let preview_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let committed = liaison_core::import::commit(&mut store, &grids, "bench")?;
    let commit_seconds = started.elapsed().as_secs_f64();
    if preview.rejected() > 0 || committed.sheets[0].created != rows {
        return Err(Failure {
            exit_code: 2,
            message: format!("bench import rejected rows: {:?}", committed.sheets[0].rejected.first()),
        });
    }
    let started = Instant::now();
    let again = liaison_core::import::commit(&mut store, &grids, "bench")?;
    let reimport_seconds = started.elapsed().as_secs_f64();
    Ok(ImportFigures {
        rows,
        file_bytes,
        read_seconds,
        preview_seconds,
        commit_seconds,
        rows_per_second: rows as f64 / (read_seconds + commit_seconds),
        reimport_seconds,
        reimport_changed: again.sheets.iter().map(|s| s.created + s.changed).sum(),
    })
}

fn print_import(f: &ImportFigures) {
    println!("XLSX {} rows, {} KiB", f.rows, f.file_bytes / 1024);
    println!(
        "read {:.2} s  preview {:.2} s  commit {:.2} s  → {:.0} rows/s (read + commit)",
        f.read_seconds, f.preview_seconds, f.commit_seconds, f.rows_per_second
    );
    println!("re-import {:.2} s, {} records changed", f.reimport_seconds, f.reimport_changed);
}
