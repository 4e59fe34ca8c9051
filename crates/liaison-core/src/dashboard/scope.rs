//! Which records a chart counts: the whole city (the office) or one station (a station's own installation, or the
//! office looking at one station). A station is named by its code, which is what people pick; the queries take its
//! id, or NULL for the city, as one SQL parameter (`?1 IS NULL OR station_id = ?1`).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::duty::station;
use crate::error::{Error, Result};

/// The whole city or one station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every station.
    City,
    /// The station with this code.
    Station(String),
}

/// A scope resolved against the store.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    /// The station's id, `None` for the city.
    pub station_id: Option<String>,
    /// 全市, or the station's name.
    pub label: String,
}

impl Scope {
    /// The station's id and name; an unknown station code is `NotFound`.
    pub(crate) fn resolve(&self, conn: &Connection) -> Result<Resolved> {
        match self {
            Scope::City => Ok(Resolved { station_id: None, label: "全市".to_owned() }),
            Scope::Station(code) => {
                let s = station(conn, code)?.ok_or_else(|| Error::NotFound(format!("联络站编码 {code}")))?;
                Ok(Resolved { station_id: Some(s.id), label: s.name })
            }
        }
    }
}

/// The scope this installation may look at: a station's installation only its own station, whatever was asked
/// (the station view; the city when its code is not set yet or not in the roster); the office the city, or the
/// station `asked` for.
pub fn for_installation(conn: &Connection, asked: Option<&str>) -> Result<Scope> {
    let asked = asked.map(str::trim).filter(|c| !c.is_empty());
    match crate::setup::load(conn)? {
        Some(setup) if setup.mode == crate::setup::Mode::Station => {
            let own = setup.station_code.filter(|c| station(conn, c).ok().flatten().is_some());
            Ok(own.map_or(Scope::City, Scope::Station))
        }
        _ => Ok(asked.map_or(Scope::City, |c| Scope::Station(c.to_owned()))),
    }
}
