//! Cutting a bundle for one peer: which changes, which acknowledgements, and (from an office) the configuration.
//!
//! Changes: every entry of this node's log after the peer's acknowledgement (or all of it on request), except
//! those the peer made itself. Entries that arrived here from other nodes are included too: this node relays
//! them, because the peer may have no other way to get them (a county office forwards its stations' work to the
//! city; the office forwards one station's roster edits to the others). Applying a change twice is a no-op, so
//! relaying never harms.
//!
//! Down the hierarchy a station gets only what concerns it ([`super::scope`]): the whole roster (regions,
//! platforms, deputies, handling units: the first-responder rule and the pickers need every deputy and unit), and
//! its own station's records — visits, matters with their events (the office's assignments and replies are events)
//! and attachments, the duty rota, activities with attendance, leaders' visits; tombstones included. Up the
//! hierarchy nothing is filtered.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use super::scope;

use super::payload::{ConfigSnapshot, Direction, EnrollmentProof, PAYLOAD_VERSION, Payload, PeerKeys};
use super::peers::{self, PeerRole, PeerStatus};
use super::receipts::received_through;
use crate::changelog::{LOGGED_COLUMNS, LoggedChange, read_logged};
use crate::error::{Error, Result};
use crate::store::Writer;

/// A bundle ready for the transport: its number on this link and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The number the transport writes in the header (1, 2, … per recipient).
    pub bundle: u64,
    /// The content.
    pub payload: Payload,
}

/// Cuts the next bundle for the peer with node id `to` (`full`: the whole log, not only what it has not
/// acknowledged). `own_keys` are this node's public keys, sent with an enrollment proof while one is owed.
/// Numbers the bundle and records what was sent, so it runs in a write.
pub fn outgoing(w: &mut Writer<'_>, to: &str, full: bool, own_keys: &PeerKeys) -> Result<Outgoing> {
    let peer = peers::lookup(w.tx(), to)?
        .filter(|p| p.status == PeerStatus::Pinned)
        .ok_or_else(|| Error::NotFound(format!("没有已登记的同步对象 {to}")))?;
    let direction = match peer.role {
        PeerRole::Office => Direction::Up,
        PeerRole::Station => Direction::Down,
    };
    let from_seq = if full { 0 } else { peer.acked_seq };
    let to_seq: i64 = w.tx().query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log", [], |r| r.get(0))?;
    let station = match direction {
        Direction::Down => match &peer.station_code {
            Some(code) => Some(scope::station_id(w.tx(), code)?),
            None => Some(None),
        },
        Direction::Up => None,
    };
    let changes = match &station {
        None => log_range(w.tx(), from_seq, to_seq, to)?,
        Some(station) => station_range(w.tx(), from_seq, to_seq, to, station.as_deref())?,
    };
    let config = match direction {
        Direction::Down => Some(ConfigSnapshot {
            stamp: w.next_hlc(),
            rules: crate::workflow::configure::view(w.tx())?,
            calendar: crate::calendar::official_years(w.tx())?,
        }),
        Direction::Up => None,
    };
    let enrollment = peers::pending_proof(w.tx(), &peer)?.map(|(station_code, secret)| EnrollmentProof {
        station_code,
        secret,
        keys: own_keys.clone(),
    });
    let acks = [(to.to_owned(), received_through(w.tx(), to)?)].into_iter().collect();
    peers::record_sent(w.tx(), &peer, to_seq)?;
    Ok(Outgoing {
        bundle: peer.next_bundle,
        payload: Payload { version: PAYLOAD_VERSION, direction, from_seq, to_seq, changes, acks, config, enrollment },
    })
}

/// This node's log entries with `from < seq <= to`, except those `peer` made.
fn log_range(conn: &Connection, from: i64, to: i64, peer: &str) -> Result<Vec<LoggedChange>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LOGGED_COLUMNS} FROM change_log WHERE seq > ?1 AND seq <= ?2 AND node_id <> ?3 ORDER BY seq"
    ))?;
    read_logged(&mut stmt, params![from, to, peer])
}

/// [`log_range`] for the station with platform id `station` (`None`: one the roster does not know yet): the
/// roster's entries and its own station's, by the owner logged with each ([`crate::changelog::owner`]). An entry
/// whose owner was not known when it was logged is asked of the registers.
fn station_range(
    conn: &Connection,
    from: i64,
    to: i64,
    peer: &str,
    station: Option<&str>,
) -> Result<Vec<LoggedChange>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LOGGED_COLUMNS} FROM change_log
         WHERE seq > ?1 AND seq <= ?2 AND node_id <> ?3 AND (owner IS NULL OR owner = '' OR owner = ?4)
         ORDER BY seq"
    ))?;
    let candidates = read_logged(&mut stmt, params![from, to, peer, station])?;
    let unknown: HashSet<i64> = conn
        .prepare_cached("SELECT seq FROM change_log WHERE seq > ?1 AND seq <= ?2 AND node_id <> ?3 AND owner IS NULL")?
        .query_map(params![from, to, peer], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changes = Vec::with_capacity(candidates.len());
    for logged in candidates {
        let change = &logged.change;
        if !unknown.contains(&logged.seq) || scope::concerns(conn, change.entity, &change.entity_id, station)? {
            changes.push(logged);
        }
    }
    Ok(changes)
}
