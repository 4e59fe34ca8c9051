//! Importing a bundle file: parse (structure only), verify (addressed to this node, an enrolled and unrevoked
//! sender, a good signature, not from a newer release), open (decrypt, decompress), decode the payload, apply it
//! in one transaction ([`liaison_core::sync::apply_incoming`]).
//!
//! A file that fails before the payload is applied — corrupted, truncated, for another node, from an unknown or
//! revoked key, tampered with — changes nothing at all, not even the history: it is not proven to come from anyone,
//! and recording it would let anyone fill the history. The caller shows the refusal (the per-file result table,
//! the CLI's message). A verified bundle is always recorded (applied, or rejected with the reason and nothing of
//! it applied).
//!
//! A station's first bundle comes from a sender the office has not pinned yet. Its payload carries the station's
//! public keys and the one-time secret of its enrollment file; the office reads them with
//! [`liaison_sync::ParsedBundle::peek_enrolling`] (its own key decrypts them) and verifies the signature against
//! exactly those keys, after checking that the secret matches a pending enrollment of that station (a claim that
//! does not hold is refused like any unverifiable file: nothing recorded). Only then is the bundle applied, and
//! the core pins the keys.

use liaison_core::store::Writer;
use liaison_core::sync::{self, Direction, ImportReceipt, Payload};
use liaison_core::{Error, Result, Store};
use liaison_sync::{KeyLookup, KeyStatus, MAX_PAYLOAD_LEN, NodeKeys, ParsedBundle, PinnedKeys, VerifiedBundle};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::identity::public_keys;
use crate::register::Register;
use crate::{app_version, format_error};

/// Imports the bundle `bytes` as `operator`, in a transaction of its own: the receipt of a verified bundle
/// (applied, or rejected and recorded), or an error for a file that could not be verified (nothing recorded).
pub fn import_bytes(store: &mut Store, keys: &NodeKeys, operator: &str, bytes: Vec<u8>) -> Result<ImportReceipt> {
    let opened = open(store.conn(), keys, bytes)?;
    sync::apply_incoming(store, operator, &opened.sender, opened.bundle, &opened.file_sha256, &opened.payload)
}

/// A verified, decrypted and decoded bundle, not applied yet.
pub struct Opened {
    sender: String,
    bundle: u64,
    file_sha256: String,
    payload: Payload,
}

impl Opened {
    /// Applies it inside a write that takes several bundles ([`sync::apply_in_batch`]): an `Err` is the reason it
    /// is rejected, and the write must then be rolled back.
    pub fn apply_in_batch(&self, w: &mut Writer<'_>) -> Result<ImportReceipt> {
        sync::apply_in_batch(w, &self.sender, self.bundle, &self.file_sha256, &self.payload)
    }
}

/// Parses, verifies (against the peers of the database behind `conn`), decrypts and decodes the bundle `bytes`,
/// writing nothing: an error is a file that cannot be verified or read.
pub fn open(conn: &Connection, keys: &NodeKeys, bytes: Vec<u8>) -> Result<Opened> {
    let file_sha256 = format!("{:x}", Sha256::digest(&bytes));
    let parsed = ParsedBundle::from_vec(bytes).map_err(format_error)?;
    let verified = verify(conn, keys, parsed)?;
    let (header, body) = verified.open(keys).map_err(format_error)?;
    let payload = decode(&body)?;
    let expected_direction = match header.direction {
        liaison_sync::Direction::Upstream => Direction::Up,
        liaison_sync::Direction::Downstream => Direction::Down,
    };
    let range_ok = header.changes.start == seq(payload.from_seq) + 1 && header.changes.end == seq(payload.to_seq) + 1;
    if payload.direction != expected_direction || !range_ok {
        return Err(Error::Invalid("数据包的封面与内容不一致，未导入".into()));
    }
    Ok(Opened { sender: header.sender.node_id, bundle: header.stream_seq, file_sha256, payload })
}

/// Reads the bundle file at `path`.
pub fn read_bundle(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io { path: path.to_owned(), source })
}

/// Imports the bundle file at `path`.
pub fn import_file(
    store: &mut Store,
    keys: &NodeKeys,
    operator: &str,
    path: &std::path::Path,
) -> Result<ImportReceipt> {
    import_bytes(store, keys, operator, read_bundle(path)?)
}

/// Verifies against the peers table; a sender it does not know may be a station sending its first bundle, whose
/// claimed keys are then what the signature must match.
fn verify(conn: &Connection, keys: &NodeKeys, parsed: ParsedBundle) -> Result<VerifiedBundle> {
    let me = keys.public();
    let register = Register(conn);
    let sender = parsed.header().sender.clone();
    if !matches!(register.signing_key(&sender.node_id, sender.key_id), KeyStatus::Unknown) {
        return parsed.verify(&me, &register, app_version()).map_err(format_error);
    }
    // Refuse a misdelivered file as such before decrypting anything.
    let body = match parsed.peek_enrolling(keys, MAX_PAYLOAD_LEN) {
        Ok(body) => body,
        Err(e) => return Err(format_error(e)),
    };
    let claimed = decode(&body)?.enrollment.ok_or_else(|| {
        format_error(liaison_sync::Error::UnknownSender { node: sender.node_id.clone(), key_id: sender.key_id })
    })?;
    // A claim that does not hold (no pending enrollment of that station, a wrong secret) is refused here, before
    // anything is recorded: the office's public keys are in every enrollment file, so anyone can encrypt to it.
    liaison_core::sync::peers::check_enrollment_proof(conn, &claimed)?;
    let mut pinned = PinnedKeys::new();
    pinned.pin(public_keys(&sender.node_id, &claimed.keys)?);
    parsed.verify(&me, &pinned, app_version()).map_err(format_error)
}

fn decode(body: &[u8]) -> Result<Payload> {
    serde_json::from_slice(body).map_err(|e| Error::Invalid(format!("数据包内容无法解读（{e}），未导入")))
}

fn seq(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
