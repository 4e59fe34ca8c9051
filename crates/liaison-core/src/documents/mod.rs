//! The office's printed documents about matters held by handling units: the 交办单 a unit receives with its
//! matters ([`dispatch_sheet`]) and the 催办/督办 notices for the overdue ones ([`notices`]), as plain data that
//! `liaison-print` lays out on A4 and the period report ([`crate::report`]) lists.
//!
//! # Design
//!
//! - One scan of the matters ([`held`]) folds every matter once, as the 工作台 does, and keeps those a document
//!   needs; their stored columns are read afterwards, for the kept ones only.
//! - **No personal data**: a unit needs a matter's title and what was said, but a clerk's words may name the
//!   citizen or give a phone number, so both pass through [`redact`] (the visit's citizens' names, phones and ID
//!   numbers masked, and any long run of digits). Citizens themselves are never listed.
//! - The issuing office is named from the installation's setup ([`office_name`]).
//!
//! Files: [`held`] (the scan), [`redact`], [`dispatch_sheet`], [`notices`].

pub mod dispatch_sheet;
pub mod held;
pub mod notices;
pub mod redact;

use rusqlite::Connection;

use crate::error::Result;
use crate::setup::{self, Mode};

pub use dispatch_sheet::{DispatchLine, DispatchSheet, dispatch_sheet};
pub use held::HeldMatter;
pub use notices::{NoticeKind, SupervisionNotice, supervision_notices};

/// The body that issues the documents: the city's standing committee in office mode ("平顶山市人大常委会"), the
/// station in station mode, a generic name before the first run is done.
pub fn office_name(conn: &Connection) -> Result<String> {
    Ok(match setup::load(conn)? {
        Some(s) if s.mode == Mode::Station && !s.station_name.trim().is_empty() => s.station_name.trim().to_owned(),
        Some(s) => format!("{}人大常委会", s.city_name.trim()),
        None => "人大常委会".to_owned(),
    })
}
