//! The duty rota (进站值班排班): which deputies receive citizens at which station, on which day and session; who is
//! on duty today; the printable weekly or monthly rota posted at the station; and the day by which a week's rota
//! must be posted (it is announced in advance, 3 days by the local rule).
//!
//! A slot is one deputy at one station for one session of one day. Adding checks every field at once: the
//! station exists and is open, the deputy exists and still serves, the date is a date, and the deputy is not
//! already on duty at that time (at this station or another: nobody receives in two places at once).

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::Session;
use super::{DeputyRef, StationRef, check_date, check_station, chinese_date, deputy, weekday_label};
use crate::changelog::{self, DELETED_FIELD, EntityKind, Fields, Op};
use crate::error::{Error, FieldIssue, Result};
use crate::ids::natural_id;
use crate::roster::kinds::Level;
use crate::store::Writer;
use crate::tabular::TableOut;
use crate::workflow::deadlines::china_date;

/// How many days before its first day a rota must be posted (*local* rule in docs/domain.md). A default: callers
/// that hold the office's configuration pass their own number to [`rota_announcement_due`].
pub const ANNOUNCE_DAYS_AHEAD: u32 = 3;

/// How far ahead a rota may be planned: a date further out is a typo (2027 for 2026), not a plan.
const PLAN_AHEAD_DAYS: u64 = 366;

/// Deputies to put on (or take off) the rota for one session of one day at one station.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RotaInput {
    /// The station's code.
    pub station_code: String,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// 上午 / 下午 / 全天 (or `morning` / `afternoon` / `all_day`).
    pub session: String,
    /// The deputies' numbers (at least one).
    #[serde(default)]
    pub deputy_codes: Vec<String>,
}

/// One slot of the rota as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RotaEntry {
    /// Its id.
    pub id: String,
    /// The station's code.
    pub station_code: String,
    /// The station's name.
    pub station_name: String,
    /// The day. (`YYYY-MM-DD` over IPC.)
    #[cfg_attr(feature = "ipc", specta(type = String))]
    pub date: NaiveDate,
    /// 周一 … 周日.
    pub weekday: String,
    /// The session.
    pub session: Session,
    /// Its label (上午, 下午, 全天).
    pub session_label: String,
    /// The deputy's number.
    pub deputy_code: String,
    /// The deputy's name.
    pub deputy_name: String,
    /// The deputy's levels as people say them ("市、县人大代表").
    pub deputy_levels: String,
    /// The deputy's public contact (what the QR card shows; never the private phone).
    pub public_contact: String,
}

/// The checked input.
struct Checked {
    station: StationRef,
    day: NaiveDate,
    session: Session,
    deputies: Vec<DeputyRef>,
}

/// Puts the deputies on the rota; returns their slots. All or nothing: one bad deputy refuses the whole input.
pub fn add(w: &mut Writer<'_>, input: &RotaInput) -> Result<Vec<RotaEntry>> {
    let today = china_date(w.deps().clock.now());
    let checked = check(w.tx(), input, today, true)?;
    let mut ids = Vec::new();
    for d in &checked.deputies {
        let id = slot_id(&checked.station.id, checked.day, checked.session, &d.id);
        let mut fields = Fields::new();
        fields.insert("station_id".into(), json!(checked.station.id));
        fields.insert("on_date".into(), json!(checked.day.to_string()));
        fields.insert("session".into(), json!(checked.session.as_str()));
        fields.insert("deputy_id".into(), json!(d.id));
        // The slot may have been removed before (its id is its key).
        changelog::revive_if_deleted(w.tx(), EntityKind::DutySlot, &id, &mut fields)?;
        w.change(EntityKind::DutySlot, &id, Op::Insert, fields)?;
        ids.push(id);
    }
    // Read back by id (not by listing the day): the demo city adds thousands of slots through here.
    let mut stmt = w.tx().prepare_cached(&format!("{ENTRY_SQL} WHERE r.id = ?1"))?;
    let mut entries = Vec::new();
    for id in &ids {
        entries.push(stmt.query_row([id], read)?);
    }
    Ok(entries)
}

/// Takes the deputies off that session of that day; returns how many slots were removed. A deputy who was not on
/// the rota there is reported, and nothing is removed.
pub fn remove(w: &mut Writer<'_>, input: &RotaInput) -> Result<usize> {
    let today = china_date(w.deps().clock.now());
    let checked = check(w.tx(), input, today, false)?;
    let mut issues = Vec::new();
    let mut ids = Vec::new();
    for (i, d) in checked.deputies.iter().enumerate() {
        let id = slot_id(&checked.station.id, checked.day, checked.session, &d.id);
        let exists = w.tx().prepare_cached("SELECT 1 FROM duty_rota WHERE id = ?1")?.exists([&id])?;
        if exists {
            ids.push(id);
        } else {
            issues.push(FieldIssue::new(
                &format!("deputy_codes[{i}]"),
                format!("{}在{}{}没有值班安排", d.name, checked.day, checked.session.label()),
            ));
        }
    }
    if !issues.is_empty() {
        return Err(Error::InvalidFields(issues));
    }
    for id in &ids {
        let mut fields = Fields::new();
        fields.insert(DELETED_FIELD.into(), json!(true));
        w.change(EntityKind::DutySlot, id, Op::Delete, fields)?;
    }
    Ok(ids.len())
}

/// The slot's id: its natural key, so the same slot entered on two nodes is one entity.
fn slot_id(station_id: &str, day: NaiveDate, session: Session, deputy_id: &str) -> String {
    natural_id(&["duty_slot", station_id, &day.to_string(), session.as_str(), deputy_id])
}

/// Checks every field; `adding` also checks that the station is open, the deputies serve and are free.
fn check(conn: &Connection, input: &RotaInput, today: NaiveDate, adding: bool) -> Result<Checked> {
    let mut issues = Vec::new();
    let station = check_station(conn, &input.station_code, adding, "排班", &mut issues)?;
    let day = check_date(&input.date, "date", "值班日期", &mut issues);
    if adding && day.is_some_and(|d| today.checked_add_days(Days::new(PLAN_AHEAD_DAYS)).is_some_and(|last| d > last)) {
        issues.push(FieldIssue::new("date", "值班日期不能晚于一年以后"));
    }
    let session = Session::parse_loose(&input.session);
    if session.is_none() {
        issues.push(FieldIssue::new("session", "值班时段必须是上午、下午或全天"));
    }
    if input.deputy_codes.iter().all(|c| c.trim().is_empty()) {
        issues.push(FieldIssue::new("deputy_codes", "请至少选择一位值班代表"));
    }
    let mut deputies: Vec<DeputyRef> = Vec::new();
    for (i, code) in input.deputy_codes.iter().enumerate() {
        let field = format!("deputy_codes[{i}]");
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        let Some(d) = deputy(conn, code)? else {
            issues.push(FieldIssue::new(&field, format!("代表编号 {code} 不存在")));
            continue;
        };
        if deputies.iter().any(|seen| seen.id == d.id) {
            issues.push(FieldIssue::new(&field, format!("{}（{code}）重复选择", d.name)));
            continue;
        }
        if adding && !d.serving {
            issues.push(FieldIssue::new(&field, format!("{}（{code}）已终止代表资格，不能排班", d.name)));
        }
        if let (true, Some(day), Some(session), Some(station)) = (adding, day, session, &station)
            && let Some(reason) = busy(conn, &d, station, day, session)?
        {
            issues.push(FieldIssue::new(&field, reason));
        }
        deputies.push(d);
    }
    match (station, day, session, issues.is_empty()) {
        (Some(station), Some(day), Some(session), true) => Ok(Checked { station, day, session, deputies }),
        _ => Err(Error::InvalidFields(issues)),
    }
}

/// Why the deputy cannot take this slot (already on it, or on duty elsewhere at the same time), if they cannot.
fn busy(
    conn: &Connection,
    d: &DeputyRef,
    station: &StationRef,
    day: NaiveDate,
    session: Session,
) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.station_id, r.session, p.name FROM duty_rota r JOIN platforms p ON p.id = r.station_id
          WHERE r.deputy_id = ?1 AND r.on_date = ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![d.id, day.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    for row in rows {
        let (station_id, stored, name) = row?;
        let Some(other) = Session::parse(&stored) else { continue };
        if station_id == station.id && other == session {
            return Ok(Some(format!("{}已排在{day}{}值班，不能重复排班", d.name, session.label())));
        }
        if other.overlaps(session) {
            let place = if station_id == station.id { "本站".to_owned() } else { name };
            return Ok(Some(format!("{}在{day}已排{place}{}值班，时间冲突", d.name, other.label())));
        }
    }
    Ok(None)
}

const ENTRY_SQL: &str = "SELECT r.id, p.code, p.name, r.on_date, r.session, d.code, d.name, d.levels, d.public_contact
   FROM duty_rota r JOIN platforms p ON p.id = r.station_id JOIN deputies d ON d.id = r.deputy_id";

/// Sessions in the order of the day: the whole day first (it starts in the morning), then the halves.
const SESSION_ORDER: &str = "CASE r.session WHEN 'all_day' THEN 0 WHEN 'morning' THEN 1 ELSE 2 END";

/// The rota of one station (or every station) from `from` to `to`, both included, in the order of the day.
pub fn list(conn: &Connection, station_code: Option<&str>, from: NaiveDate, to: NaiveDate) -> Result<Vec<RotaEntry>> {
    if let Some(code) = station_code
        && super::station(conn, code)?.is_none()
    {
        return Err(Error::NotFound(format!("联络站编码 {code}")));
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{ENTRY_SQL} WHERE r.on_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR p.code = ?3)
          ORDER BY r.on_date, p.code, {SESSION_ORDER}, d.code"
    ))?;
    let rows =
        stmt.query_map(rusqlite::params![from.to_string(), to.to_string(), station_code.map(str::trim)], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The deputies on duty on `day` at one station or every station (今日值班代表).
pub fn on_duty(conn: &Connection, station_code: Option<&str>, day: NaiveDate) -> Result<Vec<RotaEntry>> {
    list(conn, station_code, day, day)
}

/// One deputy's duty days in the period, oldest first (the duty file).
pub(crate) fn of_deputy(conn: &Connection, deputy_id: &str, from: NaiveDate, to: NaiveDate) -> Result<Vec<RotaEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ENTRY_SQL} WHERE r.deputy_id = ?1 AND r.on_date BETWEEN ?2 AND ?3 ORDER BY r.on_date, {SESSION_ORDER}"
    ))?;
    let rows = stmt.query_map(rusqlite::params![deputy_id, from.to_string(), to.to_string()], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<RotaEntry> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let bad =
        |i: usize, what: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.into());
    let date: NaiveDate = text(3)?.parse().map_err(|e| bad(3, format!("duty_rota.on_date: {e}")))?;
    let session = Session::parse(&text(4)?).ok_or_else(|| bad(4, "duty_rota.session".into()))?;
    Ok(RotaEntry {
        id: text(0)?,
        station_code: text(1)?,
        station_name: text(2)?,
        date,
        weekday: weekday_label(date).to_owned(),
        session,
        session_label: session.label().to_owned(),
        deputy_code: text(5)?,
        deputy_name: text(6)?,
        deputy_levels: levels_label(&text(7)?),
        public_contact: text(8)?,
    })
}

/// "市、县人大代表" from the stored levels (`[{"level": "city", "term": 12}, …]`); empty when there are none.
pub(crate) fn levels_label(stored: &str) -> String {
    let levels: Vec<serde_json::Value> = serde_json::from_str(stored).unwrap_or_default();
    let mut labels: Vec<Level> =
        levels.iter().filter_map(|l| l.get("level").and_then(|v| v.as_str()).and_then(Level::parse)).collect();
    labels.sort();
    labels.dedup();
    if labels.is_empty() {
        return String::new();
    }
    format!("{}人大代表", labels.iter().map(|l| l.label()).collect::<Vec<_>>().join("、"))
}

/// What a printed rota covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotaSpan {
    /// The week (Monday to Sunday) containing this day.
    Week(NaiveDate),
    /// A calendar month.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u32,
    },
}

impl RotaSpan {
    /// The first and last day.
    pub fn days(self) -> Result<(NaiveDate, NaiveDate)> {
        match self {
            RotaSpan::Week(day) => Ok(week_of(day)),
            RotaSpan::Month { year, month } => {
                let p = crate::ledger::Period::month(year, month)
                    .ok_or_else(|| Error::Invalid(format!("月份 {year}-{month} 无效")))?;
                Ok((p.start, p.end))
            }
        }
    }

    /// How the title names it: "2026年12月第1周" or "2026年12月".
    pub fn label(self) -> Result<String> {
        Ok(match self {
            RotaSpan::Week(day) => week_label(week_of(day).0),
            RotaSpan::Month { year, month } => {
                self.days()?;
                format!("{year}年{month}月")
            }
        })
    }
}

/// The Monday and Sunday of the week containing `day`.
pub fn week_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
    (monday, monday + Days::new(6))
}

/// "2026年12月第1周" for the week starting `monday`. A week that spans two months belongs to the month holding
/// its Thursday (most of its days, as in ISO week numbering), so 30 Nov – 6 Dec 2026 is 12月第1周.
pub fn week_label(monday: NaiveDate) -> String {
    let thursday = week_of(monday).0 + Days::new(3);
    format!("{}年{}月第{}周", thursday.year(), thursday.month(), (thursday.day() - 1) / 7 + 1)
}

/// The title of a printed rota: "XX联络站代表进站值班表（2026年12月第1周）".
pub const ROTA_SHEET: &str = "代表进站值班表";

/// The printed rota's columns.
pub const ROTA_HEADERS: [&str; 7] = ["序号", "日期", "星期", "时段", "值班代表", "代表身份", "联系方式"];

/// The printable rota of one station for a week or a month: one row per deputy and session, in the order of the
/// days. Only public data: names, levels and the public contact.
pub fn rota_sheet(conn: &Connection, station_code: &str, span: RotaSpan) -> Result<TableOut> {
    let station =
        super::station(conn, station_code)?.ok_or_else(|| Error::NotFound(format!("联络站编码 {station_code}")))?;
    let (from, to) = span.days()?;
    let rows = list(conn, Some(&station.code), from, to)?
        .into_iter()
        .map(|e| {
            vec![
                e.date.format("%Y-%m-%d").to_string(),
                e.weekday,
                e.session_label,
                e.deputy_name,
                e.deputy_levels,
                e.public_contact,
            ]
        })
        .collect();
    Ok(TableOut {
        sheet: ROTA_SHEET.into(),
        title: Some(format!("{}{ROTA_SHEET}（{}）", station.name, span.label()?)),
        headers: crate::ledger::headers(&ROTA_HEADERS),
        rows: crate::ledger::numbered(rows),
        text_columns: vec![1, 6],
    })
}

/// Which week's rota is due to be posted, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Announcement {
    /// The week's Monday. (`YYYY-MM-DD` over IPC.)
    #[cfg_attr(feature = "ipc", specta(type = String))]
    pub week_start: NaiveDate,
    /// Its Sunday.
    #[cfg_attr(feature = "ipc", specta(type = String))]
    pub week_end: NaiveDate,
    /// "2026年12月第1周".
    pub week_label: String,
    /// The last day to post it.
    #[cfg_attr(feature = "ipc", specta(type = String))]
    pub publish_by: NaiveDate,
    /// Days from today to `publish_by` (negative: late).
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub days_left: i64,
    /// The sentence a reminder shows: "2026年12月第1周值班表应于2026年11月27日前公示".
    pub message: String,
}

/// The next week whose rota must be posted, seen from `today`: the week starting the next Monday after today,
/// due `days_ahead` days before that Monday (a Friday with the 3-day rule). On the weekend before it the rota is
/// already late (`days_left` < 0): a reminder should say so rather than move on to the week after.
pub fn rota_announcement_due(today: NaiveDate, days_ahead: u32) -> Announcement {
    let monday = week_of(today).0 + Days::new(7);
    let publish_by = monday - Days::new(u64::from(days_ahead));
    let days_left = (publish_by - today).num_days();
    let label = week_label(monday);
    let message = if days_left < 0 {
        format!("{label}值班表应于{}前公示，已逾期{}天", chinese_date(publish_by), -days_left)
    } else {
        format!("{label}值班表应于{}前公示", chinese_date(publish_by))
    };
    Announcement {
        week_start: monday,
        week_end: monday + Days::new(6),
        week_label: label,
        publish_by,
        days_left,
        message,
    }
}
