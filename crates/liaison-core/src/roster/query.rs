//! Reading the roster for people: views with personal data masked, looked up by code or listed.

use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use super::deputy::LevelTerm;
use super::kinds::{PlatformKind, StarLevel};
use super::mask;
use super::platform::StarRating;
use crate::error::Result;

/// A deputy as lists and exports show it: private phone and ID number masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct DeputyView {
    /// Id.
    pub id: String,
    /// Deputy number.
    pub code: String,
    /// Name.
    pub name: String,
    /// "male" / "female" / "".
    pub gender: String,
    /// Ethnicity.
    pub ethnicity: String,
    /// `YYYY-MM`.
    pub birth_month: String,
    /// Levels and terms.
    pub levels: Vec<LevelTerm>,
    /// Electoral district.
    pub electoral_district: String,
    /// Station code.
    pub station_code: Option<String>,
    /// Station name.
    pub station_name: Option<String>,
    /// Work unit.
    pub work_unit: String,
    /// Title.
    pub title: String,
    /// 领导干部代表.
    pub leading_cadre: bool,
    /// 企业家代表.
    pub entrepreneur: bool,
    /// Public contact.
    pub public_contact: String,
    /// Private phone, masked.
    pub private_phone_masked: String,
    /// ID number, masked.
    pub id_number_masked: String,
    /// "serving" / "ended".
    pub status: String,
    /// When service ended.
    pub ended_on: Option<String>,
}

const DEPUTY_SELECT: &str = "SELECT d.id, d.code, d.name, d.gender, d.ethnicity, d.birth_month, d.levels,
    d.electoral_district, p.code, p.name, d.work_unit, d.title, d.leading_cadre, d.entrepreneur,
    d.public_contact, d.private_phone, d.id_number, d.status, d.ended_on
    FROM deputies d LEFT JOIN platforms p ON p.id = d.station_id";

fn deputy_from_row(r: &Row<'_>) -> rusqlite::Result<DeputyView> {
    Ok(DeputyView {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        gender: r.get(3)?,
        ethnicity: r.get(4)?,
        birth_month: r.get(5)?,
        levels: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
        electoral_district: r.get(7)?,
        station_code: r.get(8)?,
        station_name: r.get(9)?,
        work_unit: r.get(10)?,
        title: r.get(11)?,
        leading_cadre: r.get(12)?,
        entrepreneur: r.get(13)?,
        public_contact: r.get(14)?,
        private_phone_masked: mask::phone(&r.get::<_, String>(15)?),
        id_number_masked: mask::id_number(&r.get::<_, String>(16)?),
        status: r.get(17)?,
        ended_on: r.get(18)?,
    })
}

/// The deputy with this number.
pub fn deputy_by_code(conn: &rusqlite::Connection, code: &str) -> Result<Option<DeputyView>> {
    Ok(conn
        .prepare_cached(&format!("{DEPUTY_SELECT} WHERE d.code = ?1"))?
        .query_row([code], deputy_from_row)
        .optional()?)
}

/// Every deputy in roster order (station code, then deputy number).
pub fn all_deputies(conn: &rusqlite::Connection) -> Result<Vec<DeputyView>> {
    let mut stmt = conn.prepare_cached(&format!("{DEPUTY_SELECT} ORDER BY p.code, d.code"))?;
    let rows = stmt.query_map([], deputy_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A platform as lists and exports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct PlatformView {
    /// Id.
    pub id: String,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: PlatformKind,
    /// County-level region name.
    pub county: String,
    /// Region (township / sub-district, or the county itself) name.
    pub region: String,
    /// Region code.
    pub region_code: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// Opening hours.
    pub opening_hours: String,
    /// Reception days (1 = Monday).
    pub reception_days: Vec<u8>,
    /// Star rating in force.
    pub star_level: StarLevel,
    /// Year of the rating in force.
    pub star_year: Option<i32>,
    /// Rating history.
    pub star_ratings: Vec<StarRating>,
    /// Head.
    pub head_name: String,
    /// Clerks.
    pub clerks: Vec<String>,
    /// "active" / "closed".
    pub status: String,
    /// When it closed.
    pub closed_on: Option<String>,
    /// Serving deputies grouped here.
    pub deputy_count: u32,
}

pub(crate) const PLATFORM_SELECT: &str =
    "SELECT p.id, p.code, p.name, p.kind, COALESCE(c.name, r.name), r.name, r.code,
    p.address, p.phone, p.opening_hours, p.reception_days, p.star_level, p.star_year, p.star_ratings,
    p.head_name, p.clerks, p.status, p.closed_on,
    (SELECT COUNT(*) FROM deputies d WHERE d.station_id = p.id AND d.status = 'serving')
    FROM platforms p JOIN regions r ON r.id = p.region_id
    LEFT JOIN regions c ON c.id = r.parent_id AND c.parent_id IS NOT NULL";

pub(crate) fn platform_from_row(r: &Row<'_>) -> rusqlite::Result<PlatformView> {
    Ok(PlatformView {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        kind: PlatformKind::parse(&r.get::<_, String>(3)?).unwrap_or(PlatformKind::Station),
        county: r.get(4)?,
        region: r.get(5)?,
        region_code: r.get(6)?,
        address: r.get(7)?,
        phone: r.get(8)?,
        opening_hours: r.get(9)?,
        reception_days: serde_json::from_str(&r.get::<_, String>(10)?).unwrap_or_default(),
        star_level: StarLevel::parse(&r.get::<_, String>(11)?).unwrap_or(StarLevel::None),
        star_year: r.get(12)?,
        star_ratings: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_default(),
        head_name: r.get(14)?,
        clerks: serde_json::from_str(&r.get::<_, String>(15)?).unwrap_or_default(),
        status: r.get(16)?,
        closed_on: r.get(17)?,
        deputy_count: r.get(18)?,
    })
}

/// The platform with this code.
pub fn platform_by_code(conn: &rusqlite::Connection, code: &str) -> Result<Option<PlatformView>> {
    Ok(conn
        .prepare_cached(&format!("{PLATFORM_SELECT} WHERE p.code = ?1"))?
        .query_row([code], platform_from_row)
        .optional()?)
}

/// Every platform by code.
pub fn all_platforms(conn: &rusqlite::Connection) -> Result<Vec<PlatformView>> {
    let mut stmt = conn.prepare_cached(&format!("{PLATFORM_SELECT} ORDER BY p.code"))?;
    let rows = stmt.query_map([], platform_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
