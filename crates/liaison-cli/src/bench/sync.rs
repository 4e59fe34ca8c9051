//! `liaison bench sync`: bundle export and import on the demo city, through the same calls as `liaison sync` and
//! the app (`liaison-exchange`: cut, seal, write; read, verify, open, apply in one transaction).
//!
//! The story measured, in a temp folder:
//! 1. The office holds the demo city's roster; a township station enrolls and gets its first return (the roster).
//! 2. The station records a realistic year of its own work ([`Volume::FULL`]: its visits, matters and every event,
//!    through the workflow use cases) and exports it — its year of work in one bundle. The office imports it, then
//!    imports the same file again (the idempotent path: every change a duplicate).
//! 3. The station's PC is replaced: the office re-enrolls it and its full return to the new PC carries the roster
//!    and the station's whole year back. The new PC imports it.

use std::path::Path;
use std::time::Instant;

use liaison_core::Store;
use liaison_core::operators::{Session, account, sign_in};
use liaison_core::roster::kinds::PlatformKind;
use liaison_core::setup::{self, InstallationSetup};
use liaison_core::sync::{ImportReceipt, ImportResult};
use liaison_demo::visits::{Volume, plan_activity, record};
use liaison_demo::{DemoCity, DemoOptions};
use liaison_exchange::export::Exported;
use liaison_exchange::{enrollment, export, identity, import};
use liaison_sync::NodeKeys;
use serde::Serialize;

use crate::Failure;

const OPERATOR: &str = "bench";

/// One bundle: exported, then imported.
#[derive(Debug, Clone, Serialize)]
pub struct BundleFigures {
    /// Changes carried.
    pub changes: u64,
    /// File size, KiB.
    pub kib: f64,
    /// Export (cut, serialize, compress, encrypt, sign, write), s.
    pub export_seconds: f64,
    /// Import (read, verify, decrypt, decompress, decode, apply in one transaction), s.
    pub import_seconds: f64,
    /// Importing the same file a second time (every change a duplicate), s.
    pub reimport_seconds: Option<f64>,
}

/// `liaison bench sync` results.
#[derive(Debug, Clone, Serialize)]
pub struct SyncFigures {
    /// The station measured.
    pub station: String,
    /// Deputies in the roster.
    pub deputies: usize,
    /// The station's year: visits, matters, events recorded.
    pub year: (usize, usize, usize),
    /// The office's first return to a new station (the roster).
    pub roster_down: BundleFigures,
    /// The station's year of work, up to the office.
    pub year_up: BundleFigures,
    /// The office's full return to the station's replacement PC (roster and the station's year).
    pub full_return: BundleFigures,
}

/// One installation in the bench: its store, keys and the bench operator's session.
pub(super) struct Node {
    pub(super) store: Store,
    pub(super) keys: NodeKeys,
    pub(super) session: Session,
}

impl Node {
    /// Opens an installation [`node`] made earlier (its keys beside the database).
    pub(super) fn open(db: &Path) -> Result<Node, Failure> {
        let mut store = Store::open(db)?;
        let session = sign_in(&mut store, "bench", "bench2026")?;
        let keys = identity::load_or_create(&store)?;
        Ok(Node { store, keys, session })
    }
}

/// Makes a new installation at `db`: set up, first administrator, keys.
pub(super) fn node(db: &Path, setup: &InstallationSetup) -> Result<Node, Failure> {
    let mut store = Store::open(db)?;
    store.write(OPERATOR, |w| {
        setup::save(w, None, setup)?;
        account::create_first_admin(w, "bench", "测试", "bench2026").map(drop)
    })?;
    let session = sign_in(&mut store, "bench", "bench2026")?;
    let keys = identity::load_or_create(&store)?;
    Ok(Node { store, keys, session })
}

fn export_timed(from: &mut Node, to: &str, full: bool, dir: &Path) -> Result<(Exported, f64), Failure> {
    let started = Instant::now();
    let exported = export::export_to(&mut from.store, &from.keys, OPERATOR, to, full, dir)?;
    Ok((exported, started.elapsed().as_secs_f64()))
}

pub(super) fn import_timed(to: &mut Node, file: &Path) -> Result<(ImportReceipt, f64), Failure> {
    let started = Instant::now();
    let receipt = import::import_file(&mut to.store, &to.keys, OPERATOR, file)?;
    let seconds = started.elapsed().as_secs_f64();
    if receipt.result != ImportResult::Ok {
        return Err(Failure::user(format!("bench import rejected: {}", receipt.reason)));
    }
    Ok((receipt, seconds))
}

/// Enrolls a station node with the office (`reenroll`: its earlier PC's keys are revoked) and brings the first
/// bundle up; returns the office's next bundle for it, timed, not yet imported.
fn enroll(
    office: &mut Node,
    station: &mut Node,
    code: &str,
    reenroll: bool,
    dir: &Path,
) -> Result<(Exported, f64), Failure> {
    let file = enrollment::create(&mut office.store, &office.session, &office.keys, code, reenroll)?;
    enrollment::accept(&mut station.store, &station.session, &file)?;
    let up = export::export_to_office(&mut station.store, &station.keys, OPERATOR, false, dir)?;
    import_timed(office, &up.path)?;
    export_timed(office, station.store.node_id(), true, dir)
}

fn figures(exported: &Exported, export_seconds: f64, import_seconds: f64, again: Option<f64>) -> BundleFigures {
    BundleFigures {
        changes: exported.changes,
        kib: exported.bytes as f64 / 1024.0,
        export_seconds,
        import_seconds,
        reimport_seconds: again,
    }
}

/// Runs the story above.
pub fn sync_bench() -> Result<SyncFigures, Failure> {
    let dir = tempfile::tempdir().map_err(|e| Failure::user(format!("temp dir: {e}")))?;
    let root = dir.path();
    let city = liaison_demo::plan(&DemoOptions { seed: 1, scale: 1, visits: false });
    let station = city
        .platforms
        .iter()
        .find(|p| p.kind == Some(PlatformKind::Station))
        .ok_or_else(|| Failure::user("the demo city has no station"))?
        .clone();
    let code = station.code.clone();
    let station_setup = InstallationSetup::station(Some(code.clone()), station.name.clone(), "平顶山市");

    let mut office = node(&root.join("office.db"), &InstallationSetup::office("平顶山市"))?;
    liaison_demo::write(&mut office.store, &city, OPERATOR)?;

    // 1. The roster down to a new station.
    let mut first = node(&root.join("station.db"), &station_setup)?;
    let (down, down_export) = enroll(&mut office, &mut first, &code, false, root)?;
    let (_, down_import) = import_timed(&mut first, &down.path)?;
    let roster_down = figures(&down, down_export, down_import, None);

    // 2. The station's year, recorded on the station, up to the office.
    let only_station = DemoCity {
        regions: city.regions.clone(),
        platforms: vec![station],
        deputies: city.deputies.iter().filter(|d| d.station_code.as_deref() == Some(code.as_str())).cloned().collect(),
    };
    let now = first.store.deps().clock.now();
    let calendar = liaison_core::calendar::Calendar::load(first.store.conn())?;
    let plan = plan_activity(&only_station, 1, &Volume::FULL, &calendar, now);
    let activity = record(&first.store, &plan, 1, now)?;
    let office_id = office.store.node_id().to_owned();
    let (up, up_export) = export_timed(&mut first, &office_id, false, root)?;
    let (_, up_import) = import_timed(&mut office, &up.path)?;
    let (again, up_reimport) = import_timed(&mut office, &up.path)?;
    if again.applied != 0 {
        return Err(Failure::user(format!("the second import applied {} changes", again.applied)));
    }
    let year_up = figures(&up, up_export, up_import, Some(up_reimport));

    // 3. A new PC for the station: the office's full return.
    let mut second = node(&root.join("station-2.db"), &station_setup)?;
    let (back, back_export) = enroll(&mut office, &mut second, &code, true, root)?;
    let (_, back_import) = import_timed(&mut second, &back.path)?;
    let full_return = figures(&back, back_export, back_import, None);

    Ok(SyncFigures {
        station: code,
        deputies: city.deputies.len(),
        year: (activity.visits, activity.matters, activity.events),
        roster_down,
        year_up,
        full_return,
    })
}

/// Prints the figures as a table.
pub fn print_sync(f: &SyncFigures) {
    println!(
        "演示城市 demo city: {} 名代表 deputies; 联络站 station {}: 一年 a year of {} 次接待 visits, {} 件事项 matters, {} 个事件 events",
        f.deputies, f.station, f.year.0, f.year.1, f.year.2
    );
    println!("{:<34} {:>8} {:>10} {:>10} {:>10} {:>10}", "bundle", "changes", "KiB", "export s", "import s", "again s");
    for (name, b) in [
        ("roster down to a new station", &f.roster_down),
        ("station's year up to the office", &f.year_up),
        ("office's full return (new PC)", &f.full_return),
    ] {
        let again = b.reimport_seconds.map_or_else(|| "-".to_owned(), |s| format!("{s:.3}"));
        println!(
            "{name:<34} {:>8} {:>10.1} {:>10.3} {:>10.3} {:>10}",
            b.changes, b.kib, b.export_seconds, b.import_seconds, again
        );
    }
}
