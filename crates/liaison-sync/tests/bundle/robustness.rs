//! The parser never panics: on random bytes, on random edits of a valid bundle (property tests, run in CI), and
//! on every crasher the fuzzer ever found (`tests/fixtures/sync/crashers/`, kept as regression inputs). And an
//! edited bundle never verifies.

use std::sync::OnceLock;

use liaison_sync::{MAGIC, ParsedBundle};
use proptest::prelude::*;

use crate::common::{World, draft};
use crate::golden::{fixtures, load_keys};

/// One world and one valid bundle for every case: key generation and sealing are the slow part.
fn valid() -> &'static (World, Vec<u8>) {
    static VALID: OnceLock<(World, Vec<u8>)> = OnceLock::new();
    VALID.get_or_init(|| {
        let world = World::new();
        let bytes = world.upstream(&draft(), "变更 changes".as_bytes());
        (world, bytes)
    })
}

proptest! {
    #[test]
    fn random_bytes_never_panic_the_parser(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = ParsedBundle::parse(&bytes);
    }

    #[test]
    fn random_bytes_after_a_valid_prefix_never_panic_the_parser(rest in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&[0, 1, 0, 1]);
        bytes.extend_from_slice(&rest);
        let _ = ParsedBundle::parse(&bytes);
    }

    #[test]
    fn edited_bundles_never_panic_and_never_verify(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let (world, valid) = valid();
        let mut bytes = valid.clone();
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let verified = world.office_verifies(&bytes);
        prop_assert!(verified.is_err() || &bytes == valid, "an edited bundle verified");
    }
}

#[test]
fn every_fuzz_crasher_is_refused_without_panicking() {
    let keys = load_keys(&fixtures().join("v1/recipient"));
    let sender = liaison_sync::NodePublicKeys::load(&fixtures().join("v1/sender/sync-node.pub.json")).unwrap();
    let mut register = liaison_sync::PinnedKeys::new();
    register.pin(sender);
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures().join("crashers")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let result = ParsedBundle::parse(&bytes)
            .and_then(|parsed| parsed.verify(&keys.public(), &register, crate::common::APP))
            .and_then(|verified| verified.open(&keys));
        assert!(result.is_err(), "{} was accepted", path.display());
        seen += 1;
    }
    assert!(seen > 0, "no crasher fixtures found: is the path right?");
}
