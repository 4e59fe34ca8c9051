//! Sync bundles: the file a station and an office exchange (on a USB stick, by e-mail, through a relay), its
//! signature and its encryption. The transport container only: the payload (change records and
//! acknowledgements, chosen and applied by the database side) is opaque bytes here, and this crate depends on no
//! database.
//!
//! - [`keys`]: a node's key pairs ([`NodeKeys`], private; [`NodePublicKeys`], pinned by its peers) and
//!   [`KeyId`]s; [`key_files`]: saving them in the app-data folder (0600, never overwritten).
//! - [`seal`] makes a bundle; [`ParsedBundle::parse`] → [`ParsedBundle::verify`] → [`VerifiedBundle::open`]
//!   reads one. Only a [`VerifiedBundle`] yields the payload. Every refusal is an [`Error`] variant.
//! - [`lookup`]: the enrolment register seen as a trait ([`KeyLookup`]: pinned, revoked or unknown).
//!
//! # The format (version 1) — a contract
//!
//! Released versions are read forever (from [`OLDEST_READABLE_VERSION`] on): each has a golden bundle with the
//! test keys that made it under `tests/fixtures/sync/v<N>/`, and a test opens it. Any change to the bytes below
//! is a new [`FORMAT_VERSION`] (older apps then refuse the file as [`Error::NewerFormat`], asking for an
//! upgrade) and a new fixture folder. All integers are big-endian.
//!
//! | offset         | size | field                                                                              |
//! |----------------|------|------------------------------------------------------------------------------------|
//! | 0              | 8    | magic `LZBUNDLE`                                                                   |
//! | 8              | 2    | format version, u16 = 1                                                            |
//! | 10             | 2    | cipher suite id, u16 (1 = Ed25519 + age X25519 + zstd, see [`Suite`])              |
//! | 12             | 4    | header length H, u32 ≤ [`MAX_HEADER_LEN`]                                          |
//! | 16             | H    | header (table below)                                                               |
//! | 16+H           | 8    | ciphertext length C, u64 ≤ [`MAX_CIPHERTEXT_LEN`]                                  |
//! | 24+H           | C    | ciphertext: the payload zstd-compressed, then age v1 (binary) to the recipient and readers |
//! | 24+H+C         | 2    | signature length S, u16 (64 for suite 1)                                           |
//! | 26+H+C         | S    | signature over `"liaison-desk sync bundle\0"` ‖ bytes `0 .. 26+H+C`                  |
//! | 26+H+C+S       |      | end of file: nothing may follow                                                    |
//!
//! The header (`str8` = one length byte, then 1–64 bytes of UTF-8 without control characters; key ids are 8
//! bytes, see [`KeyId`]):
//!
//! | size    | field                                                                                           |
//! |---------|-------------------------------------------------------------------------------------------------|
//! | str8    | sender node id                                                                                  |
//! | 8       | sender signing key id                                                                           |
//! | str8    | recipient node id                                                                               |
//! | 8       | recipient encryption key id                                                                     |
//! | 1       | reader count R, ≤ [`header::MAX_READERS`]                                                       |
//! | R × (str8 + 8) | each reader's node id and encryption key id (distinct, none the recipient)               |
//! | str8    | station code                                                                                    |
//! | 1       | direction: 1 upstream (toward the office), 2 downstream (toward the stations)                   |
//! | 8       | stream sequence, u64 ≥ 1: the bundle's number in the sender → recipient stream                  |
//! | 8 + 8   | change sequence range `start..end`, u64s, start ≤ end (equal: acknowledgements only)            |
//! | 8       | created at, i64 milliseconds since the Unix epoch (UTC)                                         |
//! | 2+2+2   | app version that wrote it: major, minor, patch                                                  |
//!
//! Why it is shaped like this:
//! - **The signature covers the exact bytes on disk** — magic, versions, suite, lengths, header, ciphertext —
//!   never a re-serialization, so what is verified is what was read. age authenticates no sender; the
//!   signature does, and it covers the ciphertext, so a header cannot be moved onto another bundle's payload.
//! - **A binary header, not JSON**, so that it is canonical: one value, one encoding, no unknown or optional
//!   fields, no trailing bytes (see [`header`]). Older readers never skip a signed field they do not understand:
//!   a new field is a new version.
//! - **The suite id and length-prefixed ciphertext and signature** let a national-algorithm suite (SM2 / SM3 /
//!   SM4) be added as suite 2 without changing the container.
//! - **Limits are checked on the declared lengths before anything is allocated**, and the decompressed payload
//!   is read as a stream up to a cap, so neither a crafted length nor a decompression bomb can exhaust memory.
//! - **A county office between stations and the city needs no format change.** It can relay a bundle it cannot
//!   read: the file is forwarded unchanged, and [`ParsedBundle::check_signature`] lets it check the sender first
//!   without the payload. It can read its own county's bundles when the station names it as a reader: the
//!   payload is encrypted to every reader, and [`VerifiedBundle::role`] tells it that it is a reader, not the
//!   recipient. Directions are "upstream"/"downstream", not station/office, so the county fits both ways.
//!
//! Verification order and rejections: [`Error::NotABundle`], [`Error::Truncated`], [`Error::Corrupt`],
//! [`Error::UnsupportedVersion`], [`Error::NewerFormat`], [`Error::UnsupportedSuite`] and [`Error::TooLarge`]
//! come from parsing; [`Error::WrongRecipient`], [`Error::UnknownSender`], [`Error::RevokedSender`],
//! [`Error::BadSignature`] and [`Error::NewerApp`] from verifying; [`Error::Undecryptable`] and a payload over
//! the cap from opening.

pub mod bundle;
pub mod error;
pub mod format;
pub mod header;
pub mod key_files;
pub mod keys;
pub mod lookup;
pub mod suite;
mod wire;

pub use bundle::{Draft, ParsedBundle, Role, VerifiedBundle, seal};
pub use error::{Error, Result};
pub use format::{
    FORMAT_VERSION, MAGIC, MAX_BUNDLE_LEN, MAX_CIPHERTEXT_LEN, MAX_HEADER_LEN, MAX_PAYLOAD_LEN, OLDEST_READABLE_VERSION,
};
pub use header::{AppVersion, Direction, Header, NodeRef, SeqRange};
pub use keys::{KeyId, NodeKeys, NodePublicKeys};
pub use lookup::{KeyLookup, KeyStatus, PinnedKeys};
pub use suite::Suite;
