//! Regions: the city, its counties/districts/functional zones, and their townships/sub-districts.

use serde::Serialize;
use serde_json::json;

use super::kinds::RegionKind;
use super::{Saved, id_by_code, save_by_code};
use crate::changelog::{EntityKind, Fields};
use crate::error::{Error, Result};
use crate::store::Writer;

/// A region to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionInput {
    /// Administrative code, e.g. "410402" for 新华区.
    pub code: String,
    /// Name, e.g. "新华区".
    pub name: String,
    /// Kind.
    pub kind: RegionKind,
    /// The parent region's code (none for the city).
    pub parent_code: Option<String>,
}

/// A stored region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Region {
    /// Id.
    pub id: String,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: RegionKind,
    /// Parent id.
    pub parent_id: Option<String>,
}

/// Creates or updates the region with this code.
pub fn save(w: &mut Writer<'_>, input: &RegionInput) -> Result<Saved> {
    if input.code.trim().is_empty() || input.name.trim().is_empty() {
        return Err(Error::Invalid("区域的编码和名称不能为空".into()));
    }
    let parent_id = match &input.parent_code {
        None => None,
        Some(code) => Some(
            id_by_code(w.tx(), EntityKind::Region, code)?
                .ok_or_else(|| Error::NotFound(format!("上级区域编码 {code} 不存在")))?,
        ),
    };
    let mut fields = Fields::new();
    fields.insert("code".into(), json!(input.code));
    fields.insert("name".into(), json!(input.name));
    fields.insert("kind".into(), json!(input.kind.as_str()));
    fields.insert("parent_id".into(), json!(parent_id));
    save_by_code(w, EntityKind::Region, &input.code, fields)
}

/// Every region, parents before children.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Region>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE tree(id, depth) AS (
           SELECT id, 0 FROM regions WHERE parent_id IS NULL
           UNION ALL SELECT r.id, t.depth + 1 FROM regions r JOIN tree t ON r.parent_id = t.id)
         SELECT r.id, r.code, r.name, r.kind, r.parent_id FROM regions r JOIN tree t ON t.id = r.id
         ORDER BY t.depth, r.code",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Region {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            kind: RegionKind::parse(&r.get::<_, String>(3)?).unwrap_or(RegionKind::Zone),
            parent_id: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A `WITH RECURSIVE tree(id)` prefix holding the region bound as parameter `?{param}` and every region below it,
/// for filters "in this region or below" (`… IN (SELECT id FROM tree)`); a NULL parameter gives an empty tree.
pub(crate) fn subtree_cte(param: usize) -> String {
    format!(
        "WITH RECURSIVE tree(id) AS (SELECT ?{param} UNION ALL SELECT r.id FROM regions r JOIN tree t ON r.parent_id = t.id) "
    )
}
