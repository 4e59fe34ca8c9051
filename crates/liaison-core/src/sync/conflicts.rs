//! Reviewing conflicting offline edits and settling them. Which edits conflict, and why every node finds the same
//! ones, is explained in [`crate::changelog::conflicts`], which keeps the `sync_conflicts` rows up to date.
//!
//! # Settling a conflict
//!
//! [`resolve_as`] writes the field again as a new local change — the winner's value to keep it, or the losing
//! value to restore it — whose bases name both the current register and the losing write. The losing write is then
//! no tip, on this node and on every node the change reaches, and the row is marked resolved there with the
//! change's operator and time: the resolution syncs like any edit, and the change log is its audit trail (it is
//! also written to `audit_log`). On a deleted record (an edit the delete did not see) keeping means deleting again
//! over the edit, restoring means bringing the record back with it.
//!
//! Two people may settle the same conflict differently on two nodes before they sync: both resolutions are
//! changes made without seeing each other, so they are a new conflict of their own, found the same way.

use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::Value;

pub use crate::changelog::conflicts::Resolution;
use crate::changelog::{Bases, DELETED_FIELD, EntityKind, Fields, Op, Stamp};
use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::operators::permit::authorize;
use crate::operators::{Role, Session};
use crate::store::Writer;

/// A conflict for review: the losing value and who wrote it, beside the value in force now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictView {
    /// Row id (what [`resolve_as`] takes).
    pub id: i64,
    /// The entity kind's name (`deputy`, `matter`, …).
    pub entity: String,
    /// Which record.
    pub entity_id: String,
    /// Which field.
    pub field: String,
    /// The value that lost.
    pub losing_value: Value,
    /// Its stamp.
    pub losing_stamp: Stamp,
    /// Who wrote it.
    pub losing_operator: String,
    /// The value in force now.
    pub current_value: Option<Value>,
    /// Its stamp.
    pub current_stamp: Option<Stamp>,
    /// When this node found it (RFC 3339).
    pub detected_at: String,
    /// When it was settled, by whom and how.
    pub resolved_at: Option<String>,
    /// See `resolved_at`.
    pub resolved_by: Option<String>,
    /// See `resolved_at`.
    pub resolution: Option<Resolution>,
    /// True when the record has been deleted: the losing value is an edit the delete did not see, and settling
    /// it either keeps the record deleted or brings it back with that value.
    pub record_deleted: bool,
}

const VIEW_SQL: &str = "SELECT c.id, c.entity, c.entity_id, c.field, c.value, c.hlc, c.node_id, c.operator,
                               s.value, s.hlc, s.node_id, c.detected_at, c.resolved_at, c.resolved_by, c.resolution,
                               COALESCE(d.value = 'true', 0)
                        FROM sync_conflicts c
                        LEFT JOIN field_state s ON s.entity = c.entity AND s.entity_id = c.entity_id AND s.field = c.field
                        LEFT JOIN field_state d
                               ON d.entity = c.entity AND d.entity_id = c.entity_id AND d.field = '_deleted'";

fn view_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ConflictView, String, Option<String>)> {
    let current_stamp = match r.get::<_, Option<i64>>(9)? {
        Some(hlc) => Some(Stamp(Hlc(hlc), r.get(10)?)),
        None => None,
    };
    let resolution = r
        .get::<_, Option<String>>(14)?
        .map(|s| if s == Resolution::Restored.as_str() { Resolution::Restored } else { Resolution::KeptWinner });
    Ok((
        ConflictView {
            id: r.get(0)?,
            entity: r.get(1)?,
            entity_id: r.get(2)?,
            field: r.get(3)?,
            losing_value: Value::Null,
            losing_stamp: Stamp(Hlc(r.get(5)?), r.get(6)?),
            losing_operator: r.get(7)?,
            current_value: None,
            current_stamp,
            detected_at: r.get(11)?,
            resolved_at: r.get(12)?,
            resolved_by: r.get(13)?,
            record_deleted: r.get(15)?,
            resolution,
        },
        r.get(4)?,
        r.get(8)?,
    ))
}

fn query(conn: &Connection, filter: &str, params: impl rusqlite::Params) -> Result<Vec<ConflictView>> {
    let mut stmt = conn.prepare_cached(&format!("{VIEW_SQL} {filter}"))?;
    let rows = stmt.query_map(params, view_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut view, lost, current)| {
            let parse = |s: &str| serde_json::from_str(s).map_err(|e| Error::Internal(e.to_string()));
            view.losing_value = parse(&lost)?;
            view.current_value = current.as_deref().map(parse).transpose()?;
            Ok(view)
        })
        .collect()
}

/// The conflicts nobody has settled yet, oldest first.
pub fn unresolved(conn: &Connection) -> Result<Vec<ConflictView>> {
    query(conn, "WHERE c.resolved_at IS NULL ORDER BY c.hlc, c.node_id, c.id", [])
}

/// Every conflict of one record, settled or not (the record's history view).
pub fn of_record(conn: &Connection, entity: EntityKind, entity_id: &str) -> Result<Vec<ConflictView>> {
    query(
        conn,
        "WHERE c.entity = ?1 AND c.entity_id = ?2 ORDER BY c.hlc, c.node_id",
        params![entity.as_str(), entity_id],
    )
}

/// Settles a conflict for a session whose role may: keeps the value in force or restores the losing one, as a new
/// local change that syncs (see the module notes), audited.
pub fn resolve_as(w: &mut Writer<'_>, session: &Session, conflict_id: i64, how: Resolution) -> Result<()> {
    authorize(
        w,
        session,
        Role::may_resolve_sync_conflicts,
        "当前角色无权处理同步冲突（需站长、机关工作人员或管理员）",
    )?;
    resolve(w, conflict_id, how)
}

/// [`resolve_as`] without the role check (the property tests settle conflicts without signing in).
pub(crate) fn resolve(w: &mut Writer<'_>, conflict_id: i64, how: Resolution) -> Result<()> {
    let found = query(w.tx(), "WHERE c.id = ?1", [conflict_id])?.pop();
    let Some(conflict) = found else { return Err(Error::NotFound(format!("同步冲突 {conflict_id}"))) };
    if conflict.resolved_at.is_some() {
        return Err(Error::Conflict("这条冲突已经处理过了".into()));
    }
    let entity = EntityKind::parse(&conflict.entity)
        .ok_or_else(|| Error::Internal(format!("conflict on unknown entity {}", conflict.entity)))?;
    let settled: Bases = [(conflict.field.clone(), vec![conflict.losing_stamp.clone()])].into_iter().collect();
    let (op, fields): (Op, Fields) = match (how, conflict.record_deleted) {
        (Resolution::KeptWinner, false) => {
            (Op::Update, [(conflict.field.clone(), conflict.current_value.clone().unwrap_or(Value::Null))].into())
        }
        (Resolution::Restored, false) => (Op::Update, [(conflict.field.clone(), conflict.losing_value.clone())].into()),
        // Deleted again, over the edit it had not seen.
        (Resolution::KeptWinner, true) => (Op::Delete, [(DELETED_FIELD.to_owned(), Value::Bool(true))].into()),
        // Back, with the edit.
        (Resolution::Restored, true) => (
            Op::Update,
            [(DELETED_FIELD.to_owned(), Value::Bool(false)), (conflict.field.clone(), conflict.losing_value.clone())]
                .into(),
        ),
    };
    w.change_resolving(entity, &conflict.entity_id, op, fields, &settled)?;
    let detail = serde_json::json!({
        "field": conflict.field, "resolution": how, "losing_value": conflict.losing_value,
        "losing_stamp": conflict.losing_stamp, "value_before": conflict.current_value,
        "record_deleted": conflict.record_deleted,
    });
    w.audit_local("sync_conflict_resolve", &conflict.entity, &conflict.entity_id, &detail.to_string())
}
