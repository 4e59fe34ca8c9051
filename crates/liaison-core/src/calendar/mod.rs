//! The official working-day calendar (法定工作日历): which dates are working days, so that time limits counted
//! in working days (see the domain notes, "time limits") land on the right date.
//!
//! A date is a working day unless the calendar says otherwise: Monday to Friday work, Saturday and Sunday rest,
//! and the State Council's yearly notice overrides single dates, either as a public holiday (`off = true`) or as a
//! make-up working day on a weekend (调休, `off = false`). [`Calendar`] is an in-memory snapshot of those
//! overrides, loaded once from the database and then queried without I/O.
//!
//! Years without an official calendar (the notice is published each November or December for the next year) fall
//! back to the weekday rule alone; [`Calendar::covers`] tells the UI to warn that such a deadline may move.
//!
//! - this file: the [`Calendar`] snapshot and its working-day arithmetic;
//! - [`holiday_cn`]: parsing and validating one year in the holiday-cn JSON format (the format the office sends);
//! - `storage`: the `calendar_years` / `calendar_days` tables (migration 0004): loading, import, one-day edits,
//!   and the seeding of the official years that ship with the app (`bundled`). Seeding runs in Rust when the store
//!   opens, adding only the years a database lacks, rather than as SQL in the migration: the JSON files stay the
//!   one copy of the data, pass the same validation as an office's file, and a release that adds a year reaches
//!   existing databases without a new migration.

mod bundled;
pub mod edit;
pub mod holiday_cn;
mod storage;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};

use crate::error::Result;

pub use storage::{YearSummary, import_year, list_year, set_day};
pub(crate) use storage::{official_years, replace_from_office, seed_bundled};

/// One date the official calendar overrides.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct CalendarDay {
    /// The date.
    pub date: NaiveDate,
    /// `true`: a public holiday (no work); `false`: a make-up working day (调休) on a weekend.
    pub off: bool,
    /// The holiday it belongs to, e.g. `春节`.
    pub name: String,
}

/// The working-day calendar: the overridden dates and the years that have an official calendar.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, CalendarDay>,
    years: BTreeSet<i32>,
}

impl Calendar {
    /// Loads the calendar from the database.
    pub fn load(conn: &rusqlite::Connection) -> Result<Calendar> {
        let (days, years) = storage::load_all(conn)?;
        Ok(Calendar::build(days, years))
    }

    /// A calendar of the given days (a later day of the same date wins); every year that has at least one of them
    /// counts as covered. For tests.
    pub fn from_days(days: impl IntoIterator<Item = CalendarDay>) -> Calendar {
        let days: Vec<CalendarDay> = days.into_iter().collect();
        let years = days.iter().map(|d| d.date.year()).collect();
        Calendar::build(days, years)
    }

    fn build(days: impl IntoIterator<Item = CalendarDay>, years: BTreeSet<i32>) -> Calendar {
        Calendar { days: days.into_iter().map(|d| (d.date, d)).collect(), years }
    }

    /// Whether `date` is a working day: the official calendar's word if it lists the date, else Monday to Friday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.days.get(&date) {
            Some(day) => !day.off,
            None => is_weekday(date),
        }
    }

    /// The calendar's entry for `date`, if it overrides the weekday rule (for showing the holiday's name).
    pub fn day(&self, date: NaiveDate) -> Option<&CalendarDay> {
        self.days.get(&date)
    }

    /// The working day `n` working days after `start` (n = 0: `start` itself if working, else the next working day).
    ///
    /// A start on a rest day first moves to the next working day, which then counts as day 0: a matter registered
    /// on a Saturday has the same deadline as one registered the following Monday.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut date = self.next_working_day_from(start);
        for _ in 0..n {
            date = self.next_working_day_from(next_date(date));
        }
        date
    }

    /// Working days after `from` up to and including `to` (negative when `to` < `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (low, high, sign) = if from <= to { (from, to, 1) } else { (to, from, -1) };
        let count = low.iter_days().skip(1).take_while(|d| *d <= high).filter(|d| self.is_working_day(*d)).count();
        sign * count as i64
    }

    /// Whether `date`'s year has an official calendar (years past the last one count weekends only; the UI warns).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.years.contains(&date.year())
    }

    /// The years that have an official calendar, oldest first.
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().copied().collect()
    }

    /// `date` if it is a working day, else the first working day after it.
    fn next_working_day_from(&self, date: NaiveDate) -> NaiveDate {
        let mut date = date;
        while !self.is_working_day(date) {
            date = next_date(date);
        }
        date
    }
}

/// The default rule for a date the official calendar does not list: Monday to Friday work.
pub fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The day after `date`. Deadlines are years, not millennia, away from chrono's last date (262143-12-31).
fn next_date(date: NaiveDate) -> NaiveDate {
    date.succ_opt().expect("a deadline within chrono's date range")
}

#[cfg(test)]
mod tests;
