//! The sync test kit: nodes (an office, stations) each with its own database file, keys and signed-in
//! administrator in its own temp folder, a roster the office owns, and helpers to pass real bundle files between
//! them through folders. Shared by the round-trip, tamper and simulation tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use liaison_core::Store;
use liaison_core::operators::{Session, account, sign_in};
use liaison_core::roster::deputy::{self, DeputyInput, LevelTerm};
use liaison_core::roster::kinds::{Level, PlatformKind, RegionKind};
use liaison_core::roster::platform::{self, PlatformInput};
use liaison_core::roster::region::{self, RegionInput};
use liaison_core::setup::{self, InstallationSetup};
use liaison_exchange::{enrollment, export, identity, import};
use liaison_sync::NodeKeys;

/// One installation.
pub struct Node {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub keys: NodeKeys,
    pub session: Session,
}

impl Node {
    fn new(setup: InstallationSetup) -> Node {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("desk.db")).unwrap();
        store
            .write("王芳 (wangfang)", |w| {
                setup::save(w, None, &setup)?;
                account::create_first_admin(w, "wangfang", "王芳", "admin2026").map(drop)
            })
            .unwrap();
        let session = sign_in(&mut store, "wangfang", "admin2026").unwrap();
        let keys = identity::load_or_create(&store).unwrap();
        Node { dir, store, keys, session }
    }

    /// The city office, with a roster of three stations (XH-01, XH-02, XH-03) and a deputy at each.
    pub fn office() -> Node {
        let mut node = Node::bare_office();
        node.store.write(&node.session.operator(), roster).unwrap();
        node
    }

    /// The city office with an empty roster.
    pub fn bare_office() -> Node {
        Node::new(InstallationSetup::office("平顶山市"))
    }

    /// A station installation for `code`.
    pub fn station(code: &str) -> Node {
        Node::new(InstallationSetup::station(Some(code.into()), format!("{code} 联络站"), "平顶山市"))
    }

    pub fn node_id(&self) -> String {
        self.store.node_id().to_owned()
    }

    pub fn operator(&self) -> String {
        self.session.operator()
    }

    /// A folder of this node's own, for files it writes.
    pub fn folder(&self, name: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(&path).unwrap();
        path
    }

    /// Exports the next bundle to `to` and returns the file.
    pub fn export_to(&mut self, to: &Node) -> PathBuf {
        let out = self.folder("out");
        let op = self.operator();
        export::export_to(&mut self.store, &self.keys, &op, &to.node_id(), false, &out).unwrap().path
    }

    /// Imports a bundle file.
    pub fn import(&mut self, file: &Path) -> liaison_core::Result<liaison_core::sync::ImportReceipt> {
        let op = self.operator();
        import::import_file(&mut self.store, &self.keys, &op, file)
    }

    /// A deputy's public contact, as this node holds it.
    pub fn contact(&self, code: &str) -> Option<String> {
        liaison_core::roster::query::deputy_by_code(self.store.conn(), code).unwrap().map(|d| d.public_contact)
    }

    /// Sets a deputy's public contact here (a local edit).
    pub fn set_contact(&mut self, code: &str, contact: &str) {
        let mut input = deputy_input(code);
        input.public_contact = contact.into();
        let op = self.operator();
        self.store.write(&op, |w| deputy::save(w, &input).map(drop)).unwrap();
    }

    /// Some local write (a region of its own), so this node's next bundle carries a change.
    pub fn write_something_local(&mut self) {
        let op = self.operator();
        let input =
            RegionInput {
                code: "410499".into(), name: "伪造区".into(), kind: RegionKind::District, parent_code: None
            };
        self.store.write(&op, |w| region::save(w, &input).map(drop)).unwrap();
    }

    /// Everything a node holds of the synced data, as text: what two converged nodes must agree on.
    pub fn synced_state(&self) -> String {
        let mut rows: Vec<String> = self
            .store
            .conn()
            .prepare("SELECT entity, entity_id, field, value, hlc, node_id FROM field_state ORDER BY 1, 2, 3")
            .unwrap()
            .query_map([], |r| {
                Ok(format!(
                    "{}|{}|{}|{}|{}|{}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        rows.join("\n")
    }

    /// Every row of every table, as text: "the database is unchanged" compares two of these.
    pub fn dump(&self) -> String {
        let conn = self.store.conn();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut out = String::new();
        for table in tables {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    (0..columns)
                        .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                        .collect::<Result<Vec<_>, _>>()
                        .map(|v| v.join(","))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            out.push_str(&format!("## {table}\n{}\n", rows.join("\n")));
        }
        out
    }
}

/// Enrolls `station` with `office` through a real enrollment file, and completes it: the station's first bundle
/// (proving the secret) goes up, the office's first return (the roster) comes down.
pub fn enroll(office: &mut Node, station: &mut Node, code: &str) {
    let file = enrollment::create(&mut office.store, &office.session, &office.keys, code, false).unwrap();
    let path = office.folder("enroll").join(format!("{code}.lze"));
    enrollment::write(&file, &path).unwrap();
    let read = enrollment::read(&path).unwrap();
    enrollment::accept(&mut station.store, &station.session, &read).unwrap();
    let up = station.export_to(office);
    assert_ok(office.import(&up));
    let down = office.export_to(station);
    assert_ok(station.import(&down));
}

pub fn assert_ok(receipt: liaison_core::Result<liaison_core::sync::ImportReceipt>) {
    let receipt = receipt.unwrap();
    assert_eq!(receipt.result, liaison_core::sync::ImportResult::Ok, "{}", receipt.reason);
}

/// The stations of the kit's roster, and the deputy at each.
pub const STATIONS: [&str; 3] = ["XH-01", "XH-02", "XH-03"];
pub const DEPUTIES: [&str; 3] = ["D000001", "D000002", "D000003"];

pub fn deputy_input(code: &str) -> DeputyInput {
    let (station, name) = match code {
        "D000001" => ("XH-01", "张明新"),
        "D000002" => ("XH-02", "李红"),
        _ => ("XH-03", "赵刚"),
    };
    DeputyInput {
        code: code.into(),
        name: name.into(),
        birth_month: "1970-05".into(),
        levels: vec![LevelTerm { level: Level::City, term: Some(12) }],
        station_code: Some(station.into()),
        public_contact: "0375-1000000".into(),
        ..DeputyInput::default()
    }
}

/// The city and its district 新华区 (410402), where the kit's stations are.
pub fn city_regions(w: &mut liaison_core::store::Writer<'_>) -> liaison_core::Result<()> {
    for (code, name, kind, parent) in
        [("410400", "平顶山市", RegionKind::City, None), ("410402", "新华区", RegionKind::District, Some("410400"))]
    {
        region::save(
            w,
            &RegionInput { code: code.into(), name: name.into(), kind, parent_code: parent.map(Into::into) },
        )?;
    }
    Ok(())
}

fn roster(w: &mut liaison_core::store::Writer<'_>) -> liaison_core::Result<()> {
    city_regions(w)?;
    for code in STATIONS {
        platform::save(
            w,
            &PlatformInput {
                code: code.into(),
                name: format!("{code} 联络站"),
                kind: Some(PlatformKind::Station),
                region_code: "410402".into(),
                ..Default::default()
            },
        )?;
    }
    for code in DEPUTIES {
        deputy::save(w, &deputy_input(code))?;
    }
    Ok(())
}
