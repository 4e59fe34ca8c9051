//! A year of duty and activities (进站履职) for the demo city: the duty rota, station activities with their
//! attendance, and leaders' station visits, over the year before the store clock's "now" (the rota also runs two
//! month ahead, as a posted rota does, and a few activities are planned for the coming month).
//!
//! - **Rota**: every open 代表联络站 (township stations and county 人大代表之家) keeps a monthly 代表接待日 on a
//!   fixed day of the month (the next working day of the official calendar when that day is not one), twelve
//!   months back and one ahead (a rota is posted in advance); two (sometimes three) deputies of its group take turns round
//!   the group, most often for the whole day. (Weekly duty would be as plausible, but four times the records: the
//!   demo is recorded by every e2e run and must stay quick.)
//! - **Activities**: stations hold 3–5 a year, 联络点 1–2 (接待群众 most often, then 座谈, 调研, 视察, 宣讲,
//!   建议督办, 述职评议, 执法检查), with 3–6 deputies of the group each: ≈86% 出席, ≈11% 请假 with a reason, the
//!   rest 缺席. One station in three has an activity planned for the coming month.
//! - **Leaders' visits**: ≈85% of open platforms get one to three visits in the year from the city's or the
//!   county's standing committee (so the year's coverage is ≈85% and a quarter's lower, as in real reports).
//!
//! [`plan_duty`] is pure (same city, seed, calendar and now: same plan). [`write_duty`] records it through the
//! core's use cases ([`rota::add`], [`activities::record`], [`leaders::record`]) in one transaction, so every
//! rule applies. It stays cheap (a few hundred milliseconds for the city): `liaison demo` runs in the e2e tests.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use liaison_core::calendar::Calendar;
use liaison_core::duty::activities::{self, ActivityInput, AttendanceInput};
use liaison_core::duty::leaders::{self, LeaderVisitInput};
use liaison_core::duty::model::ActivityKind;
use liaison_core::duty::rota::{self, RotaInput};
use liaison_core::roster::deputy::DeputyInput;
use liaison_core::roster::kinds::PlatformKind;
use liaison_core::workflow::deadlines::china_date;
use liaison_core::{Result, Store};

use crate::{DemoCity, OPERATOR};

/// Months of rota before the current one, and after it.
const MONTHS_BEFORE: u32 = 12;
const MONTHS_AHEAD: u32 = 1;

/// What [`write_duty`] recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DutySummary {
    /// Rota slots (one deputy, one session, one day).
    pub rota: usize,
    /// Activities, planned ones included.
    pub activities: usize,
    /// Attendance lines.
    pub attendance: usize,
    /// Leaders' visits.
    pub leader_visits: usize,
}

/// A planned year of duty, ready to record.
#[derive(Debug, Clone, Default)]
pub struct DutyPlan {
    /// Rota slots, each with its deputies.
    pub rota: Vec<RotaInput>,
    /// Activities with their attendance.
    pub activities: Vec<ActivityInput>,
    /// Leaders' visits.
    pub leader_visits: Vec<LeaderVisitInput>,
}

/// Activity kinds with their weight, and the subjects a station writes for them.
#[rustfmt::skip]
const KINDS: &[(ActivityKind, u32, &[&str])] = &[
    (ActivityKind::Reception, 30, &["代表集中接待群众日", "“代表接待日”主题活动", "重点民生问题专题接待"]),
    (ActivityKind::Forum, 15, &["民生实事项目征求意见座谈会", "营商环境优化座谈会", "基层治理工作座谈会"]),
    (ActivityKind::Research, 15, &["老旧小区改造专题调研", "农村人居环境整治调研", "养老服务体系建设调研"]),
    (ActivityKind::Inspection, 10, &["重点项目建设情况视察", "城乡供水保障工作视察", "义务教育学校建设视察"]),
    (ActivityKind::Publicity, 10, &["宪法与代表法宣讲", "人代会精神宣讲", "民法典进社区宣讲"]),
    (ActivityKind::SuggestionSupervision, 10, &["代表建议办理情况督办", "重点建议办理“回头看”"]),
    (ActivityKind::PerformanceReview, 5, &["代表向选民述职评议会"]),
    (ActivityKind::LawEnforcementCheck, 5, &["《食品安全法》执法检查", "《大气污染防治法》执法检查"]),
];

const LEAVE_REASONS: &[&str] = &["外出开会", "单位工作冲突", "身体不适", "外出学习", "家中有事"];

/// Leaders who visit stations: post and name.
#[rustfmt::skip]
const LEADERS: &[(&str, &str)] = &[
    ("市人大常委会主任", "王建军"), ("市人大常委会副主任", "李秀华"), ("市人大常委会副主任", "赵国庆"),
    ("市人大常委会秘书长", "孙立新"), ("市人大常委会代表工委主任", "周文斌"),
    ("县（区）人大常委会主任", "陈志刚"), ("县（区）人大常委会副主任", "刘红梅"), ("县（区）人大常委会副主任", "杨永强"),
];

const PURPOSES: &[&str] = &["进站接待群众", "调研指导联络站建设", "督导代表建议办理", "参加代表活动"];

/// Plans the year of duty of `city` ending at `now`'s date `today`, on `calendar`.
pub fn plan_duty(city: &DemoCity, seed: u64, calendar: &Calendar, today: NaiveDate) -> DutyPlan {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x4455_5459); // "DUTY"
    let mut groups: HashMap<&str, Vec<&DeputyInput>> = HashMap::new();
    for d in city.deputies.iter().filter(|d| d.ended_on.is_none()) {
        if let Some(s) = d.station_code.as_deref() {
            groups.entry(s).or_default().push(d);
        }
    }
    let past: Vec<NaiveDate> =
        (1..=365).map(|n| today - Days::new(n)).filter(|d| calendar.is_working_day(*d)).collect();
    let next_month: Vec<NaiveDate> =
        (1..=30).map(|n| today + Days::new(n)).filter(|d| calendar.is_working_day(*d)).collect();
    let mut plan = DutyPlan::default();

    for p in city.platforms.iter().filter(|p| p.closed_on.is_none()) {
        let group = groups.get(p.code.as_str()).map(Vec::as_slice).unwrap_or_default();
        let kind = p.kind.unwrap_or(PlatformKind::Point);
        if kind == PlatformKind::Station && !group.is_empty() {
            plan_rota(&mut rng, &mut plan, &p.code, group, calendar, today);
        }
        let held = match kind {
            PlatformKind::Station => rng.random_range(3..=5),
            PlatformKind::Point => rng.random_range(1..=2),
            _ => 0,
        };
        if !group.is_empty() && held > 0 {
            let mut days: Vec<NaiveDate> = past.choose_multiple(&mut rng, held).copied().collect();
            days.sort();
            for day in days {
                plan.activities.push(plan_activity(&mut rng, &p.code, day, group, false));
            }
            if kind == PlatformKind::Station
                && rng.random_bool(1.0 / 3.0)
                && let Some(day) = next_month.choose(&mut rng)
            {
                plan.activities.push(plan_activity(&mut rng, &p.code, *day, group, true));
            }
        }
        if rng.random_bool(0.85) {
            let visits = rng.random_range(1..=3);
            let mut days: Vec<NaiveDate> = past.choose_multiple(&mut rng, visits).copied().collect();
            days.sort();
            for day in days {
                let (post, name) = *LEADERS.choose(&mut rng).expect("leaders");
                plan.leader_visits.push(LeaderVisitInput {
                    station_code: p.code.clone(),
                    date: day.to_string(),
                    leader_name: name.into(),
                    leader_post: post.into(),
                    purpose: (*PURPOSES.choose(&mut rng).expect("purposes")).into(),
                });
            }
        }
    }
    plan
}

/// The station's monthly reception day from twelve months back to next month, deputies taking turns round the
/// group.
fn plan_rota(
    rng: &mut StdRng,
    plan: &mut DutyPlan,
    station: &str,
    group: &[&DeputyInput],
    calendar: &Calendar,
    today: NaiveDate,
) {
    let day_of_month = rng.random_range(5..=25);
    let mut turn = rng.random_range(0..group.len());
    let this_month = today.year() * 12 + today.month0() as i32;
    for month in (this_month - MONTHS_BEFORE as i32)..=(this_month + MONTHS_AHEAD as i32) {
        let Some(mut day) =
            NaiveDate::from_ymd_opt(month.div_euclid(12), month.rem_euclid(12) as u32 + 1, day_of_month)
        else {
            continue;
        };
        // A rest day moves the reception day to the next working day.
        while !calendar.is_working_day(day) {
            day = day + Days::new(1);
        }
        let count = group.len().min(if rng.random_bool(0.2) { 3 } else { 2 });
        let deputies = (0..count).map(|i| group[(turn + i) % group.len()].code.clone()).collect();
        turn = (turn + count) % group.len();
        let session = if rng.random_bool(0.8) { "全天" } else { "上午" };
        plan.rota.push(RotaInput {
            station_code: station.to_owned(),
            date: day.to_string(),
            session: session.into(),
            deputy_codes: deputies,
        });
    }
}

fn plan_activity(
    rng: &mut StdRng,
    station: &str,
    day: NaiveDate,
    group: &[&DeputyInput],
    planned: bool,
) -> ActivityInput {
    let total: u32 = KINDS.iter().map(|k| k.1).sum();
    let mut roll = rng.random_range(0..total);
    let (kind, titles) = KINDS
        .iter()
        .find(|(_, weight, _)| {
            let hit = roll < *weight;
            roll = roll.saturating_sub(*weight);
            hit
        })
        .map(|(k, _, t)| (*k, *t))
        .expect("weights cover the roll");
    let mut attendance = Vec::new();
    if !planned {
        let n = rng.random_range(3..=6).min(group.len());
        for d in group.choose_multiple(rng, n) {
            let roll = rng.random_range(0..100);
            let (status, reason) = match roll {
                0..86 => ("present", String::new()),
                86..97 => ("leave", (*LEAVE_REASONS.choose(rng).expect("reasons")).to_owned()),
                _ => ("absent", String::new()),
            };
            attendance.push(AttendanceInput { deputy_code: d.code.clone(), status: status.into(), reason });
        }
    }
    ActivityInput {
        station_code: station.to_owned(),
        date: day.to_string(),
        kind: kind.as_str().into(),
        title: (*titles.choose(rng).expect("titles")).into(),
        place: String::new(),
        notes: String::new(),
        planned,
        people_received: (kind == ActivityKind::Reception && !planned).then(|| rng.random_range(5..=40)),
        attendance,
    }
}

/// Plans the year of duty for `city` (seeded) ending at the store clock's now and records it in one transaction.
/// Meant for a database without duty records: when the store already has some, nothing is written (so running
/// the demo again changes nothing).
pub fn write_duty(store: &mut Store, city: &DemoCity, seed: u64) -> Result<DutySummary> {
    let existing: i64 = store.conn().query_row("SELECT COUNT(*) FROM duty_rota", [], |r| r.get(0))?;
    if existing > 0 {
        return Ok(DutySummary::default());
    }
    let today = china_date(store.deps().clock.now());
    let calendar = Calendar::load(store.conn())?;
    let plan = plan_duty(city, seed, &calendar, today);
    store.write(OPERATOR, |w| {
        let mut out = DutySummary::default();
        for slot in &plan.rota {
            out.rota += rota::add(w, slot)?.len();
        }
        for a in &plan.activities {
            out.attendance += activities::record(w, a)?.attendance.len();
            out.activities += 1;
        }
        for v in &plan.leader_visits {
            leaders::record(w, v)?;
            out.leader_visits += 1;
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{DateTime, TimeZone, Utc};
    use liaison_core::clock::{FakeClock, SeededEntropy};
    use liaison_core::duty::coverage;
    use liaison_core::ledger::Period;
    use liaison_core::store::Deps;

    use super::*;
    use crate::{DemoOptions, plan, write};

    /// 10:00 in China on 2026-11-25.
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap()
    }

    #[test]
    fn a_seeded_year_of_duty_with_most_stations_visited() {
        let city = plan(&DemoOptions { seed: 1, scale: 1, visits: false });
        let dir = tempfile::tempdir().unwrap();
        let deps = Deps { clock: Arc::new(FakeClock::at(now())), entropy: Arc::new(SeededEntropy::new(1)) };
        let mut store = Store::open_with(&dir.path().join("demo.db"), deps).unwrap();
        write(&mut store, &city, OPERATOR).unwrap();
        let calendar = Calendar::load(store.conn()).unwrap();
        let today = china_date(now());
        let a = plan_duty(&city, 7, &calendar, today);
        let b = plan_duty(&city, 7, &calendar, today);
        assert_eq!(
            (a.rota.len(), a.activities.len(), a.leader_visits.len()),
            (b.rota.len(), b.activities.len(), b.leader_visits.len())
        );
        assert_eq!(a.rota.first().map(|s| &s.deputy_codes), b.rota.first().map(|s| &s.deputy_codes), "seeded");

        let started = std::time::Instant::now();
        let summary = write_duty(&mut store, &city, 7).unwrap();
        eprintln!("duty demo: {summary:?} in {:?}", started.elapsed());
        assert!(
            summary.rota > 1000 && summary.activities > 300 && summary.attendance > 3 * summary.activities,
            "{summary:?}"
        );
        assert_eq!(write_duty(&mut store, &city, 7).unwrap(), DutySummary::default(), "no second year");

        let year = Period::days(today - Days::new(365), today).unwrap();
        let c = coverage(store.conn(), None, &year).unwrap();
        let rate = c.rate.unwrap();
        assert!((0.7..=1.0).contains(&rate), "coverage {rate}");
        let ahead = rota::list(store.conn(), None, today + Days::new(1), today + Days::new(45)).unwrap();
        assert!(ahead.len() > 100, "the rota runs a month ahead: {}", ahead.len());
        // Attendance is mostly present, some leave.
        let (present, leave): (i64, i64) = store
            .conn()
            .query_row("SELECT SUM(status = 'present'), SUM(status = 'leave') FROM activity_attendance", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert!(present > 6 * leave && leave > 0, "{present} present, {leave} on leave");
    }
}
