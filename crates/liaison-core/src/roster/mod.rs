//! The roster: regions, platforms (stations and the other kinds) and deputies.
//!
//! Each entity module has a typed record, a `save` use case that validates it, resolves references by the codes
//! people use, and writes only the fields that differ from what is stored (so saving the same record twice records
//! nothing), and the projection hook that keeps derived tables in step. Reads are in [`query`].

pub mod deputy;
pub mod kinds;
pub mod listing;
pub mod mask;
pub(crate) mod numbering;
pub mod photo;
pub mod platform;
pub mod province;
pub mod query;
pub mod region;
pub mod validate;

use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::changelog::{EntityKind, Fields, Op};
use crate::error::Result;
use crate::store::Writer;

/// What saving a record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SaveOutcome {
    /// A new record.
    Created,
    /// An existing record with some fields changed.
    Changed,
    /// The stored record already said exactly this.
    Unchanged,
}

/// The id of a saved record and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Saved {
    /// The record's id.
    pub id: String,
    /// The record's human code (a new deputy's allocated number).
    pub code: String,
    /// What happened.
    pub outcome: SaveOutcome,
}

/// The id of a new roster record (region, platform, deputy, handling unit): derived from its kind and code
/// ([`crate::ids::natural_id`] of `[kind, code]`), so two nodes that create the same code offline — a station
/// importing its roster before it is enrolled, and the office — create one entity, whose inserts merge field by
/// field when they meet (differing values go to the conflicts list) instead of clashing on the code's UNIQUE
/// constraint and refusing the bundle. Part of the sync contract: never change it. A code is never edited (saving
/// another code makes another record), so the id always matches its code; records made before ids were derived
/// keep their random ids.
pub fn roster_id(kind: EntityKind, code: &str) -> String {
    crate::ids::natural_id(&[kind.as_str(), code])
}

/// Writes `fields` for the entity with human code `code`: inserts it under its [`roster_id`] if no record has that
/// code, else records only the fields whose value differs from the stored register.
pub(crate) fn save_by_code(w: &mut Writer<'_>, kind: EntityKind, code: &str, mut fields: Fields) -> Result<Saved> {
    let table = kind.spec().table;
    let existing: Option<String> = w
        .tx()
        .prepare_cached(&format!("SELECT id FROM {table} WHERE code = ?1"))?
        .query_row([code], |r| r.get(0))
        .optional()?;
    match existing {
        None => {
            let id = roster_id(kind, code);
            crate::changelog::revive_if_deleted(w.tx(), kind, &id, &mut fields)?;
            w.change(kind, &id, Op::Insert, fields)?;
            Ok(Saved { id, code: code.to_owned(), outcome: SaveOutcome::Created })
        }
        Some(id) => {
            let stored = stored_fields(w, kind, &id)?;
            let changed: Fields = fields.into_iter().filter(|(k, v)| stored.get(k) != Some(v)).collect();
            let outcome = if changed.is_empty() { SaveOutcome::Unchanged } else { SaveOutcome::Changed };
            w.change(kind, &id, Op::Update, changed)?;
            Ok(Saved { id, code: code.to_owned(), outcome })
        }
    }
}

/// The stored registers of one entity.
fn stored_fields(w: &Writer<'_>, kind: EntityKind, id: &str) -> Result<Fields> {
    let mut stmt =
        w.tx().prepare_cached("SELECT field, value FROM field_state WHERE entity = ?1 AND entity_id = ?2")?;
    let rows =
        stmt.query_map(rusqlite::params![kind.as_str(), id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Fields::new();
    for row in rows {
        let (k, v) = row?;
        out.insert(k, serde_json::from_str(&v).unwrap_or(serde_json::Value::Null));
    }
    Ok(out)
}

/// The id of the record of `kind` with human code `code`.
pub fn id_by_code(conn: &rusqlite::Connection, kind: EntityKind, code: &str) -> Result<Option<String>> {
    let table = kind.spec().table;
    Ok(conn
        .prepare_cached(&format!("SELECT id FROM {table} WHERE code = ?1"))?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests;
