//! Handling units (承办单位): the departments and township governments matters are assigned to. The office
//! maintains the list and will send it to stations by sync; until then a station may edit its own copy. Saved by
//! code through the change log, like the roster.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::UnitKind;
use crate::changelog::{EntityKind, Fields};
use crate::error::{Error, FieldIssue, Result};
use crate::roster::{Saved, save_by_code};
use crate::store::Writer;

/// A handling unit to save.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct UnitInput {
    /// Code, e.g. `ZJJ` (住建局).
    pub code: String,
    /// Name, e.g. 平顶山市住房和城乡建设局.
    pub name: String,
    /// `department` / `township` (or 部门 / 乡镇).
    pub kind: String,
    /// Contact person and phone as written.
    #[serde(default)]
    pub contact: String,
    /// No longer takes new matters (matters it holds keep it).
    #[serde(default)]
    pub retired: bool,
}

/// A handling unit as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct UnitView {
    /// Its id.
    pub id: String,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// `department` or `township`.
    pub kind: String,
    /// Contact.
    pub contact: String,
    /// `active` or `retired`.
    pub status: String,
}

/// Creates or updates the unit with this code.
pub fn save(w: &mut Writer<'_>, input: &UnitInput) -> Result<Saved> {
    let mut issues = Vec::new();
    if input.code.trim().is_empty() {
        issues.push(FieldIssue::new("code", "单位编码不能为空"));
    }
    if input.name.trim().is_empty() {
        issues.push(FieldIssue::new("name", "单位名称不能为空"));
    }
    let kind = UnitKind::parse(input.kind.trim());
    if kind.is_none() {
        issues.push(FieldIssue::new("kind", "单位类型必须是部门或乡镇"));
    }
    let (Some(kind), true) = (kind, issues.is_empty()) else {
        return Err(Error::InvalidFields(issues));
    };
    let code = input.code.trim();
    let mut fields = Fields::new();
    fields.insert("code".into(), json!(code));
    fields.insert("name".into(), json!(input.name.trim()));
    fields.insert("kind".into(), json!(kind.as_str()));
    fields.insert("contact".into(), json!(input.contact.trim()));
    fields.insert("status".into(), json!(if input.retired { "retired" } else { "active" }));
    save_by_code(w, EntityKind::HandlingUnit, code, fields)
}

/// The unit's name as people say it (its code when the roster does not know it, e.g. before sync brought it).
pub fn display_name(conn: &Connection, code: &str) -> Result<String> {
    let name: Option<String> = conn
        .prepare_cached("SELECT name FROM handling_units WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    Ok(name.unwrap_or_else(|| code.to_owned()))
}

/// The code of the active unit with this code or exact name, if there is one.
pub fn find_active(conn: &Connection, code_or_name: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT code FROM handling_units WHERE (code = ?1 OR name = ?1) AND status = 'active' ORDER BY code LIMIT 1",
        )?
        .query_row([code_or_name.trim()], |r| r.get(0))
        .optional()?)
}

/// Every unit, by code.
pub fn list(conn: &Connection) -> Result<Vec<UnitView>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, code, name, kind, contact, status FROM handling_units ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(UnitView {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            kind: r.get(3)?,
            contact: r.get(4)?,
            status: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
