//! The platforms of one city (三平台一基地 and the 联络点): exactly [`PLATFORMS_PER_CITY`] open ones — a 人大代表之家
//! per county, a 联络站 per township, 5 立法联系点, 12 基层示范点, 4 实践基地 and 联络点 (farmhouse, community,
//! industrial-park and enterprise points) for the rest — plus [`CLOSED_PER_CITY`] closed points, and the star
//! ratings: [`CITY_STARS`] city-level and [`PROVINCE_STARS`] province-level stars in force, with upgrades,
//! withdrawals and re-awards in the history.

use std::collections::HashSet;

use chrono::NaiveDate;
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom, index};

use liaison_core::roster::kinds::{Gender, PlatformKind, RegionKind, StarLevel};
use liaison_core::roster::platform::{PlatformInput, StarRating, set_current_star};

use crate::contact;
use crate::geography::{COMMUNITIES, CityGeo, PARKS, ROADS, pick, village};
use crate::names::NameGen;
use crate::work::{Place, company};

/// Open platforms per city (平顶山: 高标准建成代表联络站273个).
pub const PLATFORMS_PER_CITY: usize = 273;
/// Open platforms with a city-level star in force.
pub const CITY_STARS: usize = 52;
/// Open platforms with a province-level star in force.
pub const PROVINCE_STARS: usize = 10;
/// Closed platforms kept on the roster for history.
pub const CLOSED_PER_CITY: usize = 2;
const LEGISLATIVE: usize = 5;
const DEMONSTRATION: usize = 12;
const BASES: usize = 4;

/// A platform with where it is and whether deputies are grouped at it.
#[derive(Debug, Clone)]
pub struct PlannedPlatform {
    /// What gets saved.
    pub input: PlatformInput,
    /// Index of its county in the city.
    pub county: usize,
    /// Index of its township in the county; `None` for county-level platforms.
    pub township: Option<usize>,
    /// Deputies are grouped here (open stations and points).
    pub groupable: bool,
}

/// What kind of 联络点.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PointStyle {
    Farmhouse,
    Community,
    Park,
    Enterprise,
}

/// The platforms of `city`, ordered by county, codes `XH-01`, `XH-02`, … per county.
pub fn plan_platforms(rng: &mut impl Rng, city: &CityGeo, names: &NameGen) -> Vec<PlannedPlatform> {
    let mut out: Vec<PlannedPlatform> = Vec::new();
    let mut used_names: HashSet<String> = HashSet::new();
    let towns: Vec<(usize, usize)> = city
        .counties
        .iter()
        .enumerate()
        .flat_map(|(c, county)| (0..county.townships.len()).map(move |t| (c, t)))
        .collect();

    for (c, county) in city.counties.iter().enumerate() {
        let name = format!("{}人大代表之家", county.name);
        out.push(platform(rng, city, names, Spec::new(c, None, PlatformKind::Station, name)));
        for t in 0..county.townships.len() {
            let name = format!("{}{}人大代表联络站", county.name, county.townships[t].name);
            out.push(platform(rng, city, names, Spec::new(c, Some(t), PlatformKind::Station, name)));
        }
    }
    for i in index::sample(rng, towns.len(), LEGISLATIVE) {
        let (c, t) = towns[i];
        let name = format!("{}{}基层立法联系点", city.counties[c].name, city.counties[c].townships[t].name);
        out.push(platform(rng, city, names, Spec::new(c, Some(t), PlatformKind::Legislative, name)));
    }
    for c in index::sample(rng, city.counties.len(), DEMONSTRATION.min(city.counties.len())) {
        let county = &city.counties[c];
        let t = rng.random_range(0..county.townships.len());
        let name = format!("{}{}全过程人民民主基层示范点", county.name, county.townships[t].name);
        out.push(platform(rng, city, names, Spec::new(c, Some(t), PlatformKind::Demonstration, name)));
    }
    let themes = ["人大代表履职实践基地", "人大代表培训实践基地", "民主法治教育实践基地", "人大代表能力提升实践基地"];
    for (i, c) in index::sample(rng, city.counties.len(), BASES).into_iter().enumerate() {
        let name = format!("{}{}", city.counties[c].name, themes[i % themes.len()]);
        out.push(platform(rng, city, names, Spec::new(c, None, PlatformKind::Base, name)));
    }
    used_names.extend(out.iter().map(|p| p.input.name.clone()));
    assert!(out.len() <= PLATFORMS_PER_CITY, "a city template with too many townships");

    let points = PLATFORMS_PER_CITY - out.len();
    let mut closed = Vec::new();
    for i in 0..points + CLOSED_PER_CITY {
        let (c, t) = loop {
            let pair = *towns.choose(rng).expect("townships");
            // rural townships host more points (农家式联络点)
            let rural = city.counties[pair.0].townships[pair.1].kind != RegionKind::Subdistrict;
            if rural || rng.random_bool(0.6) {
                break pair;
            }
        };
        let (name, style, spot) = loop {
            let (name, style, spot) = point_name(rng, city, c, t);
            if used_names.insert(name.clone()) {
                break (name, style, spot);
            }
        };
        let mut p = platform(rng, city, names, Spec { spot, ..Spec::new(c, Some(t), PlatformKind::Point, name) });
        if style == PointStyle::Farmhouse && rng.random_bool(0.25) {
            p.input.phone = contact::mobile(rng); // the host farmer's mobile
        }
        if i >= points {
            p.input.closed_on = Some(date(rng.random_range(2022..=2024), rng.random_range(1..=12), 30));
            p.groupable = false;
            closed.push(p);
        } else {
            out.push(p);
        }
    }
    rate_stars(rng, &mut out);
    out.extend(closed);
    out.sort_by_key(|p| p.county);
    let mut seq = vec![0u32; city.counties.len()];
    for p in &mut out {
        seq[p.county] += 1;
        p.input.code = format!("{}-{:02}", city.counties[p.county].abbr, seq[p.county]);
    }
    out
}

/// The name of a 联络点 in township `t` of county `c`, its style, and the building when that is in the name.
fn point_name(rng: &mut impl Rng, city: &CityGeo, c: usize, t: usize) -> (String, PointStyle, Option<String>) {
    let county = &city.counties[c];
    let town = &county.townships[t];
    let style = match (county.kind, town.kind) {
        (RegionKind::Zone, _) => {
            if rng.random_bool(0.7) {
                PointStyle::Park
            } else {
                PointStyle::Enterprise
            }
        }
        (_, RegionKind::Subdistrict) => {
            if rng.random_bool(0.7) {
                PointStyle::Community
            } else {
                PointStyle::Enterprise
            }
        }
        _ => {
            if rng.random_bool(0.78) {
                PointStyle::Farmhouse
            } else {
                PointStyle::Park
            }
        }
    };
    let full = format!("{}{}", county.name, town.name);
    match style {
        PointStyle::Farmhouse => {
            let v = village(rng);
            (format!("{full}{v}村农家式代表联络点"), style, Some(format!("{v}村党群服务中心")))
        }
        PointStyle::Community => {
            let cm = pick(rng, COMMUNITIES);
            (format!("{full}{cm}社区代表联络点"), style, Some(format!("{cm}社区党群服务中心")))
        }
        PointStyle::Park => (format!("{}{}代表联络点", county.name, pick(rng, PARKS)), style, None),
        PointStyle::Enterprise => {
            let place = Place { city, county, township: town };
            (format!("{}代表联络点", company(rng, &place)), style, None)
        }
    }
}

/// What a platform is before the details are filled in.
struct Spec {
    /// County index.
    c: usize,
    /// Township index, `None` for county-level platforms.
    t: Option<usize>,
    kind: PlatformKind,
    name: String,
    /// The building, when the name says it ("石门村党群服务中心").
    spot: Option<String>,
}

impl Spec {
    fn new(c: usize, t: Option<usize>, kind: PlatformKind, name: String) -> Spec {
        Spec { c, t, kind, name, spot: None }
    }
}

/// A platform with address, phone, hours, head and clerks; its code is set later.
fn platform(rng: &mut impl Rng, city: &CityGeo, names: &NameGen, spec: Spec) -> PlannedPlatform {
    let Spec { c, t, kind, name, spot } = spec;
    let county = &city.counties[c];
    let region_code = t.map_or_else(|| county.code.clone(), |t| county.townships[t].code.clone());
    // A county-level city is written without its prefecture ("舞钢市…"), the rest under it ("平顶山市新华区…").
    let base = if county.kind == RegionKind::CountyCity {
        county.name.clone()
    } else {
        format!("{}{}", city.name, county.name)
    };
    let address = match (spot, t) {
        (Some(spot), Some(t)) => format!("{base}{}{spot}", county.townships[t].name),
        (None, Some(t)) => {
            format!("{base}{}{}{}号", county.townships[t].name, pick(rng, ROADS), rng.random_range(1..=299))
        }
        (_, None) => format!("{base}{}{}号", pick(rng, ROADS), rng.random_range(1..=399)),
    };
    let (days, hours) = reception(rng, kind);
    let clerks = (0..rng.random_range(1..=if kind == PlatformKind::Point { 2 } else { 3 }))
        .map(|_| {
            let gender = if rng.random_bool(0.6) { Gender::Female } else { Gender::Male };
            names.full(rng, gender, None)
        })
        .collect();
    let gender = if rng.random_bool(0.2) { Gender::Female } else { Gender::Male };
    let head = names.full(rng, gender, None);
    PlannedPlatform {
        input: PlatformInput {
            code: String::new(),
            name,
            kind: Some(kind),
            region_code,
            address,
            phone: contact::landline(rng, city.area_code, city.landline_digits),
            opening_hours: hours,
            reception_days: days,
            star_ratings: Vec::new(),
            head_name: head,
            clerks,
            closed_on: None,
        },
        county: c,
        township: t,
        groupable: matches!(kind, PlatformKind::Station | PlatformKind::Point),
    }
}

const WEEKDAYS: [&str; 8] = ["", "一", "二", "三", "四", "五", "六", "日"];

/// Reception days and the opening hours as a notice board writes them.
fn reception(rng: &mut impl Rng, kind: PlatformKind) -> (Vec<u8>, String) {
    const PATTERNS: &[&[u8]] = &[&[2, 4], &[1, 3, 5], &[3], &[2, 5], &[1, 4], &[4], &[2], &[1, 3], &[3, 5]];
    let days: Vec<u8> = PATTERNS.choose(rng).expect("patterns").to_vec();
    let listed = days.iter().map(|d| format!("周{}", WEEKDAYS[*d as usize])).collect::<Vec<_>>().join("、");
    let hours = match kind {
        PlatformKind::Station if rng.random_bool(0.7) => {
            format!("周一至周五 8:30-12:00，14:30-17:30（代表接待日：每{listed}）")
        }
        PlatformKind::Point => format!("每{listed} 9:00-11:30"),
        _ => format!("每{listed} 9:00-11:30，15:00-17:00"),
    };
    (days, hours)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d.min(28)).expect("valid date")
}

/// Awards stars to open stations: province (upgraded from city, the city rating withdrawn), city (some lost and
/// re-awarded), and a few stations that lost their star and have none now.
fn rate_stars(rng: &mut impl Rng, platforms: &mut [PlannedPlatform]) {
    let mut stations: Vec<usize> = platforms
        .iter()
        .enumerate()
        .filter(|(_, p)| p.input.kind == Some(PlatformKind::Station))
        .map(|(i, _)| i)
        .collect();
    stations.shuffle(rng);
    let lost = 3;
    assert!(stations.len() >= PROVINCE_STARS + CITY_STARS + lost, "too few stations for the stars");
    for (n, &i) in stations.iter().take(PROVINCE_STARS + CITY_STARS + lost).enumerate() {
        let history = &mut platforms[i].input.star_ratings;
        if n < PROVINCE_STARS {
            let first = rng.random_range(2021..=2023);
            let upgraded = rng.random_range(first + 1..=2025);
            history.push(StarRating { level: StarLevel::City, year: first, withdrawn_on: None, reason: String::new() });
            let on = date(upgraded, 12, rng.random_range(10..=28));
            set_current_star(history, StarLevel::Province, Some(upgraded), on, "晋升为省级星级联络站");
        } else if n < PROVINCE_STARS + CITY_STARS {
            if rng.random_bool(0.06) {
                // lost at a yearly review, regained later
                history.push(StarRating {
                    level: StarLevel::City,
                    year: 2021,
                    withdrawn_on: None,
                    reason: String::new(),
                });
                let on = date(2022, 12, rng.random_range(10..=28));
                set_current_star(history, StarLevel::None, None, on, "年度复评台账不规范，撤销星级");
                let again = rng.random_range(2023..=2025);
                set_current_star(history, StarLevel::City, Some(again), date(again, 12, 20), "");
            } else {
                let year = rng.random_range(2021..=2025);
                history.push(StarRating { level: StarLevel::City, year, withdrawn_on: None, reason: String::new() });
            }
        } else {
            let year = rng.random_range(2021..=2022);
            history.push(StarRating { level: StarLevel::City, year, withdrawn_on: None, reason: String::new() });
            let on = date(rng.random_range(year + 1..=2025), 12, rng.random_range(10..=28));
            set_current_star(history, StarLevel::None, None, on, "年度复评未达标，撤销市级星级");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geography::cities;
    use liaison_core::roster::platform::current_star;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn one_city_has_273_open_platforms_and_62_stars() {
        let mut rng = StdRng::seed_from_u64(11);
        let city = &cities(1, &mut rng)[0];
        let all = plan_platforms(&mut rng, city, &NameGen::new());
        let open: Vec<_> = all.iter().filter(|p| p.input.closed_on.is_none()).collect();
        assert_eq!(open.len(), PLATFORMS_PER_CITY);
        assert_eq!(all.len() - open.len(), CLOSED_PER_CITY);
        let stars = |level| open.iter().filter(|p| current_star(&p.input.star_ratings).0 == level).count();
        assert_eq!((stars(StarLevel::City), stars(StarLevel::Province)), (CITY_STARS, PROVINCE_STARS));
        let withdrawn = all.iter().flat_map(|p| &p.input.star_ratings).filter(|r| r.withdrawn_on.is_some()).count();
        assert!(withdrawn >= PROVINCE_STARS + 3, "upgrades and losses leave withdrawn ratings: {withdrawn}");
        for p in &all {
            for r in &p.input.star_ratings {
                assert!((2021..=2025).contains(&r.year), "{r:?}");
                if let Some(on) = r.withdrawn_on {
                    assert!(chrono::Datelike::year(&on) >= r.year, "{r:?}");
                }
            }
        }
        assert_eq!(all[0].input.code, "XH-01");
        assert_eq!(all[0].input.name, "新华区人大代表之家");
        assert_eq!(all[1].input.name, "新华区光明路街道人大代表联络站");
        assert!(all[1].input.address.starts_with("平顶山市新华区光明路街道"), "{}", all[1].input.address);
        let names: HashSet<_> = all.iter().map(|p| p.input.name.as_str()).collect();
        assert_eq!(names.len(), all.len(), "platform names are unique");
    }
}
