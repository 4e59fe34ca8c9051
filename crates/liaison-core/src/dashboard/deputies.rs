//! The deputies' charts: 编组进站 (serving deputies in a station group ÷ all serving deputies, target 100%), their
//! attendance at the stations' activities, and the matters they first-responded.
//!
//! Over the city, 编组进站 counts every serving deputy; for one station, its own group (all of them in it, so the
//! chart shows the group by level). A deputy of several levels counts once per level in the bars and once in the
//! ratio. A matter's first responder is the name the clerk wrote (or a deputy number); it is credited to a deputy
//! by the rule of the duty file ([`crate::duty::file`]): the number, or the name of a deputy who received that visit
//! or belongs to the station's group. Matters no deputy is credited with count as 工作人员等.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::chart::{Chart, Ratio, Series};
use super::months;
use super::scope::Scope;
use crate::error::Result;
use crate::ledger::period::Period;
use crate::roster::kinds::Level;

/// A level's bar label: 全国人大代表, 省人大代表 …
fn level_label(level: Level) -> String {
    format!("{}人大代表", level.label())
}

/// Series of [`station_assignment`].
pub const ASSIGNMENT_SERIES: [&str; 2] = ["代表（人）", "已编组进站（人）"];

/// Serving deputies and those in an open station's group, per level, with the overall ratio.
pub fn station_assignment(conn: &Connection, scope: &Scope) -> Result<(Chart, Ratio)> {
    let s = scope.resolve(conn)?;
    // In a group: a station that is open. `?1`: one station's group only.
    const IN_GROUP: &str = "d.station_id IN (SELECT id FROM platforms WHERE status = 'active')";
    let filter = "d.status = 'serving' AND (?1 IS NULL OR d.station_id = ?1)";
    let mut chart = Chart::zeroed(Level::ALL.iter().map(|l| level_label(*l)).collect(), &ASSIGNMENT_SERIES);
    let by_level = format!(
        "SELECT l.level, COUNT(*), SUM({IN_GROUP}) FROM deputies d JOIN deputy_levels l ON l.deputy_id = d.id
          WHERE {filter} GROUP BY 1"
    );
    let mut stmt = conn.prepare_cached(&by_level)?;
    let mut rows = stmt.query([&s.station_id])?;
    while let Some(r) = rows.next()? {
        if let Some(level) = Level::parse(&r.get::<_, String>(0)?) {
            chart.add(&level_label(level), 0, r.get(1)?);
            chart.add(&level_label(level), 1, r.get(2)?);
        }
    }
    let overall = format!("SELECT COUNT(*), COALESCE(SUM({IN_GROUP}), 0) FROM deputies d WHERE {filter}");
    let (all, grouped) = conn.prepare_cached(&overall)?.query_row([&s.station_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((chart, Ratio::of(grouped, all)))
}

/// Series of [`duty_attendance`].
pub const ATTENDANCE_SERIES: [&str; 3] = ["出席（人次）", "请假（人次）", "缺席（人次）"];

/// Deputies' attendance at the activities held in `period`, per month, with present ÷ all the attendance lines.
pub fn duty_attendance(conn: &Connection, scope: &Scope, period: &Period) -> Result<(Chart, Ratio)> {
    let s = scope.resolve(conn)?;
    let mut chart = Chart::zeroed(months(period), &ATTENDANCE_SERIES);
    let mut stmt = conn.prepare_cached(
        "SELECT substr(a.on_date, 1, 7), t.status, COUNT(*)
           FROM station_activities a JOIN activity_attendance t ON t.activity_id = a.id
          WHERE a.status = 'held' AND a.on_date BETWEEN ?2 AND ?3 AND (?1 IS NULL OR a.station_id = ?1)
          GROUP BY 1, 2",
    )?;
    let mut rows = stmt.query(params![s.station_id, period.start.to_string(), period.end.to_string()])?;
    while let Some(r) = rows.next()? {
        let series = match r.get::<_, String>(1)?.as_str() {
            "present" => 0,
            "leave" => 1,
            _ => 2,
        };
        chart.add(&r.get::<_, String>(0)?, series, r.get(2)?);
    }
    let all = chart.total(0) + chart.total(1) + chart.total(2);
    let present = chart.total(0);
    Ok((chart, Ratio::of(present, all)))
}

/// Who first-responded the matters received in `period`: per the credited deputy's highest level (工作人员等 last),
/// and the `top` deputies with the most, most first.
pub fn first_responded(conn: &Connection, scope: &Scope, period: &Period, top: usize) -> Result<(Chart, Chart)> {
    let s = scope.resolve(conn)?;
    let roster = Roster::load(conn)?;
    // Matters grouped by what the crediting rule looks at (far fewer groups than matters), matched in Rust.
    // One station's matters through its visits' index; the city's with `?1 IS NULL`, always true.
    let station = if s.station_id.is_some() { "v.station_id = ?1" } else { "?1 IS NULL" };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT trim(m.first_responder), v.station_id, v.deputies, COUNT(*)
           FROM visits v JOIN matters m ON m.visit_id = v.id
          WHERE {station} AND date(v.received_at, '+8 hours') BETWEEN ?2 AND ?3
          GROUP BY 1, 2, 3"
    ))?;
    let mut per_deputy: HashMap<usize, u32> = HashMap::new();
    let mut unmatched = 0;
    let mut rows = stmt.query(params![s.station_id, period.start.to_string(), period.end.to_string()])?;
    while let Some(r) = rows.next()? {
        let (responder, station, received_by): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let n: u32 = r.get(3)?;
        let received_by: Vec<String> = serde_json::from_str(&received_by).unwrap_or_default();
        match roster.credited(&responder, &station, &received_by) {
            Some(i) => *per_deputy.entry(i).or_default() += n,
            None => unmatched += n,
        }
    }
    let mut labels: Vec<String> = Level::ALL.iter().map(|l| level_label(*l)).collect();
    labels.push(STAFF.to_owned());
    let mut by_level = Chart::zeroed(labels, &[RESPONDED]);
    by_level.add(STAFF, 0, unmatched);
    let mut deputies: Vec<(&str, u32)> = Vec::new();
    for (i, n) in per_deputy {
        let d = &roster.deputies[i];
        by_level.add(&d.level.map_or_else(|| STAFF.to_owned(), level_label), 0, n);
        deputies.push((&d.name, n));
    }
    deputies.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    deputies.truncate(top);
    let top_chart = Chart {
        labels: deputies.iter().map(|d| d.0.to_owned()).collect(),
        series: vec![Series { name: RESPONDED.to_owned(), values: deputies.iter().map(|d| d.1).collect() }],
    };
    Ok((by_level, top_chart))
}

/// The series of [`first_responded`], and its bar for matters no deputy is credited with.
const RESPONDED: &str = "首问办理（件）";
const STAFF: &str = "工作人员等";

/// A deputy as the crediting rule needs them.
struct Deputy {
    code: String,
    name: String,
    station_id: Option<String>,
    /// The highest level (national first).
    level: Option<Level>,
}

/// Every deputy, found by number or by name.
struct Roster {
    /// By code.
    deputies: Vec<Deputy>,
    by_code: HashMap<String, usize>,
    /// Deputies of each name, by code.
    by_name: HashMap<String, Vec<usize>>,
}

impl Roster {
    fn load(conn: &Connection) -> Result<Roster> {
        let mut stmt = conn.prepare_cached(
            "SELECT d.code, d.name, d.station_id, l.level
               FROM deputies d LEFT JOIN deputy_levels l ON l.deputy_id = d.id ORDER BY d.code",
        )?;
        let mut rows = stmt.query([])?;
        let mut roster = Roster { deputies: Vec::new(), by_code: HashMap::new(), by_name: HashMap::new() };
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            let level = r.get::<_, Option<String>>(3)?.as_deref().and_then(Level::parse);
            let i = match roster.by_code.get(&code) {
                Some(i) => *i,
                None => {
                    let name: String = r.get(1)?;
                    let i = roster.deputies.len();
                    roster.by_name.entry(name.clone()).or_default().push(i);
                    roster.by_code.insert(code.clone(), i);
                    roster.deputies.push(Deputy { code, name, station_id: r.get(2)?, level: None });
                    i
                }
            };
            // Level::ALL is in display order, national first: the smaller the higher.
            let d = &mut roster.deputies[i];
            if level.is_some() && (d.level.is_none() || level < d.level) {
                d.level = level;
            }
        }
        Ok(roster)
    }

    /// The deputy credited with a matter first-responded by `responder` at `station`, the visit received by
    /// `received_by` (deputies' numbers): the deputy with that number, else the first by number of that name who
    /// received the visit or belongs to the station's group.
    fn credited(&self, responder: &str, station: &str, received_by: &[String]) -> Option<usize> {
        if let Some(i) = self.by_code.get(responder) {
            return Some(*i);
        }
        self.by_name.get(responder)?.iter().copied().find(|i| {
            let d = &self.deputies[*i];
            d.station_id.as_deref() == Some(station) || received_by.contains(&d.code)
        })
    }
}
