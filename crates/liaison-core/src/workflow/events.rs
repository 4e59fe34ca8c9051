//! Storage of matter events: appending one through the change log, reading a matter's events in fold order, and the
//! projection hook that copies each event's change-log stamp into its row.
//!
//! An event is an insert-only change-log entity (`matter_event`) with its own id: applying the same change twice is
//! a no-op (the change log's identity), and nothing can update or delete it ([`crate::changelog::entities`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};
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

/// Every matter's events in fold order, by matter id, in one query (the lists and the queues stream instead:
/// [`for_each_matter`]).
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

/// Hands `each` the events of one matter at a time, in fold order, for every matter (or, with a station code,
/// that station's matters) that has events, in matter-id order. Each event carries what the fold and the signals
/// read (time, stamp, event); its id, operator and node are left empty, since reading them cost the city-wide
/// queues a tenth of their time and no count or list line shows them ([`load`] reads the whole timeline).
///
/// The rows come in the order of the `matter_events_by_matter` index (matter id, HLC, node id), so SQLite does not
/// sort and only one matter's events are held at once: the city-year's ~600,000 events never sit in a map. One
/// station's matters are picked in SQL through matters → visits → platforms and their events looked up in the same
/// index. Reading in index order costs a table lookup per row, about as much as decoding the rows' JSON, so the
/// two overlap: this thread reads the rows and a scoped second thread decodes and folds them (`each` runs there),
/// batches passing through a small bounded channel.
pub(crate) fn for_each_matter(
    conn: &Connection,
    station_code: Option<&str>,
    each: impl FnMut(&str, &[Recorded]) -> Result<()> + Send,
) -> Result<()> {
    const ORDER: &str = "ORDER BY matter_id, hlc, node_id";
    const OF_STATION: &str = "WHERE matter_id IN (SELECT m.id FROM matters m JOIN visits v ON v.id = m.visit_id
                                 JOIN platforms p ON p.id = v.station_id WHERE p.code = ?1)";
    // Rows per message: enough that the channel costs nothing per row, few enough to keep the folder busy early.
    const BATCH: usize = 512;
    const COLUMNS: &str = "SELECT matter_id, at, hlc, payload FROM matter_events";
    let mut stmt = match station_code {
        Some(_) => conn.prepare_cached(&format!("{COLUMNS} {OF_STATION} {ORDER}"))?,
        None => conn.prepare_cached(&format!("{COLUMNS} {ORDER}"))?,
    };
    let read_row = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?));
    let rows = match station_code {
        Some(code) => stmt.query_map([code], read_row)?,
        None => stmt.query_map([], read_row)?,
    };
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<StreamedRow>>(8);
        let folder = scope.spawn(move || fold_batches(rx, each));
        let mut read = Ok(());
        let mut batch = Vec::with_capacity(BATCH);
        for row in rows {
            match row {
                Ok(row) => batch.push(row),
                Err(e) => {
                    read = Err(e.into());
                    break;
                }
            }
            // A failed send means the folder stopped on an error, which it returns below.
            if batch.len() == BATCH && tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err() {
                break;
            }
        }
        if read.is_ok() && !batch.is_empty() {
            let _ = tx.send(batch);
        }
        drop(tx);
        let folded = folder.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        read.and(folded)
    })
}

/// A row as [`for_each_matter`] reads it: matter id, time, HLC stamp, payload.
type StreamedRow = (String, String, i64, String);

/// The folding side of [`for_each_matter`]: decodes the rows and hands `each` one matter's events at a time.
fn fold_batches(
    rx: std::sync::mpsc::Receiver<Vec<StreamedRow>>,
    mut each: impl FnMut(&str, &[Recorded]) -> Result<()>,
) -> Result<()> {
    let mut current = String::new();
    let mut events: Vec<Recorded> = Vec::new();
    for batch in rx {
        for (matter_id, at, hlc, payload) in batch {
            if matter_id != current {
                if !events.is_empty() {
                    each(&current, &events)?;
                    events.clear();
                }
                current = matter_id;
            }
            let at = DateTime::parse_from_rfc3339(&at)
                .map_err(|e| Error::Internal(format!("an event of matter {current}: bad time {at}: {e}")))?
                .with_timezone(&Utc);
            let event = serde_json::from_str(&payload)
                .map_err(|e| Error::Internal(format!("an event of matter {current}: {e}")))?;
            let (id, operator, node_id) = (String::new(), String::new(), String::new());
            events.push(Recorded { id, at, operator, node_id, hlc: Hlc(hlc), event });
        }
    }
    if !events.is_empty() {
        each(&current, &events)?;
    }
    Ok(())
}

/// Projection hook: the matter's kept summary follows its events. (The row already carries the stamp of its
/// insert, which orders the fold identically on every node: see `EntitySpec::insert_only`.)
pub(crate) fn after_project(tx: &Transaction<'_>, id: &str, deleted: bool) -> Result<()> {
    if deleted {
        return Ok(()); // refused earlier: events are insert-only
    }
    // The matter's kept summary follows its events in the same transaction, here and on import alike; it is
    // refolded once per matter at commit.
    let matter_id: String =
        tx.prepare_cached("SELECT matter_id FROM matter_events WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    super::summary::mark_dirty(tx, &matter_id)
}
