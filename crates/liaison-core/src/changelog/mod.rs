//! The change log: every insert, update and delete of a synced entity, and the merge rule that applies it.
//!
//! # Design
//!
//! A [`Change`] names an entity (`deputy`, id), an [`Op`], the changed fields with their new values (JSON), the
//! node (installation) where it was made, a hybrid-logical-clock stamp from that node ([`crate::hlc`]) and the
//! operator. Its identity is `(node_id, hlc)`: a node never issues the same stamp twice.
//!
//! [`apply`] is the only way rows of synced tables change, for local edits and for imported changes alike:
//!
//! 1. The change is appended to `change_log` (`INSERT OR IGNORE` on its identity). If it was already there, apply
//!    stops: **applying a change twice is a no-op**.
//! 2. Each field is a last-writer-wins register in `field_state`: the new value replaces the stored one only when
//!    `(hlc, node_id)` of the change is greater than the stored stamp. So **changes from different nodes merge per
//!    field** (an office edit of a deputy's title and a station's edit of the same deputy's phone both survive), and
//!    the result does not depend on arrival order: applying any set of changes in any order yields the same state.
//!    An append-only entity (a matter's events: one insert per id, never updated) keeps no registers: its insert
//!    is its whole state and is projected as it is, and a second insert of its id is refused.
//! 3. The entity's row is *projected* from its registers: upserted when the registers hold every required field,
//!    removed when the `_deleted` register is true (a delete is a tombstone, so a late update cannot resurrect it).
//!    An update that arrives before its insert waits in the registers until the insert comes.
//! 4. The entity's projection hook refreshes derived data (a deputy's level rows, search documents).
//! 5. The [`crate::store::Writer`] that applied it recomputes the conflict rows of the fields it wrote
//!    ([`conflicts`]).
//!
//! Conflicting concurrent edits of the *same* field keep one winner in the row, but every change stays in the log.
//! Each change also records, per field, the stamps of the values it was made over ([`Change::bases`]): a local edit
//! takes them from the registers it overwrites. With them [`crate::sync`] tells a later sequential edit from a
//! concurrent one and keeps the losing values of concurrent edits for a person to review. Deputies' photos are not in the log: the `photo_sha256` field
//! names a row of `blobs`.
//!
//! Entity and field names come from a fixed registry ([`EntityKind`], [`entities`]); a change naming anything else is
//! refused, so no SQL is ever built from untrusted names.

mod apply;
pub mod conflicts;
pub mod entities;
pub mod owner;
mod unique;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::hlc::Hlc;

pub(crate) use apply::{Applying, apply_with};
pub use apply::{apply, current_bases, register};
pub use entities::EntityKind;

/// Changed fields and their new values.
pub type Fields = BTreeMap<String, serde_json::Value>;

/// The stamp of one write of a register: `(hlc, node_id)`, the order in which writes win.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp(pub Hlc, pub String);

/// Per changed field, the stamps of the values a change was made over. The first is the register its author saw
/// (absent for a field written fresh); further ones are conflicting values resolved by the same act.
pub type Bases = BTreeMap<String, Vec<Stamp>>;

/// The field that marks a deleted entity.
pub const DELETED_FIELD: &str = "_deleted";

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// A new entity (all its fields).
    Insert,
    /// Some fields changed.
    Update,
    /// The entity is gone (a tombstone).
    Delete,
}

impl Op {
    /// The name stored in `change_log.op`.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Op> {
        match s {
            "insert" => Some(Op::Insert),
            "update" => Some(Op::Update),
            "delete" => Some(Op::Delete),
            _ => None,
        }
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Where it was made.
    pub node_id: String,
    /// When, on that node's hybrid logical clock.
    pub hlc: Hlc,
    /// What kind of entity.
    pub entity: EntityKind,
    /// Which entity.
    pub entity_id: String,
    /// What happened.
    pub op: Op,
    /// The changed fields and their new values.
    pub fields: Fields,
    /// Who did it.
    pub operator: String,
    /// What each field overwrote (see [`Bases`]); empty for a new record.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bases: Bases,
}

impl Change {
    /// This change's stamp, the order in which its fields win.
    pub fn stamp(&self) -> Stamp {
        Stamp(self.hlc, self.node_id.clone())
    }
}

/// What [`apply`] did with a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Recorded; `fields_won` of its fields are now the current values.
    Recorded {
        /// How many fields won their register.
        fields_won: usize,
    },
    /// This change was already in the log: nothing happened.
    Duplicate,
    /// Nothing to record (a local edit that changed nothing).
    Unchanged,
}

/// A change as stored, with its local sequence number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedChange {
    /// Local arrival order.
    pub seq: i64,
    /// The change.
    #[serde(flatten)]
    pub change: Change,
}

/// The change-log columns [`read_logged`] reads, in its order.
pub(crate) const LOGGED_COLUMNS: &str = "seq, node_id, hlc, entity, entity_id, op, fields, operator, bases";

/// The changes of a query that selects [`LOGGED_COLUMNS`], in the query's order. One reader for every place that
/// turns stored rows back into changes (an entity's history, the changes a sync bundle carries).
pub(crate) fn read_logged(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> crate::Result<Vec<LoggedChange>> {
    fn json<T: serde::de::DeserializeOwned>(s: &str) -> crate::Result<T> {
        serde_json::from_str(s).map_err(|e| crate::Error::Internal(format!("change_log: {e}")))
    }
    let rows = stmt.query_map(params, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    rows.map(|row| {
        let (seq, node_id, hlc, entity, entity_id, op, fields, operator, bases) = row?;
        Ok(LoggedChange {
            seq,
            change: Change {
                node_id,
                hlc: Hlc(hlc),
                entity: EntityKind::parse(&entity)
                    .ok_or_else(|| crate::Error::Internal(format!("unknown entity {entity} in change_log")))?,
                entity_id,
                op: Op::parse(&op).ok_or_else(|| crate::Error::Internal(format!("bad op {op} in change_log")))?,
                fields: json(&fields)?,
                operator,
                bases: json(&bases)?,
            },
        })
    })
    .collect()
}

/// Makes `fields` (a new record under a derived id, [`crate::ids::natural_id`]) also undelete the record when
/// that id was deleted before: the re-entry must win over the tombstone, or it would never show.
pub(crate) fn revive_if_deleted(
    conn: &rusqlite::Connection,
    entity: EntityKind,
    id: &str,
    fields: &mut Fields,
) -> crate::Result<()> {
    if register(conn, entity.as_str(), id, DELETED_FIELD)? == Some(serde_json::Value::Bool(true)) {
        fields.insert(DELETED_FIELD.into(), serde_json::Value::Bool(false));
    }
    Ok(())
}

/// The changes recorded for one entity, oldest first (history views, audit).
pub fn history(conn: &rusqlite::Connection, entity: EntityKind, entity_id: &str) -> crate::Result<Vec<LoggedChange>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LOGGED_COLUMNS} FROM change_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY hlc, node_id"
    ))?;
    read_logged(&mut stmt, rusqlite::params![entity.as_str(), entity_id])
}

#[cfg(test)]
mod tests;
