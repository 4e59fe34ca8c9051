//! Entity ids, of two sorts.
//!
//! - **Random** ([`new_id`]): UUIDv7 (time-ordered, so indexes stay compact and ids sort by creation), built from
//!   the injected clock and randomness rather than the `uuid` crate's global generator. For records that are new
//!   each time someone enters them: visits, matters, events, activities, attachments, operators.
//! - **Derived from a natural key** ([`natural_id`]): the same key gives the same id on every node, so two offline
//!   nodes entering the same thing create the *same* entity, and their inserts merge field by field through the
//!   change log (differing values land in the conflicts list) instead of breaking the projection's UNIQUE
//!   constraint when one node's insert reaches the other — which would refuse the whole bundle, forever. Used for
//!   the roster (regions, platforms, deputies, handling units: key = entity kind + code,
//!   [`crate::roster::roster_id`]) and for rota slots and attendance lines (key = what makes them unique).
//!
//! The derivation is part of the sync contract: nodes of different versions must derive the same id from the same
//! key, so neither [`natural_id`] nor any key's parts may ever change. Records made before roster ids were derived
//! keep their random ids (an id never changes once made).

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::clock::{Clock, Entropy};

/// A new UUIDv7 for an entity.
pub fn new_id(clock: &dyn Clock, entropy: &dyn Entropy) -> Uuid {
    let mut random = [0u8; 10];
    entropy.fill(&mut random);
    let ms = u64::try_from(clock.now_ms()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(ms, &random).into_uuid()
}

/// An entity id derived from a natural key: a UUID of version 8 (RFC 9562's custom layout) made of the first 16
/// bytes of the SHA-256 of the key's parts, each followed by a NUL byte (a separator no code contains, so
/// `("ab", "c")` and `("a", "bc")` differ). The first part names the entity kind (`"deputy"`, `"duty_slot"` …), so
/// the keys of different kinds never meet. SHA-256 rather than UUIDv5's SHA-1: the project already depends on it,
/// and a name-based id needs no namespace UUID when the kind leads the key.
pub fn natural_id(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    let digest = hash.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{FakeClock, SeededEntropy};

    #[test]
    fn ids_are_version_7_and_repeat_with_the_same_seed() {
        let clock = FakeClock::at(chrono::DateTime::from_timestamp_millis(1_750_000_000_000).unwrap());
        let a = new_id(&clock, &SeededEntropy::new(1));
        let b = new_id(&clock, &SeededEntropy::new(1));
        assert_eq!(a, b);
        assert_eq!(a.get_version_num(), 7);
        clock.advance_ms(1);
        assert!(new_id(&clock, &SeededEntropy::new(1)) > a, "later ids sort later");
    }

    #[test]
    fn natural_ids_are_pinned_by_the_sync_contract() {
        // Recorded once: a change here would make nodes of different versions mint different ids for one code.
        assert_eq!(natural_id(&["deputy", "D000001"]), "1878bdad-8223-866e-bdcc-0c152dfd716a");
        let id = Uuid::parse_str(&natural_id(&["deputy", "D000001"])).unwrap();
        assert_eq!(id.get_version_num(), 8);
        assert_ne!(natural_id(&["deputy", "D000001"]), natural_id(&["platform", "D000001"]), "kinds never meet");
        assert_ne!(natural_id(&["ab", "c"]), natural_id(&["a", "bc"]));
    }
}
