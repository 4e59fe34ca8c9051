//! The crate's integration tests, in one binary (one link on a 2-core machine): round trips, every rejection
//! the sync issue names, tamper sweeps, the golden fixtures of released format versions, the fuzz crashers and
//! property tests that the parser never panics.

mod common;
mod golden;
mod layout;
mod rejections;
mod robustness;
mod round_trip;
mod tamper;
