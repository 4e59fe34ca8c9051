//! What has been received: every import attempt (the receipts shown in the history), the bundles applied per
//! sender, the acknowledgement computed from them, and the gaps a person should chase.
//!
//! A bundle covers a range `(from_seq, to_seq]` of its sender's log. This node holds everything the sender meant
//! for it up to the end of the longest run of ranges starting at 0 without a hole ([`received_through`]); that is
//! what it acknowledges, so a lost bundle's changes come again in the sender's next bundle. A bundle number
//! that never arrived is reported ([`missing_bundles`], [`gaps`]), with whether a later bundle already made up
//! for it — usually so, because a sender's bundles overlap until it hears the acknowledgement.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::error::Result;

/// How an import ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportResult {
    /// Applied as a whole.
    Ok,
    /// Nothing applied; `reason` says why.
    Rejected,
}

/// One import attempt, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReceipt {
    /// Row id.
    pub id: i64,
    /// When (RFC 3339).
    pub at: String,
    /// The bundle file's SHA-256 (from the transport).
    pub file_sha256: String,
    /// The sender's node id.
    pub sender: String,
    /// The sender's bundle number.
    pub bundle: u64,
    /// The sender's log range it covered.
    pub from_seq: i64,
    /// See `from_seq`.
    pub to_seq: i64,
    /// Changes in the bundle.
    pub changes: u64,
    /// New to this node.
    pub applied: u64,
    /// Already here.
    pub duplicates: u64,
    /// New conflicts found for review.
    pub conflicts: u64,
    /// Ok or rejected.
    pub result: ImportResult,
    /// Why it was rejected (Chinese), else empty.
    pub reason: String,
    /// Who imported it.
    pub operator: String,
}

/// A receipt before it is stored.
pub(crate) struct NewReceipt<'a> {
    pub at: &'a str,
    pub file_sha256: &'a str,
    pub sender: &'a str,
    pub bundle: u64,
    pub from_seq: i64,
    pub to_seq: i64,
    pub counts: Counts,
    pub result: ImportResult,
    pub reason: &'a str,
    pub operator: &'a str,
}

/// What an import did with its changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub changes: u64,
    pub applied: u64,
    pub duplicates: u64,
    pub conflicts: u64,
}

const COLUMNS: &str = "id, at, file_sha256, sender, bundle, from_seq, to_seq, changes, applied, duplicates, conflicts, \
                       result, reason, operator";

/// Stores a receipt and returns it.
pub(crate) fn insert(conn: &Connection, r: &NewReceipt<'_>) -> Result<ImportReceipt> {
    conn.execute(
        "INSERT INTO sync_receipts (at, file_sha256, sender, bundle, from_seq, to_seq, changes, applied, duplicates,
                                    conflicts, result, reason, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            r.at,
            r.file_sha256,
            r.sender,
            r.bundle as i64,
            r.from_seq,
            r.to_seq,
            r.counts.changes as i64,
            r.counts.applied as i64,
            r.counts.duplicates as i64,
            r.counts.conflicts as i64,
            if r.result == ImportResult::Ok { "ok" } else { "rejected" },
            r.reason,
            r.operator
        ],
    )?;
    let id = conn.last_insert_rowid();
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM sync_receipts WHERE id = ?1"), [id], from_row)?)
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ImportReceipt> {
    Ok(ImportReceipt {
        id: r.get(0)?,
        at: r.get(1)?,
        file_sha256: r.get(2)?,
        sender: r.get(3)?,
        bundle: r.get::<_, i64>(4)? as u64,
        from_seq: r.get(5)?,
        to_seq: r.get(6)?,
        changes: r.get::<_, i64>(7)? as u64,
        applied: r.get::<_, i64>(8)? as u64,
        duplicates: r.get::<_, i64>(9)? as u64,
        conflicts: r.get::<_, i64>(10)? as u64,
        result: if r.get::<_, String>(11)? == "ok" { ImportResult::Ok } else { ImportResult::Rejected },
        reason: r.get(12)?,
        operator: r.get(13)?,
    })
}

/// The latest `limit` receipts, newest first.
pub fn receipts(conn: &Connection, limit: u32) -> Result<Vec<ImportReceipt>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM sync_receipts ORDER BY id DESC LIMIT ?1"))?;
    let rows = stmt.query_map([limit], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Records that bundle `bundle` of `sender`, covering `(from_seq, to_seq]`, has been applied.
pub(crate) fn record_received(conn: &Connection, sender: &str, bundle: u64, from_seq: i64, to_seq: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO sync_received (sender, bundle, from_seq, to_seq) VALUES (?1, ?2, ?3, ?4)",
        params![sender, bundle as i64, from_seq, to_seq],
    )?;
    Ok(())
}

fn received(conn: &Connection, sender: &str) -> Result<Vec<(u64, i64, i64)>> {
    let mut stmt =
        conn.prepare_cached("SELECT bundle, from_seq, to_seq FROM sync_received WHERE sender = ?1 ORDER BY from_seq")?;
    let rows = stmt
        .query_map([sender], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The seq of `sender`'s log through which this node holds everything the sender meant for it: what it
/// acknowledges.
pub fn received_through(conn: &Connection, sender: &str) -> Result<i64> {
    Ok(covered(&received(conn, sender)?))
}

/// The end of the run of ranges (sorted by start) that begins at 0 without a hole.
fn covered(ranges: &[(u64, i64, i64)]) -> i64 {
    let mut through = 0;
    for &(_, from, to) in ranges {
        if from > through {
            break;
        }
        through = through.max(to);
    }
    through
}

/// A bundle number from a sender that never arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The missing bundle's number.
    pub bundle: u64,
    /// True when a later bundle already brought everything it held (bundles overlap until acknowledged), so
    /// nothing is lacking; false while its changes may still be missing here.
    pub recovered: bool,
}

/// The bundle numbers from `sender` that never arrived, below the newest that did: "bundle 17 from station X is
/// missing". Applying what did arrive is never blocked by them.
pub fn missing_bundles(conn: &Connection, sender: &str) -> Result<Vec<u64>> {
    Ok(gaps(conn, sender)?.into_iter().map(|g| g.bundle).collect())
}

/// [`missing_bundles`] with, for each, whether a later bundle has made up for it.
pub fn gaps(conn: &Connection, sender: &str) -> Result<Vec<Gap>> {
    let ranges = received(conn, sender)?;
    let through = covered(&ranges);
    let newest = ranges.iter().map(|r| r.0).max().unwrap_or(0);
    // Bundle numbers and `to_seq` grow together: a later bundle ending inside the covered run proves that every
    // earlier bundle's range is held.
    let recovered_below = ranges.iter().filter(|r| r.2 <= through).map(|r| r.0).max().unwrap_or(0);
    let have: std::collections::BTreeSet<u64> = ranges.iter().map(|r| r.0).collect();
    Ok((1..newest)
        .filter(|n| !have.contains(n))
        .map(|bundle| Gap { bundle, recovered: bundle < recovered_below })
        .collect())
}
