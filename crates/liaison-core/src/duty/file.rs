//! A deputy's duty file (履职档案) over a period: duty days on the rota, activities with their attendance, the
//! visits the deputy received (a visit names its receiving deputies by number), and the matters the deputy was
//! first responder for, each with its state today.
//!
//! Matching first responders: `matters.first_responder` is the name as the clerk wrote it (首问责任人 may be a
//! deputy or the clerk), not a deputy number. Names repeat in a city of 9,000 deputies, so a name alone would
//! credit one 张伟 with another's matters: a matter counts when the name is the deputy's **and** the deputy
//! received that visit or the visit was at the deputy's own station group; a first responder written as the
//! deputy's number also counts. A matter's state comes from [`crate::workflow::show`] (the fold of its events),
//! never from a copy here.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::activities::{self, ActivityView, AttendanceView};
use super::model::AttendanceStatus;
use super::rota::{self, RotaEntry};
use super::{deputy, station};
use crate::error::{Error, Result};
use crate::ledger::Period;
use crate::workflow::deadlines::china_date;
use crate::workflow::{self, Channel, State};

/// One activity in the file: the activity and the deputy's attendance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct FileActivity {
    /// The activity, with everyone's attendance.
    pub activity: ActivityView,
    /// This deputy's line.
    pub own: AttendanceView,
}

/// A visit the deputy received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct FileVisit {
    /// The visit's id.
    pub visit_id: String,
    /// The day (China's date). (`YYYY-MM-DD` over IPC.)
    #[cfg_attr(feature = "ipc", specta(type = String))]
    pub date: NaiveDate,
    /// The station's name.
    pub station_name: String,
    /// 来访, 来电 … (the label).
    pub channel: String,
    /// How many people came.
    pub head_count: u32,
    /// How many matters it raised.
    pub matters: u32,
}

/// A matter the deputy was first responder for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct FileMatter {
    /// Its code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// The day it was raised. (`YYYY-MM-DD` over IPC.)
    #[cfg_attr(feature = "ipc", specta(type = String))]
    pub date: NaiveDate,
    /// Its state today.
    pub state: Option<State>,
    /// Its label.
    pub state_label: String,
    /// Working days overdue today.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub overdue_working_days: i64,
}

/// The counts a duty file's summary shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct DutyTotals {
    /// Sessions on the rota (a whole day counts once).
    pub duty_sessions: u32,
    /// Distinct days on the rota.
    pub duty_days: u32,
    /// Activities attended.
    pub present: u32,
    /// Activities on leave.
    pub leave: u32,
    /// Activities missed.
    pub absent: u32,
    /// Visits received.
    pub visits: u32,
    /// People received in those visits.
    pub people_received: u32,
    /// Matters first-responded.
    pub matters: u32,
    /// Of them, no longer being handled (办结 or later, or merged into another matter).
    pub matters_closed: u32,
}

/// A deputy's duty file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct DutyFile {
    /// The deputy's number.
    pub deputy_code: String,
    /// The deputy's name.
    pub deputy_name: String,
    /// The station group's name (empty without one).
    pub station_name: String,
    /// The period's label.
    pub period: String,
    /// Summary counts.
    pub totals: DutyTotals,
    /// Duty sessions on the rota, oldest first.
    pub duty: Vec<RotaEntry>,
    /// Activities with attendance, oldest first.
    pub activities: Vec<FileActivity>,
    /// Visits received, oldest first.
    pub visits: Vec<FileVisit>,
    /// Matters first-responded, oldest first.
    pub matters: Vec<FileMatter>,
}

/// The duty file of the deputy with this number over the period; matters' states as of `now`.
pub fn duty_file(conn: &Connection, deputy_code: &str, period: &Period, now: DateTime<Utc>) -> Result<DutyFile> {
    let d = deputy(conn, deputy_code)?.ok_or_else(|| Error::NotFound(format!("代表编号 {deputy_code}")))?;
    let station_name = match &d.station_id {
        Some(id) => conn
            .prepare_cached("SELECT code FROM platforms WHERE id = ?1")?
            .query_row([id], |r| r.get::<_, String>(0))
            .ok()
            .and_then(|code| station(conn, &code).ok().flatten())
            .map(|s| s.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let duty = rota::of_deputy(conn, &d.id, period.start, period.end)?;
    let activities: Vec<FileActivity> = activities::of_deputy(conn, &d.id, &d.code, period)?
        .into_iter()
        .map(|(activity, own)| FileActivity { activity, own })
        .collect();
    let visits = visits_received(conn, &d.code, period)?;
    let matters = first_responded(conn, &d, period, now)?;

    let mut days: Vec<NaiveDate> = duty.iter().map(|e| e.date).collect();
    days.dedup(); // sorted by day already
    let count = |s: AttendanceStatus| activities.iter().filter(|a| a.own.status == s).count() as u32;
    let totals = DutyTotals {
        duty_sessions: duty.len() as u32,
        duty_days: days.len() as u32,
        present: count(AttendanceStatus::Present),
        leave: count(AttendanceStatus::Leave),
        absent: count(AttendanceStatus::Absent),
        visits: visits.len() as u32,
        people_received: visits.iter().map(|v| v.head_count).sum(),
        matters: matters.len() as u32,
        matters_closed: matters.iter().filter(|m| m.state.is_some_and(|s| !s.is_open())).count() as u32,
    };
    Ok(DutyFile {
        deputy_code: d.code,
        deputy_name: d.name,
        station_name,
        period: period.label.clone(),
        totals,
        duty,
        activities,
        visits,
        matters,
    })
}

/// The day a visit's `received_at` falls on in China (the day a ledger files it under).
fn received_on(text: &str) -> rusqlite::Result<NaiveDate> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| china_date(t.to_utc()))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e)))
}

/// The visits that list the deputy among their receiving deputies, in the period, oldest first.
fn visits_received(conn: &Connection, deputy_code: &str, period: &Period) -> Result<Vec<FileVisit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.received_at, p.name, v.channel, v.head_count,
                (SELECT COUNT(*) FROM matters m WHERE m.visit_id = v.id)
           FROM visits v JOIN platforms p ON p.id = v.station_id
          WHERE EXISTS (SELECT 1 FROM json_each(v.deputies) j WHERE j.value = ?1)
          ORDER BY v.received_at, v.id",
    )?;
    let rows = stmt.query_map([deputy_code], |r| {
        let channel: String = r.get(3)?;
        Ok(FileVisit {
            visit_id: r.get(0)?,
            date: received_on(r.get_ref(1)?.as_str()?)?,
            station_name: r.get(2)?,
            channel: Channel::parse(&channel).map_or(channel, |c| c.label().to_owned()),
            head_count: r.get(4)?,
            matters: r.get(5)?,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let visit = row?;
        if period.contains(visit.date) {
            out.push(visit);
        }
    }
    Ok(out)
}

/// The matters the deputy was first responder for (see the module notes for the matching), in the period.
fn first_responded(
    conn: &Connection,
    d: &super::DeputyRef,
    period: &Period,
    now: DateTime<Utc>,
) -> Result<Vec<FileMatter>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.code, m.title, v.received_at
           FROM matters m JOIN visits v ON v.id = m.visit_id
          WHERE trim(m.first_responder) = ?2
             OR (trim(m.first_responder) = ?1
                 AND (EXISTS (SELECT 1 FROM json_each(v.deputies) j WHERE j.value = ?2) OR v.station_id IS ?3))
          ORDER BY v.received_at, m.code",
    )?;
    let rows = stmt.query_map(rusqlite::params![d.name, d.code, d.station_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            received_on(r.get_ref(3)?.as_str()?)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (id, code, title, date) = row?;
        if period.contains(date) {
            found.push((id, code, title, date));
        }
    }
    let mut out = Vec::new();
    for (id, code, title, date) in found {
        let view = workflow::show(conn, &id, now)?;
        out.push(FileMatter {
            code,
            title,
            date,
            state: view.summary.state,
            state_label: view.summary.state_label,
            overdue_working_days: view.summary.overdue_working_days,
        });
    }
    Ok(out)
}
