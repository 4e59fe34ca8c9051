//! Platforms: liaison stations and points, legislative contact points, demonstration points, practice bases.
//!
//! A platform's star rating has a history ([`StarRating`]: level, year awarded, withdrawal), because ratings are
//! assessed yearly and can be lost; the current rating is derived from it on every write into `star_level` and
//! `star_year` so that lists and statistics need not parse the history.

use chrono::NaiveDate;
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::kinds::{PlatformKind, StarLevel};
use super::{Saved, id_by_code, save_by_code, validate};
use crate::changelog::{EntityKind, Fields};
use crate::error::{Error, FieldIssue, Result};
use crate::search;
use crate::store::Writer;

/// One award of a star rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct StarRating {
    /// City or province level.
    pub level: StarLevel,
    /// The year it was awarded.
    pub year: i32,
    /// When it was withdrawn, if it was. (`YYYY-MM-DD` over IPC.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ipc", specta(type = Option<String>))]
    #[cfg_attr(feature = "ipc", specta(optional))]
    pub withdrawn_on: Option<NaiveDate>,
    /// Why it was withdrawn.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// The rating in force: the highest level among the ratings not withdrawn, the latest year among those.
pub fn current_star(history: &[StarRating]) -> (StarLevel, Option<i32>) {
    history
        .iter()
        .filter(|r| r.withdrawn_on.is_none() && r.level != StarLevel::None)
        .map(|r| (r.level, Some(r.year)))
        .max()
        .unwrap_or((StarLevel::None, None))
}

/// Makes `history` say that the rating in force is `level` awarded in `year` (as a roster import states it):
/// withdraws ratings that no longer hold (on `today`, with `reason`) and adds the new one.
pub fn set_current_star(
    history: &mut Vec<StarRating>,
    level: StarLevel,
    year: Option<i32>,
    today: NaiveDate,
    reason: &str,
) {
    let current = current_star(history);
    if current.0 == level && (year.is_none() || current.1 == year) {
        return;
    }
    for r in history.iter_mut().filter(|r| r.withdrawn_on.is_none()) {
        r.withdrawn_on = Some(today);
        r.reason = reason.to_owned();
    }
    if level != StarLevel::None {
        history.push(StarRating {
            level,
            year: year.unwrap_or_else(|| chrono::Datelike::year(&today)),
            withdrawn_on: None,
            reason: String::new(),
        });
    }
}

/// A platform to save.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct PlatformInput {
    /// Code, e.g. "ZH-YM-01".
    pub code: String,
    /// Name, e.g. "湛河区姚孟街道人大代表联络站".
    pub name: String,
    /// Kind.
    pub kind: Option<PlatformKind>,
    /// Code of the region (township/sub-district, or county for county-level platforms).
    pub region_code: String,
    /// Street address.
    pub address: String,
    /// Public phone (mobile or landline).
    pub phone: String,
    /// Opening hours as written ("周一至周五 9:00-12:00").
    pub opening_hours: String,
    /// Reception days, ISO weekdays 1 (Mon) ..= 7 (Sun).
    pub reception_days: Vec<u8>,
    /// Star rating history.
    pub star_ratings: Vec<StarRating>,
    /// The station head's name.
    pub head_name: String,
    /// The clerks' names.
    pub clerks: Vec<String>,
    /// When it closed, if it did. (`YYYY-MM-DD` over IPC.)
    #[cfg_attr(feature = "ipc", specta(type = Option<String>))]
    pub closed_on: Option<NaiveDate>,
}

/// Creates or updates the platform with this code.
pub fn save(w: &mut Writer<'_>, input: &PlatformInput) -> Result<Saved> {
    let mut issues = Vec::new();
    if input.code.trim().is_empty() {
        issues.push(FieldIssue::new("code", "平台编码不能为空"));
    }
    if input.name.trim().is_empty() {
        issues.push(FieldIssue::new("name", "平台名称不能为空"));
    }
    if input.kind.is_none() {
        issues.push(FieldIssue::new("kind", "平台类型不能为空"));
    }
    let region_id = id_by_code(w.tx(), EntityKind::Region, &input.region_code)?;
    if region_id.is_none() {
        let message = if input.region_code.trim().is_empty() {
            "请选择所在区域".to_owned()
        } else {
            format!("所属区域编码 {} 不存在", input.region_code)
        };
        issues.push(FieldIssue::new("region_code", message));
    }
    let phone = match input.phone.trim() {
        "" => String::new(),
        raw => validate::phone(raw).unwrap_or_else(|reason| {
            issues.push(FieldIssue::new("phone", reason));
            String::new()
        }),
    };
    if let Some(bad) = input.reception_days.iter().find(|d| !(1..=7).contains(*d)) {
        issues.push(FieldIssue::new("reception_days", format!("接待日 {bad} 不是星期一到星期日")));
    }
    let (Some(kind), Some(region_id), true) = (input.kind, region_id, issues.is_empty()) else {
        return Err(Error::InvalidFields(issues));
    };
    let mut days = input.reception_days.clone();
    days.sort_unstable();
    days.dedup();
    let mut fields = Fields::new();
    fields.insert("code".into(), json!(input.code));
    fields.insert("name".into(), json!(input.name));
    fields.insert("kind".into(), json!(kind.as_str()));
    fields.insert("region_id".into(), json!(region_id));
    fields.insert("address".into(), json!(input.address));
    fields.insert("phone".into(), json!(phone));
    fields.insert("opening_hours".into(), json!(input.opening_hours));
    fields.insert("reception_days".into(), json!(days));
    fields.insert("star_ratings".into(), json!(input.star_ratings));
    fields.insert("head_name".into(), json!(input.head_name));
    fields.insert("clerks".into(), json!(input.clerks));
    fields.insert("status".into(), json!(if input.closed_on.is_some() { "closed" } else { "active" }));
    fields.insert("closed_on".into(), json!(input.closed_on.map(|d| d.to_string())));
    save_by_code(w, EntityKind::Platform, &input.code, fields)
}

/// The star history stored for the platform with this code (empty for a new platform).
pub fn star_history(conn: &rusqlite::Connection, code: &str) -> Result<Vec<StarRating>> {
    let raw: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT star_ratings FROM platforms WHERE code = ?1",
        [code],
        |r| r.get(0),
    ))?;
    Ok(raw.and_then(|r| serde_json::from_str(&r).ok()).unwrap_or_default())
}

/// Projection hook: derive the current star, refresh the search document.
pub(crate) fn after_project(tx: &Transaction<'_>, id: &str, deleted: bool) -> Result<()> {
    if deleted {
        return search::index::mark_dirty(tx, search::DocKind::Platform, id);
    }
    let raw: String = tx.query_row("SELECT star_ratings FROM platforms WHERE id = ?1", [id], |r| r.get(0))?;
    let history: Vec<StarRating> = serde_json::from_str(&raw).unwrap_or_default();
    let (level, year) = current_star(&history);
    tx.prepare_cached("UPDATE platforms SET star_level = ?2, star_year = ?3 WHERE id = ?1")?
        .execute(rusqlite::params![id, level.as_str(), year])?;
    search::index::mark_dirty(tx, search::DocKind::Platform, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn current_star_prefers_province_and_ignores_withdrawn() {
        let mut h = vec![
            StarRating { level: StarLevel::City, year: 2022, withdrawn_on: None, reason: String::new() },
            StarRating {
                level: StarLevel::Province,
                year: 2023,
                withdrawn_on: Some(d("2024-05-01")),
                reason: "台账不全".into(),
            },
        ];
        assert_eq!(current_star(&h), (StarLevel::City, Some(2022)));
        h[1].withdrawn_on = None;
        assert_eq!(current_star(&h), (StarLevel::Province, Some(2023)));
        assert_eq!(current_star(&[]), (StarLevel::None, None));
    }

    #[test]
    fn setting_the_current_star_keeps_history() {
        let mut h = Vec::new();
        set_current_star(&mut h, StarLevel::City, Some(2022), d("2026-01-01"), "导入");
        set_current_star(&mut h, StarLevel::City, Some(2022), d("2026-02-01"), "导入");
        assert_eq!(h.len(), 1, "same rating twice changes nothing");
        set_current_star(&mut h, StarLevel::Province, Some(2024), d("2026-03-01"), "升级");
        assert_eq!(current_star(&h), (StarLevel::Province, Some(2024)));
        set_current_star(&mut h, StarLevel::None, None, d("2026-04-01"), "撤销");
        assert_eq!(current_star(&h), (StarLevel::None, None));
        assert_eq!(h.len(), 2);
        assert!(h.iter().all(|r| r.withdrawn_on.is_some()));
    }
}
