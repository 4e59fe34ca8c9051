//! Entity ids: UUIDv7 (time-ordered, so indexes stay compact and ids sort by creation), built from the injected
//! clock and randomness rather than the `uuid` crate's global generator.

use uuid::Uuid;

use crate::clock::{Clock, Entropy};

/// A new UUIDv7 for an entity.
pub fn new_id(clock: &dyn Clock, entropy: &dyn Entropy) -> Uuid {
    let mut random = [0u8; 10];
    entropy.fill(&mut random);
    let ms = u64::try_from(clock.now_ms()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(ms, &random).into_uuid()
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
}
