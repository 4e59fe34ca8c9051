//! Tampered, truncated, misdelivered, replayed and forged bundle files, against real databases: each is refused
//! with the database byte for byte unchanged (`dump()`), or is harmless (a replay changes no synced data). Each
//! test ends by importing the genuine file, so a refusal is never the test's own mistake.

mod common;

use std::path::Path;

use common::{Node, assert_ok, enroll};
use liaison_core::sync::ImportResult;

/// A station enrolled with the office, and the station's next (small) bundle up, carrying one edit.
fn office_and_bundle() -> (Node, Node, Vec<u8>, std::path::PathBuf) {
    let mut office = Node::office();
    let mut station = Node::station("XH-01");
    enroll(&mut office, &mut station, "XH-01");
    station.set_contact("D000001", "0375-3333333");
    let up = station.export_to(&office);
    let bytes = std::fs::read(&up).unwrap();
    (office, station, bytes, up)
}

/// Imports `bytes` from a scratch file and asserts it is refused before anything is recorded.
fn assert_refused(node: &mut Node, scratch: &Path, bytes: &[u8], what: &str) {
    std::fs::write(scratch, bytes).unwrap();
    match node.import(scratch) {
        Err(_) => {}
        Ok(receipt) => panic!("{what}: imported ({receipt:?})"),
    }
}

/// The header's byte range `16 .. 16 + H` (see liaison-sync's format table).
fn header_range(bytes: &[u8]) -> std::ops::Range<usize> {
    let len = u32::from_be_bytes(bytes[12..16].try_into().unwrap()) as usize;
    16..16 + len
}

#[test]
fn every_single_byte_flip_is_refused_and_changes_nothing() {
    let (mut office, _station, bytes, up) = office_and_bundle();
    let scratch = office.folder("t").join("flipped.lzb");
    let before = office.dump();
    let started = std::time::Instant::now();
    for at in 0..bytes.len() {
        for mask in [0x01, 0xff] {
            let mut flipped = bytes.clone();
            flipped[at] ^= mask;
            assert_refused(&mut office, &scratch, &flipped, &format!("byte {at} ^ {mask:#04x}"));
        }
    }
    eprintln!("{} bytes × 2 flips refused in {:.1?}", bytes.len(), started.elapsed());
    assert_eq!(office.dump(), before, "byte for byte unchanged");
    assert_ok(office.import(&up));
    assert_eq!(office.contact("D000001").as_deref(), Some("0375-3333333"), "the genuine file still imports");
}

#[test]
fn every_truncation_and_any_trailing_byte_is_refused_and_changes_nothing() {
    let (mut office, _station, bytes, up) = office_and_bundle();
    let scratch = office.folder("t").join("cut.lzb");
    let before = office.dump();
    for len in 0..bytes.len() {
        assert_refused(&mut office, &scratch, &bytes[..len], &format!("truncated to {len} bytes"));
    }
    for extra in [&[0u8][..], b"\n", &bytes[..16]] {
        let mut longer = bytes.clone();
        longer.extend_from_slice(extra);
        assert_refused(&mut office, &scratch, &longer, &format!("{} bytes appended", extra.len()));
    }
    assert_eq!(office.dump(), before, "byte for byte unchanged");
    assert_ok(office.import(&up));
}

#[test]
fn headers_swapped_between_two_bundles_are_refused() {
    let mut office = Node::office();
    let mut station = Node::station("XH-01");
    enroll(&mut office, &mut station, "XH-01");
    station.set_contact("D000001", "0375-3333333");
    let first = station.export_to(&office);
    station.set_contact("D000002", "0375-4444444");
    let second = station.export_to(&office);
    let (a, b) = (std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
    let (ha, hb) = (header_range(&a), header_range(&b));
    assert_eq!(ha.len(), hb.len(), "the two headers are the same length, so the swap keeps the framing");
    assert_ne!(a[ha.clone()], b[hb.clone()], "the headers differ (bundle number, change range)");
    let mut a_with_b = a.clone();
    a_with_b[ha.clone()].copy_from_slice(&b[hb.clone()]);
    let mut b_with_a = b.clone();
    b_with_a[hb].copy_from_slice(&a[ha]);

    // Also the header of the office's bundle to another station, moved onto the station's bundle.
    let before = office.dump();
    let scratch = office.folder("t").join("swapped.lzb");
    assert_refused(&mut office, &scratch, &a_with_b, "bundle 1 under bundle 2's header");
    assert_refused(&mut office, &scratch, &b_with_a, "bundle 2 under bundle 1's header");
    assert_eq!(office.dump(), before, "byte for byte unchanged");
    assert_ok(office.import(&second));
    assert_ok(office.import(&first));
    assert_eq!(office.contact("D000001").as_deref(), Some("0375-3333333"));
    assert_eq!(office.contact("D000002").as_deref(), Some("0375-4444444"));
}

#[test]
fn an_old_bundle_replayed_after_newer_ones_changes_no_synced_data() {
    let mut office = Node::office();
    let mut station = Node::station("XH-01");
    enroll(&mut office, &mut station, "XH-01");

    // Down: the office changes a contact twice; the station reads the newer bundle, then the older one.
    office.set_contact("D000001", "0375-5000001");
    let old_down = office.export_to(&station);
    office.set_contact("D000001", "0375-5000002");
    let new_down = office.export_to(&station);
    assert_ok(station.import(&old_down));
    assert_ok(station.import(&new_down));
    let state = station.synced_state();
    for replay in [&old_down, &new_down, &old_down] {
        let receipt = station.import(replay).unwrap();
        assert_eq!((receipt.result, receipt.applied), (ImportResult::Ok, 0), "{receipt:?}");
        assert_eq!(station.synced_state(), state, "a replay changes no synced data");
    }
    assert_eq!(station.contact("D000001").as_deref(), Some("0375-5000002"));

    // Up: the same after the office acknowledged and the station moved on.
    station.set_contact("D000002", "0375-6000001");
    let old_up = station.export_to(&office);
    assert_ok(office.import(&old_up));
    assert_ok(station.import(&office.export_to(&station)));
    station.set_contact("D000002", "0375-6000002");
    assert_ok(office.import(&station.export_to(&office)));
    let state = office.synced_state();
    let receipt = office.import(&old_up).unwrap();
    assert_eq!((receipt.result, receipt.applied), (ImportResult::Ok, 0), "{receipt:?}");
    assert_eq!(office.synced_state(), state);
    assert_eq!(office.contact("D000002").as_deref(), Some("0375-6000002"));
    assert!(liaison_core::sync::conflicts::unresolved(office.store.conn()).unwrap().is_empty(), "no conflict");
}

#[test]
fn a_bundle_for_another_node_is_refused_and_changes_nothing() {
    let mut office = Node::office();
    let mut one = Node::station("XH-01");
    let mut two = Node::station("XH-02");
    enroll(&mut office, &mut one, "XH-01");
    enroll(&mut office, &mut two, "XH-02");
    office.set_contact("D000001", "0375-7000001");
    let for_one = office.export_to(&one);
    one.set_contact("D000002", "0375-7000002");
    let from_one = one.export_to(&office);

    let before_two = two.dump();
    assert!(two.import(&for_one).is_err(), "XH-01's bundle at XH-02");
    assert!(two.import(&from_one).is_err(), "XH-01's upward bundle at XH-02");
    assert_eq!(two.dump(), before_two, "byte for byte unchanged");
    let before_office = office.dump();
    assert!(office.import(&for_one).is_err(), "the office's own bundle back at the office");
    assert_eq!(office.dump(), before_office, "byte for byte unchanged");
    let before_one = one.dump();
    assert!(one.import(&from_one).is_err(), "a station's own bundle back at the station");
    assert_eq!(one.dump(), before_one, "byte for byte unchanged");
    assert_ok(one.import(&for_one));
    assert_ok(office.import(&from_one));
}

/// Seals `payload` as if from `sender_node` (with `keys`, which the office did not enroll for it) to the office.
fn forged(office: &Node, keys: &liaison_sync::NodeKeys, payload: &serde_json::Value) -> Vec<u8> {
    let draft = liaison_sync::Draft {
        station: "XH-01".into(),
        direction: liaison_sync::Direction::Upstream,
        stream_seq: 2,
        changes: liaison_sync::SeqRange { start: 1, end: 1 },
        created_at_ms: 0,
        app_version: liaison_exchange::app_version(),
    };
    liaison_sync::seal(&draft, &serde_json::to_vec(payload).unwrap(), keys, &office.keys.public(), &[]).unwrap()
}

#[test]
fn a_bundle_signed_by_a_key_the_office_never_enrolled_changes_nothing() {
    let (mut office, station, _bytes, up) = office_and_bundle();
    let scratch = office.folder("t").join("forged.lzb");
    let before = office.dump();
    let body =
        serde_json::json!({"version": 1, "direction": "up", "from_seq": 0, "to_seq": 0, "changes": [], "acks": {}});

    // New keys under the enrolled station's own node id: the office holds other keys for it.
    let impostor = liaison_sync::NodeKeys::generate(&station.node_id()).unwrap();
    let bytes = forged(&office, &impostor, &body);
    assert_refused(&mut office, &scratch, &bytes, "the station's node id, other keys");
    // A stranger node.
    let stranger = liaison_sync::NodeKeys::generate("0194a2b3-stranger").unwrap();
    let bytes = forged(&office, &stranger, &body);
    assert_refused(&mut office, &scratch, &bytes, "a stranger's keys");
    assert_eq!(office.dump(), before, "byte for byte unchanged");

    // The impostor also claims an enrollment for XH-01 with its own keys: its signature matches the keys it
    // claims, but the claim does not hold (XH-01 has no pending enrollment), so it is refused before anything is
    // recorded, and the station's pinned keys stay.
    let mut claiming = body.clone();
    claiming["enrollment"] = serde_json::json!({
        "station_code": "XH-01", "secret": "0".repeat(64),
        "keys": liaison_exchange::identity::peer_keys(&impostor.public()),
    });
    let claiming_body = claiming.clone();
    let synced = office.synced_state();
    let peers = |n: &Node| -> Vec<String> {
        n.store
            .conn()
            .prepare("SELECT node_id, signing_key, key_id, status FROM peers ORDER BY id")
            .unwrap()
            .query_map([], |r| {
                Ok(format!(
                    "{:?}",
                    (
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?
                    )
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let pinned = peers(&office);
    std::fs::write(&scratch, forged(&office, &impostor, &claiming_body)).unwrap();
    let before = office.dump();
    assert!(office.import(&scratch).is_err());
    assert_eq!(office.dump(), before, "a forged claim leaves no trace, not even a receipt");
    assert_eq!(office.synced_state(), synced, "nothing of it applied");
    assert_eq!(peers(&office), pinned, "the station's keys are not replaced");

    assert_ok(office.import(&up));
    assert_eq!(office.contact("D000001").as_deref(), Some("0375-3333333"), "the genuine station still gets through");
}
