//! What is sealed comes back: payload, header, role, for the recipient and for an extra reader.

use liaison_sync::{Error, ParsedBundle, Role};

use crate::common::{APP, World, draft};

#[test]
fn a_sealed_bundle_parses_verifies_and_opens_to_its_payload() {
    let world = World::new();
    let payload = "变更记录 change records ".repeat(100).into_bytes();
    let bytes = world.upstream(&draft(), &payload);
    assert_eq!(&bytes[..8], b"LZBUNDLE");

    let parsed = ParsedBundle::parse(&bytes).unwrap();
    assert_eq!(parsed.header().station, "ZD0101");
    let verified = parsed.verify(&world.office.public(), &world.office_register, APP).unwrap();
    assert_eq!(verified.role(), Role::Recipient);
    let (header, opened) = verified.open(&world.office).unwrap();
    assert_eq!(opened, payload);
    assert_eq!(header.sender.node_id, world.station.node_id());
    assert_eq!(header.sender.key_id, world.station.public().signing_key_id());
    assert_eq!(header.recipient.node_id, world.office.node_id());
    assert_eq!(header.recipient.key_id, world.office.public().encryption_key_id());
    assert_eq!(header.changes, draft().changes);
    assert_eq!(header.stream_seq, 1);
    assert!(header.readers.is_empty());
    // Compressed before encryption: a repetitive payload makes a much smaller file.
    assert!(bytes.len() < payload.len() / 4, "{} bytes for a {} byte payload", bytes.len(), payload.len());
}

#[test]
fn an_empty_payload_round_trips() {
    let world = World::new();
    let mut acks_only = draft();
    acks_only.changes.end = acks_only.changes.start;
    let bytes = world.upstream(&acks_only, b"");
    let (header, payload) = world.office_verifies(&bytes).unwrap().open(&world.office).unwrap();
    assert!(payload.is_empty());
    assert_eq!(header.changes.start, header.changes.end);
}

#[test]
fn a_reader_named_in_the_header_can_open_it_and_knows_it_is_not_the_recipient() {
    let world = World::new();
    let payload = b"county copy".to_vec();
    let bytes =
        liaison_sync::seal(&draft(), &payload, &world.station, &world.office.public(), &[world.county.public()])
            .unwrap();
    let mut county_register = liaison_sync::PinnedKeys::new();
    county_register.pin(world.station.public());
    let verified = ParsedBundle::parse(&bytes).unwrap().verify(&world.county.public(), &county_register, APP).unwrap();
    assert_eq!(verified.role(), Role::Reader);
    assert_eq!(verified.open(&world.county).unwrap().1, payload);
    // The recipient still opens it.
    assert_eq!(world.office_verifies(&bytes).unwrap().open(&world.office).unwrap().1, payload);
}

#[test]
fn a_relay_checks_the_signature_without_being_a_recipient() {
    let world = World::new();
    let bytes = world.upstream(&draft(), b"for the city");
    let mut county_register = liaison_sync::PinnedKeys::new();
    county_register.pin(world.station.public());
    let parsed = ParsedBundle::parse(&bytes).unwrap();
    parsed.check_signature(&county_register).unwrap();
    // … but it cannot verify it for itself, so it never gets the payload.
    let refused = parsed.verify(&world.county.public(), &county_register, APP).unwrap_err();
    assert!(matches!(refused, Error::WrongRecipient { .. }), "{refused}");
}

#[test]
fn sealing_refuses_an_invalid_header() {
    let world = World::new();
    let mut bad = draft();
    bad.changes.start = 10;
    bad.changes.end = 9;
    assert!(matches!(
        liaison_sync::seal(&bad, b"", &world.station, &world.office.public(), &[]),
        Err(Error::Invalid(_))
    ));
    let mut bad = draft();
    bad.stream_seq = 0;
    assert!(liaison_sync::seal(&bad, b"", &world.station, &world.office.public(), &[]).is_err());
    // To oneself, or naming the recipient again as a reader.
    assert!(liaison_sync::seal(&draft(), b"", &world.station, &world.station.public(), &[]).is_err());
    assert!(
        liaison_sync::seal(&draft(), b"", &world.station, &world.office.public(), &[world.office.public()]).is_err()
    );
}

#[test]
fn a_bundle_file_reads_back_from_disk() {
    let world = World::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ZD0101-000001.lzb");
    std::fs::write(&path, world.upstream(&draft(), b"on a USB stick")).unwrap();
    let parsed = ParsedBundle::read_file(&path).unwrap();
    assert!(format!("{parsed:?}").len() < 600, "Debug must not dump the file's bytes");
    let verified = parsed.verify(&world.office.public(), &world.office_register, APP).unwrap();
    assert_eq!(verified.open(&world.office).unwrap().1, b"on a USB stick");
}
