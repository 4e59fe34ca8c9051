//! Importing a bundle the transport has verified: all of it in one transaction, or nothing and a rejected receipt.
//!
//! In one write: the sender is checked (pinned, not revoked, the right direction; a pending station is pinned by
//! its enrollment proof), each change goes through the HLC receive step (a stamp more than a day ahead of this
//! node's clock rejects the bundle) and [`crate::changelog::apply`] (a change already here is a duplicate and
//! does nothing), the conflict rows of every field it wrote are recomputed, the bundle's range is recorded for
//! gaps and acknowledgements, the sender's acknowledgement of our log is taken, an office's newer configuration is
//! applied, a station's bundle is checked to write only the roster and its own station's records, and the receipt
//! is written. Any error rolls all of it back; the rejection is then recorded in a transaction of its own, so the
//! history shows every attempt.
//!
//! Idempotent and order-free: every step is — a duplicate change does nothing, ranges and acknowledgements only
//! grow, the configuration only moves to a newer stamp, conflict rows depend only on the set of changes held.

use super::payload::{PAYLOAD_VERSION, Payload};
use super::peers::{self, Peer, PeerRole};
use super::receipts::{self, Counts, ImportReceipt, ImportResult, NewReceipt};
use super::scope::{self, Owner};
use crate::changelog::{Applied, EntityKind};
use crate::error::{Error, Result};
use crate::store::{Store, Writer};

/// Imports `payload`, bundle number `bundle` of node `sender`, read from a file whose SHA-256 is `file_sha256`,
/// as `operator` (who is importing), in a transaction of its own. Returns the receipt: `Ok` and what was applied,
/// or `Rejected` and why (nothing of the bundle was applied). Only a failure to record the receipt itself is an
/// `Err`.
pub fn apply_incoming(
    store: &mut Store,
    operator: &str,
    sender: &str,
    bundle: u64,
    file_sha256: &str,
    payload: &Payload,
) -> Result<ImportReceipt> {
    let applied = store.write(operator, |w| apply_in_batch(w, sender, bundle, file_sha256, payload));
    match applied {
        Ok(receipt) => Ok(receipt),
        Err(err) => {
            let reason = reason(&err);
            store.write(operator, |w| {
                let at = w.deps().clock.now().to_rfc3339();
                receipts::insert(
                    w.tx(),
                    &NewReceipt {
                        at: &at,
                        file_sha256,
                        sender,
                        bundle,
                        from_seq: payload.from_seq,
                        to_seq: payload.to_seq,
                        counts: Counts { changes: payload.changes.len() as u64, ..Counts::default() },
                        result: ImportResult::Rejected,
                        reason: &reason,
                        operator,
                    },
                )
            })
        }
    }
}

/// The Chinese reason shown in the history: user errors carry their own message; anything else is summarised and
/// the detail kept for the log.
fn reason(err: &Error) -> String {
    match err {
        Error::Invalid(m) | Error::Forbidden(m) | Error::Conflict(m) => m.clone(),
        Error::InvalidFields(_) | Error::NotFound(_) => format!("数据包无法导入：{err}"),
        other => format!("导入时出错，未做任何更改：{other}"),
    }
}

/// [`apply_incoming`] inside an open write that takes several bundles (the office's inbox commits a batch at
/// once): the receipt of the applied bundle, or the reason it is rejected as an `Err` — and then the write holds
/// part of the bundle, so the caller must roll the whole write back (and import that batch's bundles one by one
/// with [`apply_incoming`], which records the rejection). A savepoint per bundle would spare the redo, but it
/// copies every page a bundle touches into a sub-journal, a sixth of the import's time; rejections are rare.
pub fn apply_in_batch(
    w: &mut Writer<'_>,
    sender: &str,
    bundle: u64,
    file_sha256: &str,
    payload: &Payload,
) -> Result<ImportReceipt> {
    if payload.version != PAYLOAD_VERSION {
        return Err(Error::Invalid(format!(
            "数据包格式版本 {} 不受支持（本程序为 {PAYLOAD_VERSION}），请升级联络站工作台",
            payload.version
        )));
    }
    if sender == w.node_id() {
        return Err(Error::Invalid("这是本机导出的数据包，不能导入本机".into()));
    }
    if payload.from_seq < 0 || payload.to_seq < payload.from_seq {
        return Err(Error::Invalid("数据包的序号范围无效".into()));
    }
    let peer = peers::accept_sender(w, sender, payload)?;
    let now = w.deps().clock.now().to_rfc3339();
    let logged_before: i64 = w.tx().query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log", [], |r| r.get(0))?;
    let mut counts = Counts { changes: payload.changes.len() as u64, ..Counts::default() };
    for (i, logged) in payload.changes.iter().enumerate() {
        let change = &logged.change;
        if logged.seq <= payload.from_seq || logged.seq > payload.to_seq {
            return Err(Error::Invalid(format!("第 {} 条更改的序号 {} 超出数据包的范围", i + 1, logged.seq)));
        }
        let described = |e: Error| match e {
            Error::Invalid(m) | Error::Conflict(m) => Error::Invalid(format!(
                "第 {} 条更改（{} {}）无法应用：{m}",
                i + 1,
                change.entity.as_str(),
                change.entity_id
            )),
            other => other,
        };
        match w.apply_remote_counting(change).map_err(described)? {
            (Applied::Recorded { .. }, conflicts) => {
                counts.applied += 1;
                counts.conflicts += conflicts;
            }
            (Applied::Duplicate | Applied::Unchanged, _) => counts.duplicates += 1,
        }
    }
    check_scope(w, &peer, logged_before)?;
    receipts::record_received(w.tx(), sender, bundle, payload.from_seq, payload.to_seq)?;
    peers::record_ack(w.tx(), &peer, payload.acks.get(w.node_id()).copied())?;
    if let Some(config) = &payload.config
        && peer.role == PeerRole::Office
        && peers::newer_config(w.tx(), &peer, config.stamp.0)?
    {
        crate::workflow::configure::replace_from_office(w.tx(), &config.rules)?;
        crate::calendar::replace_from_office(w.tx(), &config.calendar, &now)?;
    }
    let receipt = receipts::insert(
        w.tx(),
        &NewReceipt {
            at: &now,
            file_sha256,
            sender,
            bundle,
            from_seq: payload.from_seq,
            to_seq: payload.to_seq,
            counts,
            result: ImportResult::Ok,
            reason: "",
            operator: w.operator(),
        },
    )?;
    Ok(receipt)
}

/// Refuses a station's bundle that writes another station's records: every change it logged (after
/// `logged_before`; a duplicate writes nothing) must be the roster's or its own station's. Checked after the whole
/// bundle is applied, so that a change whose owner was unknown when logged (a record before its parent) is
/// resolved from the registers. A peer whose code is no station of the roster (a county office relaying its
/// stations) is not limited here.
fn check_scope(w: &Writer<'_>, peer: &Peer, logged_before: i64) -> Result<()> {
    let Some(code) = peer.station_code.as_deref().filter(|_| peer.role == PeerRole::Station) else { return Ok(()) };
    let Some(own) = scope::station_id(w.tx(), code)? else { return Ok(()) };
    let mut stmt = w.tx().prepare_cached(
        "SELECT entity, entity_id, owner FROM change_log WHERE seq > ?1 AND (owner IS NULL OR owner NOT IN ('', ?2))",
    )?;
    let suspects = stmt.query_map(rusqlite::params![logged_before, own], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
    })?;
    for suspect in suspects {
        let (entity, id, logged_owner) = suspect?;
        let kind = EntityKind::parse(&entity)
            .ok_or_else(|| Error::Internal(format!("unknown entity {entity} in change_log")))?;
        let other = match logged_owner {
            Some(owner) => Some(owner),
            None => match scope::owner(w.tx(), kind, &id)? {
                Owner::Station(Some(owner)) if owner != own => Some(owner),
                Owner::Everyone | Owner::Station(_) => None,
            },
        };
        if other.is_some() {
            return Err(Error::Forbidden(format!(
                "{} 的数据包修改了其他联络站的记录（{entity} {id}），已拒绝",
                peers::describe(peer)
            )));
        }
    }
    Ok(())
}
