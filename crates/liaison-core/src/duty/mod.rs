//! Duty and activities (进站履职): the duty rota deputies take turns on, the activities a station organises and
//! who attended them, leaders' station visits and their coverage, and each deputy's duty file (履职档案).
//!
//! # Design
//!
//! - Every record is a change-log entity ([`crate::changelog::EntityKind::DutySlot`], `Activity`,
//!   `ActivityAttendance`, `LeaderVisit`), so the office sees what the stations entered and merges it like the
//!   roster. Stations and deputies are referenced by id; the API speaks codes, which is what people type.
//! - A rota slot and an attendance line get an id derived from their natural key ([`crate::ids::natural_id`]): two offline
//!   nodes entering the same slot write the same entity and merge, instead of breaking the UNIQUE constraint of
//!   the projection when the second one arrives.
//! - Inputs are checked field by field and every problem is reported at once ([`crate::Error::InvalidFields`],
//!   Chinese reasons), the way visits are; dates arrive as text so a bad one gets a Chinese message too.
//! - Nothing here re-derives what the workflow knows: the duty file reads a matter's state through
//!   [`crate::workflow::show`], so it agrees with the matter screen.
//!
//! Files: [`model`] (vocabularies), [`rota`] (排班, today's duty, the printable rota, the announcement date),
//! [`activities`] (履职活动 and attendance), [`leaders`] (领导干部进站, coverage), [`file`] (履职档案).

pub mod activities;
pub mod file;
pub mod leaders;
pub mod model;
pub mod rota;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

pub use activities::{ActivityInput, ActivityView, AttendanceInput, AttendanceView};
pub use file::{DutyFile, duty_file};
pub use leaders::{Coverage, LeaderVisitInput, LeaderVisitView, coverage};
pub use model::{ActivityKind, ActivityStatus, AttendanceStatus, Session};
pub use rota::{Announcement, RotaEntry, RotaInput, RotaSpan, rota_announcement_due};

use crate::error::{FieldIssue, Result};

/// A station as the duty records need it.
#[derive(Debug, Clone)]
pub(crate) struct StationRef {
    pub id: String,
    pub code: String,
    pub name: String,
    pub open: bool,
}

/// The station with this code, if any.
pub(crate) fn station(conn: &Connection, code: &str) -> Result<Option<StationRef>> {
    Ok(conn
        .prepare_cached("SELECT id, code, name, status FROM platforms WHERE code = ?1")?
        .query_row([code.trim()], |r| {
            Ok(StationRef { id: r.get(0)?, code: r.get(1)?, name: r.get(2)?, open: r.get::<_, String>(3)? == "active" })
        })
        .optional()?)
}

/// Checks the station field of a form: given, known and (when `must_be_open`) not closed. `doing` names the act
/// in the message ("排班", "登记活动").
pub(crate) fn check_station(
    conn: &Connection,
    code: &str,
    must_be_open: bool,
    doing: &str,
    issues: &mut Vec<FieldIssue>,
) -> Result<Option<StationRef>> {
    let code = code.trim();
    if code.is_empty() {
        issues.push(FieldIssue::new("station_code", "请选择联络站"));
        return Ok(None);
    }
    match station(conn, code)? {
        None => {
            issues.push(FieldIssue::new("station_code", format!("联络站编码 {code} 不存在")));
            Ok(None)
        }
        Some(s) if must_be_open && !s.open => {
            issues.push(FieldIssue::new("station_code", format!("{}已撤销，不能{doing}", s.name)));
            Ok(None)
        }
        Some(s) => Ok(Some(s)),
    }
}

/// A deputy as the duty records need it.
#[derive(Debug, Clone)]
pub(crate) struct DeputyRef {
    pub id: String,
    pub code: String,
    pub name: String,
    pub serving: bool,
    /// The station group (编组进站) the deputy belongs to.
    pub station_id: Option<String>,
}

/// The deputy with this number, if any.
pub(crate) fn deputy(conn: &Connection, code: &str) -> Result<Option<DeputyRef>> {
    Ok(conn
        .prepare_cached("SELECT id, code, name, status, station_id FROM deputies WHERE code = ?1")?
        .query_row([code.trim()], |r| {
            Ok(DeputyRef {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                serving: r.get::<_, String>(3)? == "serving",
                station_id: r.get(4)?,
            })
        })
        .optional()?)
}

/// Reads a form's date (`YYYY-MM-DD`), reporting a bad one under `field` with `what` ("值班日期") in the message.
pub(crate) fn check_date(text: &str, field: &str, what: &str, issues: &mut Vec<FieldIssue>) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        issues.push(FieldIssue::new(field, format!("请填写{what}")));
        return None;
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    if day.is_none() {
        issues.push(FieldIssue::new(field, format!("{what}“{text}”无效，应为 YYYY-MM-DD")));
    }
    day
}

/// "2026年12月7日".
pub(crate) fn chinese_date(day: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}

/// "周一" … "周日".
pub(crate) fn weekday_label(day: NaiveDate) -> &'static str {
    use chrono::Datelike;
    ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][day.weekday().num_days_from_monday() as usize]
}

#[cfg(test)]
mod tests;
