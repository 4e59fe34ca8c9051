//! Running a search: turn typed text into one FTS5 match expression, apply the filters in SQL, rank in Rust.
//!
//! Ranking puts exact name matches first, then names that start with the text, then the rest by name; FTS5's own
//! bm25 rank is not used because every match is a prefix token match and computing it over thousands of "zhang…"
//! hits would cost more than the whole 5 ms budget.

use rusqlite::types::Value as SqlValue;
use serde::Serialize;

use super::{DocKind, is_han, normalize};
use crate::error::Result;
use crate::roster::kinds::Level;
use crate::roster::mask;

/// Filters on a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    /// Only these kinds (empty: both).
    pub kinds: Vec<DocKind>,
    /// Deputies holding this level.
    pub level: Option<Level>,
    /// Records in this region or below it (region id).
    pub region_id: Option<String>,
    /// Deputies of this station (platform id).
    pub station_id: Option<String>,
    /// Only leading-cadre deputies.
    pub leading_cadre: bool,
    /// Only entrepreneur deputies.
    pub entrepreneur: bool,
    /// Include deputies whose service ended and closed platforms.
    pub include_inactive: bool,
    /// At most this many hits (default 50).
    pub limit: Option<usize>,
}

/// One search result, safe to show: phones masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct SearchHit {
    /// Deputy or platform.
    pub kind: DocKind,
    /// Record id.
    pub id: String,
    /// Human code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Context: a deputy's station, a platform's region.
    pub context: String,
    /// A deputy's public contact (not private data) or a platform's phone.
    pub phone: String,
    /// A deputy's private phone, masked.
    pub private_phone_masked: String,
}

/// How closely a token must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The whole token equals the text (`zmx` is exactly a spelling of 张明新; 明新 is the end of its name).
    Exact,
    /// The token starts with the text.
    Prefix,
}

/// Builds the FTS5 match expression for typed text, or `None` when there is nothing to search for.
/// Only letters, digits and Han characters reach it, so FTS5 syntax in the text cannot.
pub fn match_expression(text: &str, how: Match) -> Option<String> {
    let star = if how == Match::Prefix { "*" } else { "" };
    let q = normalize(text);
    let han: String = q.chars().filter(|c| is_han(*c)).collect();
    if !han.is_empty() {
        return Some(format!("name : \"{han}\"{star}"));
    }
    let alnum: String = q.chars().filter(char::is_ascii_alphanumeric).collect();
    if alnum.is_empty() {
        return None;
    }
    if alnum.chars().all(|c| c.is_ascii_digit()) {
        let mut expr = format!("code : \"{alnum}\"{star}");
        if alnum.len() >= 4 {
            // phone tails always match exactly: "5678" must not find ...56781234
            expr.push_str(&format!(" OR phone : \"{alnum}\""));
        }
        return Some(expr);
    }
    Some(format!("pinyin : \"{alnum}\"{star} OR code : \"{alnum}\"{star}"))
}

/// Searches the roster.
///
/// Exact token matches are fetched first and prefix matches only fill what is left, so that among thousands of
/// "zhang…" prefixes the people whose spelling *is* the text are never cut off by the limit.
pub fn search(conn: &rusqlite::Connection, text: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>> {
    let limit = filter.limit.unwrap_or(50);
    let wants = |k: DocKind| filter.kinds.is_empty() || filter.kinds.contains(&k);
    let deputy_only_filter =
        filter.level.is_some() || filter.station_id.is_some() || filter.leading_cadre || filter.entrepreneur;
    let q = normalize(text);
    let mut hits: Vec<SearchHit> = Vec::new();
    for how in [Match::Exact, Match::Prefix] {
        let Some(expr) = match_expression(text, how) else { return Ok(Vec::new()) };
        let mut tier = Vec::new();
        // The kind is matched inside FTS5: filtering it in SQL would walk every deputy matching "w*" to find a
        // platform (4–6 ms on the province roster, measured).
        if wants(DocKind::Deputy) {
            tier.extend(search_deputies(conn, &format!("kind : deputy AND ({expr})"), filter, limit)?);
        }
        if wants(DocKind::Platform) && !deputy_only_filter {
            tier.extend(search_platforms(conn, &format!("kind : platform AND ({expr})"), filter, limit)?);
        }
        tier.retain(|h| !hits.iter().any(|seen| seen.id == h.id));
        tier.sort_by(|a, b| {
            quality(a, &q).cmp(&quality(b, &q)).then_with(|| a.name.cmp(&b.name)).then_with(|| a.code.cmp(&b.code))
        });
        hits.extend(tier);
        if hits.len() >= limit {
            break;
        }
    }
    hits.truncate(limit);
    Ok(hits)
}

/// Within a tier: the exact name or code first, then names that start with the text, deputies before platforms.
fn quality(hit: &SearchHit, q: &str) -> u8 {
    match () {
        _ if hit.name == q || hit.code.to_lowercase() == q => 0,
        _ if hit.name.starts_with(q) => 1,
        _ if hit.kind == DocKind::Deputy => 2,
        _ => 3,
    }
}

fn search_deputies(conn: &rusqlite::Connection, expr: &str, f: &SearchFilter, limit: usize) -> Result<Vec<SearchHit>> {
    let tree = crate::roster::region::subtree_cte(2);
    let mut sql = format!(
        "{tree}
         SELECT d.id, d.code, d.name, COALESCE(p.name, ''), d.public_contact, d.private_phone
         FROM search_fts JOIN search_docs s ON s.id = search_fts.rowid
         JOIN deputies d ON d.id = s.ref_id
         LEFT JOIN platforms p ON p.id = d.station_id
         WHERE search_fts MATCH ?1 AND s.kind = 'deputy'"
    );
    let mut params: Vec<SqlValue> = vec![expr.to_owned().into(), filter_region(f)];
    if f.region_id.is_some() {
        sql.push_str(" AND p.region_id IN (SELECT id FROM tree)");
    }
    if let Some(level) = f.level {
        params.push(level.as_str().to_owned().into());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM deputy_levels l WHERE l.deputy_id = d.id AND l.level = ?{})",
            params.len()
        ));
    }
    if let Some(station) = &f.station_id {
        params.push(station.clone().into());
        sql.push_str(&format!(" AND d.station_id = ?{}", params.len()));
    }
    if f.leading_cadre {
        sql.push_str(" AND d.leading_cadre = 1");
    }
    if f.entrepreneur {
        sql.push_str(" AND d.entrepreneur = 1");
    }
    if !f.include_inactive {
        sql.push_str(" AND d.status = 'serving'");
    }
    params.push((limit as i64).into());
    sql.push_str(&format!(" LIMIT ?{}", params.len()));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok(SearchHit {
            kind: DocKind::Deputy,
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            context: r.get(3)?,
            phone: r.get(4)?,
            private_phone_masked: mask::phone(&r.get::<_, String>(5)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn search_platforms(conn: &rusqlite::Connection, expr: &str, f: &SearchFilter, limit: usize) -> Result<Vec<SearchHit>> {
    let tree = crate::roster::region::subtree_cte(2);
    let mut sql = format!(
        "{tree}
         SELECT p.id, p.code, p.name, r.name, p.phone
         FROM search_fts JOIN search_docs s ON s.id = search_fts.rowid
         JOIN platforms p ON p.id = s.ref_id JOIN regions r ON r.id = p.region_id
         WHERE search_fts MATCH ?1 AND s.kind = 'platform'"
    );
    if f.region_id.is_some() {
        sql.push_str(" AND p.region_id IN (SELECT id FROM tree)");
    }
    if !f.include_inactive {
        sql.push_str(" AND p.status = 'active'");
    }
    sql.push_str(" LIMIT ?3");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![expr, filter_region(f), limit as i64], |r| {
        Ok(SearchHit {
            kind: DocKind::Platform,
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            context: r.get(3)?,
            phone: r.get(4)?,
            private_phone_masked: String::new(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn filter_region(f: &SearchFilter) -> SqlValue {
    f.region_id.clone().map(SqlValue::Text).unwrap_or(SqlValue::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions() {
        let p = |t: &str| match_expression(t, Match::Prefix);
        assert_eq!(p("明新").unwrap(), "name : \"明新\"*");
        assert_eq!(match_expression("明新", Match::Exact).unwrap(), "name : \"明新\"");
        assert_eq!(p(" zhang mx ").unwrap(), "pinyin : \"zhangmx\"* OR code : \"zhangmx\"*");
        assert_eq!(p("ＺＭＸ").unwrap(), "pinyin : \"zmx\"* OR code : \"zmx\"*");
        assert_eq!(p("lü").unwrap(), "pinyin : \"lv\"* OR code : \"lv\"*");
        assert_eq!(p("5678").unwrap(), "code : \"5678\"* OR phone : \"5678\"");
        assert_eq!(p("12").unwrap(), "code : \"12\"*");
        assert_eq!(p("\"*:()"), None, "FTS syntax characters never reach MATCH");
        assert_eq!(p(""), None);
    }
}
