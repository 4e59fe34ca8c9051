//! Station activities (履职活动: 接待群众, 调研, 视察, 座谈, 宣讲, 述职评议, 执法检查, 建议督办) and the deputies'
//! attendance at them (出席 / 请假 with a reason / 缺席).
//!
//! An activity is planned or held. Attendance is only recorded for a held activity (nobody has attended a
//! meeting that has not happened), and a held activity cannot lie in the future. The activity and its attendance
//! lines are written in one transaction; each line's id is derived from (activity, deputy), so a deputy has one
//! attendance per activity on every node.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::{ActivityKind, ActivityStatus, AttendanceStatus};
use super::{DeputyRef, check_date, check_station, deputy};
use crate::changelog::{EntityKind, Fields, Op};
use crate::error::{Error, FieldIssue, Result};
use crate::ids::natural_id;
use crate::ledger::Period;
use crate::store::Writer;
use crate::workflow::deadlines::china_date;

/// One deputy's attendance, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct AttendanceInput {
    /// The deputy's number.
    pub deputy_code: String,
    /// 出席 / 请假 / 缺席 (or `present` / `leave` / `absent`).
    pub status: String,
    /// Why, for 请假 (required there).
    #[serde(default)]
    pub reason: String,
}

/// An activity to record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct ActivityInput {
    /// The organising station's code.
    pub station_code: String,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// 接待群众, 调研, 视察, 座谈, 宣讲, 述职评议, 执法检查 or 建议督办 (or the stored names).
    pub kind: String,
    /// Its subject, e.g. 老旧小区改造专题调研.
    pub title: String,
    /// Where.
    #[serde(default)]
    pub place: String,
    /// Notes (who else came, what was agreed).
    #[serde(default)]
    pub notes: String,
    /// Still to take place (no attendance yet).
    #[serde(default)]
    pub planned: bool,
    /// Citizens met (接待群众人次), when any.
    #[serde(default)]
    pub people_received: Option<u32>,
    /// The deputies' attendance (held activities only).
    #[serde(default)]
    pub attendance: Vec<AttendanceInput>,
}

/// One attendance line as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct AttendanceView {
    /// The deputy's number.
    pub deputy_code: String,
    /// The deputy's name.
    pub deputy_name: String,
    /// The status.
    pub status: AttendanceStatus,
    /// Its label.
    pub status_label: String,
    /// The reason for leave.
    pub reason: String,
}

/// An activity as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct ActivityView {
    /// Its id.
    pub id: String,
    /// The station's code.
    pub station_code: String,
    /// The station's name.
    pub station_name: String,
    /// The day. (`YYYY-MM-DD` over IPC.)
    #[cfg_attr(feature = "ipc", specta(type = String))]
    pub date: NaiveDate,
    /// The kind.
    pub kind: ActivityKind,
    /// Its label.
    pub kind_label: String,
    /// The subject.
    pub title: String,
    /// Where.
    pub place: String,
    /// Notes.
    pub notes: String,
    /// Planned or held.
    pub status: ActivityStatus,
    /// Its label.
    pub status_label: String,
    /// Citizens met.
    pub people_received: u32,
    /// Attendance, by deputy number.
    pub attendance: Vec<AttendanceView>,
}

/// The checked input.
struct Checked {
    station_id: String,
    day: NaiveDate,
    kind: ActivityKind,
    lines: Vec<(DeputyRef, AttendanceStatus, String)>,
}

/// Records an activity with its attendance; returns it as listed.
pub fn record(w: &mut Writer<'_>, input: &ActivityInput) -> Result<ActivityView> {
    let today = china_date(w.deps().clock.now());
    let checked = check(w.tx(), input, today)?;
    let id = w.new_id().to_string();
    let status = if input.planned { ActivityStatus::Planned } else { ActivityStatus::Held };
    let mut fields = Fields::new();
    fields.insert("station_id".into(), json!(checked.station_id));
    fields.insert("on_date".into(), json!(checked.day.to_string()));
    fields.insert("kind".into(), json!(checked.kind.as_str()));
    fields.insert("title".into(), json!(input.title.trim()));
    fields.insert("place".into(), json!(input.place.trim()));
    fields.insert("notes".into(), json!(input.notes.trim()));
    fields.insert("status".into(), json!(status.as_str()));
    fields.insert("people_received".into(), json!(input.people_received.unwrap_or(0)));
    w.change(EntityKind::Activity, &id, Op::Insert, fields)?;
    for (d, status, reason) in &checked.lines {
        let line_id = natural_id(&["activity_attendance", &id, &d.id]);
        let mut fields = Fields::new();
        fields.insert("activity_id".into(), json!(id));
        fields.insert("deputy_id".into(), json!(d.id));
        fields.insert("status".into(), json!(status.as_str()));
        fields.insert("leave_reason".into(), json!(reason));
        w.change(EntityKind::ActivityAttendance, &line_id, Op::Insert, fields)?;
    }
    show(w.tx(), &id)
}

/// Checks every field, reporting all problems at once.
fn check(conn: &Connection, input: &ActivityInput, today: NaiveDate) -> Result<Checked> {
    let mut issues = Vec::new();
    // A held activity of a station closed since is still history; a new plan needs an open station.
    let station = check_station(conn, &input.station_code, input.planned, "安排活动", &mut issues)?;
    let day = check_date(&input.date, "date", "活动日期", &mut issues);
    if !input.planned && day.is_some_and(|d| d > today) {
        issues.push(FieldIssue::new("date", "已开展的活动日期不能晚于今天；尚未开展的请登记为计划"));
    }
    let kind = ActivityKind::parse_loose(&input.kind);
    if kind.is_none() {
        issues.push(FieldIssue::new("kind", format!("活动形式必须是：{}", ActivityKind::labels())));
    }
    if input.title.trim().is_empty() {
        issues.push(FieldIssue::new("title", "活动主题不能为空"));
    }
    if input.planned && !input.attendance.is_empty() {
        issues.push(FieldIssue::new("attendance", "活动尚未开展，不能登记出勤"));
    }
    let mut lines: Vec<(DeputyRef, AttendanceStatus, String)> = Vec::new();
    for (i, line) in input.attendance.iter().enumerate() {
        let code = line.deputy_code.trim();
        let field = |name: &str| format!("attendance[{i}].{name}");
        let d = match deputy(conn, code)? {
            Some(d) => Some(d),
            None => {
                let message = if code.is_empty() {
                    "请选择代表".to_owned()
                } else {
                    format!("代表编号 {code} 不存在")
                };
                issues.push(FieldIssue::new(&field("deputy_code"), message));
                None
            }
        };
        if let Some(d) = &d
            && lines.iter().any(|(seen, ..)| seen.id == d.id)
        {
            issues.push(FieldIssue::new(&field("deputy_code"), format!("{}（{code}）重复登记", d.name)));
            continue;
        }
        let status = AttendanceStatus::parse_loose(&line.status);
        let reason = line.reason.trim().to_owned();
        match status {
            None => issues.push(FieldIssue::new(&field("status"), "出勤情况必须是出席、请假或缺席")),
            Some(AttendanceStatus::Leave) if reason.is_empty() => {
                let who = d.as_ref().map_or(String::new(), |d| d.name.clone());
                issues.push(FieldIssue::new(&field("reason"), format!("{who}请假须填写事由")));
            }
            Some(_) => {}
        }
        if let (Some(d), Some(status)) = (d, status) {
            // A reason only means something for leave; dropped otherwise so a ledger never shows a stray one.
            let reason = if status == AttendanceStatus::Leave { reason } else { String::new() };
            lines.push((d, status, reason));
        }
    }
    match (station, day, kind, issues.is_empty()) {
        (Some(station), Some(day), Some(kind), true) => Ok(Checked { station_id: station.id, day, kind, lines }),
        _ => Err(Error::InvalidFields(issues)),
    }
}

const ACTIVITY_SQL: &str = "SELECT a.id, p.code, p.name, a.on_date, a.kind, a.title, a.place, a.notes, a.status,
        a.people_received
   FROM station_activities a JOIN platforms p ON p.id = a.station_id";

/// The activity with this id.
pub fn show(conn: &Connection, id: &str) -> Result<ActivityView> {
    let mut stmt = conn.prepare_cached(&format!("{ACTIVITY_SQL} WHERE a.id = ?1"))?;
    let mut found: Vec<ActivityView> = stmt.query_map([id], read)?.collect::<rusqlite::Result<_>>()?;
    let mut view = found.pop().ok_or_else(|| Error::NotFound(format!("活动 {id}")))?;
    view.attendance = attendance(conn, &view.id)?;
    Ok(view)
}

/// The activities of one station (or every station) in the period, oldest first, with their attendance.
pub fn list(conn: &Connection, station_code: Option<&str>, period: &Period) -> Result<Vec<ActivityView>> {
    if let Some(code) = station_code
        && super::station(conn, code)?.is_none()
    {
        return Err(Error::NotFound(format!("联络站编码 {code}")));
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{ACTIVITY_SQL} WHERE a.on_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR p.code = ?3)
          ORDER BY a.on_date, p.code, a.id"
    ))?;
    let params = rusqlite::params![period.start.to_string(), period.end.to_string(), station_code.map(str::trim)];
    let mut out: Vec<ActivityView> = stmt.query_map(params, read)?.collect::<rusqlite::Result<_>>()?;
    let mut lines = attendance_between(conn, period)?;
    for view in &mut out {
        view.attendance = lines.remove(&view.id).unwrap_or_default();
    }
    Ok(out)
}

/// The activities one deputy has an attendance line at, in the period, oldest first (the duty file): the
/// activity with all its attendance, and that deputy's own line.
pub(crate) fn of_deputy(
    conn: &Connection,
    deputy_id: &str,
    deputy_code: &str,
    period: &Period,
) -> Result<Vec<(ActivityView, AttendanceView)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ACTIVITY_SQL} JOIN activity_attendance t ON t.activity_id = a.id
          WHERE t.deputy_id = ?1 AND a.on_date BETWEEN ?2 AND ?3 ORDER BY a.on_date, a.id"
    ))?;
    let params = rusqlite::params![deputy_id, period.start.to_string(), period.end.to_string()];
    let activities: Vec<ActivityView> = stmt.query_map(params, read)?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for mut view in activities {
        view.attendance = attendance(conn, &view.id)?;
        if let Some(own) = view.attendance.iter().find(|l| l.deputy_code == deputy_code).cloned() {
            out.push((view, own));
        }
    }
    Ok(out)
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<ActivityView> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_owned().into())
    };
    let date: NaiveDate =
        r.get::<_, String>(3)?.parse().map_err(|_| bad(3, "station_activities.on_date is not a date"))?;
    let kind = ActivityKind::parse(&r.get::<_, String>(4)?).ok_or_else(|| bad(4, "station_activities.kind"))?;
    let status = ActivityStatus::parse(&r.get::<_, String>(8)?).ok_or_else(|| bad(8, "station_activities.status"))?;
    Ok(ActivityView {
        id: r.get(0)?,
        station_code: r.get(1)?,
        station_name: r.get(2)?,
        date,
        kind,
        kind_label: kind.label().to_owned(),
        title: r.get(5)?,
        place: r.get(6)?,
        notes: r.get(7)?,
        status,
        status_label: status.label().to_owned(),
        people_received: r.get(9)?,
        attendance: Vec::new(),
    })
}

const ATTENDANCE_SQL: &str = "SELECT t.activity_id, d.code, d.name, t.status, t.leave_reason
   FROM activity_attendance t JOIN deputies d ON d.id = t.deputy_id";

/// One activity's attendance, by deputy number.
fn attendance(conn: &Connection, activity_id: &str) -> Result<Vec<AttendanceView>> {
    let mut stmt = conn.prepare_cached(&format!("{ATTENDANCE_SQL} WHERE t.activity_id = ?1 ORDER BY d.code"))?;
    let rows = stmt.query_map([activity_id], read_line)?;
    Ok(rows.map(|r| r.map(|(_, line)| line)).collect::<rusqlite::Result<_>>()?)
}

/// The attendance of every activity in the period, by activity id (one query for a whole list).
fn attendance_between(conn: &Connection, period: &Period) -> Result<HashMap<String, Vec<AttendanceView>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ATTENDANCE_SQL} JOIN station_activities a ON a.id = t.activity_id
          WHERE a.on_date BETWEEN ?1 AND ?2 ORDER BY t.activity_id, d.code"
    ))?;
    let rows = stmt.query_map([period.start.to_string(), period.end.to_string()], read_line)?;
    let mut out: HashMap<String, Vec<AttendanceView>> = HashMap::new();
    for row in rows {
        let (activity, line) = row?;
        out.entry(activity).or_default().push(line);
    }
    Ok(out)
}

fn read_line(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, AttendanceView)> {
    let status = AttendanceStatus::parse(&r.get::<_, String>(3)?).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, "activity_attendance.status".into())
    })?;
    Ok((
        r.get(0)?,
        AttendanceView {
            deputy_code: r.get(1)?,
            deputy_name: r.get(2)?,
            status,
            status_label: status.label().to_owned(),
            reason: r.get(4)?,
        },
    ))
}
