//! Sync end to end, for the CLI and the desktop app alike: the glue between the database side
//! ([`liaison_core::sync`]: what a bundle carries, applying it in one transaction, peers, receipts, conflicts) and
//! the file format ([`liaison_sync`]: the signed, encrypted container).
//!
//! - [`identity`]: this node's key pairs, made on first use in `sync-keys/` beside the database (0600), and the
//!   conversions between the format's public keys and the peers table's.
//! - [`register`]: the peers table as the format's [`liaison_sync::KeyLookup`].
//! - [`enrollment`]: the office's enrollment file for a station (its code, the office's node and public keys, the
//!   one-time secret), written by the office and accepted by the station.
//! - [`export`]: cuts, seals and writes the next bundle for a peer — all in the transaction that numbers it, so a
//!   file that could not be written leaves no gap.
//! - [`import`]: reads a bundle file, verifies it (the sender's pinned key; for a station's first bundle, the keys
//!   its enrollment proof claims), opens it and applies it in one transaction.
//! - [`folders`]: the sync folders a clerk last used, remembered in this installation's settings.
//! - [`inbox`]: the office's folder of arrived bundles: import each, archive it, write every station's return.

pub mod enrollment;
pub mod export;
pub mod folders;
pub mod identity;
pub mod import;
pub mod inbox;
pub mod register;

/// The extension of bundle files.
pub const BUNDLE_EXTENSION: &str = "lzb";

/// This program's version, written into every bundle's header (a newer bundle is refused by an older app).
pub fn app_version() -> liaison_sync::AppVersion {
    liaison_sync::AppVersion::parse(env!("CARGO_PKG_VERSION")).expect("the package version is x.y.z")
}

/// A format-level refusal as the core's error (its message is already Chinese with the English term).
pub(crate) fn format_error(e: liaison_sync::Error) -> liaison_core::Error {
    liaison_core::Error::Invalid(e.to_string())
}
