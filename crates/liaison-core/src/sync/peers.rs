//! The nodes this one exchanges bundles with, and enrollment: how an office comes to trust a station's keys.
//!
//! A peer's role is the role it plays *for this node*: `office` is the node above (a station has one), `station`
//! a node below (an office has many). A county office that later sits between its stations and the city has both
//! kinds of peer; nothing here assumes a node is only one thing.
//!
//! Enrollment: the office creates a pending peer for a station code and a one-time secret ([`create_enrollment_as`]);
//! only the secret's SHA-256 is stored. The secret and the office's keys go to the station in the enrollment file
//! (written by liaison-sync); the station records the office as a pinned peer ([`record_office_as`]) and keeps the
//! secret until its office acknowledges it. Its bundles carry the secret and its keys ([`super::EnrollmentProof`])
//! until then; the first one whose secret hashes to the stored hash (compared in constant time) pins that node id
//! and those keys ([`accept_sender`]). A later bundle with other keys or from another node for the same code is
//! refused. Re-enrolling a station (a new PC) is an explicit act ([`reenroll_as`]) that revokes the old keys and
//! starts a new pending enrollment; bundles signed by revoked keys are refused.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::payload::{Direction, EnrollmentProof, Payload, PeerKeys};
use crate::error::{Error, Result};
use crate::operators::permit::authorize;
use crate::operators::{Role, Session};
use crate::store::Writer;

/// The audit log's entity name for peers.
const AUDIT_ENTITY: &str = "sync_peer";
const REFUSAL: &str = "当前角色无权管理联络站登记（需管理员）";

/// What a peer is for this node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerRole {
    /// The office above this node.
    Office,
    /// A station (or a county office) below this node.
    Station,
}

impl PeerRole {
    fn as_str(self) -> &'static str {
        match self {
            PeerRole::Office => "office",
            PeerRole::Station => "station",
        }
    }

    fn parse(s: &str) -> Option<PeerRole> {
        [PeerRole::Office, PeerRole::Station].into_iter().find(|r| r.as_str() == s)
    }

    /// 机关 / 联络站, for lists.
    pub fn label(self) -> &'static str {
        match self {
            PeerRole::Office => "机关",
            PeerRole::Station => "联络站",
        }
    }

    /// The direction of bundles *from* a peer of this role to this node.
    pub fn incoming_direction(self) -> Direction {
        match self {
            PeerRole::Office => Direction::Down,
            PeerRole::Station => Direction::Up,
        }
    }
}

/// Whether a peer's keys are trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerStatus {
    /// Enrolled; its first bundle has not arrived yet.
    Pending,
    /// Its keys are pinned: its bundles are accepted.
    Pinned,
    /// Replaced by a re-enrollment: its bundles are refused.
    Revoked,
}

impl PeerStatus {
    fn as_str(self) -> &'static str {
        match self {
            PeerStatus::Pending => "pending",
            PeerStatus::Pinned => "pinned",
            PeerStatus::Revoked => "revoked",
        }
    }

    /// 待首个数据包 / 已登记 / 已吊销, for lists.
    pub fn label(self) -> &'static str {
        match self {
            PeerStatus::Pending => "待首个数据包",
            PeerStatus::Pinned => "已登记",
            PeerStatus::Revoked => "已吊销",
        }
    }

    fn parse(s: &str) -> Option<PeerStatus> {
        [PeerStatus::Pending, PeerStatus::Pinned, PeerStatus::Revoked].into_iter().find(|r| r.as_str() == s)
    }
}

/// One peer as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Peer {
    /// Row id.
    pub id: i64,
    /// Its node id (unknown while a station's enrollment is pending).
    pub node_id: Option<String>,
    /// What it is for this node.
    pub role: PeerRole,
    /// A station's code.
    pub station_code: Option<String>,
    /// Its keys, once known.
    pub keys: Option<PeerKeys>,
    /// Trusted or not.
    pub status: PeerStatus,
    /// When the enrollment was created (office) or recorded (station), RFC 3339.
    pub enrolled_at: String,
    /// When its keys were pinned.
    pub pinned_at: Option<String>,
    /// When its keys were revoked.
    pub revoked_at: Option<String>,
    /// The highest seq of our log it has acknowledged.
    pub acked_seq: i64,
    /// The highest seq of our log we have sent it.
    pub sent_seq: i64,
    /// The number of our next bundle to it.
    pub next_bundle: u64,
}

/// What the office puts in a station's enrollment file (with its own keys, which the transport holds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    /// The station's code.
    pub station_code: String,
    /// The one-time secret (64 hex digits). Stored nowhere on the office but as its hash.
    pub secret: String,
}

const COLUMNS: &str = "id, node_id, role, station_code, signing_key, encryption_recipient, key_id, status, \
                       enrolled_at, pinned_at, revoked_at, acked_seq, sent_seq, next_bundle";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Peer> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, format!("bad {what}").into())
    };
    let signing_key: Option<String> = r.get(4)?;
    let keys = match signing_key {
        Some(signing_key) => Some(PeerKeys {
            signing_key,
            encryption_recipient: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            key_id: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Peer {
        id: r.get(0)?,
        node_id: r.get(1)?,
        role: PeerRole::parse(&r.get::<_, String>(2)?).ok_or_else(|| bad(2, "role"))?,
        station_code: r.get(3)?,
        keys,
        status: PeerStatus::parse(&r.get::<_, String>(7)?).ok_or_else(|| bad(7, "status"))?,
        enrolled_at: r.get(8)?,
        pinned_at: r.get(9)?,
        revoked_at: r.get(10)?,
        acked_seq: r.get(11)?,
        sent_seq: r.get(12)?,
        next_bundle: r.get::<_, i64>(13)? as u64,
    })
}

/// The peer with this node id, whatever its status: what the transport asks before it verifies a signature.
pub fn lookup(conn: &Connection, node_id: &str) -> Result<Option<Peer>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM peers WHERE node_id = ?1"))?
        .query_row([node_id], from_row)
        .optional()?)
}

/// Every peer, live ones first.
pub fn list(conn: &Connection) -> Result<Vec<Peer>> {
    let mut stmt = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM peers ORDER BY status = 'revoked', role, station_code, id"))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The live (pending or pinned) enrollment of a station code.
fn live_station(conn: &Connection, station_code: &str) -> Result<Option<Peer>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM peers WHERE role = 'station' AND station_code = ?1 AND status <> 'revoked'"
        ))?
        .query_row([station_code], from_row)
        .optional()?)
}

fn secret_hash(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.trim().as_bytes()))
}

/// Equal without an early exit, so the time taken does not tell how many leading characters of a guess matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Office: starts the enrollment of a station and returns the secret for its enrollment file.
pub fn create_enrollment_as(w: &mut Writer<'_>, session: &Session, station_code: &str) -> Result<Enrollment> {
    authorize(w, session, Role::may_change_setup, REFUSAL)?;
    let code = station_code.trim();
    if code.is_empty() {
        return Err(Error::Invalid("请填写联络站代码".into()));
    }
    if live_station(w.tx(), code)?.is_some() {
        return Err(Error::Conflict(format!("联络站 {code} 已经登记；如需更换电脑，请使用“重新登记”")));
    }
    new_enrollment(w, code, "sync_enroll")
}

/// Office: re-enrolls a station (a new PC): revokes its current keys and starts a new enrollment.
pub fn reenroll_as(w: &mut Writer<'_>, session: &Session, station_code: &str) -> Result<Enrollment> {
    authorize(w, session, Role::may_change_setup, REFUSAL)?;
    let code = station_code.trim();
    let Some(old) = live_station(w.tx(), code)? else {
        return Err(Error::NotFound(format!("联络站 {code} 尚未登记")));
    };
    let now = w.deps().clock.now().to_rfc3339();
    w.tx().execute("UPDATE peers SET status = 'revoked', revoked_at = ?1 WHERE id = ?2", params![now, old.id])?;
    new_enrollment(w, code, "sync_reenroll")
}

fn new_enrollment(w: &mut Writer<'_>, code: &str, action: &str) -> Result<Enrollment> {
    let mut bytes = [0u8; 32];
    w.deps().entropy.fill(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let now = w.deps().clock.now().to_rfc3339();
    w.tx().execute(
        "INSERT INTO peers (role, station_code, status, enrolled_at, secret_sha256) VALUES ('station', ?1, 'pending', ?2, ?3)",
        params![code, now, secret_hash(&secret)],
    )?;
    w.audit_local(action, AUDIT_ENTITY, code, "")?;
    Ok(Enrollment { station_code: code.to_owned(), secret })
}

/// Station: records its office from the enrollment file (the office's node id and keys) and keeps the secret its
/// bundles prove until the office acknowledges it.
pub fn record_office_as(
    w: &mut Writer<'_>,
    session: &Session,
    office_node: &str,
    keys: &PeerKeys,
    station_code: &str,
    secret: &str,
) -> Result<()> {
    authorize(w, session, Role::may_change_setup, REFUSAL)?;
    if office_node == w.node_id() {
        return Err(Error::Invalid("登记文件是本机生成的，不能导入本机".into()));
    }
    let live: i64 =
        w.tx().query_row("SELECT COUNT(*) FROM peers WHERE role = 'office' AND status = 'pinned'", [], |r| r.get(0))?;
    if live > 0 {
        return Err(Error::Conflict("本机已登记到机关；如需更换，请先撤销原登记".into()));
    }
    let now = w.deps().clock.now().to_rfc3339();
    w.tx().execute(
        "INSERT INTO peers (node_id, role, station_code, signing_key, encryption_recipient, key_id, status,
                            enrolled_at, pinned_at, enrollment_secret)
         VALUES (?1, 'office', ?2, ?3, ?4, ?5, 'pinned', ?6, ?6, ?7)",
        params![
            office_node,
            station_code.trim(),
            keys.signing_key,
            keys.encryption_recipient,
            keys.key_id,
            now,
            secret.trim()
        ],
    )?;
    w.audit_local("sync_record_office", AUDIT_ENTITY, office_node, station_code)
}

/// The enrollment proof a station still owes its office: `(station code, secret)`, until acknowledged.
pub(crate) fn pending_proof(conn: &Connection, office: &Peer) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT station_code, enrollment_secret FROM peers WHERE id = ?1 AND enrollment_secret IS NOT NULL",
            [office.id],
            |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get(1)?)),
        )
        .optional()?)
}

/// Checks that `sender` may send this payload to this node, pinning a pending station whose proof holds.
/// Returns the sender as a pinned peer.
pub(crate) fn accept_sender(w: &mut Writer<'_>, sender: &str, payload: &Payload) -> Result<Peer> {
    let peer = match lookup(w.tx(), sender)? {
        Some(peer) => peer,
        None => pin_by_proof(w, sender, payload)?,
    };
    match peer.status {
        PeerStatus::Pinned => {}
        PeerStatus::Revoked => {
            return Err(Error::Forbidden(format!(
                "{} 的密钥已被吊销（已重新登记），不再接受其数据包",
                describe(&peer)
            )));
        }
        PeerStatus::Pending => return Err(Error::Internal("a pending peer with a node id".into())),
    }
    if peer.role.incoming_direction() != payload.direction {
        return Err(Error::Invalid(format!("数据包方向与 {} 的角色不符", describe(&peer))));
    }
    if let (Some(proof), Some(keys)) = (&payload.enrollment, &peer.keys)
        && proof.keys != *keys
    {
        return Err(Error::Forbidden(format!("{} 的数据包带有与登记时不同的密钥，已拒绝", describe(&peer))));
    }
    Ok(peer)
}

/// Checks an enrollment proof without writing: the pending enrollment of its station, whose secret it knows.
/// Returns that peer. The transport asks this before applying a first bundle, so that a forged claim leaves no
/// trace (not even a rejected receipt: anyone can encrypt to the office, and must not fill its history).
pub fn check_enrollment_proof(conn: &Connection, proof: &EnrollmentProof) -> Result<Peer> {
    let pending = live_station(conn, proof.station_code.trim())?.filter(|p| p.status == PeerStatus::Pending);
    let Some(pending) = pending else {
        return Err(Error::Forbidden(format!("联络站 {} 没有待完成的登记，数据包已拒绝", proof.station_code)));
    };
    let stored: String = conn.query_row("SELECT secret_sha256 FROM peers WHERE id = ?1", [pending.id], |r| r.get(0))?;
    if !constant_time_eq(stored.as_bytes(), secret_hash(&proof.secret).as_bytes()) {
        return Err(Error::Forbidden(format!("联络站 {} 的登记密码不正确，数据包已拒绝", proof.station_code)));
    }
    Ok(pending)
}

fn pin_by_proof(w: &mut Writer<'_>, sender: &str, payload: &Payload) -> Result<Peer> {
    let unknown = || Error::Forbidden(format!("未登记的节点 {sender} 发来的数据包，已拒绝"));
    let proof = payload.enrollment.as_ref().ok_or_else(unknown)?;
    let pending = check_enrollment_proof(w.tx(), proof)?;
    let now = w.deps().clock.now().to_rfc3339();
    w.tx().execute(
        "UPDATE peers SET node_id = ?1, signing_key = ?2, encryption_recipient = ?3, key_id = ?4, status = 'pinned',
                          pinned_at = ?5, secret_sha256 = NULL
         WHERE id = ?6",
        params![sender, proof.keys.signing_key, proof.keys.encryption_recipient, proof.keys.key_id, now, pending.id],
    )?;
    w.audit_local("sync_pin", AUDIT_ENTITY, &proof.station_code, sender)?;
    lookup(w.tx(), sender)?.ok_or_else(|| Error::Internal("pinned peer vanished".into()))
}

/// "联络站 XH-01" or "机关", for messages.
pub(crate) fn describe(peer: &Peer) -> String {
    match (peer.role, &peer.station_code) {
        (PeerRole::Station, Some(code)) => format!("联络站 {code}"),
        (PeerRole::Station, None) => "下级节点".into(),
        (PeerRole::Office, _) => "上级机关".into(),
    }
}

/// Records a peer's acknowledgement of our log (never beyond what we sent it, never backwards). A station whose
/// office acknowledges it at all has been pinned there: its enrollment secret is no longer needed.
pub(crate) fn record_ack(conn: &Connection, peer: &Peer, ack: Option<i64>) -> Result<()> {
    let Some(ack) = ack else { return Ok(()) };
    conn.execute(
        "UPDATE peers SET acked_seq = MAX(acked_seq, MIN(?1, sent_seq)), enrollment_secret = NULL WHERE id = ?2",
        params![ack, peer.id],
    )?;
    Ok(())
}

/// Records that we cut bundle `peer.next_bundle` covering our log through `to_seq`.
pub(crate) fn record_sent(conn: &Connection, peer: &Peer, to_seq: i64) -> Result<()> {
    conn.execute(
        "UPDATE peers SET next_bundle = next_bundle + 1, sent_seq = MAX(sent_seq, ?1) WHERE id = ?2",
        params![to_seq, peer.id],
    )?;
    Ok(())
}

/// Records `stamp` as the office's newest configuration when it is newer than the last one applied from this peer;
/// true when it was (the caller then applies that configuration, in the same transaction).
pub(crate) fn newer_config(conn: &Connection, peer: &Peer, stamp: i64) -> Result<bool> {
    Ok(conn
        .execute("UPDATE peers SET config_stamp = ?1 WHERE id = ?2 AND config_stamp < ?1", params![stamp, peer.id])?
        > 0)
}
