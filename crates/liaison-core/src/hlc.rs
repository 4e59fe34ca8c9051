//! Hybrid logical clock (HLC) timestamps for the change log.
//!
//! A stamp is one `i64`: the upper 48 bits are wall-clock milliseconds, the lower 16 bits a counter. Stamps from
//! one node strictly increase even when the PC clock is set backwards (the last stamp is persisted in the `node`
//! table and the next stamp is at least one more), and a node that receives a remote stamp moves past it, so
//! causally later changes always carry larger stamps. Ordering between nodes is `(stamp, node_id)`.
//! A remote stamp more than [`MAX_FUTURE_DRIFT_MS`] ahead of our clock is refused: one PC with a wrong year must not
//! drag every other node's clock into the future.

use crate::error::{Error, Result};

/// How far ahead of the local clock a remote stamp may be (one day).
pub const MAX_FUTURE_DRIFT_MS: i64 = 24 * 60 * 60 * 1000;

const COUNTER_BITS: u32 = 16;

/// A hybrid-logical-clock stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Hlc(pub i64);

impl Hlc {
    /// The stamp for physical time `ms` with counter 0.
    pub fn from_millis(ms: i64) -> Self {
        Hlc(ms.max(0) << COUNTER_BITS)
    }

    /// The wall-clock milliseconds part.
    pub fn millis(self) -> i64 {
        self.0 >> COUNTER_BITS
    }

    /// The next local stamp after `last`, given the wall clock `now_ms`.
    ///
    /// When the counter overflows it carries into the milliseconds, which only moves the stamp a millisecond
    /// ahead of the wall clock: harmless, and simpler than refusing to write.
    pub fn next(last: Hlc, now_ms: i64) -> Hlc {
        Hlc(Hlc::from_millis(now_ms).0.max(last.0 + 1))
    }

    /// Checks a remote stamp against the local clock and returns the local clock's new floor.
    pub fn receive(last: Hlc, remote: Hlc, now_ms: i64) -> Result<Hlc> {
        if remote.millis() > now_ms + MAX_FUTURE_DRIFT_MS {
            return Err(Error::Invalid(format!(
                "一条更改的时间比本机时钟超前 {} 秒，发送方电脑的时钟有误，请校准后重新导出",
                (remote.millis() - now_ms) / 1000
            )));
        }
        Ok(last.max(remote))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_increase_when_the_clock_goes_back() {
        let a = Hlc::next(Hlc(0), 1_000);
        let b = Hlc::next(a, 900);
        let c = Hlc::next(b, 900);
        assert!(a < b && b < c);
        assert_eq!(a.millis(), 1_000);
        assert_eq!(c.millis(), 1_000, "counter, not time, moves on");
    }

    #[test]
    fn stamps_follow_the_clock_forward() {
        let a = Hlc::next(Hlc(0), 1_000);
        let b = Hlc::next(a, 5_000);
        assert_eq!(b, Hlc::from_millis(5_000));
    }

    #[test]
    fn remote_stamps_push_the_clock_but_not_too_far() {
        let last = Hlc::from_millis(1_000);
        let remote = Hlc::from_millis(2_000);
        assert_eq!(Hlc::receive(last, remote, 1_500).unwrap(), remote);
        assert_eq!(Hlc::receive(remote, last, 1_500).unwrap(), remote);
        let far = Hlc::from_millis(1_000 + MAX_FUTURE_DRIFT_MS + 10_000);
        assert!(Hlc::receive(last, far, 1_000).is_err());
    }
}
