//! Visits and matters under the first-responder rule (首问负责制): registering a visit with its matters, moving a
//! matter through its life (route, 交办, 签收/退办, 办理, 答复, 延期, 办结, 反馈, 满意度, 回头看, 公开, 归档), and
//! reading its state, deadlines, escalations and buck-passing signals.
//!
//! # Design
//!
//! - A matter's state is **derived**, never stored: [`state::fold`] replays its append-only events (change-log
//!   entity `matter_event`, ordered by HLC then node id). Local acts and events imported by sync take the same
//!   path, so every node derives the same state; an event that lands where it is illegal (two offline nodes acted
//!   at once) stays in the timeline as refused and changes nothing.
//! - The city-wide figures read a **kept summary** per matter ([`summary`]): a cache of the fold and of the events
//!   the unit figures count, refreshed in the transaction of every event (local or imported), holding inputs only
//!   (frozen limits, days), so due dates are still computed on read. The events stay the source of truth.
//! - [`state::next`] is the transition table; [`acts::act`] refuses an illegal act with a Chinese reason before
//!   anything is written, and checks the act's own fields ([`crate::Error::InvalidFields`]).
//! - Time limits are configuration ([`rules`]); an event that starts a clock freezes the limit it used, and
//!   [`deadlines`] computes due dates in working days on the official [`crate::calendar`] at the injected `now`.
//! - The first responder is a column of the matter, written once; transfers change units, never the owner.
//!
//! Files: [`model`] (vocabulary), [`state`] (transitions, fold), [`rules`], [`deadlines`], [`signals`],
//! [`events`] (storage), [`acts`] (recording an act), [`attachments`] (附件), [`visits`] (registration), [`units`] (承办单位), [`unit_signals`] (推诿 per unit),
//! [`query`] (list and detail views), [`queues`] (the 工作台 counts and their list filter), [`configure`] (editing
//! the rules; the deadline preview of 接待登记), [`summary`] (the kept per-matter summary), [`ranking`]
//! (满意度测评, recorded rankings and their re-evaluation schedule), [`similar`] (汇总梳理: groups of similar
//! unassigned matters), [`merge`] (并案 of several matters into one lead, with the copy a merged matter's station
//! needs).

pub mod acts;
pub mod attachments;
pub mod configure;
pub mod deadlines;
pub mod events;
pub mod merge;
pub mod model;
pub mod query;
pub mod queues;
pub mod ranking;
pub mod rules;
pub mod signals;
pub mod similar;
pub mod state;
pub mod summary;
pub mod unit_signals;
pub mod units;
pub mod visits;

pub use acts::{Acted, act};
pub use merge::{MergeOutcome, merge, merge_as};
pub use model::{Channel, Event, Limit, LimitUnit, Rating, State, UnitKind};
pub use query::{MatterFilter, MatterSummary, MatterView, list, show};
pub use queues::{QueueCounts, QueueKey, QueueScope, queues};
pub use similar::{SimilarFilter, SimilarGroup, similar};
pub use visits::{CitizenInput, MatterInput, RegisteredVisit, VisitInput, register};

#[cfg(test)]
pub(crate) mod tests;
