//! The calendar as 设置 shows and edits it: one year's overridden days with where the year came from, and the
//! role-checked edits (importing a year's file, setting one day) that the desktop app calls.
//!
//! The edits themselves ([`super::import_year`], [`super::set_day`]) validate and audit; this module adds the check
//! that the signed-in operator may configure the calendar (office staff and administrators), read from the
//! operator's current row, so a station clerk cannot move every deadline of the station by declaring a holiday.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::{CalendarDay, YearSummary, import_year, list_year, set_day};
use crate::error::Result;
use crate::operators::permit::authorize;
use crate::operators::{Role, Session};
use crate::store::Writer;

const REFUSAL: &str = "当前角色无权修改节假日日历（需机关工作人员或管理员）";

/// One year of the calendar, for 设置.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct CalendarYearView {
    /// The year shown.
    pub year: i32,
    /// Where its official calendar came from: `bundled` (shipped with the app), `import` (a file), or `None` when
    /// the year has none yet (its dates count weekends only).
    pub source: Option<String>,
    /// When it was imported or seeded (RFC 3339), if it was.
    pub imported_at: Option<String>,
    /// Its holidays and make-up working days, by date.
    pub days: Vec<CalendarDay>,
    /// Every year that has an official calendar, ascending.
    pub covered_years: Vec<i32>,
}

/// `year` as 设置 shows it.
pub fn year_view(conn: &Connection, year: i32) -> Result<CalendarYearView> {
    let (source, imported_at) = conn
        .query_row("SELECT source, imported_at FROM calendar_years WHERE year = ?1", [year], |r| {
            Ok((Some(r.get(0)?), Some(r.get(1)?)))
        })
        .optional()?
        .unwrap_or((None, None));
    let mut stmt = conn.prepare_cached("SELECT year FROM calendar_years ORDER BY year")?;
    let covered_years = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(CalendarYearView { year, source, imported_at, days: list_year(conn, year)?, covered_years })
}

/// Imports a year's calendar file (holiday-cn JSON) for a session that may configure the calendar.
pub fn import_year_as(w: &mut Writer<'_>, session: &Session, json: &str) -> Result<YearSummary> {
    authorize(w, session, Role::may_configure_rules, REFUSAL)?;
    import_year(w, json)
}

/// Sets one day (see [`set_day`]) for a session that may configure the calendar.
pub fn set_day_as(w: &mut Writer<'_>, session: &Session, date: NaiveDate, off: Option<bool>, name: &str) -> Result<()> {
    authorize(w, session, Role::may_configure_rules, REFUSAL)?;
    set_day(w, date, off, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::error::Error;
    use crate::testing::{signed_in_as, temp_store};

    #[test]
    fn a_bundled_year_shows_its_source_and_an_unpublished_year_shows_none() {
        let t = temp_store();
        let y2026 = year_view(t.store.conn(), 2026).unwrap();
        assert_eq!(y2026.source.as_deref(), Some("bundled"));
        assert!(y2026.days.iter().any(|d| d.name == "国庆节" && d.off));
        assert!(y2026.covered_years.contains(&2023) && y2026.covered_years.contains(&2026));
        let y2027 = year_view(t.store.conn(), 2027).unwrap();
        assert_eq!((y2027.source, y2027.days.len()), (None, 0));
    }

    #[test]
    fn only_office_staff_and_administrators_edit_the_calendar() {
        let mut t = temp_store();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let head = signed_in_as(&mut t.store, Role::StationHead);
        let err = t.store.write(&head.operator(), |w| set_day_as(w, &head, monday, Some(true), "防汛")).unwrap_err();
        assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
        assert!(Calendar::load(t.store.conn()).unwrap().is_working_day(monday));
        let staff = signed_in_as(&mut t.store, Role::OfficeStaff);
        t.store.write(&staff.operator(), |w| set_day_as(w, &staff, monday, Some(true), "防汛")).unwrap();
        assert!(!Calendar::load(t.store.conn()).unwrap().is_working_day(monday));
    }
}
