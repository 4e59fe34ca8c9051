//! Whose a logged change is, stored with it in `change_log.owner` so that cutting a station's bundle and checking
//! a station's import are column reads instead of walks up a record's parents for every change.
//!
//! - `''`: the roster (regions, platforms, deputies, handling units), which goes to every node.
//! - a platform id: that station's record — a visit, duty slot, activity or leader's visit by its `station_id`; a
//!   matter by its visit; a matter's event or attachment by its matter; an attendance by its activity.
//! - `NULL`: not known when the change was logged (a record that arrived before its parent, or a change logged
//!   before migration 0012 whose parent's registers were missing). Readers then fall back to the registers
//!   ([`crate::sync::scope::owner`]), which know the parent by the time anyone asks.
//!
//! The owner is found from the change's own fields when it names its parent (every insert does), else from the
//! owner logged with an earlier change of the same record. A per-transaction memo ([`Owners`]) keeps what it found:
//! a bundle brings a matter's events right after the matter, so each lookup after the first is a hash probe.
//!
//! It is the same rule as [`crate::sync::scope::owner`], written against the log instead of the registers; a test
//! there checks that both agree on every change of a simulated city.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use super::{Change, EntityKind};
use crate::error::Result;

/// The owner stored for roster changes.
pub const EVERYONE: &str = "";

/// The owners found in one transaction, by record id (ids are UUIDs, unique across kinds).
#[derive(Debug, Default)]
pub struct Owners(HashMap<String, String>);

/// The field naming a record's parent, and the parent's kind; `None` for a station record, which names its station
/// directly in `station_id`.
fn parent(entity: EntityKind) -> Option<(&'static str, EntityKind)> {
    use EntityKind as K;
    match entity {
        K::Matter => Some(("visit_id", K::Visit)),
        K::MatterEvent | K::MatterAttachment => Some(("matter_id", K::Matter)),
        K::ActivityAttendance => Some(("activity_id", K::Activity)),
        _ => None,
    }
}

/// True for the roster's kinds.
fn is_roster(entity: EntityKind) -> bool {
    matches!(entity, EntityKind::Region | EntityKind::Platform | EntityKind::Deputy | EntityKind::HandlingUnit)
}

impl Owners {
    /// The owner of `change` (see the module notes), `None` when it cannot be known yet.
    pub fn of(&mut self, conn: &Connection, change: &Change) -> Result<Option<String>> {
        if is_roster(change.entity) {
            return Ok(Some(EVERYONE.to_owned()));
        }
        let named = match parent(change.entity) {
            None => change.fields.get("station_id").and_then(|v| v.as_str()).map(str::to_owned),
            Some((field, kind)) => match change.fields.get(field).and_then(|v| v.as_str()) {
                Some(parent_id) => self.of_record(conn, kind, parent_id)?,
                None => None,
            },
        };
        let found = match named {
            Some(owner) => Some(owner),
            None => self.of_record(conn, change.entity, &change.entity_id)?,
        };
        if let Some(owner) = &found {
            self.0.insert(change.entity_id.clone(), owner.clone());
        }
        Ok(found)
    }

    /// The owner logged with an earlier change of the record `entity`/`id`.
    fn of_record(&mut self, conn: &Connection, entity: EntityKind, id: &str) -> Result<Option<String>> {
        if let Some(owner) = self.0.get(id) {
            return Ok(Some(owner.clone()));
        }
        let owner: Option<String> = conn
            .prepare_cached(
                "SELECT owner FROM change_log WHERE entity = ?1 AND entity_id = ?2 AND owner IS NOT NULL LIMIT 1",
            )?
            .query_row(rusqlite::params![entity.as_str(), id], |r| r.get(0))
            .optional()?;
        if let Some(owner) = &owner {
            self.0.insert(id.to_owned(), owner.clone());
        }
        Ok(owner)
    }
}
