//! Sync, the database side (issue 6): what a bundle to a peer carries, applying a bundle that arrived, the receipts
//! and gaps, conflicts for review, peers and enrollment. The file format, signatures, encryption and compression
//! are liaison-sync's: to this module a bundle is a [`Payload`], and the transport calls [`apply_incoming`] with the
//! sender's node id only after it has verified the signature against the keys [`peers::lookup`] returned (for a
//! station's first bundle, against the keys in its [`EnrollmentProof`], which the secret vouches for).
//!
//! # Design
//!
//! - **Changes** travel as they are in the change log, with the sender's `seq`. A bundle covers a range of the
//!   sender's log, `(from_seq, to_seq]`, starting at the recipient's last acknowledgement ([`outgoing`]). The
//!   recipient acknowledges the end of the unbroken run of ranges it holds ([`receipts::received_through`]), so a
//!   lost bundle's changes simply come again in the next one; [`missing_bundles`] names the numbers still missing.
//! - **Applying** goes through [`crate::changelog::apply`] inside one transaction ([`apply_incoming`]): a change's
//!   identity `(node_id, hlc)` makes a second application a no-op, and per-field last-writer-wins makes the result
//!   independent of order, so importing a bundle twice, an old bundle after a new one, or the same change through
//!   two bundles changes nothing further.
//! - **Ids**: a record that is new each time someone enters it (a visit, a matter, an event) has a random UUIDv7; a
//!   roster record's id is derived from its kind and code ([`crate::roster::roster_id`]), so the same code created
//!   on two nodes before they ever synced is one entity whose inserts merge like concurrent edits, instead of two
//!   rows fighting over the code's UNIQUE constraint (which would refuse the bundle on every attempt). A code held
//!   here by a record with another id (made before ids were derived) still cannot merge: the bundle is refused with
//!   a reason that names the record.
//! - **Conflicts**: each change records what every field overwrote (its bases, migration 0009), which tells a
//!   sequential edit from a concurrent one; losing values — and edits made while another node deleted the record —
//!   are kept for review ([`conflicts`]).
//! - **Rules and calendar** are not change-log entities: they are the office's configuration, edited as whole
//!   tables (a ladder is replaced, levels renumbered; a calendar year is replaced), never by stations, and every
//!   event freezes the limit it used. Per-field registers would add nothing but the chance of a half-old,
//!   half-new ladder. So every downward bundle carries the whole configuration ([`ConfigSnapshot`]), stamped with
//!   the office's HLC; a station applies it only when the stamp is newer than the last one applied, which keeps
//!   imports order-free. It is a few kilobytes.
//! - **Roles** are per link ([`peers::PeerRole`]): a node's peers are the office above it and the stations below.
//!   A county office between its stations and the city is a node with both; it relays what it receives (see
//!   [`outgoing`]).
//! - **Enrollment** is bookkeeping here ([`peers`]); the keys are opaque text.

pub mod conflicts;
pub mod incoming;
pub mod outgoing;
pub mod payload;
pub mod peers;
pub mod receipts;
mod scope;

pub use conflicts::{ConflictView, Resolution, resolve_as, unresolved};
pub use incoming::{apply_in_batch, apply_incoming};
pub use outgoing::{Outgoing, outgoing};
pub use payload::{ConfigSnapshot, Direction, EnrollmentProof, PAYLOAD_VERSION, Payload, PeerKeys};
pub use peers::{Enrollment, Peer, PeerRole, PeerStatus};
pub use receipts::{Gap, ImportReceipt, ImportResult, gaps, missing_bundles, receipts, received_through};

#[cfg(test)]
mod tests;
