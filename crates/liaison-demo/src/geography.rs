//! Places: the city of 平顶山 as it is (10 counties/districts and 3 functional zones with their townships and
//! sub-districts), further cities of Henan built on the same template for province-sized data sets, and the
//! pools of village, community, road and park names that platform names and addresses are made of.

use std::collections::HashSet;

use rand::Rng;
use rand::seq::IndexedRandom;

use liaison_core::roster::kinds::RegionKind;

/// A city (the root of a region tree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityGeo {
    /// Name, e.g. "平顶山市".
    pub name: String,
    /// Administrative code, e.g. "410400".
    pub code: String,
    /// Telephone area code, e.g. "0375".
    pub area_code: &'static str,
    /// Digits of a local landline number in this city.
    pub landline_digits: usize,
    /// Its county-level regions.
    pub counties: Vec<CountyGeo>,
}

/// A county, district, county-level city or functional zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyGeo {
    /// Name, e.g. "新华区".
    pub name: String,
    /// Code, e.g. "410402".
    pub code: String,
    /// Kind.
    pub kind: RegionKind,
    /// Prefix of its platforms' codes, e.g. "XH".
    pub abbr: String,
    /// Its townships, towns and sub-districts.
    pub townships: Vec<TownshipGeo>,
}

/// A township (乡), town (镇) or sub-district (街道).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownshipGeo {
    /// Name, e.g. "光明路街道".
    pub name: String,
    /// Code: the county's code and three digits (001… sub-districts, 101… towns, 201… townships).
    pub code: String,
    /// Kind, from the name's suffix.
    pub kind: RegionKind,
}

/// One county-level unit of 平顶山: name, code, kind, code prefix, townships.
type CountySpec = (&'static str, &'static str, RegionKind, &'static str, &'static [&'static str]);

/// 平顶山市: 4 districts, 4 counties, 2 county-level cities, 3 functional zones.
#[rustfmt::skip]
const PINGDINGSHAN: &[CountySpec] = &[
    ("新华区", "410402", RegionKind::District, "XH", &[
        "光明路街道", "中兴路街道", "矿工路街道", "西市场街道", "新新街街道", "青石山街道", "湛南路街道",
        "曙光街街道", "西高皇街道", "焦店镇", "滍阳镇",
    ]),
    ("卫东区", "410403", RegionKind::District, "WD", &[
        "东安路街道", "优越路街道", "五一路街道", "建设路街道", "东环路街道", "东工人镇街道", "光华路街道",
        "鸿鹰街道", "北环路街道", "蒲城街道", "申楼街道", "东高皇街道",
    ]),
    ("石龙区", "410404", RegionKind::District, "SL", &["高庄街道", "龙兴街道", "人民路街道", "龙河街道"]),
    ("湛河区", "410411", RegionKind::District, "ZH", &[
        "南环路街道", "姚孟街道", "马庄街道", "高阳路街道", "九里山街道", "轻工路街道", "河滨街道", "北渡街道",
        "荆山街道", "曹镇乡",
    ]),
    ("宝丰县", "410421", RegionKind::County, "BF", &[
        "铁路街道", "城关镇", "周庄镇", "闹店镇", "石桥镇", "商酒务镇", "大营镇", "张八桥镇", "杨庄镇", "赵庄镇",
        "肖旗乡", "前营乡", "李庄乡",
    ]),
    ("叶县", "410422", RegionKind::County, "YX", &[
        "昆阳街道", "九龙街道", "盐都街道", "任店镇", "保安镇", "仙台镇", "叶邑镇", "廉村镇", "常村镇", "辛店镇",
        "洪庄杨镇", "龙泉乡", "夏李乡", "水寨乡", "马庄回族乡", "田庄乡", "邓李乡",
    ]),
    ("鲁山县", "410423", RegionKind::County, "LS", &[
        "鲁阳街道", "汇源街道", "琴台街道", "露峰街道", "张官营镇", "梁洼镇", "张良镇", "下汤镇", "尧山镇", "赵村镇",
        "瓦屋镇", "辛集镇", "熊背乡", "四棵树乡", "团城乡", "观音寺乡", "背孜乡", "仓头乡", "董周乡", "马楼乡",
    ]),
    ("郏县", "410425", RegionKind::County, "JX", &[
        "龙山街道", "东城街道", "安良镇", "堂街镇", "薛店镇", "冢头镇", "长桥镇", "茨芭镇", "黄道镇", "李口镇",
        "王集乡", "姚庄回族乡", "广阔天地乡", "白庙乡", "渣园乡",
    ]),
    ("舞钢市", "410481", RegionKind::CountyCity, "WG", &[
        "垭口街道", "寺坡街道", "院岭街道", "矿建街道", "朱兰街道", "尚店镇", "八台镇", "枣林镇", "铁山乡", "武功乡",
        "庙街乡", "杨庄乡",
    ]),
    ("汝州市", "410482", RegionKind::CountyCity, "RZ", &[
        "煤山街道", "风穴路街道", "钟楼街道", "洗耳河街道", "汝南街道", "紫云路街道", "临汝镇", "寄料镇", "温泉镇",
        "小屯镇", "杨楼镇", "蟒川镇", "庙下镇", "陵头镇", "米庙镇", "纸坊镇", "大峪镇", "夏店镇", "焦村镇", "骑岭乡",
    ]),
    ("平顶山高新技术产业开发区", "410471", RegionKind::Zone, "GX", &["遵化店镇", "皇台街道", "高新街道"]),
    ("平顶山城乡一体化示范区", "410472", RegionKind::Zone, "SF", &["新城街道", "白龟湖街道", "应河街道"]),
    ("河南平顶山尼龙新材料产业集聚区", "410473", RegionKind::Zone, "NL", &["尼龙城街道", "沙河湾街道", "东湖街道"]),
];

/// Further cities of Henan for province-sized data sets: name, code, area code, platform-code prefix.
const OTHER_CITIES: &[(&str, &str, &str, &str)] = &[
    ("洛阳市", "410300", "0379", "LY"),
    ("南阳市", "411300", "0377", "NY"),
    ("许昌市", "411000", "0374", "XC"),
    ("漯河市", "411100", "0395", "LH"),
    ("郑州市", "410100", "0371", "ZZ"),
    ("开封市", "410200", "0371", "KF"),
    ("安阳市", "410500", "0372", "AY"),
    ("鹤壁市", "410600", "0392", "HB"),
    ("新乡市", "410700", "0373", "XX"),
    ("焦作市", "410800", "0391", "JZ"),
    ("濮阳市", "410900", "0393", "PY"),
    ("三门峡市", "411200", "0398", "SMX"),
    ("商丘市", "411400", "0370", "SQ"),
    ("信阳市", "411500", "0376", "XY"),
    ("周口市", "411600", "0394", "ZK"),
    ("驻马店市", "411700", "0396", "ZMD"),
];

#[rustfmt::skip]
const DISTRICT_POOL: &[&str] = &[
    "老城区", "西工区", "瀍河回族区", "涧西区", "洛龙区", "宛城区", "卧龙区", "魏都区", "建安区", "源汇区", "郾城区",
    "召陵区", "中原区", "二七区", "管城回族区", "金水区", "惠济区", "龙亭区", "顺河回族区", "鼓楼区", "禹王台区",
    "祥符区", "文峰区", "北关区", "殷都区", "龙安区", "鹤山区", "山城区", "淇滨区", "红旗区", "卫滨区", "凤泉区",
    "牧野区", "解放区", "中站区", "马村区", "山阳区", "华龙区", "湖滨区", "陕州区", "梁园区", "睢阳区", "浉河区",
    "平桥区", "川汇区", "淮阳区", "驿城区",
];

#[rustfmt::skip]
const COUNTY_POOL: &[&str] = &[
    "新安县", "栾川县", "嵩县", "汝阳县", "宜阳县", "洛宁县", "伊川县", "南召县", "方城县", "西峡县", "镇平县",
    "内乡县", "淅川县", "社旗县", "唐河县", "新野县", "桐柏县", "鄢陵县", "襄城县", "舞阳县", "临颍县", "中牟县",
    "杞县", "通许县", "尉氏县", "兰考县", "安阳县", "汤阴县", "滑县", "内黄县", "浚县", "淇县", "新乡县", "获嘉县",
    "原阳县", "延津县", "封丘县", "修武县", "博爱县", "武陟县", "温县", "清丰县", "南乐县", "范县", "台前县",
    "濮阳县", "渑池县", "卢氏县", "民权县", "睢县", "宁陵县", "柘城县", "虞城县", "夏邑县", "罗山县", "光山县",
    "新县", "商城县", "固始县", "潢川县", "淮滨县", "息县", "扶沟县", "西华县", "商水县", "沈丘县", "郸城县",
    "太康县", "鹿邑县", "西平县", "上蔡县", "平舆县", "正阳县", "确山县", "泌阳县", "汝南县", "遂平县", "新蔡县",
];

#[rustfmt::skip]
const COUNTY_CITY_POOL: &[&str] = &[
    "邓州市", "禹州市", "长葛市", "新郑市", "新密市", "登封市", "荥阳市", "巩义市", "林州市", "卫辉市", "辉县市",
    "沁阳市", "孟州市", "义马市", "灵宝市", "永城市", "项城市",
];

/// Roots of sub-district names ("…路街道", "城东街道").
#[rustfmt::skip]
const SUBDISTRICT_ROOTS: &[&str] = &[
    "东风路", "解放路", "人民路", "中州路", "建设路", "文化路", "新华路", "和平路", "胜利路", "五一路", "工农路",
    "南关", "北关", "东关", "西关", "城东", "城西", "城南", "城北", "东城", "西城", "南城", "北城", "站前", "车站",
    "新城", "老城", "滨河", "花园", "朝阳", "光明", "七里河", "长春路", "黄河路", "铁西", "铁东",
];

/// Roots of town and township names: a family or feature word and a place word ("孙店", "刘集", "石桥").
#[rustfmt::skip]
const TOWN_HEADS: &[&str] = &[
    "孙", "刘", "王", "李", "张", "赵", "马", "杨", "黄", "郭", "宋", "韩", "冯", "高", "贾", "范", "姚", "苗", "薛",
    "石", "龙", "白", "青", "大", "小", "双", "三", "古", "柳", "桃", "枣", "沙", "金", "南", "北", "东", "西",
];
const TOWN_TAILS: &[&str] =
    &["店", "集", "庄", "营", "寨", "桥", "楼", "岗", "湾", "河", "园", "庙", "寺", "铺", "坡", "口", "沟", "岭"];

/// Village name parts: "前王庄", "马寨", "石门".
const VILLAGE_DIRS: &[&str] = &["东", "西", "南", "北", "前", "后", "大", "小", "上", "下"];
#[rustfmt::skip]
const VILLAGE_HEADS: &[&str] = &[
    "张", "王", "李", "刘", "马", "杨", "赵", "高", "郭", "孙", "黄", "宋", "韩", "冯", "姚", "苗", "薛", "范", "翟",
    "任", "吕", "段", "牛", "常", "楚", "武", "曹", "闫", "程", "袁",
];
const VILLAGE_TAILS: &[&str] =
    &["庄", "营", "寨", "湾", "沟", "岭", "洼", "店", "楼", "桥", "坡", "集", "屯", "河", "园", "岗", "堂", "铺"];
#[rustfmt::skip]
const VILLAGE_WHOLE: &[&str] = &[
    "石门", "龙泉", "柳林", "桃园", "青山", "白石", "杏花", "枣树", "红石", "青龙", "凤凰", "龙潭", "梨园", "竹园",
    "槐树", "月台", "三里河", "十里铺", "五里岗", "黄土岭",
];

/// Community (社区) names in sub-districts.
#[rustfmt::skip]
pub const COMMUNITIES: &[&str] = &[
    "建设", "幸福", "和平", "光明", "新华", "振兴", "朝阳", "东方", "翠湖", "锦绣", "湛北", "鹰城", "平安", "繁荣",
    "文化", "育英", "矿工", "阳光", "南苑", "北苑", "康乐", "和谐", "凌云", "长青", "丹阳", "昆阳", "曙光", "新苑",
    "园林", "体育", "民主", "团结",
];

/// Street names for addresses.
#[rustfmt::skip]
pub const ROADS: &[&str] = &[
    "建设路", "中兴路", "人民路", "矿工路", "光明路", "新华路", "开源路", "凌云路", "湛河北路", "平安大道", "鹰城路",
    "园林路", "体育路", "和平路", "五一路", "东环路", "西环路", "文化路", "育新路", "南环路", "长青路", "迎宾大道",
    "劳动路", "民主路", "复兴路", "团结路", "胜利街", "解放路", "友谊路", "青年路",
];

/// Industrial park names for points in parks (园区联络点).
#[rustfmt::skip]
pub const PARKS: &[&str] = &[
    "产业集聚区", "先进制造业开发区", "商务中心区", "现代农业产业园", "电子商务产业园", "智能制造产业园",
    "新材料产业园", "现代物流园", "科技孵化园", "食品产业园", "装备制造产业园", "返乡创业园",
];

/// Every city of a data set of `scale` cities: 平顶山 first, then other Henan cities, then (past 17) the same
/// cities again under codes with another province prefix so that every code stays unique.
pub fn cities(scale: u32, rng: &mut impl Rng) -> Vec<CityGeo> {
    let per_round = OTHER_CITIES.len() as u32 + 1;
    (0..scale.max(1))
        .map(|i| {
            let (round, slot) = (i / per_round, (i % per_round) as usize);
            if slot == 0 { pingdingshan(round) } else { other_city(round, slot - 1, rng) }
        })
        .collect()
}

/// `code` moved to province prefix 41 + `round`, so round 0 keeps the real code.
fn shifted(code: &str, round: u32) -> String {
    if round == 0 { code.to_owned() } else { format!("{}{}", 41 + round, &code[2..]) }
}

/// The name of a city in `round`: round 0 is the real one, later rounds are numbered ("洛阳市（2）").
fn round_name(name: &str, round: u32) -> String {
    if round == 0 { name.to_owned() } else { format!("{name}（{}）", round + 1) }
}

fn round_abbr(abbr: &str, round: u32) -> String {
    if round == 0 { abbr.to_owned() } else { format!("{abbr}{}", round + 1) }
}

/// 平顶山市 as it is.
fn pingdingshan(round: u32) -> CityGeo {
    let counties = PINGDINGSHAN
        .iter()
        .map(|&(name, code, kind, abbr, towns)| {
            let code = shifted(code, round);
            let abbr = if round == 0 { abbr.to_owned() } else { format!("{}{abbr}", round_abbr("PDS", round)) };
            let townships = number_townships(&code, towns.iter().map(|t| (*t).to_owned()).collect());
            CountyGeo { name: name.to_owned(), code, kind, abbr, townships }
        })
        .collect();
    CityGeo {
        name: round_name("平顶山市", round),
        code: shifted("410400", round),
        area_code: "0375",
        landline_digits: 7,
        counties,
    }
}

/// Another city: county names from the pools, townships invented with the same kinds and counts as 平顶山's.
fn other_city(round: u32, slot: usize, rng: &mut impl Rng) -> CityGeo {
    let (name, code, area_code, abbr) = OTHER_CITIES[slot];
    let short = name.trim_end_matches('市');
    let prefix = &shifted(code, round)[..4];
    let abbr = round_abbr(abbr, round);
    let (mut districts, mut counties, mut county_cities, mut zones) = (0, 0, 0, 0);
    let list = PINGDINGSHAN
        .iter()
        .enumerate()
        .map(|(j, &(_, _, kind, _, template))| {
            let (county_name, code) = match kind {
                RegionKind::District => {
                    districts += 1;
                    (DISTRICT_POOL[(slot * 4 + districts - 1) % DISTRICT_POOL.len()].to_owned(), districts + 1)
                }
                RegionKind::County => {
                    counties += 1;
                    (COUNTY_POOL[(slot * 4 + counties - 1) % COUNTY_POOL.len()].to_owned(), counties + 20)
                }
                RegionKind::CountyCity => {
                    county_cities += 1;
                    (
                        COUNTY_CITY_POOL[(slot * 2 + county_cities - 1) % COUNTY_CITY_POOL.len()].to_owned(),
                        county_cities + 80,
                    )
                }
                _ => {
                    zones += 1;
                    let zone = ["高新技术产业开发区", "经济技术开发区", "城乡一体化示范区"][(zones - 1) % 3];
                    (format!("{short}{zone}"), zones + 70)
                }
            };
            let code = format!("{prefix}{code:02}");
            let names = invent_townships(template, rng);
            CountyGeo {
                name: county_name,
                townships: number_townships(&code, names),
                code,
                kind,
                abbr: format!("{abbr}{:02}", j + 1),
            }
        })
        .collect();
    CityGeo {
        name: round_name(name, round),
        code: shifted(code, round),
        area_code,
        landline_digits: if area_code == "0371" { 8 } else { 7 },
        counties: list,
    }
}

/// Township names of the same kinds, in the same order, as `template`, unique within the county.
fn invent_townships(template: &[&str], rng: &mut impl Rng) -> Vec<String> {
    let mut seen = HashSet::new();
    template
        .iter()
        .map(|t| {
            let suffix = if t.ends_with("街道") {
                "街道"
            } else if t.ends_with('镇') {
                "镇"
            } else {
                "乡"
            };
            loop {
                let root = if suffix == "街道" {
                    (*SUBDISTRICT_ROOTS.choose(rng).expect("pool")).to_owned()
                } else {
                    format!("{}{}", TOWN_HEADS.choose(rng).expect("pool"), TOWN_TAILS.choose(rng).expect("pool"))
                };
                let name = format!("{root}{suffix}");
                if seen.insert(root) {
                    break name;
                }
            }
        })
        .collect()
}

/// Township codes in the statistical style: sub-districts 001…, towns 101…, townships 201….
fn number_townships(county_code: &str, names: Vec<String>) -> Vec<TownshipGeo> {
    let (mut sub, mut town, mut township) = (0, 100, 200);
    names
        .into_iter()
        .map(|name| {
            let kind = RegionKind::from_name(&name, false);
            let n = match kind {
                RegionKind::Subdistrict => {
                    sub += 1;
                    sub
                }
                RegionKind::Town => {
                    town += 1;
                    town
                }
                _ => {
                    township += 1;
                    township
                }
            };
            TownshipGeo { code: format!("{county_code}{n:03}"), name, kind }
        })
        .collect()
}

/// A village name ("前王庄", "马寨", "石门"), without "村".
pub fn village(rng: &mut impl Rng) -> String {
    match rng.random_range(0..10) {
        0..=2 => format!(
            "{}{}{}",
            VILLAGE_DIRS.choose(rng).expect("pool"),
            VILLAGE_HEADS.choose(rng).expect("pool"),
            VILLAGE_TAILS.choose(rng).expect("pool")
        ),
        3 | 4 => (*VILLAGE_WHOLE.choose(rng).expect("pool")).to_owned(),
        _ => format!("{}{}", VILLAGE_HEADS.choose(rng).expect("pool"), VILLAGE_TAILS.choose(rng).expect("pool")),
    }
}

/// A pick from a non-empty pool.
pub fn pick<'a>(rng: &mut impl Rng, pool: &[&'a str]) -> &'a str {
    pool.choose(rng).expect("non-empty pool")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn pingdingshan_has_ten_counties_three_zones_and_about_140_townships() {
        let mut rng = StdRng::seed_from_u64(1);
        let city = &cities(1, &mut rng)[0];
        assert_eq!((city.name.as_str(), city.code.as_str()), ("平顶山市", "410400"));
        let zones = city.counties.iter().filter(|c| c.kind == RegionKind::Zone).count();
        assert_eq!((city.counties.len(), zones), (13, 3));
        let towns: usize = city.counties.iter().map(|c| c.townships.len()).sum();
        assert!((120..=150).contains(&towns), "{towns}");
        let xh = &city.counties[0];
        assert_eq!(xh.townships[0].code, "410402001");
        assert_eq!(xh.townships.iter().find(|t| t.name == "焦店镇").unwrap().code, "410402101");
        assert_eq!(city.counties[3].townships.last().unwrap().kind, RegionKind::Township, "曹镇乡 is a 乡");
    }

    #[test]
    fn many_cities_have_unique_codes() {
        let mut rng = StdRng::seed_from_u64(1);
        let all = cities(40, &mut rng);
        let mut codes = HashSet::new();
        let mut abbrs = HashSet::new();
        for city in &all {
            assert!(codes.insert(city.code.clone()), "{}", city.code);
            for c in &city.counties {
                assert!(codes.insert(c.code.clone()), "{}", c.code);
                assert!(abbrs.insert(c.abbr.clone()), "{}", c.abbr);
                for t in &c.townships {
                    assert!(codes.insert(t.code.clone()), "{}", t.code);
                }
            }
        }
    }
}
