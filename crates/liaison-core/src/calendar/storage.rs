//! The calendar's tables (`calendar_years`, `calendar_days`, migration 0004): loading, importing a year, editing
//! one day, and seeding the years that ship with the app.
//!
//! The calendar is local configuration, like the setup: it is written through the [`Writer`]'s transaction but
//! never enters the change log (the sync issue will carry it later), and every import or edit is recorded with
//! [`Writer::audit_local`]. Seeding the shipped years is not an operator's act and is not audited; the years'
//! `source = 'bundled'` says where they came from.
//!
//! Seeding runs in Rust on every open rather than as SQL in the migration: the JSON files stay the one copy of the
//! data, they pass the same validation as an office's file, and a release that adds a year reaches existing
//! databases without a new migration. It only adds years that are missing, so an office's newer import of a
//! shipped year is never overwritten.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::CalendarDay;
use super::bundled::BUNDLED_YEARS;
use super::holiday_cn::{self, YearFile};
use crate::error::{Error, Result};
use crate::store::Writer;

/// The audit log's entity name for calendar changes.
const AUDIT_ENTITY: &str = "calendar";

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct YearSummary {
    /// The calendar year.
    pub year: i32,
    /// Public holidays in the new calendar.
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub holidays: usize,
    /// Make-up working days (调休上班) in the new calendar.
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub make_up_days: usize,
    /// Days the year had before, all replaced (including any edited by hand).
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub replaced: usize,
}

/// Every overridden day and every covered year.
pub(super) fn load_all(conn: &Connection) -> Result<(Vec<CalendarDay>, BTreeSet<i32>)> {
    let days = query_days(conn, "SELECT date, off, name FROM calendar_days ORDER BY date", [])?;
    let mut stmt = conn.prepare_cached("SELECT year FROM calendar_years")?;
    let years = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<BTreeSet<i32>>>()?;
    Ok((days, years))
}

/// The days of `year`'s calendar (including a December day of the year before that its notice lists), by date.
pub fn list_year(conn: &Connection, year: i32) -> Result<Vec<CalendarDay>> {
    query_days(conn, "SELECT date, off, name FROM calendar_days WHERE year = ?1 ORDER BY date", [year])
}

/// Imports one year's official calendar (holiday-cn JSON), replacing every day that year had, and audits it.
/// A file that fails validation changes nothing.
pub fn import_year(w: &mut Writer<'_>, json: &str) -> Result<YearSummary> {
    let file = holiday_cn::parse(json)?;
    let now = w.deps().clock.now().to_rfc3339();
    let summary = replace_year(w.tx(), &file, "import", &now)?;
    let detail = serde_json::to_string(&summary).map_err(|e| Error::Internal(e.to_string()))?;
    w.audit_local("calendar_import", AUDIT_ENTITY, &file.year.to_string(), &detail)?;
    Ok(summary)
}

/// Sets one day by hand: `Some(true)` a holiday, `Some(false)` a make-up working day on a weekend, `None` back to
/// the weekday rule (`name` is then ignored). The edit lasts until its year's calendar is imported again.
pub fn set_day(w: &mut Writer<'_>, date: NaiveDate, off: Option<bool>, name: &str) -> Result<()> {
    let before = query_days(w.tx(), "SELECT date, off, name FROM calendar_days WHERE date = ?1", [date_text(date)])?;
    let after = match off {
        Some(off) => {
            let day = holiday_cn::check_day(date, off, name).map_err(Error::Invalid)?;
            // On conflict the day keeps its year: 2022-12-31 stays part of the 2023 calendar.
            w.tx().execute(
                "INSERT INTO calendar_days (date, year, off, name) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (date) DO UPDATE SET off = excluded.off, name = excluded.name",
                params![date_text(date), date.year(), day.off, day.name],
            )?;
            Some(day)
        }
        None => {
            w.tx().execute("DELETE FROM calendar_days WHERE date = ?1", [date_text(date)])?;
            None
        }
    };
    let detail = serde_json::json!({ "before": before.first(), "after": after }).to_string();
    w.audit_local("calendar_set_day", AUDIT_ENTITY, &date_text(date), &detail)
}

/// Adds the shipped official years that the database lacks; returns the years added.
pub(crate) fn seed_bundled(conn: &mut Connection, now: &str) -> Result<Vec<i32>> {
    // Checked before taking the write lock, so that an up-to-date database (every open but the first after an
    // upgrade) does not block another process.
    if missing_bundled(conn)?.is_empty() {
        return Ok(Vec::new());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Checked again under the lock: another process may have seeded meanwhile.
    let missing = missing_bundled(&tx)?;
    for &(year, json) in BUNDLED_YEARS.iter().filter(|(year, _)| missing.contains(year)) {
        let file = holiday_cn::parse(json).map_err(|e| Error::Internal(format!("bundled calendar {year}: {e}")))?;
        replace_year(&tx, &file, "bundled", now)?;
    }
    tx.commit()?;
    Ok(missing)
}

fn missing_bundled(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM calendar_years WHERE year = ?1")?;
    let mut missing = Vec::new();
    for &(year, _) in BUNDLED_YEARS {
        if stmt.query_row([year], |_| Ok(())).optional()?.is_none() {
            missing.push(year);
        }
    }
    Ok(missing)
}

/// Every official year of this database in the holiday-cn JSON shape (what an office sends its stations): the
/// days each year lists, including days edited by hand since.
pub(crate) fn official_years(conn: &Connection) -> Result<Vec<serde_json::Value>> {
    let mut stmt = conn.prepare_cached("SELECT year, papers FROM calendar_years ORDER BY year")?;
    let years = stmt
        .query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    years
        .into_iter()
        .map(|(year, papers)| {
            let papers: serde_json::Value =
                serde_json::from_str(&papers).map_err(|e| Error::Internal(format!("calendar_years.papers: {e}")))?;
            let days: Vec<serde_json::Value> = list_year(conn, year)?
                .into_iter()
                .map(|d| serde_json::json!({ "name": d.name, "date": date_text(d.date), "isOffDay": d.off }))
                .collect();
            Ok(serde_json::json!({ "year": year, "papers": papers, "days": days }))
        })
        .collect()
}

/// Replaces the years in `years` (holiday-cn JSON values, validated as a file would be) with the office's; years
/// the office does not send stay as they are.
pub(crate) fn replace_from_office(conn: &Connection, years: &[serde_json::Value], now: &str) -> Result<()> {
    for year in years {
        let file = holiday_cn::parse(&year.to_string())?;
        replace_year(conn, &file, "import", now)?;
    }
    Ok(())
}

/// Replaces `file.year`'s calendar with `file` (inside the caller's transaction).
fn replace_year(conn: &Connection, file: &YearFile, source: &str, now: &str) -> Result<YearSummary> {
    let replaced = conn.execute("DELETE FROM calendar_days WHERE year = ?1", [file.year])?;
    let papers = serde_json::to_string(&file.papers).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO calendar_years (year, source, papers, imported_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (year) DO UPDATE SET source = excluded.source, papers = excluded.papers,
                                          imported_at = excluded.imported_at",
        params![file.year, source, papers, now],
    )?;
    // A date another year's calendar also lists (only ever the New Year's Eve of a straddling holiday) moves to
    // this year's calendar: the newer notice wins.
    let mut insert = conn.prepare_cached(
        "INSERT INTO calendar_days (date, year, off, name) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (date) DO UPDATE SET year = excluded.year, off = excluded.off, name = excluded.name",
    )?;
    for day in &file.days {
        insert.execute(params![date_text(day.date), file.year, day.off, day.name])?;
    }
    let holidays = file.days.iter().filter(|d| d.off).count();
    Ok(YearSummary { year: file.year, holidays, make_up_days: file.days.len() - holidays, replaced })
}

fn query_days(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<CalendarDay>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows =
        stmt.query_map(params, |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?, r.get::<_, String>(2)?)))?;
    rows.map(|row| {
        let (date, off, name) = row?;
        let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|_| Error::Internal(format!("calendar_days holds a malformed date {date:?}")))?;
        Ok(CalendarDay { date, off, name })
    })
    .collect()
}

/// The stored form of a date (ISO 8601, which also sorts by date).
fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::store::Store;
    use crate::testing::temp_store;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn audits(conn: &Connection, action: &str) -> Vec<(String, String)> {
        let mut stmt = conn.prepare("SELECT entity_id, detail FROM audit_log WHERE action = ?1 ORDER BY id").unwrap();
        stmt.query_map([action], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    /// Everything an import could change, to check that a refused one changed nothing.
    fn snapshot(conn: &Connection) -> (Vec<CalendarDay>, Vec<(i32, String)>, i64) {
        let (days, _) = load_all(conn).unwrap();
        let mut stmt = conn.prepare("SELECT year, source || papers || imported_at FROM calendar_years").unwrap();
        let years = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>();
        let audits = conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap();
        (days, years.unwrap(), audits)
    }

    const CALENDAR_2027: &str = r#"{
        "year": 2027, "papers": ["https://www.gov.cn/2027"],
        "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
            {"name": "春节", "date": "2027-02-06", "isOffDay": false},
            {"name": "春节", "date": "2027-02-08", "isOffDay": true}
        ]
    }"#;

    #[test]
    fn a_fresh_database_has_the_shipped_years_unaudited() {
        let t = temp_store();
        let conn = t.store.conn();
        let years: Vec<(i32, String)> = conn
            .prepare("SELECT year, source FROM calendar_years ORDER BY year")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let bundled: Vec<(i32, String)> = BUNDLED_YEARS.iter().map(|(y, _)| (*y, "bundled".to_owned())).collect();
        assert_eq!(years, bundled);
        assert_eq!(list_year(conn, 2025).unwrap().len(), 33, "every entry of 2025.json");
        assert_eq!(list_year(conn, 2023).unwrap()[0].date, date("2022-12-31"), "listed with its notice's year");
        assert!(audits(conn, "calendar_import").is_empty(), "seeding is not an operator's act");
    }

    #[test]
    fn importing_a_year_covers_it_and_is_audited() {
        let mut t = temp_store();
        let summary = t.store.write("办公室", |w| import_year(w, CALENDAR_2027)).unwrap();
        assert_eq!(summary, YearSummary { year: 2027, holidays: 2, make_up_days: 1, replaced: 0 });
        let cal = Calendar::load(t.store.conn()).unwrap();
        assert!(cal.covers(date("2027-06-01")));
        assert!(!cal.is_working_day(date("2027-01-01")));
        assert!(cal.is_working_day(date("2027-02-06")), "make-up Saturday");
        let audited = audits(t.store.conn(), "calendar_import");
        assert_eq!(audited.len(), 1);
        assert_eq!(audited[0].0, "2027");
        assert!(audited[0].1.contains("\"holidays\":2"), "{}", audited[0].1);
    }

    #[test]
    fn importing_a_year_again_replaces_all_its_days_and_edits() {
        let mut t = temp_store();
        t.store.write("办公室", |w| import_year(w, CALENDAR_2027)).unwrap();
        t.store.write("办公室", |w| set_day(w, date("2027-03-01"), Some(true), "停电")).unwrap();
        let corrected = CALENDAR_2027.replace(r#"{"name": "春节", "date": "2027-02-06", "isOffDay": false},"#, "");
        let summary = t.store.write("办公室", |w| import_year(w, &corrected)).unwrap();
        assert_eq!(summary, YearSummary { year: 2027, holidays: 2, make_up_days: 0, replaced: 4 });
        let dates: Vec<NaiveDate> = list_year(t.store.conn(), 2027).unwrap().into_iter().map(|d| d.date).collect();
        assert_eq!(dates, [date("2027-01-01"), date("2027-02-08")]);
        assert_eq!(list_year(t.store.conn(), 2026).unwrap().len(), 39, "other years untouched");
    }

    #[test]
    fn a_refused_import_changes_nothing() {
        let mut t = temp_store();
        let before = snapshot(t.store.conn());
        for (json, expected) in [
            ("not json", "不是有效的节假日日历文件"),
            (&CALENDAR_2027.replace("\"year\": 2027", "\"year\": 2028"), "不属于 2028 年的日历"),
            (&CALENDAR_2027.replace("2027-02-08", "2027-01-01"), "重复出现"),
            (&CALENDAR_2027.replace("2027-02-08", "2027-02-30"), "无法识别"),
        ] {
            let err = t.store.write("办公室", |w| import_year(w, json)).unwrap_err();
            assert!(err.is_user_error() && err.to_string().contains(expected), "got {err}, expected …{expected}…");
            assert_eq!(snapshot(t.store.conn()), before);
        }
    }

    #[test]
    fn one_day_is_set_and_reset_by_hand() {
        let mut t = temp_store();
        let monday = date("2026-03-09");
        let saturday = date("2026-03-07");
        t.store.write("站长", |w| set_day(w, monday, Some(true), " 防汛停工 ")).unwrap();
        t.store.write("站长", |w| set_day(w, saturday, Some(false), "补班")).unwrap();
        let cal = Calendar::load(t.store.conn()).unwrap();
        assert!(!cal.is_working_day(monday) && cal.is_working_day(saturday));
        assert_eq!(cal.day(monday).unwrap().name, "防汛停工", "trimmed");

        t.store.write("站长", |w| set_day(w, monday, None, "")).unwrap();
        assert!(Calendar::load(t.store.conn()).unwrap().is_working_day(monday), "back to the weekday rule");
        let audited = audits(t.store.conn(), "calendar_set_day");
        assert_eq!(audited.len(), 3);
        assert!(audited[2].1.contains("防汛停工") && audited[2].1.contains("\"after\":null"), "{}", audited[2].1);
    }

    #[test]
    fn a_hand_edit_keeps_its_notice_year_and_does_not_cover_a_year() {
        let mut t = temp_store();
        t.store.write("站长", |w| set_day(w, date("2022-12-31"), Some(true), "元旦假期")).unwrap();
        assert_eq!(list_year(t.store.conn(), 2023).unwrap()[0].name, "元旦假期", "still part of 2023");
        t.store.write("站长", |w| set_day(w, date("2027-10-01"), Some(true), "国庆节")).unwrap();
        assert!(!Calendar::load(t.store.conn()).unwrap().covers(date("2027-10-01")), "no official 2027 calendar");
    }

    #[test]
    fn hand_edits_are_checked_in_chinese() {
        let mut t = temp_store();
        let err = t.store.write("站长", |w| set_day(w, date("2026-03-09"), Some(false), "补班")).unwrap_err();
        assert!(err.to_string().contains("本是工作日"), "{err}");
        let err = t.store.write("站长", |w| set_day(w, date("2026-03-07"), Some(true), "  ")).unwrap_err();
        assert!(err.to_string().contains("节日名称"), "{err}");
        assert!(audits(t.store.conn(), "calendar_set_day").is_empty());
    }

    #[test]
    fn reopening_never_overwrites_an_imported_year() {
        let mut t = temp_store();
        let path = t.store.path().to_path_buf();
        // The office's own 2026 file, which names the Dragon Boat Festival differently from the shipped one.
        let office_2026 = BUNDLED_YEARS[3].1.replace("\"name\": \"端午节\"", "\"name\": \"端午\"");
        t.store.write("办公室", |w| import_year(w, &office_2026)).unwrap();
        let before = snapshot(t.store.conn());
        // Simulate an older database: 2024 missing, as if this release had added it.
        t.store.write("办公室", |w| Ok(w.tx().execute("DELETE FROM calendar_years WHERE year = 2024", [])?)).unwrap();
        drop(t.store);
        let store = Store::open(&path).unwrap();
        let (days, years, audits) = snapshot(store.conn());
        assert_eq!((days, audits), (before.0, before.2), "2024's days re-seeded as they were, 2026 kept");
        assert_eq!(years.len(), before.1.len());
        assert_eq!(list_year(store.conn(), 2026).unwrap().iter().filter(|d| d.name == "端午").count(), 3);
        assert_eq!(seed_bundled(&mut Connection::open(&path).unwrap(), "now").unwrap(), Vec::<i32>::new());
    }
}
