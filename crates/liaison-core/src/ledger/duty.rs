//! 代表进站履职台账: the register of deputies' station duty the star-rating inspection asks for, one row per deputy
//! per duty session and per deputy per activity, in the order of the days.
//!
//! The paper registers stations keep list, for every day a deputy came: who (name, number, level), how (进站接待
//! on the rota, or the kind of activity: 调研, 视察, 座谈 …), the session or the subject, attendance (出席 /
//! 请假 with the reason / 缺席, recorded for activities), and what came of it: the citizens received and the
//! matters they raised. This ledger follows that layout:
//!
//! - **Duty rows** come from the rota, only up to today (a rota for next week is a plan, not a record). Their
//!   reception figures are the visits recorded at that station that day which name the deputy among the
//!   receiving deputies (head-count and matters); when a deputy has two sessions the same day the figures go on
//!   the first, so a column total counts each visit once.
//! - **Activity rows** come from held activities (not planned ones), one per attendance line; 接待群众 activities
//!   show the people met, and notes go to 备注.
//!
//! No personal data of citizens appears here: only counts. Deputies' names are public.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::{LedgerScope, headers, numbered, station_names, title};
use crate::duty::activities;
use crate::duty::model::{ActivityKind, ActivityStatus};
use crate::duty::rota;
use crate::error::Result;
use crate::tabular::TableOut;
use crate::workflow::deadlines::china_date;

/// The sheet and the ledger's name.
pub const DUTY_LEDGER: &str = "代表进站履职台账";

/// The columns, in the order of a station's register.
pub const DUTY_HEADERS: [&str; 14] = [
    "序号",
    "日期",
    "联络站",
    "代表姓名",
    "代表编号",
    "代表身份",
    "履职形式",
    "时段",
    "履职内容",
    "出勤情况",
    "请假事由",
    "接待群众（人次）",
    "反映问题（件）",
    "备注",
];

/// The date and the deputy number stay text in Excel.
const TEXT_COLUMNS: [usize; 2] = [1, 4];

/// What a duty row says it is.
const DUTY_FORM: &str = "进站接待";

/// A row with what it sorts by: day, station, duty before activities, deputy.
struct Line {
    key: (NaiveDate, String, u8, String, String),
    cells: Vec<String>,
}

/// 代表进站履职台账 for the scope; duty days after `now`'s date are left out (not yet happened).
pub fn duty_ledger(conn: &Connection, scope: &LedgerScope, now: DateTime<Utc>) -> Result<TableOut> {
    let stations = station_names(conn)?;
    let title = title(conn, scope, &stations, DUTY_LEDGER)?;
    let station = scope.station_code.as_deref().map(str::trim);
    let today = china_date(now);
    let received = receptions(conn, scope)?;
    let mut lines = Vec::new();

    let last = scope.period.end.min(today);
    let duty =
        if scope.period.start <= last { rota::list(conn, station, scope.period.start, last)? } else { Vec::new() };
    let mut counted: HashSet<Reception> = HashSet::new();
    for e in duty {
        let key = (e.station_code.clone(), e.date, e.deputy_code.clone());
        let (people, matters) = if counted.insert(key.clone()) {
            let (people, matters) = received.get(&key).copied().unwrap_or((0, 0));
            (people.to_string(), matters.to_string())
        } else {
            (String::new(), String::new())
        };
        lines.push(Line {
            key: (e.date, e.station_code, 0, e.deputy_code.clone(), String::new()),
            cells: vec![
                e.date.format("%Y-%m-%d").to_string(),
                e.station_name,
                e.deputy_name,
                e.deputy_code,
                e.deputy_levels,
                DUTY_FORM.to_owned(),
                e.session_label,
                "代表进站接待群众".to_owned(),
                String::new(),
                String::new(),
                people,
                matters,
                String::new(),
            ],
        });
    }

    let levels = deputy_levels(conn)?;
    for a in activities::list(conn, station, &scope.period)? {
        if a.status != ActivityStatus::Held {
            continue;
        }
        let subject = if a.place.is_empty() { a.title.clone() } else { format!("{}（{}）", a.title, a.place) };
        let people = if a.kind == ActivityKind::Reception { a.people_received.to_string() } else { String::new() };
        for line in &a.attendance {
            lines.push(Line {
                key: (a.date, a.station_code.clone(), 1, line.deputy_code.clone(), a.id.clone()),
                cells: vec![
                    a.date.format("%Y-%m-%d").to_string(),
                    a.station_name.clone(),
                    line.deputy_name.clone(),
                    line.deputy_code.clone(),
                    levels.get(&line.deputy_code).cloned().unwrap_or_default(),
                    a.kind_label.clone(),
                    String::new(),
                    subject.clone(),
                    line.status_label.clone(),
                    line.reason.clone(),
                    people.clone(),
                    String::new(),
                    a.notes.clone(),
                ],
            });
        }
    }
    lines.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(TableOut {
        sheet: DUTY_LEDGER.into(),
        title: Some(title),
        headers: headers(&DUTY_HEADERS),
        rows: numbered(lines.into_iter().map(|l| l.cells).collect()),
        text_columns: TEXT_COLUMNS.to_vec(),
    })
}

/// Who received on which day where: (station code, China date, receiving deputy's number).
type Reception = (String, NaiveDate, String);

/// People received and matters raised, by [`Reception`], over the scope's visits. A visit with two receiving
/// deputies counts for each of them (both received it).
fn receptions(conn: &Connection, scope: &LedgerScope) -> Result<HashMap<Reception, (u32, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.received_at, p.code, j.value, v.head_count, (SELECT COUNT(*) FROM matters m WHERE m.visit_id = v.id)
           FROM visits v JOIN platforms p ON p.id = v.station_id, json_each(v.deputies) j
          WHERE ?1 IS NULL OR p.code = ?1",
    )?;
    let rows = stmt.query_map([scope.station_code.as_deref().map(str::trim)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, u32>(4)?,
        ))
    })?;
    let mut out: HashMap<Reception, (u32, u32)> = HashMap::new();
    for row in rows {
        let (at, station, deputy, people, matters) = row?;
        // The day in China, as the visits ledger files a visit (the stored offset may differ).
        let Ok(at) = DateTime::parse_from_rfc3339(&at) else { continue };
        let day = china_date(at.to_utc());
        if scope.period.contains(day) {
            let entry = out.entry((station, day, deputy)).or_default();
            entry.0 += people;
            entry.1 += matters;
        }
    }
    Ok(out)
}

/// Deputies' levels as people say them ("市人大代表"), by number.
fn deputy_levels(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT code, levels FROM deputies")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (code, levels) = row?;
        out.insert(code, rota::levels_label(&levels));
    }
    Ok(out)
}
