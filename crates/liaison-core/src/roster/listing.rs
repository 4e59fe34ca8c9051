//! The roster as the list screens page through it: deputies a page at a time (a province holds 90,000 of them, so
//! the UI asks only for the rows it shows), platforms all at once (a few thousand at most), both filtered in SQL.
//! Typed text goes through the search index (name, pinyin, initials, codes), so a list and the search box agree.
//! Personal data leaves masked, as everywhere else.

use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};

use super::deputy::LevelTerm;
use super::kinds::{Level, PlatformKind, StarLevel};
use super::mask;
use super::query::{PLATFORM_SELECT, PlatformView, platform_from_row};
use crate::error::Result;
use crate::search::DocKind;
use crate::search::query::{SearchFilter, search};

/// At most this many search hits make up a list filtered by typed text: past that, the clerk types more.
pub const MAX_TEXT_HITS: usize = 2_000;

/// At most this many deputies in one page.
pub const MAX_PAGE: u32 = 1_000;

/// Which deputies by service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    /// Serving deputies only (what a station works with).
    #[default]
    Serving,
    /// Only those whose service ended.
    Ended,
    /// Both.
    All,
}

/// Filters of the deputies list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct DeputyListFilter {
    /// Typed text: name, pinyin, initials, number, phone ending (empty: no text filter).
    pub text: String,
    /// Deputies holding this level.
    pub level: Option<Level>,
    /// Deputies whose station lies in this region or below it (region id).
    pub region_id: Option<String>,
    /// Deputies of this station (platform code).
    pub station_code: Option<String>,
    /// Only leading-cadre deputies.
    pub leading_cadre: bool,
    /// Only entrepreneur deputies.
    pub entrepreneur: bool,
    /// Serving, ended or both.
    pub status: StatusFilter,
}

/// One line of the deputies list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct DeputyRow {
    /// Deputy number.
    pub code: String,
    /// Name.
    pub name: String,
    /// "male" / "female" / "".
    pub gender: String,
    /// `YYYY-MM`.
    pub birth_month: String,
    /// Levels and terms.
    pub levels: Vec<LevelTerm>,
    /// Station code.
    pub station_code: Option<String>,
    /// Station name.
    pub station_name: Option<String>,
    /// The station's county-level region.
    pub county: String,
    /// Work unit.
    pub work_unit: String,
    /// Title.
    pub title: String,
    /// Public contact (not private data).
    pub public_contact: String,
    /// Private phone, masked.
    pub private_phone_masked: String,
    /// "serving" / "ended".
    pub status: String,
}

/// A page of the deputies list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct DeputyPage {
    /// Deputies matching the filter, all pages together.
    pub total: u32,
    /// Position of the first row of this page.
    pub offset: u32,
    /// The rows, by deputy number (by search rank when the filter has text).
    pub rows: Vec<DeputyRow>,
}

const ROW_SELECT: &str = "SELECT d.id, d.code, d.name, d.gender, d.birth_month, d.levels, p.code, p.name,
    COALESCE(c.name, r.name, ''), d.work_unit, d.title, d.public_contact, d.private_phone, d.status
    FROM deputies d
    LEFT JOIN platforms p ON p.id = d.station_id
    LEFT JOIN regions r ON r.id = p.region_id
    LEFT JOIN regions c ON c.id = r.parent_id AND c.parent_id IS NOT NULL";

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, DeputyRow)> {
    Ok((
        r.get(0)?,
        DeputyRow {
            code: r.get(1)?,
            name: r.get(2)?,
            gender: r.get(3)?,
            birth_month: r.get(4)?,
            levels: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
            station_code: r.get(6)?,
            station_name: r.get(7)?,
            county: r.get(8)?,
            work_unit: r.get(9)?,
            title: r.get(10)?,
            public_contact: r.get(11)?,
            private_phone_masked: mask::phone(&r.get::<_, String>(12)?),
            status: r.get(13)?,
        },
    ))
}

/// The filter as SQL: the FROM clause (deputies `d`, joined to their station `p` only when a filter needs it, so
/// the common case walks one index) and the conditions; `?1` is the region id or NULL.
fn deputy_conditions(f: &DeputyListFilter) -> (String, Vec<SqlValue>) {
    let station_code = f.station_code.as_deref().filter(|c| !c.is_empty());
    let mut sql = if f.region_id.is_some() || station_code.is_some() {
        String::from(" FROM deputies d JOIN platforms p ON p.id = d.station_id WHERE 1 = 1")
    } else {
        String::from(" FROM deputies d WHERE 1 = 1")
    };
    let mut params: Vec<SqlValue> = vec![f.region_id.clone().map(SqlValue::Text).unwrap_or(SqlValue::Null)];
    if f.region_id.is_some() {
        sql.push_str(" AND p.region_id IN (SELECT id FROM tree)");
    }
    match f.status {
        StatusFilter::Serving => sql.push_str(" AND d.status = 'serving'"),
        StatusFilter::Ended => sql.push_str(" AND d.status = 'ended'"),
        StatusFilter::All => {}
    }
    if let Some(level) = f.level {
        params.push(level.as_str().to_owned().into());
        // A list subquery, built once per statement, not a correlated EXISTS: with EXISTS SQLite's planner may
        // walk deputy_levels and sort, which cost ~300 ms per page at province scale.
        sql.push_str(&format!(" AND d.id IN (SELECT deputy_id FROM deputy_levels WHERE level = ?{})", params.len()));
    }
    if let Some(code) = station_code {
        params.push(code.to_owned().into());
        sql.push_str(&format!(" AND p.code = ?{}", params.len()));
    }
    if f.leading_cadre {
        sql.push_str(" AND d.leading_cadre = 1");
    }
    if f.entrepreneur {
        sql.push_str(" AND d.entrepreneur = 1");
    }
    (sql, params)
}

/// One page of the deputies matching `filter`: `limit` rows (at most [`MAX_PAGE`]) from position `offset`.
pub fn deputy_page(
    conn: &rusqlite::Connection,
    filter: &DeputyListFilter,
    offset: u32,
    limit: u32,
) -> Result<DeputyPage> {
    let tree = crate::roster::region::subtree_cte(1);
    let limit = limit.min(MAX_PAGE);
    let (from_where, params) = deputy_conditions(filter);
    let page_ids: Vec<String> = match filter.text.trim() {
        "" => {
            let total: u32 = conn
                .prepare_cached(&format!("{tree} SELECT COUNT(*){from_where}"))?
                .query_row(rusqlite::params_from_iter(&params), |r| r.get(0))?;
            // The page's ids from the lean query, then the full rows of just those: one query with OFFSET would
            // build every skipped row's joins (~130 ms for a page deep in a province's 93,000 deputies).
            let ids = conn
                .prepare_cached(&format!(
                    "{tree} SELECT d.id{from_where} ORDER BY d.code LIMIT {limit} OFFSET {offset}"
                ))?
                .query_map(rusqlite::params_from_iter(&params), |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            return Ok(DeputyPage { total, offset, rows: rows_of(conn, &ids)? });
        }
        text => ranked_matches(conn, filter, text)?,
    };
    let total = page_ids.len() as u32;
    let page: Vec<String> = page_ids.into_iter().skip(offset as usize).take(limit as usize).collect();
    Ok(DeputyPage { total, offset, rows: rows_of(conn, &page)? })
}

/// Every deputy matching `filter` (no paging), by number, or by search rank when the filter has text: what a batch
/// over "the deputies this list shows" works on (the 二维码 screen prints their cards).
pub fn deputy_codes(conn: &rusqlite::Connection, filter: &DeputyListFilter) -> Result<Vec<String>> {
    let tree = crate::roster::region::subtree_cte(1);
    let (from_where, params) = deputy_conditions(filter);
    let ids = match filter.text.trim() {
        "" => {
            return Ok(conn
                .prepare_cached(&format!("{tree} SELECT d.code{from_where} ORDER BY d.code"))?
                .query_map(rusqlite::params_from_iter(&params), |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?);
        }
        text => ranked_matches(conn, filter, text)?,
    };
    let json = serde_json::to_string(&ids).unwrap_or_default();
    let mut codes: std::collections::HashMap<String, String> = conn
        .prepare_cached("SELECT id, code FROM deputies WHERE id IN (SELECT value FROM json_each(?1))")?
        .query_map([json], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(ids.iter().filter_map(|id| codes.remove(id)).collect())
}

/// Typed text: the search ranks, the filter decides (ids only). The ids of the matches, best first.
fn ranked_matches(conn: &rusqlite::Connection, filter: &DeputyListFilter, text: &str) -> Result<Vec<String>> {
    let tree = crate::roster::region::subtree_cte(1);
    let (from_where, mut params) = deputy_conditions(filter);
    let hits = search_ids(conn, text, DocKind::Deputy, filter.level, filter.region_id.clone())?;
    params.push(serde_json::to_string(&hits).unwrap_or_default().into());
    let kept: std::collections::HashSet<String> = conn
        .prepare_cached(&format!(
            "{tree} SELECT d.id{from_where} AND d.id IN (SELECT value FROM json_each(?{}))",
            params.len()
        ))?
        .query_map(rusqlite::params_from_iter(&params), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(hits.into_iter().filter(|id| kept.contains(id)).collect())
}

/// The rows of these deputies, in the order given.
fn rows_of(conn: &rusqlite::Connection, ids: &[String]) -> Result<Vec<DeputyRow>> {
    let json = serde_json::to_string(ids).unwrap_or_default();
    let mut found: std::collections::HashMap<String, DeputyRow> = conn
        .prepare_cached(&format!("{ROW_SELECT} WHERE d.id IN (SELECT value FROM json_each(?1))"))?
        .query_map([json], row_from)?
        .collect::<Result<_, _>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// Ids of the records matching typed text, best first, including ended deputies and closed platforms (the list's
/// own filter decides about those).
fn search_ids(
    conn: &rusqlite::Connection,
    text: &str,
    kind: DocKind,
    level: Option<Level>,
    region_id: Option<String>,
) -> Result<Vec<String>> {
    let filter = SearchFilter {
        kinds: vec![kind],
        level,
        region_id,
        include_inactive: true,
        limit: Some(MAX_TEXT_HITS),
        ..SearchFilter::default()
    };
    Ok(search(conn, text, &filter)?.into_iter().map(|hit| hit.id).collect())
}

/// Filters of the platforms list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct PlatformListFilter {
    /// Typed text: name, pinyin, initials, code (empty: no text filter).
    pub text: String,
    /// Only this kind.
    pub kind: Option<PlatformKind>,
    /// Platforms in this region or below it (region id).
    pub region_id: Option<String>,
    /// Only platforms whose rating in force is this one.
    pub star: Option<StarLevel>,
    /// Include closed platforms.
    pub include_closed: bool,
}

/// The platforms matching `filter`, by code (by search rank when the filter has text).
pub fn platform_list(conn: &rusqlite::Connection, filter: &PlatformListFilter) -> Result<Vec<PlatformView>> {
    let tree = crate::roster::region::subtree_cte(1);
    let mut sql = format!("{tree} {PLATFORM_SELECT} WHERE 1 = 1");
    let mut params: Vec<SqlValue> = vec![filter.region_id.clone().map(SqlValue::Text).unwrap_or(SqlValue::Null)];
    if filter.region_id.is_some() {
        sql.push_str(" AND p.region_id IN (SELECT id FROM tree)");
    }
    if !filter.include_closed {
        sql.push_str(" AND p.status = 'active'");
    }
    if let Some(kind) = filter.kind {
        params.push(kind.as_str().to_owned().into());
        sql.push_str(&format!(" AND p.kind = ?{}", params.len()));
    }
    if let Some(star) = filter.star {
        params.push(star.as_str().to_owned().into());
        sql.push_str(&format!(" AND p.star_level = ?{}", params.len()));
    }
    let ranked_ids = match filter.text.trim() {
        "" => None,
        text => Some(search_ids(conn, text, DocKind::Platform, None, None)?),
    };
    if let Some(ids) = &ranked_ids {
        params.push(serde_json::to_string(ids).unwrap_or_default().into());
        sql.push_str(&format!(" AND p.id IN (SELECT value FROM json_each(?{}))", params.len()));
    }
    sql.push_str(" ORDER BY p.code");
    let mut stmt = conn.prepare_cached(&sql)?;
    let platforms =
        stmt.query_map(rusqlite::params_from_iter(&params), platform_from_row)?.collect::<Result<Vec<_>, _>>()?;
    let Some(ids) = ranked_ids else { return Ok(platforms) };
    let mut by_id: std::collections::HashMap<String, PlatformView> =
        platforms.into_iter().map(|p| (p.id.clone(), p)).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

#[cfg(test)]
mod tests;
