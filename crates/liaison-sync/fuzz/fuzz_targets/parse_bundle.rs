//! Fuzz target: `ParsedBundle::parse` on arbitrary bytes must return, never panic, hang or over-allocate.
//! Crashers go to `tests/fixtures/sync/crashers/` at the repository root, where a regression test reads them.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = liaison_sync::ParsedBundle::parse(data) {
        // Touch what parsing produced, so the optimiser keeps all of it.
        let header = parsed.header();
        assert!(header.changes.start <= header.changes.end);
        assert!(!header.station.is_empty());
    }
});
