//! The peers table as the format's enrolment register: a sender is pinned (with the keys stored for it), revoked
//! (re-enrolled since: its old keys are refused), or unknown. A peer whose stored key id is not the one a bundle
//! names is unknown for that bundle: a station that made new keys must be re-enrolled, not silently trusted.

use liaison_core::sync::{PeerStatus, peers};
use liaison_sync::{KeyId, KeyLookup, KeyStatus};
use rusqlite::Connection;

use crate::identity::public_keys;

/// The register of the database behind `conn`.
pub struct Register<'a>(pub &'a Connection);

impl KeyLookup for Register<'_> {
    fn signing_key(&self, node_id: &str, key_id: KeyId) -> KeyStatus {
        // A database error reads as "unknown": the bundle is refused, which is the safe answer.
        let Ok(Some(peer)) = peers::lookup(self.0, node_id) else { return KeyStatus::Unknown };
        let Some(keys) = &peer.keys else { return KeyStatus::Unknown };
        if keys.key_id != key_id.to_string() {
            return KeyStatus::Unknown;
        }
        match peer.status {
            PeerStatus::Revoked => KeyStatus::Revoked,
            PeerStatus::Pending => KeyStatus::Unknown,
            PeerStatus::Pinned => match public_keys(node_id, keys) {
                Ok(public) => KeyStatus::Pinned(Box::new(public)),
                Err(_) => KeyStatus::Unknown,
            },
        }
    }
}
