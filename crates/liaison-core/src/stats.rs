//! The roster's numbers: deputies by level and county, platforms by kind, star stations, and 编组进站 coverage
//! (serving deputies assigned to an open station ÷ serving deputies; the target is 100%).
//!
//! Counts are `i64` (SQLite's integer) but cross the app's IPC as plain TypeScript numbers: a roster never
//! comes near 2^53, hence the `specta(type = i32)` on each count under the `ipc` feature.

use serde::Serialize;

use crate::error::Result;
use crate::roster::kinds::{Level, PlatformKind};

/// A label and a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Count {
    /// Stored name or region name.
    pub key: String,
    /// Chinese label.
    pub label: String,
    /// How many.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub count: i64,
}

/// Per county-level region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct CountyRow {
    /// Region name.
    pub county: String,
    /// Open platforms.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub platforms: i64,
    /// Serving deputies grouped at its platforms.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub deputies: i64,
}

/// The roster's numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RosterStats {
    /// Serving deputies (a deputy of two levels counts once).
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub deputies_serving: i64,
    /// Serving deputies per level (a deputy of two levels counts in both).
    pub deputies_by_level: Vec<Count>,
    /// Leading-cadre deputies serving.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub leading_cadres: i64,
    /// Entrepreneur deputies serving.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub entrepreneurs: i64,
    /// Serving deputies assigned to an open station.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub deputies_assigned: i64,
    /// `deputies_assigned / deputies_serving`, in percent (100 when there are none).
    pub coverage_percent: f64,
    /// Open platforms.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub platforms_open: i64,
    /// Open platforms by kind.
    pub platforms_by_kind: Vec<Count>,
    /// Open platforms with a city-level star in force.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub star_city: i64,
    /// Open platforms with a province-level star in force.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub star_province: i64,
    /// County-level regions.
    pub counties: Vec<CountyRow>,
}

/// Computes the roster's numbers.
pub fn roster_stats(conn: &rusqlite::Connection) -> Result<RosterStats> {
    let one = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let deputies_serving = one("SELECT COUNT(*) FROM deputies WHERE status = 'serving'")?;
    let deputies_assigned = one("SELECT COUNT(*) FROM deputies d JOIN platforms p ON p.id = d.station_id
         WHERE d.status = 'serving' AND p.status = 'active'")?;
    let mut by_level = Vec::new();
    for level in Level::ALL {
        let count: i64 = conn.query_row(
            "SELECT COUNT(*) FROM deputy_levels l JOIN deputies d ON d.id = l.deputy_id
             WHERE l.level = ?1 AND d.status = 'serving'",
            [level.as_str()],
            |r| r.get(0),
        )?;
        by_level.push(Count { key: level.as_str().into(), label: format!("{}级", level.label()), count });
    }
    let mut by_kind = Vec::new();
    for kind in PlatformKind::ALL {
        let count: i64 = conn.query_row(
            "SELECT COUNT(*) FROM platforms WHERE kind = ?1 AND status = 'active'",
            [kind.as_str()],
            |r| r.get(0),
        )?;
        by_kind.push(Count { key: kind.as_str().into(), label: kind.label().into(), count });
    }
    let mut stmt = conn.prepare(
        "WITH county AS (SELECT c.id, c.name, c.code FROM regions c JOIN regions city ON city.id = c.parent_id
                         WHERE city.parent_id IS NULL),
              place AS (SELECT p.id, COALESCE(
                          (SELECT county.id FROM county WHERE county.id = p.region_id),
                          (SELECT r.parent_id FROM regions r WHERE r.id = p.region_id)) AS county_id
                        FROM platforms p WHERE p.status = 'active')
         SELECT county.name,
                (SELECT COUNT(*) FROM place WHERE place.county_id = county.id),
                (SELECT COUNT(*) FROM deputies d JOIN place ON place.id = d.station_id
                 WHERE place.county_id = county.id AND d.status = 'serving')
         FROM county ORDER BY county.code",
    )?;
    let counties = stmt
        .query_map([], |r| Ok(CountyRow { county: r.get(0)?, platforms: r.get(1)?, deputies: r.get(2)? }))?
        .collect::<Result<_, _>>()?;
    Ok(RosterStats {
        deputies_serving,
        deputies_by_level: by_level,
        leading_cadres: one("SELECT COUNT(*) FROM deputies WHERE status = 'serving' AND leading_cadre = 1")?,
        entrepreneurs: one("SELECT COUNT(*) FROM deputies WHERE status = 'serving' AND entrepreneur = 1")?,
        deputies_assigned,
        coverage_percent: if deputies_serving == 0 {
            100.0
        } else {
            deputies_assigned as f64 * 100.0 / deputies_serving as f64
        },
        platforms_open: one("SELECT COUNT(*) FROM platforms WHERE status = 'active'")?,
        platforms_by_kind: by_kind,
        star_city: one("SELECT COUNT(*) FROM platforms WHERE status = 'active' AND star_level = 'city'")?,
        star_province: one("SELECT COUNT(*) FROM platforms WHERE status = 'active' AND star_level = 'province'")?,
        counties,
    })
}
