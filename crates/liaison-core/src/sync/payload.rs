//! What one bundle carries between two nodes, before the transport (liaison-sync) signs, encrypts and compresses
//! it: the sender's changes with their sequence numbers, the range of the sender's log it covers, the sender's
//! acknowledgements, and, from an office, the rules and calendar. Versioned, so an older program can refuse a
//! newer payload instead of misreading it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::changelog::LoggedChange;
use crate::hlc::Hlc;
use crate::workflow::configure::RulesView;

/// The payload format this program writes and reads.
pub const PAYLOAD_VERSION: u32 = 1;

/// Which way a bundle travels between two nodes of the hierarchy (station → county → city).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From a node to the office above it (a station's work, its acknowledgements).
    Up,
    /// From an office to a node below it (roster, rules, calendar, assignments, replies, acknowledgements).
    Down,
}

/// One bundle's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    /// [`PAYLOAD_VERSION`] when written.
    pub version: u32,
    /// Up or down the hierarchy.
    pub direction: Direction,
    /// The range of the sender's log this bundle covers: every change with `from_seq < seq <= to_seq` that the
    /// recipient should have is in `changes` (the ones it originated or may not see are left out).
    pub from_seq: i64,
    /// See `from_seq`.
    pub to_seq: i64,
    /// The changes, in the sender's log order, each with its seq there.
    pub changes: Vec<LoggedChange>,
    /// Per node whose log the sender receives: the seq through which the sender holds every change that node sent
    /// it. The recipient reads its own entry and sends from there next time.
    pub acks: BTreeMap<String, i64>,
    /// From an office: its rules and calendar, as a whole (see [`ConfigSnapshot`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ConfigSnapshot>,
    /// From a station until its office has pinned it: the proof of its one-time enrollment secret and its keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrollment: Option<EnrollmentProof>,
}

/// The office's configuration, sent whole in every downward bundle and applied only when newer than the last one
/// applied from that office (its `stamp`), so an older bundle read late never rolls the rules back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigSnapshot {
    /// The office's HLC when the bundle was cut.
    pub stamp: Hlc,
    /// Time limits, escalation ladder, categories.
    pub rules: RulesView,
    /// Each official calendar year the office has, in the holiday-cn JSON shape (`year`, `papers`, `days` with
    /// `name`, `date`, `isOffDay`), so the station validates it with the same parser as a file.
    pub calendar: Vec<serde_json::Value>,
}

/// A station's first bundles: who it is, the secret from its enrollment file, and the keys the office pins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentProof {
    /// The station code the enrollment was made for.
    pub station_code: String,
    /// The one-time secret from the enrollment file (the bundle is encrypted to the office).
    pub secret: String,
    /// The keys the office pins for this node.
    pub keys: PeerKeys,
}

/// A node's public keys, opaque text produced and checked by the transport (liaison-sync).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerKeys {
    /// The public key its bundles are signed with.
    pub signing_key: String,
    /// The recipient bundles to it are encrypted to.
    pub encryption_recipient: String,
    /// The transport's id for this key pair.
    pub key_id: String,
}
