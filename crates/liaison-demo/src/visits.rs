//! A year of station work (接待与办理) for the demo city: handling units, citizens' visits and their matters, and
//! every matter's events from 登记 to 归档, over the 365 days before the store clock's "now".
//!
//! - **Handling units** (承办单位): in every county ten departments (住建局, 交通运输局, 生态环境分局, 人社局,
//!   教育局, 卫健委, 农业农村局, 市场监管局, 城管局, 民政局) and the government of each township.
//! - **Visits**: at [`Volume::FULL`] stations receive 60–140 a year, county 人大代表之家 40–80, 联络点 15–40, the
//!   other platforms 8–20 (`liaison demo` writes [`Volume::DEMO`], a tenth of that, to stay quick); channels 来访 ≈45%, 来电 ≈20%, 扫码 ≈12%, 代表走访 ≈10%, 来信 ≈7%, 网上 ≈6%; on working days of the
//!   official calendar, in office hours. Citizens have Chinese names and mobiles; some are anonymous, some come
//!   as a group (head-count 3–30).
//! - **Matters**: 1–3 a visit, titles per category, the first responder a receiving deputy or the clerk; routed
//!   当场答复 ≈35%, 交办 ≈45%, 不予受理·引导 ≈8%, 并案 ≈6% (into an open matter of the station), 转代表建议 ≈6%.
//! - **Handling**: 签收, 办理, 答复, 办结, 反馈, 满意度 in working days; ≈87% replied within the limit, a few with
//!   an extension; ≈8% 退办 (a few late) and ≈3% reassigned (buck-passing signals); ≈3% never replied (overdue,
//!   escalated); ≈90% of first ratings 满意/基本满意, the rest 不满意 and re-handled. Units differ
//!   ([`temperament`]): a fifth of them are slow and often unsatisfying, so the ranking has a bottom three.
//!   回头看 30 days after 办结, some published and archived. Whatever would happen after "now" has not happened yet: recent matters are open.
//!
//! [`plan_activity`] is pure (same city, seed, calendar and now: same plan). [`write_activity`] records it through
//! the core's workflow use cases ([`workflow::register`], [`workflow::act`], [`units::save`]) so every rule applies
//! and every event's time is real: the events are written in time order on a second connection to the same
//! database whose injected clock ([`FakeClock`]) is set to each event's moment before it is recorded.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use liaison_core::calendar::Calendar;
use liaison_core::clock::{FakeClock, SeededEntropy};
use liaison_core::roster::deputy::DeputyInput;
use liaison_core::roster::kinds::{Gender, PlatformKind, RegionKind};
use liaison_core::store::Deps;
use liaison_core::workflow::deadlines::china_date;
use liaison_core::workflow::units::{self, UnitInput};
use liaison_core::workflow::{self, CitizenInput, Event, MatterInput, Rating, VisitInput};
use liaison_core::{Result, Store};

use crate::contact;
use crate::geography::{COMMUNITIES, ROADS, pick, village};
use crate::names::NameGen;
use crate::{DemoCity, OPERATOR};

/// Days of activity before "now".
pub const WINDOW_DAYS: i64 = 365;

/// How many visits a platform receives in the year, by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    /// A township's 人大代表联络站.
    pub township_station: std::ops::RangeInclusive<u32>,
    /// A county's 人大代表之家.
    pub county_home: std::ops::RangeInclusive<u32>,
    /// A 联络点.
    pub point: std::ops::RangeInclusive<u32>,
    /// 立法联系点, 示范点, 实践基地.
    pub other: std::ops::RangeInclusive<u32>,
}

impl Volume {
    /// What `liaison demo` writes: a tenth of a real year (≈1,800 visits, ≈2,600 matters, ≈19,000 events for the
    /// city), so that the demo stays quick: every matter is recorded through the workflow use cases.
    pub const DEMO: Volume = Volume { township_station: 6..=14, county_home: 4..=8, point: 1..=4, other: 1..=2 };
    /// A realistic year (≈17,700 visits, ≈25,500 matters, ≈190,000 events for the city; some 45 s to record).
    pub const FULL: Volume = Volume { township_station: 60..=140, county_home: 40..=80, point: 15..=40, other: 8..=20 };
    /// The city-year `liaison bench queues` measures: [`Volume::FULL`] about 3.1 times over (≈80,000 matters for
    /// the city), the load of the city office's 工作台 in a busy year. Some minutes to record.
    pub const CITY_YEAR: Volume =
        Volume { township_station: 190..=440, county_home: 125..=250, point: 47..=126, other: 25..=63 };
}

/// What [`write_activity`] recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Activity {
    /// Handling units.
    pub units: usize,
    /// Visits.
    pub visits: usize,
    /// Matters.
    pub matters: usize,
    /// Matter events (registrations included).
    pub events: usize,
}

/// A planned year of activity, ready to record.
#[derive(Debug, Clone, Default)]
pub struct ActivityPlan {
    /// Handling units to save first.
    pub units: Vec<UnitInput>,
    /// Visits, each with its matters (in time order).
    pub visits: Vec<VisitInput>,
    /// Every act in the order to record it: registrations and events, by time.
    pub steps: Vec<Step>,
}

/// One thing to record, at its moment.
#[derive(Debug, Clone)]
pub struct Step {
    /// When it happens.
    pub at: DateTime<Utc>,
    /// What happens.
    pub what: StepKind,
}

/// A registration or an act on a matter.
#[derive(Debug, Clone)]
pub enum StepKind {
    /// Register a visit; its matters get consecutive numbers from `first_matter`.
    Register {
        /// Its index in [`ActivityPlan::visits`].
        visit: usize,
        /// The number of its first matter.
        first_matter: usize,
    },
    /// Record `event` on matter number `matter` (numbered across all visits in registration order).
    Act {
        /// The matter's number.
        matter: usize,
        /// The event (a [`Event::Merged`] names its target by number, replaced by the target's id when recorded).
        event: Event,
    },
}

fn china_tz() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8")
}

/// `minute` minutes after midnight in China on `day`.
fn china_at(day: NaiveDate, minute: u32) -> DateTime<Utc> {
    let naive = day.and_hms_opt(minute / 60, minute % 60, 0).expect("a time of day");
    china_tz().from_local_datetime(&naive).single().expect("UTC+8 is unambiguous").with_timezone(&Utc)
}

/// A department every county has: code suffix, name, the categories it leads.
struct Dept {
    key: &'static str,
    name: &'static str,
    categories: &'static [&'static str],
}

#[rustfmt::skip]
const DEPTS: &[Dept] = &[
    Dept { key: "ZJJ", name: "住房和城乡建设局", categories: &["城乡建设"] },
    Dept { key: "JTJ", name: "交通运输局", categories: &["交通出行"] },
    Dept { key: "HBJ", name: "生态环境分局", categories: &["生态环境"] },
    Dept { key: "RSJ", name: "人力资源和社会保障局", categories: &["社会保障", "就业创业"] },
    Dept { key: "JYJ", name: "教育局", categories: &["教育"] },
    Dept { key: "WJW", name: "卫生健康委员会", categories: &["医疗卫生"] },
    Dept { key: "NYJ", name: "农业农村局", categories: &["农业农村"] },
    Dept { key: "SCJ", name: "市场监督管理局", categories: &["营商环境"] },
    Dept { key: "CGJ", name: "城市管理局", categories: &["城乡建设", "社会治理"] },
    Dept { key: "MZJ", name: "民政局", categories: &["社会保障", "社会治理", "其他"] },
];

/// Categories with their weight among matters (urban, rural).
#[rustfmt::skip]
const CATEGORIES: &[(&str, u32, u32)] = &[
    ("城乡建设", 22, 16), ("社会保障", 12, 12), ("教育", 8, 7), ("医疗卫生", 8, 7), ("生态环境", 10, 9),
    ("交通出行", 10, 10), ("农业农村", 2, 16), ("就业创业", 6, 6), ("营商环境", 6, 3), ("社会治理", 12, 10),
    ("其他", 4, 4),
];

/// Titles per category; `{p}` is the place (a village, a community, a road).
#[rustfmt::skip]
const TITLES: &[(&str, &[&str])] = &[
    ("城乡建设", &[
        "{p}主干道路面破损坑洼，群众出行不便", "{p}老旧小区雨污管网堵塞外溢", "{p}路灯长期不亮", "{p}小区电梯频繁故障",
        "{p}背街小巷雨后积水严重", "{p}自来水水压不足，高层用水难", "{p}安置房迟迟未办理不动产权证",
        "{p}违章建筑占用公共通道", "{p}天然气管道未通到户",
    ]),
    ("社会保障", &[
        "{p}高龄津贴发放不及时", "城乡居民医保缴费后待遇未到账", "{p}困难家庭申请低保审核慢", "养老保险关系转移接续难",
        "残疾人两项补贴申请咨询", "{p}特困供养人员住房漏雨",
    ]),
    ("教育", &[
        "{p}小学放学时段校门口交通拥堵", "{p}附近公办幼儿园学位紧张", "随迁子女入学手续繁琐",
        "{p}学校周边流动摊贩影响学生安全", "校外培训机构退费难", "{p}小学缺少课后托管服务",
    ]),
    ("医疗卫生", &[
        "{p}卫生室缺少常用药品", "{p}社区卫生服务中心就诊排队时间长", "异地就医备案流程不清楚",
        "家庭医生签约服务未落实", "{p}周边缺少夜间药店",
    ]),
    ("生态环境", &[
        "{p}附近企业夜间排放异味", "{p}养殖场粪污直排河道", "{p}餐饮油烟扰民", "{p}建筑工地夜间施工噪音扰民",
        "{p}河道垃圾堆积无人清理", "{p}露天焚烧垃圾烟雾大",
    ]),
    ("交通出行", &[
        "{p}到县城的公交班次太少", "{p}路口缺少红绿灯", "{p}道路限速标志缺失", "{p}村道与国道交叉口视线遮挡",
        "{p}周边停车难、乱停车", "{p}桥梁护栏损坏",
    ]),
    ("农业农村", &[
        "{p}农田灌溉机井损坏", "{p}高标准农田建设后沟渠不通", "{p}土地流转租金未按时兑付",
        "{p}农村饮水工程水质浑浊", "{p}生产道路被雨水冲毁", "{p}农业保险理赔慢",
    ]),
    ("就业创业", &[
        "{p}农民工工资被拖欠", "创业担保贷款申请咨询", "{p}返乡青年希望开展技能培训", "灵活就业人员社保补贴申请",
        "{p}公益性岗位招聘信息不公开",
    ]),
    ("营商环境", &[
        "个体工商户营业执照变更咨询", "{p}长期占道施工影响沿街商户经营", "小微企业反映工程款被拖欠",
        "{p}农贸市场摊位费收费不规范", "企业反映用电报装时间长",
    ]),
    ("社会治理", &[
        "{p}邻里宅基地纠纷", "{p}小区物业服务差、收费不透明", "{p}流浪犬较多存在伤人隐患",
        "{p}电动车楼道充电存在安全隐患", "{p}广场舞音响噪音扰民", "{p}村务公开不及时",
    ]),
    ("其他", &[
        "咨询代表联络站接待日安排", "{p}文化广场健身器材损坏", "建议在{p}增设便民服务点", "殡葬服务收费标准咨询",
    ]),
];

/// Where a citizen is sent when the station cannot take the matter (不予受理·引导): reason, body.
#[rustfmt::skip]
const GUIDED: &[(&str, &str)] = &[
    ("属于劳动争议，应通过劳动仲裁解决", "劳动人事争议仲裁委员会"),
    ("已进入诉讼程序，属司法事项", "人民法院"),
    ("属于对行政行为不服，应申请行政复议", "人民政府行政复议机构"),
    ("属于民间借贷纠纷，应通过诉讼解决", "人民法院诉讼服务中心"),
    ("属于信访事项，已告知信访途径", "信访局"),
];

const UNSATISFIED: &[&str] = &["问题没有彻底解决", "答复内容不具体", "办理时间太长", "承诺的措施未落实"];
const FEEDBACK_HOW: &[&str] = &["电话", "电话", "电话", "上门", "短信", "当面"];

/// What a station needs for planning: its code, county, place and people.
struct StationCtx<'a> {
    code: &'a str,
    kind: PlatformKind,
    county: usize,
    county_code: &'a str,
    township: Option<usize>,
    urban: bool,
    deputies: Vec<&'a DeputyInput>,
    clerks: &'a [String],
    reception_days: &'a [u8],
}

/// A county's units: department codes by key and township government codes by township index.
struct CountyUnits {
    depts: HashMap<&'static str, String>,
    townships: Vec<String>,
}

/// Plans the year of activity of `city` ending at `now`, on `calendar`.
pub fn plan_activity(
    city: &DemoCity,
    seed: u64,
    volume: &Volume,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> ActivityPlan {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5649_5349_5453); // "VISITS"
    let names = NameGen::new();
    let mut plan = ActivityPlan::default();

    // Counties (children of a city) and their townships, with the county's code prefix from its platforms.
    let cities: Vec<&str> = city.regions.iter().filter(|r| r.parent_code.is_none()).map(|r| r.code.as_str()).collect();
    let counties: Vec<&liaison_core::roster::region::RegionInput> =
        city.regions.iter().filter(|r| r.parent_code.as_deref().is_some_and(|p| cities.contains(&p))).collect();
    let county_index: HashMap<&str, usize> = counties.iter().enumerate().map(|(i, c)| (c.code.as_str(), i)).collect();
    let mut townships: Vec<Vec<&liaison_core::roster::region::RegionInput>> = vec![Vec::new(); counties.len()];
    let mut township_index: HashMap<&str, (usize, usize)> = HashMap::new();
    for r in &city.regions {
        if let Some(&c) = r.parent_code.as_deref().and_then(|p| county_index.get(p)) {
            township_index.insert(r.code.as_str(), (c, townships[c].len()));
            townships[c].push(r);
        }
    }
    let mut abbr: Vec<String> = counties.iter().map(|c| c.code.clone()).collect();
    let mut area: Vec<(String, usize)> = vec![("0375".to_owned(), 7); counties.len()];
    for p in &city.platforms {
        let c = county_index
            .get(p.region_code.as_str())
            .copied()
            .or_else(|| township_index.get(p.region_code.as_str()).map(|t| t.0));
        if let (Some(c), Some((prefix, _))) = (c, p.code.rsplit_once('-')) {
            abbr[c] = prefix.to_owned();
            if let Some((code, local)) = p.phone.split_once('-') {
                area[c] = (code.to_owned(), local.len());
            }
        }
    }
    let city_name = |c: usize| -> &str {
        let parent = counties[c].parent_code.as_deref().unwrap_or_default();
        city.regions.iter().find(|r| r.code == parent).map_or("", |r| r.name.as_str())
    };

    let mut county_units = Vec::new();
    for (c, county) in counties.iter().enumerate() {
        let mut depts = HashMap::new();
        for d in DEPTS {
            let code = format!("{}-{}", abbr[c], d.key);
            let name = if d.key == "HBJ" {
                let short = match county.name.chars().count() {
                    n if n > 2 && county.kind != RegionKind::Zone => {
                        county.name.trim_end_matches(['区', '县', '市']).to_owned()
                    }
                    _ => county.name.clone(),
                };
                format!("{}生态环境局{short}分局", city_name(c))
            } else {
                format!("{}{}", county.name, d.name)
            };
            let contact = format!(
                "{}科 {}",
                if d.key == "WJW" { "医政" } else { "办公室" },
                contact::landline(&mut rng, &area[c].0, area[c].1)
            );
            plan.units.push(UnitInput { code: code.clone(), name, kind: "department".into(), contact, retired: false });
            depts.insert(d.key, code);
        }
        let mut towns = Vec::new();
        for (t, town) in townships[c].iter().enumerate() {
            let code = format!("{}-Z{:02}", abbr[c], t + 1);
            let office = if town.kind == RegionKind::Subdistrict { "办事处" } else { "人民政府" };
            let name = format!("{}{}{office}", county.name, town.name);
            let contact = format!("党政办 {}", contact::landline(&mut rng, &area[c].0, area[c].1));
            plan.units.push(UnitInput { code: code.clone(), name, kind: "township".into(), contact, retired: false });
            towns.push(code);
        }
        county_units.push(CountyUnits { depts, townships: towns });
    }

    // Stations: open platforms with their deputies.
    let mut by_station: HashMap<&str, Vec<&DeputyInput>> = HashMap::new();
    for d in city.deputies.iter().filter(|d| d.ended_on.is_none()) {
        if let Some(s) = d.station_code.as_deref() {
            by_station.entry(s).or_default().push(d);
        }
    }
    let stations: Vec<StationCtx<'_>> = city
        .platforms
        .iter()
        .filter(|p| p.closed_on.is_none())
        .filter_map(|p| {
            let (county, township) = match township_index.get(p.region_code.as_str()) {
                Some(&(c, t)) => (c, Some(t)),
                None => (*county_index.get(p.region_code.as_str())?, None),
            };
            let urban = township.is_none_or(|t| townships[county][t].kind == RegionKind::Subdistrict);
            Some(StationCtx {
                code: &p.code,
                kind: p.kind.unwrap_or(PlatformKind::Point),
                county,
                county_code: &counties[county].code,
                township,
                urban,
                deputies: by_station.remove(p.code.as_str()).unwrap_or_default(),
                clerks: &p.clerks,
                reception_days: &p.reception_days,
            })
        })
        .collect();

    let start = china_date(now) - chrono::Days::new(WINDOW_DAYS as u64);
    let working: Vec<NaiveDate> =
        start.iter_days().take_while(|d| *d < china_date(now)).filter(|d| calendar.is_working_day(*d)).collect();
    let mut planner = Planner { rng: &mut rng, calendar, now, steps: Vec::new(), matters: Vec::new() };

    // Visits of every station, then all in time order (matter numbers follow registration order).
    let mut visits: Vec<(DateTime<Utc>, usize, VisitInput, Vec<Matter>)> = Vec::new();
    for (s, st) in stations.iter().enumerate() {
        let n = match st.kind {
            PlatformKind::Station if st.township.is_some() => planner.rng.random_range(volume.township_station.clone()),
            PlatformKind::Station => planner.rng.random_range(volume.county_home.clone()),
            PlatformKind::Point => planner.rng.random_range(volume.point.clone()),
            _ => planner.rng.random_range(volume.other.clone()),
        };
        for _ in 0..n {
            let (at, input, matters) = plan_visit(planner.rng, &names, st, &working);
            visits.push((at, s, input, matters));
        }
    }
    visits.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));

    // Each planned matter's title, category and place, by number (a 并案 copies its target's).
    let mut titles: Vec<(String, String, String)> = Vec::new();
    for (v, (at, s, input, matters)) in visits.into_iter().enumerate() {
        let st = &stations[s];
        // Most visits are recorded at once; a few days late now and then (a signal of its own).
        let reg_at = if planner.rng.random_bool(0.03) {
            let wd = planner.rng.random_range(1..=2);
            planner.after(at, wd..=wd)
        } else {
            at + Duration::minutes(planner.rng.random_range(2..20))
        };
        planner
            .steps
            .push(Step { at: reg_at, what: StepKind::Register { visit: v, first_matter: planner.matters.len() } });
        let citizens: Vec<String> = input.citizens.iter().map(|c| c.name.clone()).collect();
        let mut input = input;
        for (j, m) in matters.into_iter().enumerate() {
            let number = planner.matters.len();
            planner.matters.push(PlannedMatter { station: s, category: m.category, open_until: None });
            if let Some(target) = planner.life(number, st, &county_units[st.county], reg_at, &citizens) {
                // 并案: the same issue raised again; it reads as the open matter it joins.
                let (title, category, place) = titles[target].clone();
                let same = &mut input.matters[j];
                same.detail = format!("群众再次反映：{title}，与在办事项为同一问题。");
                (same.title, same.category, same.place) = (title, category, place);
            }
            titles.push((
                input.matters[j].title.clone(),
                input.matters[j].category.clone(),
                input.matters[j].place.clone(),
            ));
        }
        plan.visits.push(input);
    }
    let mut steps = planner.steps;
    steps.retain(|s| s.at < now);
    // Stable: a matter's events keep their order when two share a minute.
    steps.sort_by_key(|s| s.at);
    plan.steps = steps;
    plan
}

/// A matter as planned: enough to find it as a 并案 target.
struct PlannedMatter {
    station: usize,
    category: &'static str,
    /// While assigned and unfinished: until when it stays open (`None`: not a merge target).
    open_until: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

struct Matter {
    category: &'static str,
}

/// One visit at a working day of the window: its moment, input and matters.
fn plan_visit(
    rng: &mut StdRng,
    names: &NameGen,
    st: &StationCtx<'_>,
    working: &[NaiveDate],
) -> (DateTime<Utc>, VisitInput, Vec<Matter>) {
    let channel = match rng.random_range(0..100) {
        0..45 => "来访",
        45..65 => "来电",
        65..77 => "扫码",
        77..87 => "代表走访",
        87..94 => "来信",
        _ => "网上",
    };
    // Walk-ins come mostly on the station's reception days.
    let day = loop {
        let day = *working.choose(rng).expect("working days in the window");
        let weekday = chrono::Datelike::weekday(&day).number_from_monday() as u8;
        if channel != "来访" || st.reception_days.contains(&weekday) || rng.random_bool(0.3) {
            break day;
        }
    };
    let at = china_at(day, rng.random_range(8 * 60 + 30..17 * 60));

    let receiving: Vec<&DeputyInput> = match channel {
        "来访" | "代表走访" if !st.deputies.is_empty() => {
            let k = if rng.random_bool(0.4) { 2 } else { 1 };
            st.deputies.choose_multiple(rng, k).copied().collect()
        }
        _ if !st.deputies.is_empty() && rng.random_bool(0.3) => vec![*st.deputies.choose(rng).expect("deputies")],
        _ => Vec::new(),
    };
    let clerk = st.clerks.choose(rng).cloned().unwrap_or_default();

    let group = channel == "来访" && rng.random_bool(0.06);
    let anonymous_odds = match channel {
        "扫码" | "网上" => 0.25,
        "来信" | "来电" => 0.1,
        _ => 0.03,
    };
    let listed = if group { rng.random_range(1..=3) } else { 1 };
    let citizens: Vec<CitizenInput> = (0..listed)
        .map(|_| {
            if rng.random_bool(anonymous_odds) {
                return CitizenInput { anonymous: true, ..CitizenInput::default() };
            }
            let gender = if rng.random_bool(0.45) { Gender::Female } else { Gender::Male };
            let name = names.full(rng, gender, None);
            let phone = if rng.random_bool(0.9) { contact::mobile(rng) } else { String::new() };
            let id_number = if rng.random_bool(0.08) {
                let birth = format!("{}-{:02}", rng.random_range(1950..=2000), rng.random_range(1..=12));
                contact::id_number(rng, st.county_code, &birth, gender)
            } else {
                String::new()
            };
            CitizenInput { name, anonymous: false, phone, address: String::new(), id_number }
        })
        .collect();
    let head_count = group.then(|| rng.random_range(3..=30).max(listed));

    let n = match rng.random_range(0..100) {
        0..65 => 1,
        65..90 => 2,
        _ => 3,
    };
    let mut matters = Vec::new();
    let mut inputs = Vec::new();
    for _ in 0..n {
        let category = pick_category(rng, st.urban);
        let templates = TITLES.iter().find(|(c, _)| *c == category).expect("titles for every category").1;
        let p = if st.urban {
            if rng.random_bool(0.7) { format!("{}社区", pick(rng, COMMUNITIES)) } else { pick(rng, ROADS).to_owned() }
        } else {
            format!("{}村", village(rng))
        };
        let title = pick(rng, templates).replace("{p}", &p);
        if inputs.iter().any(|m: &MatterInput| m.title == title) {
            continue;
        }
        let first_responder = match receiving.first() {
            Some(d) if rng.random_bool(0.85) => d.name.clone(),
            _ if !clerk.is_empty() => clerk.clone(),
            _ => st.deputies.first().map(|d| d.name.clone()).unwrap_or_else(|| "联络员".into()),
        };
        let detail = format!("群众反映：{title}，希望有关部门尽快研究解决。");
        inputs.push(MatterInput { title: title.clone(), detail, category: category.into(), place: p, first_responder });
        matters.push(Matter { category });
    }
    let mut citizens = citizens;
    if let Some(first) = citizens.first_mut()
        && !first.anonymous
        && rng.random_bool(0.5)
    {
        first.address = inputs[0].place.clone();
    }
    let input = VisitInput {
        station_code: st.code.to_owned(),
        channel: channel.into(),
        received_at: Some(at.with_timezone(&china_tz())),
        deputies: receiving.iter().map(|d| d.code.clone()).collect(),
        clerk,
        citizens,
        head_count,
        matters: inputs,
    };
    (at, input, matters)
}

fn pick_category(rng: &mut impl Rng, urban: bool) -> &'static str {
    let total: u32 = CATEGORIES.iter().map(|c| if urban { c.1 } else { c.2 }).sum();
    let mut roll = rng.random_range(0..total);
    for (name, u, r) in CATEGORIES {
        let w = if urban { *u } else { *r };
        if roll < w {
            return name;
        }
        roll -= w;
    }
    "其他"
}

/// Plans each matter's life, appending its steps.
struct Planner<'r, 'c> {
    rng: &'r mut StdRng,
    calendar: &'c Calendar,
    now: DateTime<Utc>,
    steps: Vec<Step>,
    matters: Vec<PlannedMatter>,
}

impl Planner<'_, '_> {
    /// A moment some working days (drawn from `wd`) after `prev` in office hours, always later than `prev`.
    fn after(&mut self, prev: DateTime<Utc>, wd: impl rand::distr::uniform::SampleRange<u32>) -> DateTime<Utc> {
        let wd = self.rng.random_range(wd);
        let day = china_date(prev);
        let day = if wd == 0 { day } else { self.calendar.add_working_days(day, wd) };
        let t = china_at(day, self.rng.random_range(8 * 60 + 30..17 * 60 + 30));
        if t <= prev { prev + Duration::minutes(self.rng.random_range(5..90)) } else { t }
    }

    /// 反馈 by phone, visit, text message or in person; the deputy told too.
    fn feed_back(&mut self, m: usize, at: DateTime<Utc>) {
        let how = pick(self.rng, FEEDBACK_HOW);
        self.push(m, at, fed_back(how, true));
    }

    /// A few minutes after `prev`.
    fn soon(&mut self, prev: DateTime<Utc>) -> DateTime<Utc> {
        prev + Duration::minutes(self.rng.random_range(3..40))
    }

    fn push(&mut self, matter: usize, at: DateTime<Utc>, event: Event) {
        self.steps.push(Step { at, what: StepKind::Act { matter, event } });
    }

    /// The whole life of matter `m` registered at `reg` (events after "now" are dropped later).
    /// Returns the target of a 并案.
    fn life(
        &mut self,
        m: usize,
        st: &StationCtx<'_>,
        units: &CountyUnits,
        registered: DateTime<Utc>,
        citizens: &[String],
    ) -> Option<usize> {
        let category = self.matters[m].category;
        let roll = self.rng.random_range(0..100);
        match roll {
            0..35 => {
                let t = self.soon(registered);
                let answer = format!(
                    "{}当场向群众解释了相关政策和办理途径",
                    if st.deputies.is_empty() { "联络员" } else { "接待代表" }
                );
                self.push(m, t, Event::AnsweredOnSpot { answer, limit: None, lookback: None });
                let t = self.soon(t);
                self.push(m, t, fed_back("当面", true));
                self.after_feedback(m, t, t, category, citizens, 0.5);
            }
            35..43 => {
                let t = self.soon(registered);
                let (reason, body) = *GUIDED.choose(self.rng).expect("guided");
                self.push(
                    m,
                    t,
                    Event::Guided { reason: reason.into(), directed_to: body.into(), limit: None, lookback: None },
                );
                let t = self.soon(t);
                self.push(m, t, fed_back("当面", false));
                if self.rng.random_bool(0.5) {
                    let t = self.after(t, 0..=0);
                    self.push(m, t, rated(Rating::BasicallySatisfied));
                }
            }
            43..49 if self.merge_target(m, registered).is_some() => {
                let target = self.merge_target(m, registered).expect("checked");
                let (_, target_done) = self.matters[target].open_until.expect("a target");
                let t = self.after(registered, 0..=1);
                let t = if t >= target_done { self.soon(registered) } else { t };
                self.push(m, t, Event::Merged { into: format!("#{target}") });
                let fb = self.after(target_done.max(t), 0..=3);
                self.feed_back(m, fb);
                self.after_feedback(m, fb, fb, category, citizens, 0.3);
                return Some(target);
            }
            49..55 => {
                let t = self.after(registered, 1..=2);
                self.push(
                    m,
                    t,
                    Event::ConvertedToSuggestion {
                        note: "涉及面广，需从政策层面推动解决".into(), limit: None
                    },
                );
                let mut t = t;
                if self.rng.random_bool(0.1) {
                    t = self.after(t, 40..=55);
                    self.push(
                        m,
                        t,
                        Event::Extended {
                            reason: "需列入年度计划统筹解决".into(),
                            approver: "县人大常委会选联工委".into(),
                            limit: None,
                        },
                    );
                }
                t = self.after(t, 30..=60);
                self.push(m, t, replied("代表建议已答复：已列入年度工作计划，分步推进解决"));
                t = self.after(t, 1..=1);
                let finished = t;
                self.push(m, t, finished_event());
                t = self.after(t, 1..=4);
                self.feed_back(m, t);
                self.after_feedback(m, t, finished, category, citizens, 0.5);
            }
            _ => self.assigned(m, st, units, registered, category, citizens),
        }
        None
    }

    /// An assigned matter of the same station, registered before `at` and still open a week later.
    fn merge_target(&self, m: usize, at: DateTime<Utc>) -> Option<usize> {
        let station = self.matters[m].station;
        (0..m).rev().take(2000).find(|&i| {
            let c = &self.matters[i];
            c.station == station
                && c.open_until.is_some_and(|(from, until)| from < at && until > at + Duration::days(7))
        })
    }

    /// 交办 and all that follows.
    #[allow(clippy::too_many_arguments)]
    fn assigned(
        &mut self,
        m: usize,
        st: &StationCtx<'_>,
        units: &CountyUnits,
        registered: DateTime<Utc>,
        category: &'static str,
        citizens: &[String],
    ) {
        let mut t = self.after(registered, 0..=1);
        self.push(m, t, Event::RoutedForAssignment { limit: None });
        let mut lead = self.lead_unit(st, units, category);
        t = self.after(t, 0..=3);
        let assigned_at = t;
        self.assign(m, t, &lead, st, units, "");
        let mut handle_start = china_date(t);

        // Buck-passing: a 退办 (a few late), or a reassignment without one; slow units pass the buck more.
        let returns = (8.0 * temperament(&lead)).round() as u32;
        let roll = self.rng.random_range(0..100);
        if roll < returns {
            let late = self.rng.random_bool(0.12);
            t = self.after(t, if late { 8..=10 } else { 1..=5 });
            let other = self.other_unit(st, units, &lead, category);
            let reason = format!("经核查，该事项不属于本单位职责，建议交由{}办理", other.1);
            self.push(m, t, Event::Returned { unit: lead.clone(), reason, limit: None });
            t = self.after(t, 1..=3);
            lead = other.0;
            self.assign(m, t, &lead, st, units, "原承办单位退办，改派相关单位主办");
            handle_start = china_date(t);
        } else if roll < returns + 3 {
            t = self.after(t, 0..=0);
            self.push(m, t, Event::Accepted { unit: String::new() });
            t = self.after(t, 1..=4);
            let other = self.other_unit(st, units, &lead, category);
            lead = other.0;
            self.assign(m, t, &lead, st, units, "涉及多部门职责，调整主办单位");
            handle_start = china_date(t);
        }
        t = self.after(t, 0..=2);
        self.push(m, t, Event::Accepted { unit: String::new() });
        t = self.after(t, 0..=2);
        self.push(m, t, Event::HandlingStarted { note: "已安排专人现场核查".into() });

        let temper = temperament(&lead);
        let late_until = 80 + (120.0 * temper) as u32;
        let due = self.calendar.add_working_days(handle_start, 15);
        let elapsed = self.calendar.working_days_between(handle_start, china_date(t)).max(0) as u32;
        let roll = self.rng.random_range(0..1000);
        let reply_at = if roll < 30 {
            // Never replied: stays open and overdue.
            self.matters[m].open_until = Some((assigned_at, self.now + Duration::days(3650)));
            return;
        } else if roll < 80 && elapsed < 13 {
            // An extension, then replied inside the extended limit.
            let before_due = self.calendar.working_days_between(china_date(t), due).max(1) as u32;
            t = self.after(t, 1..=before_due.min(12));
            self.push(
                m,
                t,
                Event::Extended {
                    reason: "需协调多方、履行招标程序".into(),
                    approver: "联络站站长".into(),
                    limit: None,
                },
            );
            self.after(t, 5..=20)
        } else if roll < late_until {
            // Late: 1–20 working days past the limit.
            let late = self.rng.random_range(1..=20);
            let wd = 15 - elapsed.min(15) + late;
            self.after(t, wd..=wd)
        } else {
            let left = 15u32.saturating_sub(elapsed).max(1);
            self.after(t, 1..=left)
        };
        let reply_at = if china_date(reply_at) > due && roll >= late_until { china_at(due, 16 * 60) } else { reply_at };
        let reply_at = reply_at.max(t + Duration::minutes(10));
        self.matters[m].open_until = Some((assigned_at, reply_at));
        self.push(m, reply_at, replied(reply_text(category)));
        let finished = self.soon(reply_at);
        self.push(m, finished, finished_event());
        let fb = self.after(finished, 0..=3);
        if self.rng.random_bool(0.02) {
            self.push(
                m,
                fb,
                Event::FedBack {
                    how: String::new(),
                    told_on: None,
                    deputy_told: true,
                    unreachable_reason: "群众电话停机，两次上门未遇".into(),
                },
            );
            return;
        }
        self.feed_back(m, fb);
        // First rating: ≈90% 满意/基本满意 (fewer for slow units); 不满意 reopens handling once.
        let t = self.after(fb, 0..=2);
        if self.rng.random_bool((0.1 * temper).min(0.5)) {
            let reason = pick(self.rng, UNSATISFIED).to_owned();
            self.push(m, t, Event::Rated { rating: Rating::Unsatisfied, reason, limit: None });
            let t = self.after(t, 1..=3);
            self.push(m, t, Event::HandlingStarted { note: "重新办理，再次现场核查".into() });
            let t = self.after(t, 3..=15);
            self.push(m, t, replied("重新办理后已整改到位"));
            let finished = self.soon(t);
            self.push(m, finished, finished_event());
            let fb = self.after(finished, 0..=3);
            self.feed_back(m, fb);
            self.after_feedback(m, fb, finished, category, citizens, 1.0);
        } else {
            self.after_feedback(m, fb, finished, category, citizens, 1.0);
        }
    }

    /// The rating (unless `rate_odds` says the citizen was not asked), the look-back 30 days after 办结, and for
    /// some publication and archiving.
    #[allow(clippy::too_many_arguments)]
    fn after_feedback(
        &mut self,
        m: usize,
        fed_back_at: DateTime<Utc>,
        finished: DateTime<Utc>,
        category: &str,
        citizens: &[String],
        rate_odds: f64,
    ) {
        let mut t = fed_back_at;
        if self.rng.random_bool(rate_odds) {
            t = self.after(t, 0..=2);
            let rating = if self.rng.random_bool(0.72) { Rating::Satisfied } else { Rating::BasicallySatisfied };
            self.push(m, t, rated(rating));
        }
        if !self.rng.random_bool(0.7) {
            return;
        }
        let due = finished + Duration::days(30);
        let lb = self.after(due.max(t), 0..=8);
        self.push(m, lb, Event::LookedBack { result: "经回访，问题已解决，未出现反复".into() });
        if self.rng.random_bool(0.3) {
            let summary = format!("{category}类事项：经承办单位办理，问题已解决，群众满意。");
            if !citizens.iter().any(|c| c.chars().count() >= 2 && summary.contains(c.as_str())) {
                let t = self.after(lb, 1..=5);
                self.push(m, t, Event::Published { summary });
            }
        }
        if self.rng.random_bool(0.4) {
            let t = self.after(lb, 10..=30);
            self.push(m, t, Event::Archived);
        }
    }

    fn assign(
        &mut self,
        m: usize,
        at: DateTime<Utc>,
        lead: &str,
        st: &StationCtx<'_>,
        units: &CountyUnits,
        reason: &str,
    ) {
        let co = if self.rng.random_bool(0.15) {
            let other = self.other_unit(st, units, lead, self.matters[m].category).0;
            vec![other]
        } else {
            Vec::new()
        };
        self.push(
            m,
            at,
            Event::Assigned {
                lead: lead.to_owned(),
                co,
                due_on: None,
                reason: reason.to_owned(),
                limit: None,
                return_window: None,
            },
        );
    }

    /// The unit that leads a matter of `category` from this station: the county's department, or for local
    /// matters now and then the township government.
    fn lead_unit(&mut self, st: &StationCtx<'_>, units: &CountyUnits, category: &str) -> String {
        let local = matches!(category, "城乡建设" | "农业农村" | "社会治理" | "其他");
        if let Some(t) = st.township
            && (local && self.rng.random_bool(0.35) || self.rng.random_bool(0.05))
        {
            return units.townships[t].clone();
        }
        let depts: Vec<&Dept> = DEPTS.iter().filter(|d| d.categories.contains(&category)).collect();
        let dept = depts.choose(self.rng).expect("a department for every category");
        units.depts[dept.key].clone()
    }

    /// Another unit than `not` (a department, or the station's township government): code and name key.
    /// Preferably one whose work the matter's category touches.
    fn other_unit(
        &mut self,
        st: &StationCtx<'_>,
        units: &CountyUnits,
        not: &str,
        category: &str,
    ) -> (String, &'static str) {
        let related: Vec<&Dept> =
            DEPTS.iter().filter(|d| d.categories.contains(&category) && units.depts[d.key] != not).collect();
        if let Some(d) = related.choose(self.rng)
            && self.rng.random_bool(0.6)
        {
            return (units.depts[d.key].clone(), d.name);
        }
        loop {
            if let Some(t) = st.township
                && self.rng.random_bool(0.3)
                && units.townships[t] != not
            {
                return (units.townships[t].clone(), "属地乡镇（街道）");
            }
            let d = DEPTS.choose(self.rng).expect("departments");
            if units.depts[d.key] != not {
                return (units.depts[d.key].clone(), d.name);
            }
        }
    }
}

/// How a handling unit works, fixed by its code so that a city's ranking has a top and a bottom as a real one
/// does: half the units are prompt (×0.55 the city's odds of lateness, 退办 and 不满意), three in ten ordinary (×1),
/// two in ten slow (×2.2). The mean stays ≈1, so the city's rates are those the module doc states.
fn temperament(unit: &str) -> f64 {
    // FNV-1a: stable across runs and platforms (std's hasher is not).
    let hash = unit.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    match hash % 10 {
        0 | 1 => 2.2,
        2..=4 => 1.0,
        _ => 0.55,
    }
}

fn fed_back(how: &str, deputy_told: bool) -> Event {
    Event::FedBack { how: how.into(), told_on: None, deputy_told, unreachable_reason: String::new() }
}

fn rated(rating: Rating) -> Event {
    Event::Rated { rating, reason: String::new(), limit: None }
}

fn replied(text: &str) -> Event {
    Event::Replied { text: text.into(), not_competent: false, competent_body: String::new() }
}

fn finished_event() -> Event {
    Event::Finished { summary: "已办结".into(), limit: None, lookback: None }
}

fn reply_text(category: &str) -> &'static str {
    match category {
        "城乡建设" => "已安排施工队维修，现已完工",
        "交通出行" => "已增设交通设施并加强巡查",
        "生态环境" => "已现场执法检查，责令限期整改并复查合格",
        "社会保障" | "就业创业" => "已核实情况，相关待遇已按规定发放",
        "教育" => "已协调学校和相关部门落实改进措施",
        "医疗卫生" => "已督促医疗机构改进服务",
        "农业农村" => "已组织维修并落实管护责任",
        "营商环境" => "已协调有关方面解决，企业表示认可",
        _ => "已调查处理，并向群众说明情况",
    }
}

/// Plans the year of activity for `city` (seeded) ending at the store clock's now, and records it. Meant for a
/// database with no visits yet: when the store already has visits nothing is written (so running the demo
/// again changes nothing).
pub fn write_activity(store: &mut Store, city: &DemoCity, seed: u64, volume: &Volume) -> Result<Activity> {
    let existing: i64 = store.conn().query_row("SELECT COUNT(*) FROM visits", [], |r| r.get(0))?;
    if existing > 0 {
        return Ok(Activity::default());
    }
    let now = store.deps().clock.now();
    let calendar = Calendar::load(store.conn())?;
    let plan = plan_activity(city, seed, volume, &calendar, now);
    record(store, &plan, seed, now)
}

/// Records `plan` through a second connection to `store`'s database whose clock is moved to each step.
pub fn record(store: &Store, plan: &ActivityPlan, seed: u64, now: DateTime<Utc>) -> Result<Activity> {
    let clock = Arc::new(FakeClock::at(now - Duration::days(WINDOW_DAYS + 1)));
    let deps = Deps { clock: clock.clone(), entropy: Arc::new(SeededEntropy::new(seed ^ 0x4143_5453)) };
    let mut past = Store::open_with(store.path(), deps)?;
    // One long transaction of some 10^5 changes: keep its pages in memory (a setting of this connection only).
    past.conn().execute_batch("PRAGMA cache_size = -262144;")?;
    past.write(OPERATOR, |w| {
        for u in &plan.units {
            units::save(w, u)?;
        }
        let total: usize = plan.visits.iter().map(|v| v.matters.len()).sum();
        let mut ids: Vec<String> = vec![String::new(); total];
        let mut out = Activity { units: plan.units.len(), ..Activity::default() };
        for step in &plan.steps {
            clock.set(step.at);
            match &step.what {
                StepKind::Register { visit, first_matter } => {
                    let registered = workflow::register(w, &plan.visits[*visit])?;
                    out.visits += 1;
                    out.events += registered.matters.len();
                    out.matters += registered.matters.len();
                    for (i, m) in registered.matters.into_iter().enumerate() {
                        ids[first_matter + i] = m.id;
                    }
                }
                StepKind::Act { matter, event } => {
                    let mut event = event.clone();
                    if let Event::Merged { into } = &mut event
                        && let Some(n) = into.strip_prefix('#').and_then(|n| n.parse::<usize>().ok())
                    {
                        into.clone_from(&ids[n]);
                    }
                    workflow::act(w, &ids[*matter], event)?;
                    out.events += 1;
                }
            }
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};
    use std::sync::OnceLock;

    use liaison_core::workflow::deadlines::due_on;
    use liaison_core::workflow::events::load_all;
    use liaison_core::workflow::signals::compute as compute_signals;
    use liaison_core::workflow::state::{Outcome, fold};
    use liaison_core::workflow::{MatterFilter, State, list};

    use super::*;
    use crate::{DemoOptions, plan, write};

    /// The demo's "now": 10:00 in China on 2026-11-25.
    fn now() -> DateTime<Utc> {
        china_at(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), 10 * 60)
    }

    /// The city's first county (新华区): its regions, platforms and deputies.
    fn county() -> &'static DemoCity {
        static CITY: OnceLock<DemoCity> = OnceLock::new();
        CITY.get_or_init(|| {
            let full = plan(&DemoOptions { seed: 1, scale: 1, visits: false });
            let county = full.regions[1].code.clone();
            let regions: Vec<_> = full
                .regions
                .iter()
                .filter(|r| r.parent_code.is_none() || r.code == county || r.parent_code.as_deref() == Some(&county))
                .cloned()
                .collect();
            let codes: HashSet<&str> = regions.iter().map(|r| r.code.as_str()).collect();
            let platforms: Vec<_> =
                full.platforms.iter().filter(|p| codes.contains(p.region_code.as_str())).cloned().collect();
            let stations: HashSet<&str> = platforms.iter().map(|p| p.code.as_str()).collect();
            let deputies = full
                .deputies
                .iter()
                .filter(|d| d.station_code.as_deref().is_some_and(|s| stations.contains(s)))
                .cloned()
                .collect();
            DemoCity { regions, platforms, deputies }
        })
    }

    fn store(dir: &tempfile::TempDir) -> Store {
        let deps = Deps { clock: Arc::new(FakeClock::at(now())), entropy: Arc::new(SeededEntropy::new(1)) };
        Store::open_with(&dir.path().join("demo.db"), deps).unwrap()
    }

    fn generated(seed: u64, volume: &Volume) -> (tempfile::TempDir, Store, Activity) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir);
        write(&mut store, county(), OPERATOR).unwrap();
        let activity = write_activity(&mut store, county(), seed, volume).unwrap();
        (dir, store, activity)
    }

    fn codes(store: &Store) -> Vec<(String, String)> {
        let mut stmt = store.conn().prepare("SELECT code, title FROM matters ORDER BY code").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
    }

    #[test]
    fn same_seed_same_year_other_seed_other_year_and_no_second_year() {
        let (_a, mut first, activity) = generated(3, &Volume::DEMO);
        let (_b, second, again) = generated(3, &Volume::DEMO);
        let (_c, other, _) = generated(4, &Volume::DEMO);
        assert_eq!(activity, again);
        assert!(activity.visits > 50 && activity.matters > activity.visits && activity.events > 4 * activity.matters);
        assert_eq!(activity.units, DEPTS.len() + county().regions.len() - 2);
        assert_eq!(codes(&first), codes(&second));
        assert_ne!(codes(&first), codes(&other));
        assert!(codes(&first)[0].0.starts_with("XH-"), "{:?}", codes(&first)[0]);
        let years = |s: &Store| -> Vec<String> {
            let mut stmt = s.conn().prepare("SELECT at FROM matter_events ORDER BY at").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
        };
        let at = years(&first);
        let (oldest, newest) = (at.first().unwrap(), at.last().unwrap());
        assert!(oldest.as_str() >= "2025-11-24" && newest.as_str() < now().to_rfc3339().as_str(), "{oldest} {newest}");
        assert_eq!(write_activity(&mut first, county(), 3, &Volume::DEMO).unwrap(), Activity::default());
        assert_eq!(codes(&first).len(), activity.matters, "a second run adds nothing");
    }

    #[test]
    fn every_queue_count_of_the_year_is_the_length_of_its_list() {
        use liaison_core::workflow::{QueueKey, QueueScope, queues};
        let (_dir, store, activity) = generated(2, &Volume::DEMO);
        let conn = store.conn();
        let counts = queues(conn, &QueueScope::All, now()).unwrap();
        assert_eq!(counts.matters as usize, activity.matters);
        assert!(counts.queues.iter().map(|q| q.count).sum::<u32>() > 0, "{counts:?}");
        for queue in QueueKey::ALL {
            let filter = MatterFilter { queue: Some(queue), ..MatterFilter::default() };
            assert_eq!(list(conn, &filter, now()).unwrap().len(), counts.count(queue) as usize, "{queue:?}");
        }
    }

    #[test]
    fn a_full_year_is_legal_on_time_mostly_satisfied_and_shows_buck_passing() {
        let (_dir, store, activity) = generated(1, &Volume::FULL);
        let conn = store.conn();
        let calendar = Calendar::load(conn).unwrap();
        let all = load_all(conn).unwrap();
        assert_eq!(all.len(), activity.matters);
        assert_eq!(all.values().map(Vec::len).sum::<usize>(), activity.events);

        let (mut assigned, mut on_time, mut finished) = (0, 0, 0);
        let (mut ratings, mut content, mut unsatisfied_reopened) = (0, 0, 0);
        let mut routes: HashMap<&str, usize> = HashMap::new();
        let (mut returns, mut reassigned, mut lookbacks) = (0, 0, 0);
        let mut by_unit: HashMap<String, (usize, usize)> = HashMap::new();
        for events in all.values() {
            let folded = fold(events);
            assert!(
                folded.outcomes.iter().all(|o| matches!(o, Outcome::Applied { .. })),
                "every generated event is legal where it lands"
            );
            if let Some(route) = events.get(1) {
                *routes.entry(route.event.kind()).or_default() += 1;
            }
            let kinds: Vec<&str> = events.iter().map(|e| e.event.kind()).collect();
            returns += kinds.iter().filter(|k| **k == "returned").count();
            reassigned += usize::from(kinds.iter().filter(|k| **k == "assigned").count() > 1);
            lookbacks += usize::from(kinds.contains(&"looked_back"));
            // Satisfaction as the office ranks units: the first rating of each assigned matter.
            if let Some(first) = events.iter().find_map(|e| match &e.event {
                Event::Rated { rating, .. } if kinds.contains(&"assigned") => Some(*rating),
                _ => None,
            }) {
                ratings += 1;
                if first == Rating::Unsatisfied {
                    unsatisfied_reopened += usize::from(kinds.iter().filter(|k| **k == "finished").count() > 1);
                } else {
                    content += 1;
                }
            }
            if kinds.contains(&"assigned") {
                assigned += 1;
                if let Some(i) = kinds.iter().position(|k| *k == "finished") {
                    finished += 1;
                    let due = due_on(&fold(&events[..i]), &calendar).expect("the handling clock runs until 办结");
                    on_time += usize::from(events[i].on() <= due);
                    let lead = events[..i].iter().rev().find_map(|e| match &e.event {
                        Event::Assigned { lead, .. } => Some(lead.clone()),
                        _ => None,
                    });
                    let unit = by_unit.entry(lead.expect("an assigned matter has a lead")).or_insert((0, 0));
                    *unit = (unit.0 + 1, unit.1 + usize::from(events[i].on() <= due));
                }
            }
        }
        let overdue: Vec<_> = list(conn, &MatterFilter { overdue: true, ..MatterFilter::default() }, now())
            .unwrap()
            .into_iter()
            .filter(|m| matches!(m.state, Some(State::Assigned | State::Accepted | State::Handling)))
            .collect();
        let on_time_rate = on_time as f64 / (finished + overdue.len()) as f64;
        let satisfaction = content as f64 / ratings as f64;
        let share = |kind| routes.get(kind).copied().unwrap_or(0) as f64 / all.len() as f64;
        eprintln!(
            "matters {} assigned {assigned} finished {finished} on time {on_time_rate:.3} satisfaction \
             {satisfaction:.3} overdue open {} routes {routes:?} returns {returns} reassigned {reassigned}",
            all.len(),
            overdue.len()
        );
        assert!((0.85..=0.90).contains(&on_time_rate), "on time {on_time_rate}");
        assert!((0.88..=0.93).contains(&satisfaction), "satisfaction {satisfaction}");
        assert!((0.31..=0.39).contains(&share("answered_on_spot")), "{routes:?}");
        assert!((0.40..=0.52).contains(&share("routed_for_assignment")), "{routes:?}");
        for kind in ["guided", "merged", "converted_to_suggestion"] {
            assert!((0.01..=0.10).contains(&share(kind)), "{kind} {routes:?}");
        }
        assert!(unsatisfied_reopened > 10 && returns > 20 && reassigned > 20 && lookbacks > 100);
        // Units differ (temperament): the ranking has a clear top and bottom, not a row of 100%.
        let rates: Vec<f64> =
            by_unit.values().filter(|(n, _)| *n >= 20).map(|(n, ok)| *ok as f64 / *n as f64).collect();
        let (worst, best) = rates.iter().fold((1.0f64, 0.0f64), |(lo, hi), r| (lo.min(*r), hi.max(*r)));
        assert!(rates.len() > 5 && worst < 0.8 && best > 0.93, "{} units, on time {worst:.2}–{best:.2}", rates.len());
        let levels: HashSet<Option<String>> = overdue.iter().map(|m| m.escalation.clone()).collect();
        // Long-unanswered matters reach the city; which lower levels are in view on the day is the luck of the
        // draw (a few never-answered matters a year), so only the top is asserted, and that every one escalated.
        assert!(levels.contains(&Some("city".to_owned())) && !levels.contains(&None), "escalated to {levels:?}");
        // The buck-passing signals the matter views show, from the same computation.
        let received: HashMap<String, String> = {
            let sql = "SELECT m.id, v.received_at FROM matters m JOIN visits v ON v.id = m.visit_id";
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
        };
        let signals: Vec<_> = all
            .iter()
            .map(|(id, events)| {
                let on = china_date(DateTime::parse_from_rfc3339(&received[id]).unwrap().to_utc());
                compute_signals(events, &fold(events).outcomes, &calendar, on)
            })
            .collect();
        let late_returns = signals.iter().filter(|s| s.late_returns > 0).count();
        let changes = signals.iter().filter(|s| s.handler_changes > 0).count();
        let late_registrations = signals.iter().filter(|s| s.late_registration).count();
        assert!(late_returns > 0 && changes > 20, "late 退办 {late_returns}, handler changes {changes}");
        assert!(late_registrations > 10, "a few visits are recorded days late: {late_registrations}");
        let channels: HashSet<String> = {
            let mut stmt = conn.prepare("SELECT DISTINCT channel FROM visits").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
        };
        assert_eq!(channels.len(), 6, "{channels:?}");
    }
}
