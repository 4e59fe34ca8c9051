//! Liaison Desk demo data (演示数据): a realistic synthetic city for demos, tests and benchmarks.
//!
//! `liaison demo --seed N [--scale K]` calls [`generate`]. At scale 1 the data set is 平顶山市 as its people's
//! congress describes it: 10 counties/districts and 3 functional zones with their ~140 townships and
//! sub-districts, 273 open platforms (代表联络站, 联络点, 立法联系点, 基层示范点, 实践基地) of which 52 hold a
//! city-level and 10 a province-level star, and 9,000+ serving deputies of five levels, every one of them grouped
//! at a station (编组进站, coverage 100%). Scale K repeats the structure for K cities (平顶山, 洛阳, 南阳, …) with
//! unique codes throughout: a province-sized data set.
//!
//! [`plan()`] is pure and deterministic (same options, same data); [`write()`] saves a plan through the core's save
//! use cases in one transaction. With [`DemoOptions::visits`] (the default), [`generate`] then adds a year of
//! station work before the store clock's now: handling units, visits, matters and their events ([`visits`]), then
//! the duty rota, activities with attendance and leaders' visits ([`duty`]).
//!
//! Modules: [`names`] (surnames and given names), [`geography`] (cities, counties, townships, place names),
//! [`contact`] (phones, ID numbers), [`work`] (work units and titles), [`platforms`] and [`deputies`] (one city's
//! platforms and deputies), [`mod@plan`] (the whole data set), [`mod@write`] (into a store), [`visits`] (a year of
//! visits, matters and events), [`duty`] (a year of the duty rota, activities with attendance, leaders' visits).

pub mod contact;
pub mod deputies;
pub mod duty;
pub mod geography;
pub mod names;
pub mod plan;
pub mod platforms;
pub mod visits;
pub mod work;
pub mod write;

use liaison_core::roster::deputy::DeputyInput;
use liaison_core::roster::platform::PlatformInput;
use liaison_core::roster::region::RegionInput;
use liaison_core::{Result, Store};

pub use plan::plan;
pub use write::write;

/// The operator recorded on every change [`generate`] makes.
pub const OPERATOR: &str = "demo";

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// Seed of the random generator: the same seed gives the same data.
    pub seed: u64,
    /// Number of cities, at least 1 (0 is treated as 1).
    pub scale: u32,
    /// Add a year of visits, matters and their events (and the handling units) to the roster.
    pub visits: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions { seed: 1, scale: 1, visits: true }
    }
}

/// A planned data set, in saving order: parents before children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoCity {
    /// Cities, then each city's counties and their townships.
    pub regions: Vec<RegionInput>,
    /// Platforms, open and (a few) closed.
    pub platforms: Vec<PlatformInput>,
    /// Deputies, serving and (a few) ended.
    pub deputies: Vec<DeputyInput>,
}

/// How many records were saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSummary {
    /// Regions.
    pub regions: usize,
    /// Platforms, closed ones included.
    pub platforms: usize,
    /// Deputies, ended ones included.
    pub deputies: usize,
    /// Handling units (0 without visits).
    pub units: usize,
    /// Visits.
    pub visits: usize,
    /// Matters.
    pub matters: usize,
    /// Matter events, registrations included.
    pub events: usize,
    /// Duty rota slots (0 without visits).
    pub rota: usize,
    /// Station activities.
    pub activities: usize,
    /// Attendance lines of those activities.
    pub attendance: usize,
    /// Leaders' station visits.
    pub leader_visits: usize,
}

/// Plans the data set for `opts` and writes it into `store` as operator [`OPERATOR`], then (with `opts.visits`) the
/// year of activity ending at the store clock's now, in a second transaction. Meant for an empty database; running
/// it again with the same options changes nothing (the activity is only added to a database without visits).
pub fn generate(store: &mut Store, opts: &DemoOptions) -> Result<DemoSummary> {
    let city = plan(opts);
    let mut summary = write(store, &city, OPERATOR)?;
    if opts.visits {
        let activity = visits::write_activity(store, &city, opts.seed, &visits::Volume::DEMO)?;
        summary.units = activity.units;
        summary.visits = activity.visits;
        summary.matters = activity.matters;
        summary.events = activity.events;
        let duty = duty::write_duty(store, &city, opts.seed)?;
        summary.rota = duty.rota;
        summary.activities = duty.activities;
        summary.attendance = duty.attendance;
        summary.leader_visits = duty.leader_visits;
    }
    Ok(summary)
}
