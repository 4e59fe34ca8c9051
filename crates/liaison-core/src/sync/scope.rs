//! Whose a record is: the roster (regions, platforms, deputies, handling units) is everyone's; station work
//! (visits, matters with their events and attachments, the duty rota, activities with attendance, leaders' visits)
//! belongs to the station named by its `station_id` register or its parent's. Read from `field_state`, which
//! keeps the registers of deleted records too, so a tombstone belongs where its record did.
//!
//! The same rule is kept per change in `change_log.owner` ([`crate::changelog::owner`]), which is what
//! [`super::outgoing`] (a station gets only the roster and its own records) and [`super::incoming`] (a station's
//! bundle may not write another station's records) read; they ask here only for a change whose owner was not
//! known when it was logged.

use rusqlite::{Connection, OptionalExtension};

use crate::changelog::{EntityKind, register};
use crate::error::Result;

/// Whose a record is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Owner {
    /// The roster: every node gets it.
    Everyone,
    /// A station's record: the platform id of its station, if its registers (or its parent's) are known here.
    Station(Option<String>),
}

/// Whose the record `entity`/`id` is.
pub(crate) fn owner(conn: &Connection, entity: EntityKind, id: &str) -> Result<Owner> {
    use EntityKind as K;
    let up = |parent: K, field: &str| -> Result<Owner> {
        match text(conn, entity, id, field)? {
            Some(parent_id) => owner(conn, parent, &parent_id),
            None => Ok(Owner::Station(None)),
        }
    };
    match entity {
        K::Region | K::Platform | K::Deputy | K::HandlingUnit => Ok(Owner::Everyone),
        K::Visit | K::DutySlot | K::Activity | K::LeaderVisit => {
            Ok(Owner::Station(text(conn, entity, id, "station_id")?))
        }
        K::Matter => up(K::Visit, "visit_id"),
        K::MatterEvent | K::MatterAttachment => up(K::Matter, "matter_id"),
        K::ActivityAttendance => up(K::Activity, "activity_id"),
    }
}

/// True when a change of this record goes down to the station with platform id `station` (`None`: a station
/// the roster does not know yet, which gets the roster only).
pub(crate) fn concerns(conn: &Connection, entity: EntityKind, id: &str, station: Option<&str>) -> Result<bool> {
    Ok(match owner(conn, entity, id)? {
        Owner::Everyone => true,
        Owner::Station(owner) => station.is_some_and(|s| owner.as_deref() == Some(s)),
    })
}

/// The platform id of a station code, if the roster knows it.
pub(crate) fn station_id(conn: &Connection, code: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT id FROM platforms WHERE code = ?1", [code], |r| r.get(0)).optional()?)
}

/// A text register's value; for an append-only record, which keeps no registers, its row's column.
fn text(conn: &Connection, entity: EntityKind, id: &str, field: &str) -> Result<Option<String>> {
    let spec = entity.spec();
    if spec.insert_only && spec.has_field(field) {
        let sql = format!("SELECT {field} FROM {} WHERE id = ?1", spec.table);
        return Ok(conn.prepare_cached(&sql)?.query_row([id], |r| r.get(0)).optional()?);
    }
    Ok(register(conn, entity.as_str(), id, field)?.and_then(|v| v.as_str().map(str::to_owned)))
}
