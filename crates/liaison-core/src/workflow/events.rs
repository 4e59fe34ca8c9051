//! Storage of matter events: appending one through the change log, reading a matter's events in fold order, and the
//! projection hook that copies each event's change-log stamp into its row.
//!
//! An event is an insert-only change-log entity (`matter_event`) with its own id: applying the same change twice is
//! a no-op (the change log's identity), and nothing can update or delete it ([`crate::changelog::entities`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, params};
use serde_json::json;

use super::model::Event;
use super::state::Recorded;
use crate::changelog::{EntityKind, Fields, Op};
use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::store::Writer;

/// Appends `event` to the matter's log as made here, now, by the writer's operator.
pub(crate) fn append(w: &mut Writer<'_>, matter_id: &str, event: &Event) -> Result<String> {
    let id = w.new_id().to_string();
    let payload = serde_json::to_string(event).map_err(|e| Error::Internal(e.to_string()))?;
    let mut fields = Fields::new();
    fields.insert("matter_id".into(), json!(matter_id));
    fields.insert("kind".into(), json!(event.kind()));
    fields.insert("at".into(), json!(w.deps().clock.now().to_rfc3339()));
    fields.insert("operator".into(), json!(w.operator()));
    fields.insert("payload".into(), json!(payload));
    w.change(EntityKind::MatterEvent, &id, Op::Insert, fields)?;
    Ok(id)
}

const SELECT: &str = "SELECT id, matter_id, at, operator, node_id, hlc, payload FROM matter_events";

type Row = (String, String, String, String, String, i64, String);

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

fn to_recorded((id, _, at, operator, node_id, hlc, payload): Row) -> Result<Recorded> {
    let at = DateTime::parse_from_rfc3339(&at)
        .map_err(|e| Error::Internal(format!("matter_event {id}: bad time {at}: {e}")))?
        .with_timezone(&Utc);
    let event = serde_json::from_str(&payload).map_err(|e| Error::Internal(format!("matter_event {id}: {e}")))?;
    Ok(Recorded { id, at, operator, node_id, hlc: Hlc(hlc), event })
}

/// A matter's events in fold order (HLC stamp, then node id).
pub fn load(conn: &Connection, matter_id: &str) -> Result<Vec<Recorded>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE matter_id = ?1 ORDER BY hlc, node_id"))?;
    let rows = stmt.query_map([matter_id], read_row)?;
    rows.map(|r| to_recorded(r?)).collect()
}

/// Every matter's events in fold order, by matter id (for lists and queues: one query, not one per matter).
pub fn load_all(conn: &Connection) -> Result<HashMap<String, Vec<Recorded>>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY matter_id, hlc, node_id"))?;
    let mut out: HashMap<String, Vec<Recorded>> = HashMap::new();
    for row in stmt.query_map([], read_row)? {
        let row = row?;
        let matter_id = row.1.clone();
        out.entry(matter_id).or_default().push(to_recorded(row)?);
    }
    Ok(out)
}

/// Projection hook: the row gets the stamp of its insert (the `kind` register never changes after the insert,
/// since events are insert-only), which orders the fold identically on every node.
pub(crate) fn after_project(tx: &Transaction<'_>, id: &str, deleted: bool) -> Result<()> {
    if deleted {
        return Ok(()); // refused earlier: events are insert-only
    }
    tx.prepare_cached(
        "UPDATE matter_events SET (hlc, node_id) =
           (SELECT hlc, node_id FROM field_state WHERE entity = 'matter_event' AND entity_id = ?1 AND field = 'kind')
         WHERE id = ?1",
    )?
    .execute(params![id])?;
    Ok(())
}
