//! Injected time and randomness.
//!
//! Nothing in the core reads the system clock or a global random generator directly: a [`Clock`] and an
//! [`Entropy`] are handed to the store when it opens. Production uses [`SystemClock`] and [`OsEntropy`]; tests and
//! the demo generator use [`FakeClock`] (fixed, advanced by hand) and [`SeededEntropy`] so that results repeat.

use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};
use rand::{RngCore, SeedableRng};

/// A source of wall-clock time.
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> i64;

    /// The current instant.
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.now_ms()).unwrap_or_default()
    }
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        Utc::now().timestamp_millis()
    }
}

/// A clock that stands still until told to move. Shared by reference between a test and the store.
#[derive(Debug)]
pub struct FakeClock {
    ms: AtomicI64,
}

impl FakeClock {
    /// A clock fixed at `start`.
    pub fn at(start: DateTime<Utc>) -> Self {
        FakeClock { ms: AtomicI64::new(start.timestamp_millis()) }
    }

    /// Moves the clock by `ms` milliseconds (negative moves it back, as a badly set PC clock does).
    pub fn advance_ms(&self, ms: i64) {
        self.ms.fetch_add(ms, Ordering::SeqCst);
    }

    /// Sets the clock.
    pub fn set(&self, at: DateTime<Utc>) {
        self.ms.store(at.timestamp_millis(), Ordering::SeqCst);
    }
}

impl Clock for FakeClock {
    fn now_ms(&self) -> i64 {
        self.ms.load(Ordering::SeqCst)
    }
}

impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now_ms(&self) -> i64 {
        (**self).now_ms()
    }
}

/// The environment variable naming a [`FileClock`] file: set only by end-to-end tests, which must see deadlines
/// pass and escalations rise without waiting weeks.
pub const TEST_CLOCK_ENV: &str = "LIAISON_TEST_CLOCK";

/// A clock for end-to-end tests, moved by writing a file: the file holds an RFC 3339 instant (e.g.
/// `2026-12-31T09:00:00+08:00`); while it is missing, empty or unreadable the clock is the system's. The file is read
/// on every call, so a test moves the running app's time by rewriting it, with no command the webview could call.
#[derive(Debug, Clone)]
pub struct FileClock {
    path: std::path::PathBuf,
}

impl FileClock {
    /// A clock read from `path`.
    pub fn new(path: impl Into<std::path::PathBuf>) -> Self {
        FileClock { path: path.into() }
    }

    /// The instant the file sets, if it sets one.
    fn set_instant(&self) -> Option<DateTime<Utc>> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        DateTime::parse_from_rfc3339(text.trim()).ok().map(|t| t.to_utc())
    }
}

impl Clock for FileClock {
    fn now_ms(&self) -> i64 {
        self.set_instant().map_or_else(|| SystemClock.now_ms(), |t| t.timestamp_millis())
    }
}

/// A source of random bytes (for UUIDv7 ids and secrets).
pub trait Entropy: Send + Sync {
    /// Fills `buf` with random bytes.
    fn fill(&self, buf: &mut [u8]);
}

/// The operating system's random generator.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&self, buf: &mut [u8]) {
        rand::rng().fill_bytes(buf);
    }
}

/// A deterministic generator for tests and the demo city: the same seed gives the same bytes.
#[derive(Debug)]
pub struct SeededEntropy {
    rng: Mutex<rand::rngs::StdRng>,
}

impl SeededEntropy {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        SeededEntropy { rng: Mutex::new(rand::rngs::StdRng::seed_from_u64(seed)) }
    }
}

impl Entropy for SeededEntropy {
    fn fill(&self, buf: &mut [u8]) {
        self.rng.lock().unwrap_or_else(|p| p.into_inner()).fill_bytes(buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_clock_moves_only_when_told() {
        let start = DateTime::from_timestamp_millis(1_700_000_000_000).unwrap();
        let clock = FakeClock::at(start);
        assert_eq!(clock.now(), start);
        clock.advance_ms(1500);
        assert_eq!(clock.now_ms(), 1_700_000_001_500);
        clock.advance_ms(-2000);
        assert_eq!(clock.now_ms(), 1_699_999_999_500);
    }

    #[test]
    fn file_clock_follows_its_file_and_falls_back_to_the_system() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clock");
        let clock = FileClock::new(&path);
        let before = Utc::now().timestamp_millis();
        assert!((clock.now_ms() - before).abs() < 60_000, "no file: the system clock");
        std::fs::write(&path, "2026-12-31T09:00:00+08:00\n").unwrap();
        assert_eq!(clock.now(), DateTime::parse_from_rfc3339("2026-12-31T01:00:00Z").unwrap());
        std::fs::write(&path, "not a date").unwrap();
        assert!((clock.now_ms() - before).abs() < 60_000, "unreadable: the system clock");
    }

    #[test]
    fn seeded_entropy_repeats() {
        let (a, b) = (SeededEntropy::new(7), SeededEntropy::new(7));
        let (mut x, mut y) = ([0u8; 16], [0u8; 16]);
        a.fill(&mut x);
        b.fill(&mut y);
        assert_eq!(x, y);
        a.fill(&mut x);
        assert_ne!(x, y, "the stream moves on");
    }
}
