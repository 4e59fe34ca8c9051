//! Work units and titles (工作单位及职务) that look like a real roster's: party and government posts for leading
//! cadres, companies for entrepreneurs, and for everyone else villages, communities, schools, hospitals, mines,
//! factories and co-operatives of the deputy's own county and township.

use rand::Rng;

use liaison_core::roster::kinds::{Level, RegionKind};

use crate::geography::{COMMUNITIES, CityGeo, CountyGeo, TownshipGeo, pick, village};

/// Where a person works: their city, county and township.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The city.
    pub city: &'a CityGeo,
    /// The county-level region.
    pub county: &'a CountyGeo,
    /// The township, town or sub-district.
    pub township: &'a TownshipGeo,
}

impl Place<'_> {
    /// "平顶山" from "平顶山市" (round suffixes kept off).
    pub fn city_short(&self) -> &str {
        let name = self.city.name.split('（').next().unwrap_or(&self.city.name);
        name.strip_suffix('市').unwrap_or(name)
    }

    /// "宝丰" from "宝丰县", "叶县" stays "叶县", zones use the city's short name.
    pub fn county_short(&self) -> &str {
        let name = self.county.name.as_str();
        if self.county.kind == RegionKind::Zone {
            return self.city_short();
        }
        if name.chars().count() <= 2 {
            return name;
        }
        name.strip_suffix(['县', '区', '市']).unwrap_or(name)
    }

    /// "新华区光明路街道".
    pub fn township_full(&self) -> String {
        format!("{}{}", self.county.name, self.township.name)
    }
}

#[rustfmt::skip]
const BUREAUS: &[&str] = &[
    "发展和改革委员会", "教育局", "公安局", "民政局", "财政局", "人力资源和社会保障局", "自然资源和规划局",
    "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局",
    "卫生健康委员会", "应急管理局", "市场监督管理局", "城市管理局", "退役军人事务局", "乡村振兴局",
];

#[rustfmt::skip]
const BRANDS: &[&str] = &[
    "鑫源", "华晟", "宏达", "金丰", "瑞祥", "恒通", "天瑞", "中原", "鹰城", "富民", "东方", "兴业", "万福", "盛世",
    "永泰", "昌隆", "汇丰源", "三鼎", "宏图", "嘉禾", "创新", "联创", "振兴", "绿源", "丰润", "天成", "正阳", "博瑞",
    "德隆", "豫发",
];

#[rustfmt::skip]
const INDUSTRIES: &[&str] = &[
    "建材", "农业发展", "食品", "机械制造", "新材料", "物流", "电子科技", "置业", "纺织", "化工", "耐火材料", "电气",
    "生物科技", "商贸", "建筑工程", "环保科技", "医药", "能源",
];

const CROPS: &[&str] =
    &["小麦", "烟叶", "花生", "红薯", "食用菌", "中药材", "蔬菜", "果品", "艾草", "蚕桑", "葡萄", "莲藕", "花卉"];

const ORDINALS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];

/// A company of the place: "宝丰县鑫源建材有限公司", "平顶山华晟新材料股份有限公司".
pub fn company(rng: &mut impl Rng, place: &Place<'_>) -> String {
    let brand = pick(rng, BRANDS);
    let prefix = if rng.random_bool(0.5) { place.county_short().to_owned() } else { place.city_short().to_owned() };
    let form = if rng.random_bool(0.15) { "股份有限公司" } else { "有限公司" };
    format!("{prefix}{brand}{}{form}", pick(rng, INDUSTRIES))
}

/// The county government, its head's title, and the party committee.
fn county_gov(county: &CountyGeo) -> (String, &'static str, String) {
    match county.kind {
        RegionKind::Zone => (format!("{}管理委员会", county.name), "主任", format!("{}党工委", county.name)),
        kind => {
            let head = match kind {
                RegionKind::District => "区长",
                RegionKind::CountyCity => "市长",
                _ => "县长",
            };
            (format!("{}人民政府", county.name), head, format!("中共{}委员会", county.name))
        }
    }
}

/// The township government, its head's title, the party committee and the township congress with its head.
fn township_gov(place: &Place<'_>) -> (String, &'static str, String, String, &'static str) {
    let t = place.township_full();
    match place.township.kind {
        RegionKind::Subdistrict => (format!("{t}办事处"), "主任", format!("{t}党工委"), format!("{t}人大工委"), "主任"),
        RegionKind::Town => {
            (format!("{t}人民政府"), "镇长", format!("中共{t}委员会"), format!("{t}人民代表大会"), "主席")
        }
        _ => (format!("{t}人民政府"), "乡长", format!("中共{t}委员会"), format!("{t}人民代表大会"), "主席"),
    }
}

/// A leading cadre's post, by the level they were elected to.
pub fn cadre(rng: &mut impl Rng, level: Level, place: &Place<'_>) -> (String, String) {
    let city = &place.city.name;
    let (cgov, chead, cparty) = county_gov(place.county);
    let (tgov, thead, tparty, tcong, tcong_head) = township_gov(place);
    let bureau = pick(rng, BUREAUS);
    let bureau_head = if bureau.ends_with("委员会") { "主任" } else { "局长" };
    let options: Vec<(String, String)> = match level {
        Level::National | Level::Province => vec![
            (format!("{city}人民政府"), "副市长".into()),
            (format!("{city}人大常委会"), "副主任".into()),
            (format!("{city}{bureau}"), format!("党组书记、{bureau_head}")),
            (cparty.clone(), "书记".into()),
            (cgov.clone(), chead.into()),
        ],
        Level::City => vec![
            (cparty.clone(), "副书记".into()),
            (cgov.clone(), chead.into()),
            (cgov.clone(), format!("副{chead}")),
            (format!("{}人大常委会", place.county.name), "主任".into()),
            (format!("{city}{bureau}"), bureau_head.into()),
            (tparty.clone(), "书记".into()),
        ],
        Level::County => vec![
            (tparty.clone(), "书记".into()),
            (tgov.clone(), thead.into()),
            (tcong.clone(), tcong_head.into()),
            (format!("{}{bureau}", place.county.name), bureau_head.into()),
            (format!("{}{bureau}", place.county.name), format!("副{bureau_head}")),
        ],
        Level::Township => vec![
            (tparty, "副书记".into()),
            (tgov, format!("副{thead}")),
            (tcong, format!("副{tcong_head}")),
            (format!("{}{bureau}", place.county.name), "科长".into()),
        ],
    };
    options[rng.random_range(0..options.len())].clone()
}

/// An entrepreneur's company and post.
pub fn entrepreneur(rng: &mut impl Rng, place: &Place<'_>) -> (String, String) {
    let title = pick(rng, &["董事长", "总经理", "董事长兼总经理", "执行董事", "党委书记、董事长"]);
    (company(rng, place), title.to_owned())
}

/// Anyone else: villages and communities, schools, hospitals, mines and factories, co-operatives, public services.
pub fn ordinary(rng: &mut impl Rng, level: Level, place: &Place<'_>) -> (String, String) {
    let t = place.township_full();
    let county = &place.county.name;
    let city = &place.city.name;
    let urban = place.township.kind == RegionKind::Subdistrict;
    let high = matches!(level, Level::National | Level::Province | Level::City);
    // weights: village, community, school, hospital, industry, co-operative, public service, self-employed, law
    let weights: [u32; 9] = match (level, urban) {
        (Level::Township, false) => [50, 4, 10, 8, 10, 6, 5, 6, 1],
        (Level::Township, true) => [8, 36, 12, 10, 16, 2, 6, 8, 2],
        (Level::County, false) => [32, 4, 14, 12, 18, 6, 8, 4, 2],
        (Level::County, true) => [6, 24, 16, 14, 20, 2, 10, 4, 4],
        _ => [12, 6, 18, 18, 26, 6, 6, 2, 6],
    };
    let total: u32 = weights.iter().sum();
    let mut roll = rng.random_range(0..total);
    let mut kind = 0;
    for (i, w) in weights.iter().enumerate() {
        if roll < *w {
            kind = i;
            break;
        }
        roll -= w;
    }
    let s = |x: &str| x.to_owned();
    match kind {
        0 => {
            let title =
                pick(rng, &["党支部书记、村委会主任", "党支部书记", "村委会主任", "村委会委员", "村民", "种粮大户"]);
            (format!("{t}{}村", village(rng)), s(title))
        }
        1 => {
            let title = pick(rng, &["党委书记、居委会主任", "党支部书记", "居委会主任", "社区网格员", "社区工作者"]);
            (format!("{t}{}社区", pick(rng, COMMUNITIES)), s(title))
        }
        2 => {
            let unit = if high {
                match rng.random_range(0..3) {
                    0 => format!("{city}第{}中学", pick(rng, &ORDINALS[..8])),
                    1 => format!("{}职业技术学院", place.city_short()),
                    _ => format!("{}学院", place.city_short()),
                }
            } else if level == Level::County {
                match rng.random_range(0..3) {
                    0 => format!("{county}第{}高级中学", pick(rng, &ORDINALS[..4])),
                    1 => format!("{county}实验小学"),
                    _ => format!("{county}职业教育中心"),
                }
            } else {
                format!("{t}{}", pick(rng, &["中心小学", "初级中学", "中心幼儿园", "第一小学"]))
            };
            let title = if unit.ends_with("学院") {
                pick(rng, &["教授", "副教授", "讲师"])
            } else {
                pick(rng, &["教师", "教师", "校长", "副校长", "教务主任"])
            };
            (unit, s(title))
        }
        3 => {
            let (unit, titles): (String, &[&str]) = if high {
                (
                    format!("{city}{}", pick(rng, &["第一人民医院", "第二人民医院", "中医医院", "妇幼保健院"])),
                    &["主任医师", "副主任医师", "护士长", "科主任"],
                )
            } else if level == Level::County {
                (
                    format!("{county}{}", pick(rng, &["人民医院", "中医院", "妇幼保健院", "疾病预防控制中心"])),
                    &["主任医师", "副主任医师", "护士长", "副院长", "医生"],
                )
            } else if urban {
                (format!("{t}社区卫生服务中心"), &["医生", "护士", "主任"])
            } else if rng.random_bool(0.5) {
                (format!("{t}卫生院"), &["院长", "医生", "护士"])
            } else {
                (format!("{t}{}村卫生室", village(rng)), &["乡村医生"])
            };
            (unit, s(pick(rng, titles)))
        }
        4 => {
            if place.city.area_code == "0375" && rng.random_bool(0.4) {
                let mine = format!("中国平煤神马集团平煤股份{}矿", pick(rng, ORDINALS));
                let title = pick(rng, &["采煤工", "综采队队长", "机电工程师", "班长", "技术员", "掘进队副队长"]);
                (mine, s(title))
            } else {
                let title = pick(rng, &["职工", "车间主任", "技术员", "工程师", "班组长", "质检员"]);
                (company(rng, place), s(title))
            }
        }
        5 => (format!("{t}{}村{}种植专业合作社", village(rng), pick(rng, CROPS)), s("理事长")),
        6 => match rng.random_range(0..3) {
            0 => (
                format!("{county}公安局{}派出所", place.township.name.trim_end_matches(['乡', '镇'])),
                s(pick(rng, &["所长", "民警", "副所长"])),
            ),
            1 => (format!("{county}人民法院"), s(pick(rng, &["法官", "庭长", "审判员"]))),
            _ => (format!("{county}{}", pick(rng, BUREAUS)), s(pick(rng, &["科长", "干部", "副科长"]))),
        },
        7 => (s("个体工商户"), s(pick(rng, &["经营者", "负责人"]))),
        _ => (
            format!("河南{}律师事务所", pick(rng, &["鹰城", "中原", "正义", "鼎诚", "平安", "博文"])),
            s(pick(rng, &["律师", "主任律师"])),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geography::cities;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn posts_name_the_deputys_own_places() {
        let mut rng = StdRng::seed_from_u64(5);
        let all = cities(1, &mut rng);
        let city = &all[0];
        let county = &city.counties[4]; // 宝丰县
        let place = Place { city, county, township: &county.townships[1] };
        assert_eq!(place.county_short(), "宝丰");
        assert_eq!(place.township_full(), "宝丰县城关镇");
        for level in Level::ALL {
            let (unit, title) = cadre(&mut rng, *level, &place);
            assert!(!unit.is_empty() && !title.is_empty());
            assert!(unit.contains("平顶山") || unit.contains("宝丰"), "{unit}");
        }
        for _ in 0..200 {
            let (unit, title) = ordinary(&mut rng, Level::Township, &place);
            assert!(!unit.is_empty() && !title.is_empty(), "{unit} {title}");
            let c = company(&mut rng, &place);
            assert!(c.ends_with("有限公司") && !c.chars().any(|ch| ch.is_ascii()), "{c}");
        }
    }
}
