//! The deputies of one city: five levels in realistic numbers (national ~12, province ~70, city ~440 of whom ~30%
//! also sit in a county congress, county ~2,750, township the rest, ~9,300 serving in all), every serving deputy
//! grouped at an open station or point (编组进站, groups of 15–60), plus ~50 whose service ended.
//!
//! Uniqueness the core insists on is kept here: no two deputies share name, birth month and a level; deputy
//! numbers, private phones and ID numbers are unique across the whole data set ([`Registry`]).

use std::collections::HashSet;

use chrono::NaiveDate;
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom, index};

use liaison_core::roster::deputy::{DeputyInput, LevelTerm};
use liaison_core::roster::kinds::{Gender, Level, RegionKind};

use crate::contact;
use crate::geography::CityGeo;
use crate::names::{NameGen, SPECIAL_SURNAMES, ZMX_NAMES};
use crate::platforms::PlannedPlatform;
use crate::work::{self, Place};

/// Smallest and largest station group.
pub const GROUP_MIN: u32 = 15;
/// Largest station group.
pub const GROUP_MAX: u32 = 60;
/// How many times each special surname is placed on a city's roster (besides chance).
pub const SPECIAL_EACH: usize = 3;

/// The seats a deputy holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    National,
    Province,
    City,
    CityAndCounty,
    County,
    Township,
}

impl Role {
    fn levels(self) -> Vec<LevelTerm> {
        let lt = |level, term| LevelTerm { level, term: Some(term) };
        match self {
            Role::National => vec![lt(Level::National, 14)],
            Role::Province => vec![lt(Level::Province, 14)],
            Role::City => vec![lt(Level::City, 12)],
            Role::CityAndCounty => vec![lt(Level::City, 12), lt(Level::County, 12)],
            Role::County => vec![lt(Level::County, 12)],
            Role::Township => vec![lt(Level::Township, 13)],
        }
    }

    /// The highest level held.
    fn top(self) -> Level {
        self.levels()[0].level
    }

    /// Chance of being a leading cadre and of being an entrepreneur.
    fn flag_odds(self) -> (f64, f64) {
        match self {
            Role::National => (0.30, 0.20),
            Role::Province => (0.40, 0.25),
            Role::City | Role::CityAndCounty => (0.35, 0.20),
            Role::County => (0.18, 0.14),
            Role::Township => (0.12, 0.105),
        }
    }
}

/// What must stay unique across every city of a data set, and the next deputy number.
#[derive(Debug, Default)]
pub struct Registry {
    twins: HashSet<(String, String, Level)>,
    phones: HashSet<String>,
    ids: HashSet<String>,
    next: u32,
}

impl Registry {
    /// True (and remembered) when no deputy yet has this name and birth month at any of these levels.
    fn claim(&mut self, name: &str, birth: &str, levels: &[LevelTerm]) -> bool {
        if levels.iter().any(|l| self.twins.contains(&(name.to_owned(), birth.to_owned(), l.level))) {
            return false;
        }
        for l in levels {
            self.twins.insert((name.to_owned(), birth.to_owned(), l.level));
        }
        true
    }

    fn code(&mut self) -> String {
        self.next += 1;
        format!("D{:06}", self.next)
    }

    fn mobile(&mut self, rng: &mut impl Rng) -> String {
        loop {
            let m = contact::mobile(rng);
            if self.phones.insert(m.clone()) {
                return m;
            }
        }
    }
}

/// A name forced onto a roster position.
#[derive(Debug, Clone, Copy)]
enum Forced {
    Surname(&'static str),
    Full(&'static str, Gender),
}

/// The deputies of `city`, grouped at `platforms` (as planned for this city).
pub fn plan_deputies(
    rng: &mut impl Rng,
    city: &CityGeo,
    platforms: &[PlannedPlatform],
    names: &NameGen,
    reg: &mut Registry,
) -> Vec<DeputyInput> {
    let national = rng.random_range(11..=14);
    let province = rng.random_range(62..=76);
    let city_seats = rng.random_range(425..=455);
    let dual = city_seats * rng.random_range(27..=33) / 100;
    let county_seats = rng.random_range(2_650..=2_850);
    let serving = rng.random_range(9_250..=9_400);
    let township = serving - national - province - city_seats - (county_seats - dual);

    let mut upper: Vec<Role> = [
        (Role::National, national),
        (Role::Province, province),
        (Role::City, city_seats - dual),
        (Role::CityAndCounty, dual),
        (Role::County, county_seats - dual),
    ]
    .into_iter()
    .flat_map(|(role, n)| std::iter::repeat_n(role, n))
    .collect();
    upper.shuffle(rng);

    let groups: Vec<usize> = (0..platforms.len()).filter(|&i| platforms[i].groupable).collect();
    let sizes = group_sizes(rng, platforms, &groups, serving as u32);
    // County-level platforms (人大代表之家) group deputies of the county and above; townships' stations and
    // points take the rest of those and every township deputy.
    let mut assigned: Vec<(usize, Role)> = Vec::with_capacity(serving);
    let mut lower_slots: Vec<usize> = Vec::new();
    for (&p, &size) in groups.iter().zip(&sizes) {
        if platforms[p].township.is_none() {
            for _ in 0..size {
                assigned.push((p, upper.pop().expect("enough upper-level deputies for the 人大代表之家")));
            }
        } else {
            lower_slots.extend(std::iter::repeat_n(p, size as usize));
        }
    }
    let mut rest: Vec<Role> = upper;
    rest.extend(std::iter::repeat_n(Role::Township, township));
    rest.shuffle(rng);
    assert_eq!(rest.len(), lower_slots.len(), "group sizes add up to the deputies");
    assigned.extend(lower_slots.into_iter().zip(rest));
    // A roster lists each station's group together, higher levels first.
    assigned.sort_by_key(|&(p, role)| (p, role));

    let special = SPECIAL_SURNAMES.len() * SPECIAL_EACH;
    let mut forced: Vec<Option<Forced>> = vec![None; assigned.len()];
    for (n, i) in index::sample(rng, assigned.len(), special + ZMX_NAMES.len()).into_iter().enumerate() {
        forced[i] = Some(if n < ZMX_NAMES.len() {
            Forced::Full(ZMX_NAMES[n].0, ZMX_NAMES[n].1)
        } else {
            Forced::Surname(SPECIAL_SURNAMES[(n - ZMX_NAMES.len()) % SPECIAL_SURNAMES.len()])
        });
    }

    let mut out = Vec::with_capacity(assigned.len() + 55);
    for (i, &(p, role)) in assigned.iter().enumerate() {
        let platform = &platforms[p];
        let place = place_of(rng, city, platform);
        let mut d = person(rng, names, reg, role, &place, forced[i]);
        d.station_code = Some(platform.input.code.clone());
        if rng.random_bool(0.35) {
            d.public_contact = platform.input.phone.clone();
        }
        out.push(d);
    }

    let closed: Vec<&PlannedPlatform> = platforms.iter().filter(|p| p.input.closed_on.is_some()).collect();
    for _ in 0..rng.random_range(45..=55) {
        let role = match rng.random_range(0..100) {
            0..=1 => Role::Province,
            2..=9 => Role::City,
            10..=39 => Role::County,
            _ => Role::Township,
        };
        let host = platforms[*groups.choose(rng).expect("groups")].clone();
        let place = place_of(rng, city, &host);
        let mut d = person(rng, names, reg, role, &place, None);
        d.station_code = match rng.random_range(0..10) {
            0..=4 => None,
            5 | 6 if !closed.is_empty() => Some(closed.choose(rng).expect("closed").input.code.clone()),
            _ => Some(host.input.code.clone()),
        };
        let day = rng.random_range(0..(4 * 365));
        d.ended_on = Some(NaiveDate::from_ymd_opt(2022, 1, 1).expect("date") + chrono::Days::new(day));
        out.push(d);
    }
    out
}

/// Group sizes for the `groups` platforms, between [`GROUP_MIN`] and [`GROUP_MAX`], adding up to `total`:
/// 人大代表之家 large, township stations middling, points small.
fn group_sizes(rng: &mut impl Rng, platforms: &[PlannedPlatform], groups: &[usize], total: u32) -> Vec<u32> {
    let mut sizes: Vec<u32> = groups
        .iter()
        .map(|&p| {
            let pl = &platforms[p];
            match (pl.township, pl.input.kind) {
                (None, _) => rng.random_range(40..=GROUP_MAX),
                (_, Some(liaison_core::roster::kinds::PlatformKind::Station)) => rng.random_range(22..=GROUP_MAX),
                _ => rng.random_range(GROUP_MIN..=35),
            }
        })
        .collect();
    let n = sizes.len();
    assert!((GROUP_MIN * n as u32..=GROUP_MAX * n as u32).contains(&total), "group sizes cannot reach {total}");
    let mut sum: u32 = sizes.iter().sum();
    while sum != total {
        let i = rng.random_range(0..n);
        if sum < total && sizes[i] < GROUP_MAX {
            sizes[i] += 1;
            sum += 1;
        } else if sum > total && sizes[i] > GROUP_MIN {
            sizes[i] -= 1;
            sum -= 1;
        }
    }
    sizes
}

/// Where a deputy grouped at `platform` lives and works; deputies at a county's 人大代表之家 come from any of
/// its townships.
fn place_of<'a>(rng: &mut impl Rng, city: &'a CityGeo, platform: &PlannedPlatform) -> Place<'a> {
    let county = &city.counties[platform.county];
    let t = platform.township.unwrap_or_else(|| rng.random_range(0..county.townships.len()));
    Place { city, county, township: &county.townships[t] }
}

/// One deputy (without station, and serving).
fn person(
    rng: &mut impl Rng,
    names: &NameGen,
    reg: &mut Registry,
    role: Role,
    place: &Place<'_>,
    forced: Option<Forced>,
) -> DeputyInput {
    let (cadre_odds, boss_odds) = role.flag_odds();
    let leading_cadre = rng.random_bool(cadre_odds);
    let entrepreneur = !leading_cadre && rng.random_bool(boss_odds / (1.0 - cadre_odds));
    let gender = match forced {
        Some(Forced::Full(_, g)) => g,
        _ if rng.random_bool(if leading_cadre { 0.18 } else { 0.30 }) => Gender::Female,
        _ => Gender::Male,
    };
    let levels = role.levels();
    let (name, birth_month) = loop {
        let name = match forced {
            Some(Forced::Full(full, _)) => full.to_owned(),
            Some(Forced::Surname(s)) => names.full(rng, gender, Some(s)),
            None => names.full(rng, gender, None),
        };
        let birth = birth_month(rng, leading_cadre);
        if reg.claim(&name, &birth, &levels) {
            break (name, birth);
        }
    };
    let ethnicity = ethnicity(rng, &name, place);
    let top = role.top();
    let (work_unit, title) = if leading_cadre {
        work::cadre(rng, top, place)
    } else if entrepreneur {
        work::entrepreneur(rng, place)
    } else {
        work::ordinary(rng, top, place)
    };
    let private_phone = reg.mobile(rng);
    let public_contact = if rng.random_bool(0.25) {
        contact::landline(rng, place.city.area_code, place.city.landline_digits)
    } else {
        reg.mobile(rng)
    };
    let id_number = if rng.random_bool(0.30) {
        loop {
            let id = contact::id_number(rng, &place.county.code, &birth_month, gender);
            if reg.ids.insert(id.clone()) {
                break id;
            }
        }
    } else {
        String::new()
    };
    DeputyInput {
        code: reg.code(),
        name,
        gender: Some(gender),
        ethnicity,
        birth_month,
        electoral_district: electoral_district(rng, role, place),
        levels,
        station_code: None,
        work_unit,
        title,
        leading_cadre,
        entrepreneur,
        public_contact,
        private_phone,
        id_number,
        ended_on: None,
    }
}

/// `YYYY-MM` between 1956 and 1996, peaking in the mid-1970s; leading cadres between 1962 and 1984.
fn birth_month(rng: &mut impl Rng, leading_cadre: bool) -> String {
    let year = if leading_cadre {
        1962 + rng.random_range(0..=11) + rng.random_range(0..=11)
    } else {
        1956 + rng.random_range(0..=20) + rng.random_range(0..=20)
    };
    format!("{year}-{:02}", rng.random_range(1..=12))
}

/// Mostly 汉族; 回族 in the 回族乡 and a few elsewhere, some 满族 and 蒙古族, 朝鲜族 for many a 朴.
fn ethnicity(rng: &mut impl Rng, name: &str, place: &Place<'_>) -> String {
    let hui_township = place.township.name.contains("回族") || place.county.name.contains("回族");
    let e = match rng.random_range(0..1000) {
        _ if name.starts_with('朴') && rng.random_bool(0.6) => "朝鲜族",
        _ if hui_township && rng.random_bool(0.4) => "回族",
        0..=11 => "回族",
        12..=14 => "满族",
        15..=16 => "蒙古族",
        _ => "汉族",
    };
    e.to_owned()
}

/// 选区 of a directly elected deputy, 选举单位 of an indirectly elected one.
fn electoral_district(rng: &mut impl Rng, role: Role, place: &Place<'_>) -> String {
    match role {
        Role::National => "河南省选举单位".to_owned(),
        Role::Province => format!("{}选举单位", place.city.name),
        Role::City => format!("{}选举单位", place.county.name),
        Role::CityAndCounty | Role::County => format!("{}第{}选区", place.county.name, rng.random_range(1..=45)),
        Role::Township => {
            let n = if place.township.kind == RegionKind::Subdistrict { 20 } else { 15 };
            format!("{}第{}选区", place.township.name, rng.random_range(1..=n))
        }
    }
}
