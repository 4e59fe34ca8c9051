//! Who may send us bundles: the caller's enrolment register, seen through the [`KeyLookup`] trait.
//!
//! The register itself (peers, enrolment, revocation, audit) belongs to the database side; this crate only asks
//! it one question per bundle — "is this node's key with this id pinned, revoked or unknown?" — so it never
//! depends on the database. [`PinnedKeys`] is a small in-memory register for tests, tools and the glue code.

use std::collections::HashMap;

use crate::keys::{KeyId, NodePublicKeys};

/// What the register knows of a sender's signing key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStatus {
    /// Enrolled and in force: these are the node's public keys (boxed: they are large next to the other answers).
    Pinned(Box<NodePublicKeys>),
    /// Enrolled once, revoked since (a lost PC, a replaced key): its bundles are refused.
    Revoked,
    /// Never enrolled here.
    Unknown,
}

/// The enrolment register as the bundle verifier sees it.
pub trait KeyLookup {
    /// The status of `node_id`'s signing key `key_id`.
    fn signing_key(&self, node_id: &str, key_id: KeyId) -> KeyStatus;
}

/// An in-memory register: pinned public keys by node and signing key id, some of them revoked.
#[derive(Debug, Default, Clone)]
pub struct PinnedKeys {
    keys: HashMap<(String, KeyId), (NodePublicKeys, bool)>,
}

impl PinnedKeys {
    /// An empty register.
    pub fn new() -> Self {
        Self::default()
    }

    /// Enrols `keys` (a node may have several signing keys over time; each is pinned by its id).
    pub fn pin(&mut self, keys: NodePublicKeys) -> &mut Self {
        self.keys.insert((keys.node_id().to_owned(), keys.signing_key_id()), (keys, false));
        self
    }

    /// Revokes `node_id`'s key `key_id`; false when it was never pinned.
    pub fn revoke(&mut self, node_id: &str, key_id: KeyId) -> bool {
        match self.keys.get_mut(&(node_id.to_owned(), key_id)) {
            Some((_, revoked)) => {
                *revoked = true;
                true
            }
            None => false,
        }
    }
}

impl KeyLookup for PinnedKeys {
    fn signing_key(&self, node_id: &str, key_id: KeyId) -> KeyStatus {
        match self.keys.get(&(node_id.to_owned(), key_id)) {
            Some((_, true)) => KeyStatus::Revoked,
            Some((keys, false)) => KeyStatus::Pinned(Box::new(keys.clone())),
            None => KeyStatus::Unknown,
        }
    }
}
