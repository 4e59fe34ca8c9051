//! Killing `liaison sync import` (SIGKILL) at random points of a large import: afterwards the database passes
//! `PRAGMA integrity_check`, holds the whole bundle or none of it, and importing again completes.
//!
//! The bundle is the office's first return to a newly enrolled station on the demo city's roster (every region,
//! platform and deputy: thousands of changes), which takes the debug binary a good fraction of a second or more.
//! A reference import, timed, gives the "whole bundle" state; each run copies the station's pre-import folder,
//! starts the real binary, kills it after a delay spread over the reference time (seeded; the seed is printed),
//! and checks the copy.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use liaison_core::Store;
use liaison_core::operators::{account, sign_in};
use liaison_core::roster::kinds::PlatformKind;
use liaison_core::setup::{self, InstallationSetup};
use liaison_demo::DemoOptions;
use liaison_exchange::{enrollment, export, identity, import};

const ADMIN: &str = "王芳 (wangfang)";

fn new_node(db: &Path, setup: &InstallationSetup) -> Store {
    let mut store = Store::open(db).unwrap();
    store
        .write(ADMIN, |w| {
            setup::save(w, None, setup)?;
            account::create_first_admin(w, "wangfang", "王芳", "admin2026").map(drop)
        })
        .unwrap();
    store
}

/// What "the synced data" is for this test: every register, the change log, the import history.
fn state(db: &Path) -> (String, i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "integrity_check of {}", db.display());
    let mut stmt = conn
        .prepare("SELECT entity || '|' || entity_id || '|' || field || '|' || value || '|' || hlc || '|' || node_id FROM field_state ORDER BY entity, entity_id, field")
        .unwrap();
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    let log: i64 = conn.query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap();
    let receipts: i64 = conn.query_row("SELECT COUNT(*) FROM sync_receipts", [], |r| r.get(0)).unwrap();
    (rows.join("\n"), log, receipts)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn import_command(db: &Path, bundle: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_liaison"));
    cmd.arg("--db").arg(db).args(["--operator", "王芳", "sync", "import"]).arg(bundle);
    cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    cmd
}

/// The station's folder before the import (database and keys), and the bundle.
fn station_and_big_bundle(root: &Path) -> (PathBuf, PathBuf) {
    for folder in ["up", "down"] {
        std::fs::create_dir_all(root.join(folder)).unwrap();
    }
    let office_dir = root.join("office");
    let station_dir = root.join("station");
    std::fs::create_dir_all(&office_dir).unwrap();
    std::fs::create_dir_all(&station_dir).unwrap();
    let opts = DemoOptions { seed: 1, scale: 1, visits: false };
    let code = liaison_demo::plan(&opts)
        .platforms
        .into_iter()
        .find(|p| p.kind == Some(PlatformKind::Station))
        .expect("the demo city has stations")
        .code;

    let mut office = new_node(&office_dir.join("desk.db"), &InstallationSetup::office("平顶山市"));
    liaison_demo::generate(&mut office, &opts).unwrap();
    let office_session = sign_in(&mut office, "wangfang", "admin2026").unwrap();
    let office_keys = identity::load_or_create(&office).unwrap();

    let mut station = new_node(
        &station_dir.join("desk.db"),
        &InstallationSetup::station(Some(code.clone()), format!("{code} 联络站"), "平顶山市"),
    );
    let station_session = sign_in(&mut station, "wangfang", "admin2026").unwrap();
    let station_keys = identity::load_or_create(&station).unwrap();

    let file = enrollment::create(&mut office, &office_session, &office_keys, &code, false).unwrap();
    enrollment::accept(&mut station, &station_session, &file).unwrap();
    let up = export::export_to_office(&mut station, &station_keys, ADMIN, false, &root.join("up")).unwrap();
    let receipt = import::import_file(&mut office, &office_keys, ADMIN, &up.path).unwrap();
    assert_eq!(receipt.result, liaison_core::sync::ImportResult::Ok, "{}", receipt.reason);
    let down =
        export::export_to(&mut office, &office_keys, ADMIN, station.node_id(), false, &root.join("down")).unwrap();
    eprintln!("bundle: {} changes, {} bytes", down.changes, down.bytes);
    assert!(down.changes > 1000, "a large bundle");
    (station_dir, down.path)
}

#[test]
fn an_import_killed_at_any_point_leaves_all_or_nothing_and_can_be_run_again() {
    let root = tempfile::tempdir().unwrap();
    let (pristine, bundle) = station_and_big_bundle(root.path());
    let before = state(&pristine.join("desk.db"));

    // The reference: the whole import, timed.
    let reference = root.path().join("reference");
    copy_dir(&pristine, &reference);
    let started = Instant::now();
    assert!(import_command(&reference.join("desk.db"), &bundle).status().unwrap().success());
    let took = started.elapsed();
    let after = state(&reference.join("desk.db"));
    assert_ne!(before.0, after.0, "the import changes the synced data");
    eprintln!("reference import: {took:.1?}");

    let runs: u64 = std::env::var("LIAISON_SYNC_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(8);
    let seed: u64 = std::env::var("LIAISON_SYNC_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("LIAISON_SYNC_CRASH_SEED={seed}");
    let mut rng = seed;
    let (mut none, mut whole, mut mid_write) = (0, 0, 0);
    for run in 0..runs {
        rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        // Spread over the reference time and a little past it (killed after the commit, or finished).
        let slot = (run as f64 + (rng >> 11) as f64 / (1u64 << 53) as f64) / runs as f64;
        let delay = took.mul_f64(slot * 1.3);
        let dir = root.path().join(format!("run-{run}"));
        copy_dir(&pristine, &dir);
        let db = dir.join("desk.db");
        let mut child = import_command(&db, &bundle).spawn().unwrap();
        std::thread::sleep(delay);
        let killed = child.kill().is_ok();
        let status = child.wait().unwrap();
        // Frames left in the write-ahead log of an import that left nothing: most likely killed after it began
        // writing, the uncommitted frames ignored on opening (informative only: opening may write too).
        let wal = std::fs::metadata(dir.join("desk.db-wal")).map_or(0, |m| m.len());
        let now = state(&db);
        let outcome = if now == before {
            none += 1;
            mid_write += usize::from(wal > 0);
            "none"
        } else if now == after {
            whole += 1;
            "whole"
        } else {
            panic!("run {run} (seed {seed}, killed after {delay:.1?}): the database holds part of the bundle");
        };
        eprintln!(
            "run {run}: killed after {delay:.1?} ({status}, signal sent: {killed}, WAL left: {wal} bytes): {outcome}"
        );
        assert!(import_command(&db, &bundle).status().unwrap().success(), "run {run}: importing again");
        assert_eq!(state(&db).0, after.0, "run {run}: importing again completes");
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!(
        "{runs} runs: {none} left nothing, {whole} the whole bundle; {mid_write} of those with a non-empty WAL left behind"
    );
}

fn inbox_command(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_liaison"));
    cmd.arg("--db").arg(dir.join("desk.db")).args(["--operator", "王芳", "sync", "inbox"]);
    for folder in ["inbox", "archive", "outbox"] {
        cmd.arg(format!("--{folder}")).arg(dir.join(folder));
    }
    cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    cmd
}

/// The bundle files left in a folder.
fn bundles_in(folder: &Path) -> usize {
    std::fs::read_dir(folder).map_or(0, |d| d.filter(|e| e.as_ref().is_ok_and(|e| e.path().is_file())).count())
}

/// The inbox commits a batch and only then moves its files to the archive: killed anywhere — before the commit,
/// between the commit and the move, during the move — it leaves all of a bundle or none, and the next run takes
/// what is still in the inbox (a committed bundle again, as duplicates) and completes.
#[test]
fn an_inbox_run_killed_at_any_point_leaves_all_or_nothing_and_the_next_run_completes() {
    let root = tempfile::tempdir().unwrap();
    let (pristine, bundle) = station_and_big_bundle(root.path());
    let with_inbox = |dir: &Path| {
        copy_dir(&pristine, dir);
        for folder in ["inbox", "archive", "outbox"] {
            std::fs::create_dir_all(dir.join(folder)).unwrap();
        }
        std::fs::copy(&bundle, dir.join("inbox").join(bundle.file_name().unwrap())).unwrap();
    };
    let before = state(&pristine.join("desk.db"));
    let reference = root.path().join("reference");
    with_inbox(&reference);
    let started = Instant::now();
    assert!(inbox_command(&reference).status().unwrap().success());
    let took = started.elapsed();
    let after = state(&reference.join("desk.db"));
    assert_ne!(before.0, after.0);
    assert_eq!((bundles_in(&reference.join("inbox")), bundles_in(&reference.join("archive"))), (0, 1));

    let runs: u64 = std::env::var("LIAISON_SYNC_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(8);
    let seed: u64 = std::env::var("LIAISON_SYNC_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("LIAISON_SYNC_CRASH_SEED={seed}");
    let mut rng = seed ^ 0x9e37_79b9_7f4a_7c15;
    let mut committed_but_left = 0;
    for run in 0..runs {
        rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let slot = (run as f64 + (rng >> 11) as f64 / (1u64 << 53) as f64) / runs as f64;
        let delay = took.mul_f64(slot * 1.2);
        let dir = root.path().join(format!("inbox-run-{run}"));
        with_inbox(&dir);
        let mut child = inbox_command(&dir).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        let now = state(&dir.join("desk.db"));
        let left = bundles_in(&dir.join("inbox"));
        if now.0 == before.0 {
            assert_eq!(left, 1, "run {run} (seed {seed}): nothing applied, so the file must still be in the inbox");
        } else {
            assert_eq!(now.0, after.0, "run {run} (seed {seed}, killed after {delay:.1?}): part of the bundle");
            committed_but_left += left;
        }
        eprintln!(
            "run {run}: killed after {delay:.1?}: {}, {left} file(s) left in the inbox",
            if now.0 == before.0 { "none" } else { "whole" }
        );
        assert!(inbox_command(&dir).status().unwrap().success(), "run {run}: the next inbox run");
        assert_eq!(state(&dir.join("desk.db")).0, after.0, "run {run}: the next run completes");
        assert_eq!(bundles_in(&dir.join("inbox")), 0, "run {run}: the inbox is empty");
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!("{runs} runs: {committed_but_left} committed with the file still in the inbox");
}
