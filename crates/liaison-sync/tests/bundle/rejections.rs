//! Each rejection the sync issue names, one test each, asserting the reason rather than "some error".

use liaison_sync::{AppVersion, Error, ParsedBundle, PinnedKeys};

use crate::common::{APP, HEADER_START, World, draft, header_len};

#[test]
fn a_bundle_for_another_node_is_refused_as_wrong_recipient() {
    let world = World::new();
    let bytes = world.upstream(&draft(), b"x");
    let mut register = PinnedKeys::new();
    register.pin(world.station.public());
    let err = ParsedBundle::parse(&bytes).unwrap().verify(&world.stranger.public(), &register, APP).unwrap_err();
    assert!(matches!(err, Error::WrongRecipient { .. }), "{err}");
    assert!(err.to_string().contains("不是发给本节点的"), "{err}");
}

#[test]
fn a_bundle_for_our_old_key_is_refused_as_wrong_recipient() {
    let world = World::new();
    let bytes = world.upstream(&draft(), b"x");
    // The office re-keyed: same node id, new encryption key.
    let rekeyed = liaison_sync::NodeKeys::generate(world.office.node_id()).unwrap();
    let err = ParsedBundle::parse(&bytes).unwrap().verify(&rekeyed.public(), &world.office_register, APP).unwrap_err();
    assert!(matches!(err, Error::WrongRecipient { .. }), "{err}");
}

#[test]
fn a_verified_bundle_opens_only_with_the_keys_it_was_verified_for() {
    let world = World::new();
    let bytes = world.upstream(&draft(), b"x");
    let err = world.office_verifies(&bytes).unwrap().open(&world.stranger).unwrap_err();
    assert!(matches!(err, Error::WrongRecipient { .. }), "{err}");
}

#[test]
fn a_bundle_signed_by_an_unenrolled_key_is_refused() {
    let world = World::new();
    let bytes = liaison_sync::seal(&draft(), b"x", &world.stranger, &world.office.public(), &[]).unwrap();
    let err = world.office_verifies(&bytes).unwrap_err();
    assert!(matches!(err, Error::UnknownSender { .. }), "{err}");
    // A forger using an enrolled node's id still signs with a key nobody enrolled.
    let forger = liaison_sync::NodeKeys::generate(world.station.node_id()).unwrap();
    let bytes = liaison_sync::seal(&draft(), b"x", &forger, &world.office.public(), &[]).unwrap();
    let err = world.office_verifies(&bytes).unwrap_err();
    assert!(matches!(err, Error::UnknownSender { .. }), "{err}");
}

#[test]
fn a_bundle_from_a_revoked_key_is_refused() {
    let mut world = World::new();
    let bytes = world.upstream(&draft(), b"x");
    assert!(world.office_register.revoke(world.station.node_id(), world.station.public().signing_key_id()));
    let err = world.office_verifies(&bytes).unwrap_err();
    assert!(matches!(err, Error::RevokedSender { .. }), "{err}");
    assert!(err.to_string().contains("已被吊销"), "{err}");
}

#[test]
fn a_bundle_from_a_newer_release_is_refused_but_a_newer_patch_is_not() {
    let world = World::new();
    let mut newer = draft();
    newer.app_version = AppVersion::new(0, 2, 0);
    let bytes = world.upstream(&newer, b"x");
    let err = world.office_verifies(&bytes).unwrap_err();
    assert!(matches!(err, Error::NewerApp { .. }), "{err}");
    assert!(err.to_string().contains("请先升级"), "{err}");
    newer.app_version = AppVersion::new(0, 1, 9);
    assert!(world.office_verifies(&world.upstream(&newer, b"x")).is_ok());
}

#[test]
fn unknown_format_versions_and_suites_are_refused_by_name() {
    let world = World::new();
    let bytes = world.upstream(&draft(), b"x");
    let patched = |at: usize, value: u16| {
        let mut b = bytes.clone();
        b[at..at + 2].copy_from_slice(&value.to_be_bytes());
        ParsedBundle::parse(&b).unwrap_err()
    };
    assert!(matches!(patched(8, 2), Error::NewerFormat(2)));
    assert!(matches!(patched(8, 0), Error::UnsupportedVersion(0)));
    assert!(matches!(patched(10, 2), Error::UnsupportedSuite(2)));
    assert!(matches!(ParsedBundle::parse(b"PK\x03\x04 a zip file"), Err(Error::NotABundle)));
}

#[test]
fn absurd_declared_lengths_are_refused_before_allocating() {
    let world = World::new();
    let bytes = world.upstream(&draft(), b"x");
    let mut huge_header = bytes.clone();
    huge_header[12..16].copy_from_slice(&u32::MAX.to_be_bytes());
    assert!(matches!(ParsedBundle::parse(&huge_header), Err(Error::TooLarge { what: "头部", .. })));
    let mut huge_ciphertext = bytes.clone();
    let at = HEADER_START + header_len(&bytes);
    huge_ciphertext[at..at + 8].copy_from_slice(&u64::MAX.to_be_bytes());
    assert!(matches!(ParsedBundle::parse(&huge_ciphertext), Err(Error::TooLarge { what: "密文", .. })));
}

#[test]
fn a_decompression_bomb_is_capped() {
    let world = World::new();
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let bytes = world.upstream(&draft(), &zeros);
    assert!(bytes.len() < 64 * 1024, "8 MiB of zeros should compress to little, got {}", bytes.len());
    let err = world.office_verifies(&bytes).unwrap().open_with_limit(&world.office, 1024 * 1024).unwrap_err();
    assert!(matches!(err, Error::TooLarge { what: "内容", .. }), "{err}");
    // Exactly at the cap is fine.
    let (_, payload) = world.office_verifies(&bytes).unwrap().open_with_limit(&world.office, zeros.len()).unwrap();
    assert_eq!(payload.len(), zeros.len());
}
