//! Golden bundles of every released format version, committed with the test keys that made them under
//! `tests/fixtures/sync/v<N>/` at the repository root: each must still parse, verify and open to its payload, so
//! a change that breaks old files fails here (and must become a new format version instead).
//!
//! `cargo test -p liaison-sync -- --ignored write_golden_fixture` writes the current version's folder once; it
//! refuses to overwrite, since a released fixture must never change.

use std::path::{Path, PathBuf};

use liaison_sync::{
    AppVersion, Direction, FORMAT_VERSION, NodeKeys, NodePublicKeys, OLDEST_READABLE_VERSION, ParsedBundle, PinnedKeys,
    Role, SeqRange,
};

use crate::common::APP;

/// `tests/fixtures/sync` at the repository root.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sync")
}

/// The golden payload: what the lead's glue will put there (change records and acks), as opaque bytes here.
const GOLDEN_PAYLOAD: &str = r#"{"changes":[{"seq":1,"entity":"deputy","field":"name","value":"张明新"},{"seq":2,"entity":"deputy","field":"phone","value":"13800000000"},{"seq":3,"entity":"visit","field":"summary","value":"反映小区停车难"}],"acks":[]}"#;

/// Loads a fixture's private keys. Git does not keep file modes, so the checked-out key file is copied into a
/// private temporary folder first (loading refuses a key file others may read).
pub fn load_keys(dir: &Path) -> NodeKeys {
    let private = tempfile::tempdir().unwrap();
    let copy = private.path().join(liaison_sync::key_files::PRIVATE_KEY_FILE);
    std::fs::copy(dir.join(liaison_sync::key_files::PRIVATE_KEY_FILE), &copy).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    NodeKeys::load(private.path()).unwrap()
}

fn public_keys(dir: &Path) -> NodePublicKeys {
    NodePublicKeys::load(&dir.join(liaison_sync::key_files::PUBLIC_KEY_FILE)).unwrap()
}

#[test]
fn every_released_version_still_parses_verifies_and_opens() {
    for version in OLDEST_READABLE_VERSION..=FORMAT_VERSION {
        let dir = fixtures().join(format!("v{version}"));
        assert!(dir.is_dir(), "no golden fixture for format version {version} in {}", dir.display());
        let sender = public_keys(&dir.join("sender"));
        let recipient = load_keys(&dir.join("recipient"));
        assert_eq!(recipient.public(), public_keys(&dir.join("recipient")));
        let mut register = PinnedKeys::new();
        register.pin(sender.clone());

        let bytes = std::fs::read(dir.join("bundle.lzb")).unwrap();
        assert_eq!(u16::from_be_bytes([bytes[8], bytes[9]]), version);
        let verified = ParsedBundle::parse(&bytes).unwrap().verify(&recipient.public(), &register, APP).unwrap();
        assert_eq!(verified.role(), Role::Recipient);
        let (header, payload) = verified.open(&recipient).unwrap();
        assert_eq!(payload, std::fs::read(dir.join("payload.bin")).unwrap());
        assert_eq!(header.sender.node_id, sender.node_id());
        assert_eq!(header.sender.key_id, sender.signing_key_id());
        assert_eq!(header.recipient.key_id, recipient.public().encryption_key_id());
    }
}

#[test]
fn the_v1_fixture_has_the_header_it_was_written_with() {
    let dir = fixtures().join("v1");
    let parsed = ParsedBundle::parse(&std::fs::read(dir.join("bundle.lzb")).unwrap()).unwrap();
    let header = parsed.header();
    assert_eq!(header.sender.node_id, "019ac0de-0000-7000-8000-000000000101");
    assert_eq!(header.recipient.node_id, "019ac0de-0000-7000-8000-0000000000c1");
    assert!(header.readers.is_empty());
    assert_eq!(header.station, "ZD0101");
    assert_eq!(header.direction, Direction::Upstream);
    assert_eq!(header.stream_seq, 1);
    assert_eq!(header.changes, SeqRange { start: 1, end: 4 });
    assert_eq!(header.created_at_ms, 1_795_651_200_000);
    assert_eq!(header.app_version, AppVersion::new(0, 1, 0));
    assert_eq!(std::fs::read_to_string(dir.join("payload.bin")).unwrap(), GOLDEN_PAYLOAD);
}

/// Writes the current format version's golden folder (run by hand, once per released version).
#[test]
#[ignore = "writes the golden fixture of a new format version; run once, by hand"]
fn write_golden_fixture() {
    let dir = fixtures().join(format!("v{FORMAT_VERSION}"));
    assert!(!dir.join("bundle.lzb").exists(), "{} exists: released fixtures never change", dir.display());
    let sender = NodeKeys::generate("019ac0de-0000-7000-8000-000000000101").unwrap();
    let recipient = NodeKeys::generate("019ac0de-0000-7000-8000-0000000000c1").unwrap();
    sender.save(&dir.join("sender")).unwrap();
    recipient.save(&dir.join("recipient")).unwrap();
    let draft = liaison_sync::Draft {
        station: "ZD0101".into(),
        direction: Direction::Upstream,
        stream_seq: 1,
        changes: SeqRange { start: 1, end: 4 },
        created_at_ms: 1_795_651_200_000,
        app_version: AppVersion::new(0, 1, 0),
    };
    let bytes = liaison_sync::seal(&draft, GOLDEN_PAYLOAD.as_bytes(), &sender, &recipient.public(), &[]).unwrap();
    std::fs::write(dir.join("payload.bin"), GOLDEN_PAYLOAD).unwrap();
    std::fs::write(dir.join("bundle.lzb"), bytes).unwrap();
}
