//! Conflict rows: which values lost a concurrent edit of the same field, derived from the change log. Recomputed
//! for the fields of every change [`crate::store::Writer`] applies, local or remote; reviewing and settling them is
//! [`crate::sync::conflicts`].
//!
//! # Which edits conflict
//!
//! Every write of a field records the stamps of the values it was made over, its *bases*
//! ([`crate::changelog::Bases`]): a local edit overwrites the register it saw. So the writes of one field form a
//! graph in which each write points at what its author had in front of them. A write that no other write was made
//! over is a *tip*: a value that was current somewhere and that nobody has seen overwritten. With one tip there
//! was no conflict, however many edits came one after another. With several, they were made without seeing each
//! other: the register keeps the greatest stamp `(hlc, node_id)` (last writer wins), and every other tip whose
//! value differs is a *losing value*, kept in `sync_conflicts` for a person to review. A sequential edit (node B
//! changes a field after it received A's value) has A's write as its base, so A's write is no tip: no conflict.
//! Two nodes that happen to write the same value do not conflict either.
//!
//! HLC order alone cannot tell the two cases apart: B's later edit outranks A's either way.
//!
//! # Why every node finds the same conflicts
//!
//! The rows for a field are recomputed from all of its writes in the change log each time one of them is applied
//! ([`refresh`]): the winner is the greatest stamp, the tips are the writes no write names as a base, the losing
//! values are the tips other than the winner whose value differs. All three depend only on the *set* of writes,
//! never on the order they arrived in, and the change log ends up with the same set on every node that received
//! the same changes. So node 1 applying A then B and node 2 applying B then A hold the same winner and the same
//! conflict rows (only `detected_at`, this node's clock, differs). A row found while some writes are still on
//! their way can disappear when a write made over that value arrives: it was never a lost value, only a late one.
//! The winner is always a tip: a write made over it was made after its author received it, and the HLC receive
//! step gives it a greater stamp.
//!
//! A write whose bases name further stamps after the first settles those losing values (a person's resolution,
//! [`crate::sync::conflicts::resolve_as`]): they are no tips any more, and their rows stay, marked resolved by the
//! earliest such write — its operator, its time (from its stamp), and `restored` when it wrote the losing value
//! again, else `kept_winner` — so the resolution reads the same on every node it reaches.
//!
//! A delete is made over the whole record: its bases name every register it saw. On a record whose `_deleted`
//! register is true, every tip of a field that the winning delete did not see is a losing value (an edit made
//! offline while another node deleted the record), whatever its value: the record is gone, the edit must not
//! vanish with it unnoticed. Settling it either deletes again over it (kept) or undeletes the record with the
//! value (restored).
//!
//! The rows are refreshed after *every* write of a field that may have other writes, local edits included: a local
//! edit changes the winner's value, and with it which tips differ from it.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::Value;

use super::{Bases, DELETED_FIELD, EntityKind, Fields, Stamp};
use crate::error::{Error, Result};
use crate::hlc::Hlc;

/// How a conflict was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The winning value stays.
    KeptWinner,
    /// The losing value was written again and now wins.
    Restored,
}

impl Resolution {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::KeptWinner => "kept_winner",
            Resolution::Restored => "restored",
        }
    }

    /// The resolution with this stored name.
    pub fn parse(s: &str) -> Option<Resolution> {
        [Resolution::KeptWinner, Resolution::Restored].into_iter().find(|r| r.as_str() == s)
    }
}

/// One change of the entity, from the change log.
struct Raw {
    stamp: Stamp,
    fields: Fields,
    bases: Bases,
    operator: String,
}

/// A conflict row as it should be: the losing write and its value, and what settled it.
struct Row<'a> {
    lost: &'a Raw,
    value: &'a Value,
    resolved: Option<(&'a Raw, Resolution)>,
}

/// Every change of one entity, oldest stamp first.
fn changes(conn: &Connection, entity: EntityKind, id: &str) -> Result<Vec<Raw>> {
    let mut stmt = conn.prepare_cached(
        "SELECT hlc, node_id, fields, bases, operator FROM change_log WHERE entity = ?1 AND entity_id = ?2
         ORDER BY hlc, node_id",
    )?;
    let rows = stmt.query_map(params![entity.as_str(), id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get(4)?))
    })?;
    let json = |s: &str| serde_json::from_str(s).map_err(|e| Error::Internal(format!("change_log: {e}")));
    rows.map(|row| {
        let (hlc, node, fields, bases, operator): (i64, String, String, String, String) = row?;
        Ok(Raw { stamp: Stamp(Hlc(hlc), node), fields: json(&fields)?, bases: json_bases(&bases)?, operator })
    })
    .collect()
}

fn json_bases(s: &str) -> Result<Bases> {
    serde_json::from_str(s).map_err(|e| Error::Internal(format!("change_log.bases: {e}")))
}

/// The conflict rows one field calls for (see the module notes), keyed by the losing stamp.
fn expected<'a>(changes: &'a [Raw], field: &str) -> BTreeMap<&'a Stamp, Row<'a>> {
    let writes: Vec<(&Raw, &Value)> = changes.iter().filter_map(|c| c.fields.get(field).map(|v| (c, v))).collect();
    let mut rows = BTreeMap::new();
    let Some(&(winner, winner_value)) = writes.last() else { return rows };
    // Every stamp a change was made over for this field: by a later write of it, or seen by a delete.
    let overwritten: HashSet<&Stamp> = changes.iter().filter_map(|c| c.bases.get(field)).flatten().collect();
    let deleted = field != DELETED_FIELD
        && changes.iter().rev().find_map(|c| c.fields.get(DELETED_FIELD)) == Some(&Value::Bool(true));
    for &(write, value) in writes.iter().filter(|(w, _)| !overwritten.contains(&w.stamp)) {
        // On a deleted record every value the delete did not see is lost; otherwise those the winner outranks.
        if deleted || (write.stamp != winner.stamp && value != winner_value) {
            rows.insert(&write.stamp, Row { lost: write, value, resolved: None });
        }
    }
    // A resolution names the register its author saw first, then the losing writes it settles. The earliest
    // resolution of a write is the one recorded, so every node records the same one.
    for settling in changes {
        for settled in settling.bases.get(field).into_iter().flatten().skip(1) {
            let Some(&(lost, value)) = writes.iter().find(|(w, _)| &w.stamp == settled) else { continue };
            let how = match (settling.fields.get(field), settling.fields.get(DELETED_FIELD)) {
                (Some(v), _) if v == value => Resolution::Restored,
                (Some(_), _) | (None, Some(Value::Bool(true))) => Resolution::KeptWinner,
                (None, _) => Resolution::Restored,
            };
            rows.entry(&lost.stamp).or_insert(Row { lost, value, resolved: Some((settling, how)) });
        }
    }
    rows
}

/// Brings the conflict rows of `fields` of one entity in line with its writes; returns how many unresolved
/// conflicts are new.
pub(crate) fn refresh<'f>(
    conn: &Connection,
    entity: EntityKind,
    id: &str,
    fields: impl IntoIterator<Item = &'f String>,
    now: &str,
) -> Result<u64> {
    let all = changes(conn, entity, id)?;
    let mut targets: BTreeSet<&str> = fields.into_iter().map(String::as_str).collect();
    if targets.contains(DELETED_FIELD) {
        // A delete or an undelete changes which values of every field are lost.
        targets.extend(all.iter().flat_map(|c| c.fields.keys().map(String::as_str)));
    }
    let mut new_open = 0;
    for field in targets {
        let rows = expected(&all, field);
        let mut stmt = conn.prepare_cached(
            "SELECT hlc, node_id, resolved_at IS NULL FROM sync_conflicts WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
        )?;
        let existing: Vec<(Stamp, bool)> = stmt
            .query_map(params![entity.as_str(), id, field], |r| {
                Ok((Stamp(Hlc(r.get(0)?), r.get(1)?), r.get::<_, bool>(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (stamp, _) in existing.iter().filter(|(s, _)| !rows.contains_key(s)) {
            conn.execute(
                "DELETE FROM sync_conflicts WHERE entity = ?1 AND entity_id = ?2 AND field = ?3 AND hlc = ?4 AND node_id = ?5",
                params![entity.as_str(), id, field, stamp.0.0, stamp.1],
            )?;
        }
        for (stamp, row) in &rows {
            let was_open = existing.iter().find(|(s, _)| s == *stamp).map(|(_, open)| *open);
            if row.resolved.is_none() && was_open != Some(true) {
                new_open += 1;
            }
            let (resolved_at, resolved_by, resolution) = match row.resolved {
                Some((by, how)) => {
                    let at = chrono::DateTime::from_timestamp_millis(by.stamp.0.millis())
                        .map(|t| t.to_rfc3339())
                        .unwrap_or_default();
                    (Some(at), Some(by.operator.as_str()), Some(how.as_str()))
                }
                None => (None, None, None),
            };
            conn.prepare_cached(
                "INSERT INTO sync_conflicts (entity, entity_id, field, value, hlc, node_id, operator, detected_at,
                                             resolved_at, resolved_by, resolution)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (entity, entity_id, field, hlc, node_id) DO UPDATE SET
                   resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by,
                   resolution = excluded.resolution",
            )?
            .execute(params![
                entity.as_str(),
                id,
                field,
                row.value.to_string(),
                stamp.0.0,
                stamp.1,
                row.lost.operator,
                now,
                resolved_at,
                resolved_by,
                resolution
            ])?;
        }
    }
    Ok(new_open)
}
