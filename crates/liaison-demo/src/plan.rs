//! Pure generation: from a seed and a scale to every region, platform and deputy of the demo data set, in the
//! order they must be saved (parents before children). Same options, same output, on every run.

use rand::SeedableRng;
use rand::rngs::StdRng;

use liaison_core::roster::region::RegionInput;

use crate::deputies::{Registry, plan_deputies};
use crate::geography::cities;
use crate::names::NameGen;
use crate::platforms::plan_platforms;
use crate::{DemoCity, DemoOptions};

/// Plans the demo data set. `scale` 0 is treated as 1.
pub fn plan(opts: &DemoOptions) -> DemoCity {
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let names = NameGen::new();
    let mut registry = Registry::default();
    let mut out = DemoCity::default();
    for city in cities(opts.scale.max(1), &mut rng) {
        out.regions.push(RegionInput {
            code: city.code.clone(),
            name: city.name.clone(),
            kind: liaison_core::roster::kinds::RegionKind::City,
            parent_code: None,
        });
        for county in &city.counties {
            out.regions.push(RegionInput {
                code: county.code.clone(),
                name: county.name.clone(),
                kind: county.kind,
                parent_code: Some(city.code.clone()),
            });
            out.regions.extend(county.townships.iter().map(|t| RegionInput {
                code: t.code.clone(),
                name: t.name.clone(),
                kind: t.kind,
                parent_code: Some(county.code.clone()),
            }));
        }
        let platforms = plan_platforms(&mut rng, &city, &names);
        out.deputies.extend(plan_deputies(&mut rng, &city, &platforms, &names, &mut registry));
        out.platforms.extend(platforms.into_iter().map(|p| p.input));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};
    use std::sync::OnceLock;

    use liaison_core::roster::deputy::{self, DeputyInput};
    use liaison_core::roster::kinds::{Gender, Level, PlatformKind, StarLevel};
    use liaison_core::roster::platform::current_star;
    use liaison_core::roster::validate;

    use super::*;
    use crate::deputies::{GROUP_MAX, GROUP_MIN, SPECIAL_EACH};
    use crate::names::SPECIAL_SURNAMES;
    use crate::platforms::{CITY_STARS, CLOSED_PER_CITY, PLATFORMS_PER_CITY, PROVINCE_STARS};

    fn city() -> &'static DemoCity {
        static CITY: OnceLock<DemoCity> = OnceLock::new();
        CITY.get_or_init(|| plan(&DemoOptions { seed: 1, scale: 1, visits: false }))
    }

    fn serving(c: &DemoCity) -> impl Iterator<Item = &DeputyInput> {
        c.deputies.iter().filter(|d| d.ended_on.is_none())
    }

    fn holds(d: &DeputyInput, level: Level) -> bool {
        d.levels.iter().any(|l| l.level == level)
    }

    #[test]
    fn same_seed_same_city_other_seed_other_city() {
        let opts = DemoOptions { seed: 1, scale: 1, visits: false };
        assert_eq!(&plan(&opts), city());
        let other = plan(&DemoOptions { seed: 2, scale: 1, visits: false });
        assert_eq!(other.regions, city().regions, "the geography is fixed");
        assert_ne!(other.platforms, city().platforms);
        assert_ne!(other.deputies, city().deputies);
        assert_eq!(
            plan(&DemoOptions { seed: 9, scale: 0, visits: false }),
            plan(&DemoOptions { seed: 9, scale: 1, visits: false }),
            "0 means 1"
        );
    }

    #[test]
    fn regions_are_the_real_city_parents_first() {
        let c = city();
        assert_eq!((c.regions[0].code.as_str(), c.regions[0].name.as_str()), ("410400", "平顶山市"));
        let by_code: HashMap<&str, &str> = c.regions.iter().map(|r| (r.code.as_str(), r.name.as_str())).collect();
        assert_eq!(by_code.len(), c.regions.len(), "region codes are unique");
        for (code, name) in
            [("410402", "新华区"), ("410423", "鲁山县"), ("410482", "汝州市"), ("410472", "平顶山城乡一体化示范区")]
        {
            assert_eq!(by_code.get(code), Some(&name));
        }
        let counties = c.regions.iter().filter(|r| r.parent_code.as_deref() == Some("410400")).count();
        assert_eq!(counties, 13);
        let townships = c.regions.len() - 1 - counties;
        assert!((120..=160).contains(&townships), "{townships}");
        let mut seen = HashSet::new();
        for r in &c.regions {
            if let Some(parent) = &r.parent_code {
                assert!(seen.contains(parent.as_str()), "{} comes before its parent {parent}", r.code);
            }
            seen.insert(r.code.as_str());
        }
    }

    #[test]
    fn platforms_273_of_five_kinds_with_52_city_and_10_province_stars() {
        let c = city();
        let open: Vec<_> = c.platforms.iter().filter(|p| p.closed_on.is_none()).collect();
        assert_eq!(open.len(), PLATFORMS_PER_CITY);
        assert_eq!(c.platforms.len(), PLATFORMS_PER_CITY + CLOSED_PER_CITY);
        let kinds: HashMap<PlatformKind, usize> = open.iter().fold(HashMap::new(), |mut m, p| {
            *m.entry(p.kind.unwrap()).or_default() += 1;
            m
        });
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        assert_eq!(kinds[&PlatformKind::Legislative], 5);
        assert_eq!(kinds[&PlatformKind::Demonstration], 12);
        assert_eq!(kinds[&PlatformKind::Base], 4);
        assert!(kinds[&PlatformKind::Station] > kinds[&PlatformKind::Point], "{kinds:?}");
        let stars = |level| open.iter().filter(|p| current_star(&p.star_ratings).0 == level).count();
        assert_eq!(stars(StarLevel::City), CITY_STARS);
        assert_eq!(stars(StarLevel::Province), PROVINCE_STARS);
        let codes: HashSet<&str> = c.platforms.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes.len(), c.platforms.len(), "platform codes are unique");
        let regions: HashSet<&str> = c.regions.iter().map(|r| r.code.as_str()).collect();
        for p in &c.platforms {
            assert!(regions.contains(p.region_code.as_str()), "{}", p.code);
            assert!(!p.address.is_empty() && !p.opening_hours.is_empty() && !p.head_name.is_empty());
            assert!((1..=3).contains(&p.clerks.len()), "{}", p.code);
            assert!(!p.reception_days.is_empty() && p.reception_days.iter().all(|d| (1..=5).contains(d)));
        }
        assert!(c.platforms.iter().any(|p| p.name == "新华区光明路街道人大代表联络站"));
        assert!(c.platforms.iter().any(|p| p.name.contains("农家式")));
    }

    #[test]
    fn deputies_9000_serving_all_grouped_at_open_stations() {
        let c = city();
        let serving: Vec<_> = serving(c).collect();
        assert!((9_000..=9_600).contains(&serving.len()), "{}", serving.len());
        let ended = c.deputies.len() - serving.len();
        assert!((45..=55).contains(&ended), "{ended}");
        let open: HashSet<&str> =
            c.platforms.iter().filter(|p| p.closed_on.is_none()).map(|p| p.code.as_str()).collect();
        let mut groups: HashMap<&str, u32> = HashMap::new();
        for d in &serving {
            let code = d.station_code.as_deref().expect("serving deputies are grouped");
            assert!(open.contains(code), "{} grouped at {code}, not an open platform", d.code);
            *groups.entry(code).or_default() += 1;
        }
        assert!(groups.values().all(|n| (GROUP_MIN..=GROUP_MAX).contains(n)), "group sizes {GROUP_MIN}–{GROUP_MAX}");
        assert!(groups.len() > 200, "{} groups", groups.len());
        let all: HashSet<&str> = c.platforms.iter().map(|p| p.code.as_str()).collect();
        for d in c.deputies.iter().filter(|d| d.ended_on.is_some()) {
            assert!(d.station_code.as_deref().is_none_or(|s| all.contains(s)));
        }
    }

    #[test]
    fn levels_terms_and_flags_in_realistic_proportions() {
        let c = city();
        let serving: Vec<_> = serving(c).collect();
        let count = |level| serving.iter().filter(|d| holds(d, level)).count();
        let (nat, prov, city_, county, town) = (
            count(Level::National),
            count(Level::Province),
            count(Level::City),
            count(Level::County),
            count(Level::Township),
        );
        assert!((10..=15).contains(&nat), "national {nat}");
        assert!((60..=80).contains(&prov), "province {prov}");
        assert!((420..=460).contains(&city_), "city {city_}");
        assert!((2_600..=2_900).contains(&county), "county {county}");
        assert!(town >= 5_800, "township {town}");
        let dual = serving.iter().filter(|d| holds(d, Level::City) && holds(d, Level::County)).count();
        let share = dual as f64 / city_ as f64;
        assert!((0.25..=0.35).contains(&share), "city deputies also in a county congress: {share}");
        for d in &serving {
            for l in &d.levels {
                let want = match l.level {
                    Level::National | Level::Province => 14,
                    Level::City | Level::County => 12,
                    Level::Township => 13,
                };
                assert_eq!(l.term, Some(want), "{}", d.code);
            }
        }
        let n = serving.len() as f64;
        let share = |f: &dyn Fn(&DeputyInput) -> bool| serving.iter().filter(|d| f(d)).count() as f64 / n;
        let cadres = share(&|d| d.leading_cadre);
        let bosses = share(&|d| d.entrepreneur);
        let women = share(&|d| d.gender == Some(Gender::Female));
        let han = share(&|d| d.ethnicity == "汉族");
        assert!((0.13..=0.17).contains(&cadres), "leading cadres {cadres}");
        assert!((0.10..=0.14).contains(&bosses), "entrepreneurs {bosses}");
        assert!((0.25..=0.31).contains(&women), "women {women}");
        assert!((0.96..0.999).contains(&han), "汉族 {han}");
        for e in ["回族", "满族", "蒙古族"] {
            assert!(serving.iter().any(|d| d.ethnicity == e), "{e}");
        }
        assert!(serving.iter().all(|d| !(d.leading_cadre && d.entrepreneur)));
    }

    #[test]
    fn names_include_every_special_surname_and_zhang_mingxin() {
        let c = city();
        for s in SPECIAL_SURNAMES {
            let n = c.deputies.iter().filter(|d| d.name.starts_with(s)).count();
            assert!(n >= SPECIAL_EACH, "{s}: {n}");
        }
        // 尉迟 and 万俟 are not counted as 尉 or 万 by accident: the full name is longer than the surname.
        assert!(c.deputies.iter().filter(|d| d.name.starts_with("尉迟")).all(|d| d.name.chars().count() >= 3));
        assert!(c.deputies.iter().filter(|d| d.name == "张明新").count() >= 2);
        let mut twins = HashSet::new();
        for d in &c.deputies {
            for l in &d.levels {
                assert!(
                    twins.insert((d.name.as_str(), d.birth_month.as_str(), l.level)),
                    "twin {} {}",
                    d.name,
                    d.birth_month
                );
            }
        }
        let codes: HashSet<&str> = c.deputies.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes.len(), c.deputies.len());
        assert_eq!(c.deputies[0].code, "D000001");
    }

    #[test]
    fn phones_ids_and_birth_months_pass_the_core_rules() {
        let c = city();
        for p in &c.platforms {
            assert_eq!(validate::phone(&p.phone).as_deref(), Ok(p.phone.as_str()), "{}", p.code);
        }
        let mut with_id = 0;
        for d in &c.deputies {
            assert_eq!(validate::phone(&d.private_phone).as_deref(), Ok(d.private_phone.as_str()), "{}", d.code);
            assert!(d.private_phone.len() == 11 && d.private_phone.starts_with('1'), "private phone is a mobile");
            assert_eq!(validate::phone(&d.public_contact).as_deref(), Ok(d.public_contact.as_str()), "{}", d.code);
            let year: i32 = d.birth_month[..4].parse().unwrap();
            assert!((1956..=1996).contains(&year), "{}", d.birth_month);
            if !d.id_number.is_empty() {
                with_id += 1;
                assert_eq!(validate::id_number(&d.id_number).as_deref(), Ok(d.id_number.as_str()), "{}", d.code);
                assert!(d.id_number.starts_with("4104"), "{}", d.id_number);
                assert_eq!(&d.id_number[6..12], d.birth_month.replace('-', ""), "{}", d.code);
                let male = (d.id_number.as_bytes()[16] - b'0') % 2 == 1;
                assert_eq!(male, d.gender == Some(Gender::Male), "{}", d.id_number);
            }
            let mut checked = d.clone();
            deputy::check(&mut checked).unwrap_or_else(|e| panic!("{}: {e}", d.code));
            assert_eq!(&checked.birth_month, &d.birth_month, "already normalised");
        }
        let share = with_id as f64 / c.deputies.len() as f64;
        assert!((0.27..=0.33).contains(&share), "{share}");
    }

    #[test]
    fn larger_scales_repeat_the_city_with_unique_codes() {
        let k = 3;
        let big = plan(&DemoOptions { seed: 5, scale: k, visits: false });
        let open = big.platforms.iter().filter(|p| p.closed_on.is_none()).count();
        assert_eq!(open, PLATFORMS_PER_CITY * k as usize);
        assert!(serving(&big).count() >= 9_000 * k as usize);
        let roots: Vec<&str> =
            big.regions.iter().filter(|r| r.parent_code.is_none()).map(|r| r.name.as_str()).collect();
        assert_eq!(roots, ["平顶山市", "洛阳市", "南阳市"]);
        for codes in [
            big.regions.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
            big.platforms.iter().map(|p| p.code.as_str()).collect(),
            big.deputies.iter().map(|d| d.code.as_str()).collect(),
        ] {
            let unique: HashSet<&&str> = codes.iter().collect();
            assert_eq!(unique.len(), codes.len());
        }
        let open_codes: HashSet<&str> =
            big.platforms.iter().filter(|p| p.closed_on.is_none()).map(|p| p.code.as_str()).collect();
        assert!(serving(&big).all(|d| open_codes.contains(d.station_code.as_deref().unwrap())));
        assert!(big.platforms.iter().any(|p| p.phone.starts_with("0379-")), "洛阳's area code");
    }
}
