//! Liaison Desk core (联络站工作台核心): everything the desktop app and the `liaison` command line share.
//!
//! - [`store`]: the SQLite database (migrations, ledger-grade settings, write transactions);
//! - [`changelog`]: every change of synced data, its HLC stamp and per-field merge ([`hlc`]);
//! - [`roster`]: regions, platforms, deputies, validation, masking of personal data;
//! - [`search`]: pinyin-aware search-as-you-type over FTS5;
//! - [`import`] / [`export`]: roster files in and out, as [`tabular`] grids (file formats live in `liaison-sheets`);
//! - [`stats`]: the roster's numbers;
//! - [`calendar`]: the official working-day calendar (holidays, 调休) that deadlines are counted in;
//! - [`operators`]: the people who sign in, their roles and sessions; [`setup`]: this installation's mode and
//!   station; [`first_run`]: the first administrator, the setup and the demo city on a fresh database;
//!   [`qr_settings`]: what this installation's QR codes carry (URL templates, the office's public key);
//! - [`workflow`]: visits and matters under the first-responder rule, deadlines, escalation, buck-passing signals;
//! - [`duty`]: duty and activities (进站履职): the rota, activities and attendance, leaders' visits and their
//!   coverage, each deputy's duty file (履职档案);
//! - [`ledger`]: the station's ledgers (台账) of visits and matters over a period, masked, as [`tabular`] tables;
//! - [`dashboard`]: the data behind the office's charts; [`documents`]: the 交办单 of a unit and the 催办/督办
//!   notices; [`report`]: the period report (headline, charts' data, ranking, overdue and publication lists);
//! - [`sync`]: the database side of station ⇄ office bundles: what to send, applying what arrives, receipts,
//!   gaps, conflicts for review, peers and enrollment.
//!
//! Architecture invariant: this crate knows nothing of Tauri, windows or file formats; time and randomness are
//! injected ([`clock`]).

pub mod audit;
pub mod calendar;
pub mod changelog;
pub mod clock;
pub mod dashboard;
pub mod documents;
pub mod duty;
pub mod error;
pub mod export;
pub mod first_run;
pub mod hlc;
pub mod ids;
pub mod import;
pub mod ledger;
pub mod operators;
pub mod paths;
pub mod qr_settings;
pub mod report;
pub mod roster;
pub mod search;
pub mod setup;
pub mod stats;
pub mod store;
pub mod sync;
pub mod tabular;
#[cfg(test)]
pub(crate) mod testing;
pub mod workflow;

pub use error::{Error, ErrorCode, Result};
pub use store::Store;
