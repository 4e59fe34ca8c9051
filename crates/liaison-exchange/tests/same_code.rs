//! Two nodes that create the same roster code offline — a station before it is enrolled, and the city office —
//! create one entity (roster ids derive from kind and code, `liaison_core::roster::roster_id`): when their real
//! bundle files meet, the inserts merge field by field, both nodes hold one record with one id and the same winning
//! values, and every differing value that lost is in the conflicts list on both. With random ids the second insert
//! broke the code's UNIQUE constraint and the bundle was refused on every attempt.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Node, assert_ok, city_regions, deputy_input, enroll};
use liaison_core::Store;
use liaison_core::changelog::{EntityKind, register};
use liaison_core::roster::deputy::{self, DeputyInput};
use liaison_core::roster::kinds::PlatformKind;
use liaison_core::roster::platform::{self, PlatformInput};
use liaison_core::roster::roster_id;
use liaison_core::sync::conflicts;
use liaison_core::tabular::TableOut;
use liaison_core::workflow::units::{self, UnitInput};

/// One field both nodes wrote differently when they created the record.
struct Clash {
    entity: EntityKind,
    code: &'static str,
    field: &'static str,
    office: &'static str,
    station: &'static str,
}

const CLASHES: [Clash; 4] = [
    Clash { entity: EntityKind::Deputy, code: "D000009", field: "name", office: "王五", station: "王伍" },
    Clash {
        entity: EntityKind::Deputy,
        code: "D000009",
        field: "public_contact",
        office: "0375-8888888",
        station: "0375-9999999",
    },
    Clash {
        entity: EntityKind::Platform,
        code: "XH-01",
        field: "name",
        office: "XH-01 联络站",
        station: "光明路联络站",
    },
    Clash {
        entity: EntityKind::HandlingUnit,
        code: "ZJJ",
        field: "contact",
        office: "张科长 0375-1111111",
        station: "李科长 0375-2222222",
    },
];

/// The value of `field` in the clash list for `entity`/`code`, as the office (`true`) or the station wrote it.
fn written(entity: EntityKind, code: &str, field: &str, by_office: bool) -> Option<&'static str> {
    CLASHES
        .iter()
        .find(|c| c.entity == entity && c.code == code && c.field == field)
        .map(|c| if by_office { c.office } else { c.station })
}

fn new_deputy(by_office: bool) -> DeputyInput {
    let value = |field| written(EntityKind::Deputy, "D000009", field, by_office).unwrap().to_owned();
    DeputyInput {
        code: "D000009".into(),
        name: value("name"),
        public_contact: value("public_contact"),
        station_code: Some("XH-01".into()),
        ..deputy_input("D000001")
    }
}

fn new_unit(by_office: bool) -> UnitInput {
    UnitInput {
        code: "ZJJ".into(),
        name: "平顶山市住房和城乡建设局".into(),
        kind: "department".into(),
        contact: written(EntityKind::HandlingUnit, "ZJJ", "contact", by_office).unwrap().into(),
        retired: false,
    }
}

/// What a station clerk types in before the station is enrolled: the city and district (as the office has them),
/// the station itself under its own name, a new deputy and a handling unit.
fn station_types_its_roster(station: &mut Node) {
    let op = station.operator();
    station
        .store
        .write(&op, |w| {
            city_regions(w)?;
            platform::save(
                w,
                &PlatformInput {
                    code: "XH-01".into(),
                    name: written(EntityKind::Platform, "XH-01", "name", false).unwrap().into(),
                    kind: Some(PlatformKind::Station),
                    region_code: "410402".into(),
                    ..Default::default()
                },
            )?;
            deputy::save(w, &new_deputy(false))?;
            units::save(w, &new_unit(false))
        })
        .unwrap();
}

/// The office, meanwhile, adds the same deputy number and unit code with other values (its XH-01 is the kit's).
fn office_types_the_same_codes(office: &mut Node) {
    let op = office.operator();
    office
        .store
        .write(&op, |w| {
            deputy::save(w, &new_deputy(true))?;
            units::save(w, &new_unit(true))
        })
        .unwrap();
}

/// The ids of the records of `table` with `code`.
fn ids_of(store: &Store, table: &str, code: &str) -> Vec<String> {
    let conn = store.conn();
    let mut stmt = conn.prepare(&format!("SELECT id FROM {table} WHERE code = ?1")).unwrap();
    stmt.query_map([code], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

/// The unresolved conflicts: (entity, entity id, field, losing value).
fn open_conflicts(node: &Node) -> BTreeSet<(String, String, String, String)> {
    conflicts::unresolved(node.store.conn())
        .unwrap()
        .into_iter()
        .map(|c| (c.entity, c.entity_id, c.field, c.losing_value.as_str().unwrap_or_default().to_owned()))
        .collect()
}

#[test]
fn a_deputy_a_platform_and_a_unit_created_on_both_nodes_merge_and_the_losing_values_are_kept_on_both() {
    let mut office = Node::office();
    let mut station = Node::station("XH-01");
    office_types_the_same_codes(&mut office);
    station_types_its_roster(&mut station);

    // Enrollment carries the station's roster up and the office's down, as real bundle files.
    enroll(&mut office, &mut station, "XH-01");
    // Another round both ways: nothing is refused, nothing further changes.
    let up = station.export_to(&office);
    assert_ok(office.import(&up));
    let down = office.export_to(&station);
    assert_ok(station.import(&down));

    let mut expected_losers = BTreeSet::new();
    for clash in &CLASHES {
        let id = roster_id(clash.entity, clash.code);
        let table = clash.entity.spec().table;
        for node in [&office, &station] {
            assert_eq!(
                ids_of(&node.store, table, clash.code),
                std::slice::from_ref(&id),
                "one {table} {} on each node",
                clash.code
            );
        }
        let value = |node: &Node| register(node.store.conn(), clash.entity.as_str(), &id, clash.field).unwrap();
        let winner = value(&office).unwrap();
        assert_eq!(value(&station).as_ref(), Some(&winner), "the same winner of {} on both nodes", clash.field);
        let loser = if winner == clash.office { clash.station } else { clash.office };
        assert!(winner == clash.office || winner == clash.station, "{winner} was written by one of them");
        expected_losers.insert((clash.entity.as_str().to_owned(), id, clash.field.to_owned(), loser.to_owned()));
    }
    assert_eq!(open_conflicts(&office), expected_losers, "every losing value is kept at the office");
    assert_eq!(open_conflicts(&station), expected_losers, "and at the station");
    assert_eq!(office.synced_state(), station.synced_state(), "both hold the same data");
}

/// The city's roster workbook: two stations and a deputy at each; `contact` is the first deputy's public phone.
fn city_workbook(path: &Path, contact: &str) {
    let text = |rows: &[&[&str]]| -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect()
    };
    let platforms = TableOut {
        sheet: "联络站名册".into(),
        title: None,
        headers: text(&[&["平台编码", "平台名称", "平台类型", "县(市、区)", "乡镇(街道)"]]).remove(0),
        rows: text(&[
            &["XH-01", "新华区光明路街道人大代表联络站", "代表联络站", "新华区", "光明路街道"],
            &["XH-02", "新华区西市场街道人大代表联络站", "代表联络站", "新华区", "西市场街道"],
        ]),
        text_columns: vec![0],
    };
    let deputies = TableOut {
        sheet: "代表名册".into(),
        title: None,
        headers: text(&[&["代表编号", "姓名", "出生年月", "代表级别", "届次", "所属联络站", "公开联系电话"]]).remove(0),
        rows: text(&[
            &["D000101", "张明新", "1970-05", "市级", "12", "XH-01", contact],
            &["D000102", "李娜", "1980-11", "市级", "12", "XH-02", "0375-3000002"],
        ]),
        text_columns: vec![0, 2, 6],
    };
    liaison_sheets::write_xlsx_file(path, &[platforms, deputies]).unwrap();
}

fn import_workbook(node: &mut Node, path: &Path) {
    let grids = liaison_sheets::read_file(path).unwrap();
    let op = node.operator();
    let report = liaison_core::import::commit(&mut node.store, &grids, &op).unwrap();
    assert_eq!(report.rejected(), 0, "{report:#?}");
}

/// Every roster record as `kind|code|id`.
fn roster_ids(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for kind in [EntityKind::Region, EntityKind::Platform, EntityKind::Deputy] {
        let sql = format!("SELECT code, id FROM {} ORDER BY code", kind.spec().table);
        let mut stmt = store.conn().prepare(&sql).unwrap();
        let rows = stmt
            .query_map([], |r| Ok(format!("{}|{}|{}", kind.as_str(), r.get::<_, String>(0)?, r.get::<_, String>(1)?)));
        out.extend(rows.unwrap().map(Result::unwrap));
    }
    out
}

#[test]
fn a_station_that_imported_the_roster_workbook_before_enrollment_merges_with_the_offices_roster() {
    let mut office = Node::bare_office();
    let mut station = Node::station("XH-01");
    let (office_file, station_file) =
        (office.folder("名册").join("全市名册.xlsx"), station.folder("名册").join("名册.xlsx"));
    city_workbook(&office_file, "0375-3000001");
    // The station's copy of the workbook, where its clerk corrected the first deputy's phone.
    city_workbook(&station_file, "0375-3999999");
    import_workbook(&mut office, &office_file);
    import_workbook(&mut station, &station_file);

    enroll(&mut office, &mut station, "XH-01");

    let ids = roster_ids(&office.store);
    assert_eq!(ids.iter().filter(|r| r.starts_with("deputy|")).count(), 2, "{ids:#?}");
    assert_eq!(roster_ids(&station.store), ids, "the same records under the same ids on both nodes");
    assert!(ids.contains(&format!("deputy|D000101|{}", roster_id(EntityKind::Deputy, "D000101"))));
    assert_eq!(office.synced_state(), station.synced_state());
    let open = open_conflicts(&office);
    assert_eq!(open, open_conflicts(&station));
    let fields: Vec<(&str, &str)> = open.iter().map(|(e, _, f, _)| (e.as_str(), f.as_str())).collect();
    assert_eq!(fields, [("deputy", "public_contact")], "only the corrected phone differed: {open:?}");
}
