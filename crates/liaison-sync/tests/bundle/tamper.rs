//! Tamper sweeps: every single-byte change and every truncation of a whole bundle, and headers swapped between
//! two bundles, are all refused.

use liaison_sync::{Error, ParsedBundle};

use crate::common::{HEADER_START, World, draft, header_len};

#[test]
fn every_single_byte_change_is_refused() {
    let world = World::new();
    let bytes = world.upstream(&draft(), "一条变更 one change".as_bytes());
    assert!(world.office_verifies(&bytes).is_ok());
    // Every bit on its own, and every byte inverted: 9 variants of each of the ~400 bytes.
    let masks = [1u8, 2, 4, 8, 16, 32, 64, 128, 0xff];
    for i in 0..bytes.len() {
        for mask in masks {
            let mut changed = bytes.clone();
            changed[i] ^= mask;
            if let Ok(verified) = world.office_verifies(&changed) {
                panic!("byte {i} ^ {mask:#04x} was accepted: {:?}", verified.header());
            }
        }
    }
}

#[test]
fn every_truncation_is_refused_as_truncated() {
    let world = World::new();
    let bytes = world.upstream(&draft(), b"some changes");
    for len in 0..bytes.len() {
        let err = ParsedBundle::parse(&bytes[..len]).unwrap_err();
        assert!(matches!(err, Error::Truncated), "cut at {len}: {err}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(ParsedBundle::parse(&longer), Err(Error::Corrupt(_))));
}

#[test]
fn headers_swapped_between_two_bundles_are_refused() {
    let world = World::new();
    let mut second = draft();
    second.stream_seq = 2;
    second.changes.start = 4;
    second.changes.end = 9;
    let a = world.upstream(&draft(), b"first bundle's changes");
    let b = world.upstream(&second, b"second bundle's changes");
    let (a_end, b_end) = (HEADER_START + header_len(&a), HEADER_START + header_len(&b));
    // A's envelope start and header, B's ciphertext and signature; then the reverse.
    for (head, tail) in [(&a[..a_end], &b[b_end..]), (&b[..b_end], &a[a_end..])] {
        let swapped = [head, tail].concat();
        assert!(ParsedBundle::parse(&swapped).is_ok(), "the structure is still sound");
        let err = world.office_verifies(&swapped).unwrap_err();
        assert!(matches!(err, Error::BadSignature), "{err}");
    }
    // A's header and signature around B's ciphertext.
    let sig_len = 64;
    let swapped = [&a[..a_end], &b[b_end..b.len() - sig_len], &a[a.len() - sig_len..]].concat();
    assert!(matches!(world.office_verifies(&swapped), Err(Error::BadSignature)));
}
