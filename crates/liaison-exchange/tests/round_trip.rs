//! A station and the city office exchanging real bundle files: enrollment through the enrollment file, the roster
//! down, a station's edit up, idempotent re-import, a concurrent edit kept as a conflict. Refusals that change
//! nothing are `tamper.rs`'s.

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
