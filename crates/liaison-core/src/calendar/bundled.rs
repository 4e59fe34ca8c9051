//! The official calendars that ship with the app: the holiday-cn JSON files under `crates/liaison-core/data/`
//! (MIT licence, see the LICENSE beside them), embedded at compile time.
//!
//! Adding a year is adding its file here; [`super::seed_bundled`] brings it into existing databases on their next
//! open, with no migration.

/// (year, JSON) of every shipped official calendar, oldest first.
pub(super) const BUNDLED_YEARS: &[(i32, &str)] = &[
    (2023, include_str!("../../data/holidays-cn/2023.json")),
    (2024, include_str!("../../data/holidays-cn/2024.json")),
    (2025, include_str!("../../data/holidays-cn/2025.json")),
    (2026, include_str!("../../data/holidays-cn/2026.json")),
];
