//! A station and the city office exchanging real bundle files: enrollment through the enrollment file, the roster
//! down, a station's edit up, idempotent re-import, a concurrent edit kept as a conflict, and refusals that change
//! nothing (a tampered file, a file for another node, an unenrolled sender).

mod common;

use common::{Node, assert_ok, enroll};
use liaison_core::sync::{ImportResult, conflicts};

#[test]
fn enrollment_then_the_roster_goes_down_and_a_stations_edit_comes_up() {
    let mut office = Node::office();
    let mut station = Node::station("XH-01");
    assert_eq!(station.contact("D000001"), None, "the station starts empty");
    enroll(&mut office, &mut station, "XH-01");
    assert_eq!(station.contact("D000001").as_deref(), Some("0375-1000000"), "the roster came down");

    station.set_contact("D000001", "0375-2222222");
    let up = station.export_to(&office);
    assert_ok(office.import(&up));
    assert_eq!(office.contact("D000001").as_deref(), Some("0375-2222222"));

    // The same file again, and an older one after it: nothing further changes.
    let before = office.synced_state();
    let again = office.import(&up).unwrap();
    assert_eq!((again.result, again.applied), (ImportResult::Ok, 0), "{again:?}");
    assert_eq!(office.synced_state(), before);
}

#[test]
fn concurrent_edits_of_one_field_converge_and_the_loser_is_kept_for_review() {
    let mut office = Node::office();
    let mut station = Node::station("XH-01");
    enroll(&mut office, &mut station, "XH-01");
    station.set_contact("D000001", "0375-4444444");
    office.set_contact("D000001", "0375-5555555");
    let up = station.export_to(&office);
    let down = office.export_to(&station);
    assert_ok(office.import(&up));
    assert_ok(station.import(&down));
    assert_eq!(office.contact("D000001"), station.contact("D000001"), "one winner on both nodes");
    assert_eq!(office.synced_state(), station.synced_state());
    let losers = |n: &Node| conflicts::unresolved(n.store.conn()).unwrap().len();
    assert_eq!((losers(&office), losers(&station)), (1, 1), "the losing value is kept on both");
}

#[test]
fn a_tampered_file_a_misdelivered_one_and_an_unenrolled_sender_change_nothing() {
    let mut office = Node::office();
    let mut station = Node::station("XH-01");
    enroll(&mut office, &mut station, "XH-01");
    station.set_contact("D000001", "0375-3333333");
    let up = station.export_to(&office);
    let bytes = std::fs::read(&up).unwrap();
    let before = office.dump();

    let tampered = office.folder("t").join("tampered.lzb");
    for at in [20, bytes.len() / 2, bytes.len() - 1] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        std::fs::write(&tampered, &flipped).unwrap();
        assert!(office.import(&tampered).is_err(), "byte {at} flipped");
    }
    std::fs::write(&tampered, &bytes[..bytes.len() - 10]).unwrap();
    assert!(office.import(&tampered).is_err(), "truncated");
    assert_eq!(office.dump(), before, "byte for byte unchanged");

    let mut other = Node::station("XH-02");
    let err = other.import(&up).unwrap_err();
    assert!(err.to_string().contains("收件"), "{err}");

    // A key the office never enrolled, with no enrollment proof: refused before anything is recorded.
    let stranger_keys = liaison_sync::NodeKeys::generate("0194a2b3-stranger").unwrap();
    let draft = liaison_sync::Draft {
        station: "XH-01".into(),
        direction: liaison_sync::Direction::Upstream,
        stream_seq: 1,
        changes: liaison_sync::SeqRange { start: 1, end: 1 },
        created_at_ms: 0,
        app_version: liaison_exchange::app_version(),
    };
    let body = br#"{"version":1,"direction":"up","from_seq":0,"to_seq":0,"changes":[],"acks":{}}"#;
    let sealed = liaison_sync::seal(&draft, body, &stranger_keys, &office.keys.public(), &[]).unwrap();
    std::fs::write(&tampered, sealed).unwrap();
    let err = office.import(&tampered).unwrap_err();
    assert!(err.to_string().contains("未登记") || err.to_string().contains("unknown"), "{err}");
    assert_eq!(office.dump(), before, "still byte for byte unchanged");

    // A second PC holding a copy of XH-01's (already used) enrollment file: refused before anything is recorded.
    let copy = liaison_exchange::enrollment::EnrollmentFile {
        format: liaison_exchange::enrollment::FORMAT.into(),
        station_code: "XH-01".into(),
        office: office.keys.public(),
        secret: "0".repeat(64),
        created_at: String::new(),
    };
    let mut second_pc = Node::station("XH-01");
    liaison_exchange::enrollment::accept(&mut second_pc.store, &second_pc.session, &copy).unwrap();
    second_pc.write_something_local();
    let bundle = second_pc.export_to(&office);
    let err = office.import(&bundle).unwrap_err();
    assert!(err.to_string().contains("没有待完成的登记"), "{err}");
    assert_eq!(office.dump(), before, "a forged enrollment claim leaves no trace");
}
