//! Sealing a bundle, and the three states of a received one: [`ParsedBundle`] (structure only) →
//! [`VerifiedBundle`] (addressed to us, from an enrolled sender, signature good) → its payload.
//!
//! Parsing is separate from verification, and the types keep them apart: only [`ParsedBundle::verify`] makes a
//! [`VerifiedBundle`], and only a [`VerifiedBundle`] can be opened, so no code path can apply what was not
//! verified. Every step either returns the next state or an [`Error`] naming the reason; nothing is written
//! anywhere by this crate, so a rejection changes nothing.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use crate::error::{Error, Result};
use crate::format::{self, MAX_BUNDLE_LEN, MAX_CIPHERTEXT_LEN, MAX_PAYLOAD_LEN};
use crate::header::{AppVersion, Direction, Header, NodeRef, SeqRange};
use crate::keys::{NodeKeys, NodePublicKeys};
use crate::lookup::{KeyLookup, KeyStatus};
use crate::suite::Suite;

/// What the caller decides about a bundle to seal; the node and key fields of the header come from the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The station the changes belong to.
    pub station: String,
    /// Upstream or downstream.
    pub direction: Direction,
    /// The bundle's number in the sender → recipient stream, from 1.
    pub stream_seq: u64,
    /// The sender's change sequence numbers carried.
    pub changes: SeqRange,
    /// Milliseconds since the Unix epoch (UTC), from the caller's injected clock.
    pub created_at_ms: i64,
    /// The app version writing the bundle.
    pub app_version: AppVersion,
}

/// Seals `payload` from `sender` to `recipient` (and the extra `readers`, e.g. a county office) with the default
/// suite: compressed, encrypted to every one of them, signed by the sender over header and ciphertext. The
/// ciphertext is randomized (age draws a fresh file key and ephemeral keys), so sealing twice gives two files.
pub fn seal(
    draft: &Draft,
    payload: &[u8],
    sender: &NodeKeys,
    recipient: &NodePublicKeys,
    readers: &[NodePublicKeys],
) -> Result<Vec<u8>> {
    let encryption_ref =
        |node: &NodePublicKeys| NodeRef { node_id: node.node_id().to_owned(), key_id: node.encryption_key_id() };
    let header = Header {
        sender: NodeRef { node_id: sender.node_id().to_owned(), key_id: sender.public().signing_key_id() },
        recipient: encryption_ref(recipient),
        readers: readers.iter().map(encryption_ref).collect(),
        station: draft.station.clone(),
        direction: draft.direction,
        stream_seq: draft.stream_seq,
        changes: draft.changes,
        created_at_ms: draft.created_at_ms,
        app_version: draft.app_version,
    };
    header.validate().map_err(Error::Invalid)?;
    if payload.len() > MAX_PAYLOAD_LEN {
        return Err(Error::TooLarge { what: "内容", limit: MAX_PAYLOAD_LEN as u64 });
    }
    let suite = Suite::DEFAULT;
    let to: Vec<&NodePublicKeys> = std::iter::once(recipient).chain(readers).collect();
    let ciphertext = suite.encrypt(payload, &to)?;
    if ciphertext.len() > MAX_CIPHERTEXT_LEN {
        return Err(Error::TooLarge { what: "密文", limit: MAX_CIPHERTEXT_LEN as u64 });
    }
    let mut bytes = format::signed_part(suite, &header.encode(), &ciphertext);
    let signature = suite.sign(sender, &format::signed_message(&bytes));
    bytes.extend_from_slice(&signature);
    Ok(bytes)
}

/// A bundle whose structure is sound. Its header is **not yet authenticated**: show it ("a bundle from station
/// …") or route by it, but decide nothing on it before [`ParsedBundle::verify`].
#[derive(Clone)]
pub struct ParsedBundle {
    suite: Suite,
    header: Header,
    /// The whole file, kept once; the sections are ranges into it.
    bytes: Vec<u8>,
    ciphertext: Range<usize>,
    signed_end: usize,
    signature: Range<usize>,
}

/// How the verifying node stands to a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The recipient: the node that applies it.
    Recipient,
    /// One of the extra readers (e.g. the county office over its station's bundle for the city).
    Reader,
}

impl ParsedBundle {
    /// Checks the structure of `bytes` — magic, versions, suite, lengths and limits, the header's fields — with no
    /// cryptography.
    pub fn parse(bytes: &[u8]) -> Result<Self> {
        Self::from_vec(bytes.to_vec())
    }

    /// [`ParsedBundle::parse`] keeping `bytes` without a copy.
    pub fn from_vec(bytes: Vec<u8>) -> Result<Self> {
        let envelope = format::split(&bytes)?;
        Ok(ParsedBundle {
            suite: envelope.suite,
            header: Header::decode(&bytes[envelope.header])?,
            ciphertext: envelope.ciphertext,
            signed_end: envelope.signed_end,
            signature: envelope.signature,
            bytes,
        })
    }

    /// Reads and parses a bundle file, refusing one over [`MAX_BUNDLE_LEN`] before reading it.
    pub fn read_file(path: &Path) -> Result<Self> {
        let len = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
        if len > MAX_BUNDLE_LEN as u64 {
            return Err(Error::TooLarge { what: "文件", limit: MAX_BUNDLE_LEN as u64 });
        }
        Self::from_vec(std::fs::read(path).map_err(|e| Error::io(path, e))?)
    }

    /// The header as written — unauthenticated until verified.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The cipher suite.
    pub fn suite(&self) -> Suite {
        self.suite
    }

    /// Verifies the bundle for node `me`, running app version `app_version`, against the enrolment register
    /// `senders`. In order: addressed to `me` (as recipient or reader, with `me`'s current encryption key);
    /// sender enrolled and not revoked; signature over header and ciphertext (strict); not written by a newer
    /// release than ours.
    pub fn verify(
        self,
        me: &NodePublicKeys,
        senders: &dyn KeyLookup,
        app_version: AppVersion,
    ) -> Result<VerifiedBundle> {
        // The recipient first: for a misdelivered file "not for this node" is the useful message, whoever sent it.
        let role = role_of(&self.header, me)?;
        self.check_signature(senders)?;
        if self.header.app_version.is_newer_release_than(app_version) {
            return Err(Error::NewerApp { bundle: self.header.app_version, ours: app_version });
        }
        Ok(VerifiedBundle {
            suite: self.suite,
            header: self.header,
            bytes: self.bytes,
            ciphertext: self.ciphertext,
            role,
            me: NodeRef { node_id: me.node_id().to_owned(), key_id: me.encryption_key_id() },
        })
    }

    /// Decrypts the payload of a bundle whose sender is **not enrolled yet**, addressed to `me`, so that the caller
    /// can read the public keys an enrolling station claims there (with the one-time secret that vouches for them)
    /// and then [`ParsedBundle::verify`] the signature against exactly those keys. What this returns is
    /// unauthenticated: read the claimed keys from it, never apply it — apply only what a [`VerifiedBundle`] opens.
    pub fn peek_enrolling(&self, me: &NodeKeys, limit: usize) -> Result<Vec<u8>> {
        role_of(&self.header, &me.public())?;
        self.suite.decrypt(&self.bytes[self.ciphertext.clone()], me, limit.min(MAX_PAYLOAD_LEN))
    }

    /// Checks that an enrolled, unrevoked sender signed this bundle, without being its recipient: what a relay
    /// (a county office forwarding its stations' bundles to the city) checks before passing the bytes on
    /// unchanged. The payload stays out of reach.
    pub fn check_signature(&self, senders: &dyn KeyLookup) -> Result<()> {
        let sender = &self.header.sender;
        let unknown = || Error::UnknownSender { node: sender.node_id.clone(), key_id: sender.key_id };
        let keys = match senders.signing_key(&sender.node_id, sender.key_id) {
            KeyStatus::Pinned(keys) => keys,
            KeyStatus::Revoked => {
                return Err(Error::RevokedSender { node: sender.node_id.clone(), key_id: sender.key_id });
            }
            KeyStatus::Unknown => return Err(unknown()),
        };
        // A register answering with another node's keys is a bug there; refusing is the safe reading of it.
        if keys.node_id() != sender.node_id || keys.signing_key_id() != sender.key_id {
            return Err(unknown());
        }
        let message = format::signed_message(&self.bytes[..self.signed_end]);
        self.suite.verify(&keys, &message, &self.bytes[self.signature.clone()])
    }
}

fn role_of(header: &Header, me: &NodePublicKeys) -> Result<Role> {
    let mine = |node: &NodeRef| node.node_id == me.node_id() && node.key_id == me.encryption_key_id();
    if mine(&header.recipient) {
        Ok(Role::Recipient)
    } else if header.readers.iter().any(mine) {
        Ok(Role::Reader)
    } else {
        let r = &header.recipient;
        Err(Error::WrongRecipient { recipient: format!("{}，密钥 {}", r.node_id, r.key_id) })
    }
}

/// A bundle addressed to us, from an enrolled sender, with a good signature: its header is authentic, and its
/// payload can be opened.
pub struct VerifiedBundle {
    suite: Suite,
    header: Header,
    bytes: Vec<u8>,
    ciphertext: Range<usize>,
    role: Role,
    me: NodeRef,
}

impl VerifiedBundle {
    /// The authenticated header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Whether we are the recipient or a reader.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Decrypts and decompresses the payload with `me`'s keys (the node it was verified for), up to
    /// [`MAX_PAYLOAD_LEN`] bytes.
    pub fn open(self, me: &NodeKeys) -> Result<(Header, Vec<u8>)> {
        self.open_with_limit(me, MAX_PAYLOAD_LEN)
    }

    /// [`VerifiedBundle::open`] with a smaller cap on the decompressed payload.
    pub fn open_with_limit(self, me: &NodeKeys, limit: usize) -> Result<(Header, Vec<u8>)> {
        let public = me.public();
        if public.node_id() != self.me.node_id || public.encryption_key_id() != self.me.key_id {
            return Err(Error::WrongRecipient {
                recipient: format!("{}，密钥 {}", self.me.node_id, self.me.key_id)
            });
        }
        let payload = self.suite.decrypt(&self.bytes[self.ciphertext], me, limit.min(MAX_PAYLOAD_LEN))?;
        Ok((self.header, payload))
    }
}

// By hand: the derived form would print every byte of the file into a log line.
impl fmt::Debug for ParsedBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.bytes.len();
        f.debug_struct("ParsedBundle")
            .field("suite", &self.suite)
            .field("header", &self.header)
            .field("bytes", &bytes)
            .finish()
    }
}

impl fmt::Debug for VerifiedBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedBundle").field("role", &self.role).field("header", &self.header).finish_non_exhaustive()
    }
}
