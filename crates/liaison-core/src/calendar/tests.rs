//! Tests of the working-day arithmetic: deadlines across the real holidays and make-up days of the shipped
//! calendars (loaded through a real store, so the seeding is exercised too), and properties over random calendars.

use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::bundled::BUNDLED_YEARS;
use super::{Calendar, CalendarDay, holiday_cn};
use crate::testing::temp_store;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The official calendar as a fresh database holds it.
fn official() -> Calendar {
    let t = temp_store();
    Calendar::load(t.store.conn()).unwrap()
}

#[test]
fn deadlines_across_real_holidays_and_make_up_days() {
    let cal = official();
    // (registered, working days, deadline, why)
    let cases = [
        ("2025-09-30", 0, "2025-09-30", "a working day is its own day 0"),
        ("2025-09-30", 1, "2025-10-09", "National Day and Mid-Autumn (10-01..10-08) are skipped"),
        ("2025-09-30", 2, "2025-10-10", "Friday after the holiday"),
        ("2025-09-30", 3, "2025-10-11", "the make-up Saturday 10-11 is a working day"),
        ("2025-09-30", 4, "2025-10-13", "then Sunday rests"),
        ("2025-09-27", 0, "2025-09-28", "registered on a Saturday: day 0 is the make-up Sunday"),
        ("2025-10-03", 0, "2025-10-09", "registered during the holiday: day 0 is the first working day after"),
        ("2025-12-31", 1, "2026-01-04", "New Year 2026 (01-01..01-03) then the make-up Sunday 01-04"),
        ("2026-02-13", 1, "2026-02-14", "the make-up Saturday before Spring Festival"),
        ("2026-02-13", 2, "2026-02-24", "Spring Festival 2026 (02-15..02-23) is skipped"),
        ("2026-02-16", 0, "2026-02-24", "registered during Spring Festival"),
        ("2026-02-24", 4, "2026-02-28", "the make-up Saturday after Spring Festival"),
        ("2026-09-18", 1, "2026-09-20", "the make-up Sunday before Mid-Autumn 2026"),
        ("2026-09-24", 1, "2026-09-28", "Mid-Autumn 2026 (09-25..09-27) is skipped"),
        ("2026-12-31", 1, "2027-01-01", "2027 has no official calendar yet: New Year's Day counts as a Friday"),
        ("2026-12-31", 2, "2027-01-04", "2027 rests on weekends only"),
        ("2022-12-30", 1, "2023-01-03", "2022-12-31 comes with the 2023 notice"),
    ];
    for (start, n, expected, why) in cases {
        assert_eq!(cal.add_working_days(date(start), n), date(expected), "{start} + {n}: {why}");
        if cal.is_working_day(date(start)) {
            assert_eq!(cal.working_days_between(date(start), date(expected)), i64::from(n), "{start} + {n}: {why}");
        }
    }
}

#[test]
fn weekends_holidays_and_make_up_days() {
    let cal = official();
    let cases = [
        ("2025-09-28", true, "make-up Sunday"),
        ("2026-01-04", true, "make-up Sunday"),
        ("2025-10-11", true, "make-up Saturday"),
        ("2025-10-06", false, "Mid-Autumn on a Monday"),
        ("2026-06-19", false, "Dragon Boat on a Friday"),
        ("2026-06-20", false, "an ordinary Saturday listed as a holiday"),
        ("2026-03-07", false, "an ordinary Saturday not listed"),
        ("2026-03-09", true, "an ordinary Monday"),
        ("2027-01-01", true, "no 2027 calendar: a Friday works"),
        ("2027-02-06", false, "no 2027 calendar: a Saturday rests"),
    ];
    for (day, working, why) in cases {
        assert_eq!(cal.is_working_day(date(day)), working, "{day}: {why}");
    }
    assert_eq!(cal.day(date("2026-02-17")).map(|d| d.name.as_str()), Some("春节"));
}

#[test]
fn covered_years_are_the_shipped_ones() {
    let cal = official();
    assert_eq!(cal.years(), vec![2023, 2024, 2025, 2026]);
    assert!(cal.covers(date("2026-12-31")));
    assert!(!cal.covers(date("2027-01-01")), "2027 is not published yet");
    assert!(!cal.covers(date("2022-12-31")), "one day of the 2023 notice does not make 2022 covered");
}

#[test]
fn working_days_between_counts_after_from_through_to() {
    let cal = official();
    assert_eq!(cal.working_days_between(date("2025-09-30"), date("2025-10-13")), 4);
    assert_eq!(cal.working_days_between(date("2025-10-13"), date("2025-09-30")), -4);
    assert_eq!(cal.working_days_between(date("2025-10-13"), date("2025-10-13")), 0);
    assert_eq!(cal.working_days_between(date("2025-10-01"), date("2025-10-08")), 0, "all holiday");
    assert_eq!(cal.working_days_between(date("2027-01-01"), date("2027-01-08")), 5, "weekends only");
}

/// The shipped calendars as plain days (without a database), for the properties.
fn bundled_days() -> &'static [CalendarDay] {
    static DAYS: OnceLock<Vec<CalendarDay>> = OnceLock::new();
    DAYS.get_or_init(|| BUNDLED_YEARS.iter().flat_map(|(_, json)| holiday_cn::parse(json).unwrap().days).collect())
}

const EPOCH: NaiveDate = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();

fn day_at(offset: u32) -> NaiveDate {
    EPOCH + chrono::Days::new(u64::from(offset))
}

/// Up to 300 random overrides over ten years (including long runs of holidays), or the shipped calendars.
fn calendars() -> impl Strategy<Value = Calendar> {
    let random = prop::collection::vec((0u32..3650, any::<bool>()), 0..300).prop_map(|days| {
        Calendar::from_days(days.into_iter().map(|(o, off)| CalendarDay { date: day_at(o), off, name: "测试".into() }))
    });
    prop_oneof![random, Just(Calendar::from_days(bundled_days().iter().cloned()))]
}

proptest! {
    #[test]
    fn the_deadline_is_a_working_day(cal in calendars(), start in 0u32..3650, n in 0u32..80) {
        prop_assert!(cal.is_working_day(cal.add_working_days(day_at(start), n)));
    }

    #[test]
    fn more_working_days_give_a_strictly_later_deadline(cal in calendars(), start in 0u32..3650, n in 0u32..80) {
        let start = day_at(start);
        prop_assert!(cal.add_working_days(start, n) < cal.add_working_days(start, n + 1));
    }

    #[test]
    fn a_new_holiday_never_makes_a_deadline_earlier(
        cal in calendars(), holiday in 0u32..3650, start in 0u32..3650, n in 0u32..80,
    ) {
        let start = day_at(start);
        let before = cal.add_working_days(start, n);
        let mut days: Vec<CalendarDay> = cal.days.values().cloned().collect();
        days.push(CalendarDay { date: day_at(holiday), off: true, name: "新增".into() });
        let after = Calendar::from_days(days).add_working_days(start, n);
        prop_assert!(after >= before, "{start} + {n}: {before} became {after}");
    }

    #[test]
    fn between_inverts_add(cal in calendars(), start in 0u32..3650, n in 0u32..80) {
        // Day 0 is always a working day, so this is "for every working start".
        let start = cal.add_working_days(day_at(start), 0);
        let deadline = cal.add_working_days(start, n);
        prop_assert_eq!(cal.working_days_between(start, deadline), i64::from(n));
        prop_assert_eq!(cal.working_days_between(deadline, start), -i64::from(n));
    }
}
