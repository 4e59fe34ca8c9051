//! Leaders' station visits (领导干部进站): a leader of the standing committee (or the government) coming to a
//! station to receive citizens or see its work, and the coverage the office reports against the full-coverage
//! target: distinct stations visited ÷ stations in scope, over a period.
//!
//! The scope is the open platforms of a region and every region below it (a county, a township) or of the whole
//! installation. A visit to a platform outside the scope, or to one closed since, does not count towards it, so
//! the rate never exceeds 100 %. With no station in scope the rate is undefined (`None`), not 0 % or NaN: an
//! empty county has nothing to cover.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{check_date, check_station};
use crate::changelog::{EntityKind, Fields, Op};
use crate::error::{Error, FieldIssue, Result};
use crate::ledger::Period;
use crate::roster::id_by_code;
use crate::roster::region::subtree_cte;
use crate::store::Writer;
use crate::workflow::deadlines::china_date;

/// A leader's visit to record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct LeaderVisitInput {
    /// The station's code.
    pub station_code: String,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// The leader's name.
    pub leader_name: String,
    /// The leader's post, e.g. 市人大常委会副主任.
    pub leader_post: String,
    /// What for (接待群众, 调研指导, 督导联络站建设 …).
    #[serde(default)]
    pub purpose: String,
}

/// A leader's visit as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct LeaderVisitView {
    /// Its id.
    pub id: String,
    /// The station's code.
    pub station_code: String,
    /// The station's name.
    pub station_name: String,
    /// The day. (`YYYY-MM-DD` over IPC.)
    #[cfg_attr(feature = "ipc", specta(type = String))]
    pub date: NaiveDate,
    /// The leader's name.
    pub leader_name: String,
    /// The leader's post.
    pub leader_post: String,
    /// What for.
    pub purpose: String,
}

/// A station in a coverage report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct StationBrief {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
}

/// Leaders' coverage of the stations in scope over a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Coverage {
    /// The region's name, or 全部 for the whole installation.
    pub scope: String,
    /// The period's label.
    pub period: String,
    /// Open platforms in scope.
    pub stations_in_scope: u32,
    /// Of them, visited at least once in the period.
    pub stations_visited: u32,
    /// Visits to stations in scope in the period.
    pub visits: u32,
    /// visited ÷ in scope, from 0 to 1; `None` when no station is in scope.
    pub rate: Option<f64>,
    /// The rate as people read it: "75.0%", or "—" without stations.
    pub rate_label: String,
    /// The stations in scope no leader has visited in the period, by code.
    pub not_visited: Vec<StationBrief>,
}

/// Records a leader's visit; returns it as listed.
pub fn record(w: &mut Writer<'_>, input: &LeaderVisitInput) -> Result<LeaderVisitView> {
    let today = china_date(w.deps().clock.now());
    let mut issues = Vec::new();
    let station = check_station(w.tx(), &input.station_code, false, "登记", &mut issues)?;
    let day = check_date(&input.date, "date", "进站日期", &mut issues);
    if day.is_some_and(|d| d > today) {
        issues.push(FieldIssue::new("date", "进站日期不能晚于今天"));
    }
    if input.leader_name.trim().is_empty() {
        issues.push(FieldIssue::new("leader_name", "请填写领导姓名"));
    }
    if input.leader_post.trim().is_empty() {
        issues.push(FieldIssue::new("leader_post", "请填写领导职务，如市人大常委会副主任"));
    }
    let (Some(station), Some(day), true) = (station, day, issues.is_empty()) else {
        return Err(Error::InvalidFields(issues));
    };
    let id = w.new_id().to_string();
    let mut fields = Fields::new();
    fields.insert("station_id".into(), json!(station.id));
    fields.insert("on_date".into(), json!(day.to_string()));
    fields.insert("leader_name".into(), json!(input.leader_name.trim()));
    fields.insert("leader_post".into(), json!(input.leader_post.trim()));
    fields.insert("purpose".into(), json!(input.purpose.trim()));
    w.change(EntityKind::LeaderVisit, &id, Op::Insert, fields)?;
    Ok(LeaderVisitView {
        id,
        station_code: station.code,
        station_name: station.name,
        date: day,
        leader_name: input.leader_name.trim().to_owned(),
        leader_post: input.leader_post.trim().to_owned(),
        purpose: input.purpose.trim().to_owned(),
    })
}

/// The leaders' visits to one station (or every station) in the period, oldest first.
pub fn list(conn: &Connection, station_code: Option<&str>, period: &Period) -> Result<Vec<LeaderVisitView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, p.code, p.name, l.on_date, l.leader_name, l.leader_post, l.purpose
           FROM leader_visits l JOIN platforms p ON p.id = l.station_id
          WHERE l.on_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR p.code = ?3)
          ORDER BY l.on_date, p.code, l.id",
    )?;
    let params = rusqlite::params![period.start.to_string(), period.end.to_string(), station_code.map(str::trim)];
    let rows = stmt.query_map(params, |r| {
        let date: String = r.get(3)?;
        Ok(LeaderVisitView {
            id: r.get(0)?,
            station_code: r.get(1)?,
            station_name: r.get(2)?,
            date: date
                .parse()
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e)))?,
            leader_name: r.get(4)?,
            leader_post: r.get(5)?,
            purpose: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Leaders' coverage of the open platforms of `region_code` and below (every region when `None`) in the period.
pub fn coverage(conn: &Connection, region_code: Option<&str>, period: &Period) -> Result<Coverage> {
    let (region_id, scope) = match region_code.map(str::trim) {
        Some(code) => {
            let id = id_by_code(conn, EntityKind::Region, code)?
                .ok_or_else(|| Error::NotFound(format!("区域编码 {code}")))?;
            let name: String = conn.query_row("SELECT name FROM regions WHERE id = ?1", [&id], |r| r.get(0))?;
            (Some(id), name)
        }
        None => (None, "全部".to_owned()),
    };
    // One row per open platform in scope, with how many visits it had in the period.
    let sql = format!(
        "{cte} SELECT p.code, p.name,
                (SELECT COUNT(*) FROM leader_visits l WHERE l.station_id = p.id AND l.on_date BETWEEN ?2 AND ?3)
           FROM platforms p
          WHERE p.status = 'active' AND (?1 IS NULL OR p.region_id IN (SELECT id FROM tree))
          ORDER BY p.code",
        cte = subtree_cte(1)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![region_id, period.start.to_string(), period.end.to_string()], |r| {
        Ok((StationBrief { code: r.get(0)?, name: r.get(1)? }, r.get::<_, u32>(2)?))
    })?;
    let (mut in_scope, mut visited, mut visits, mut not_visited) = (0u32, 0u32, 0u32, Vec::new());
    for row in rows {
        let (station, count) = row?;
        in_scope += 1;
        visits += count;
        if count > 0 {
            visited += 1;
        } else {
            not_visited.push(station);
        }
    }
    let rate = (in_scope > 0).then(|| f64::from(visited) / f64::from(in_scope));
    Ok(Coverage {
        scope,
        period: period.label.clone(),
        stations_in_scope: in_scope,
        stations_visited: visited,
        visits,
        rate,
        rate_label: rate.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0)),
        not_visited,
    })
}
