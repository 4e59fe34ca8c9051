//! Duty and activities on a real store (the small roster: XH-01 and LS-01 stations, the LS-LF legislative point,
//! deputies 张明新 D000001 and 单雄 D000002 at XH-01, 曾国强 D000003 at LS-01; the clock at 2026-03-02 17:00 in
//! China): every validation message in Chinese, one deputy per rota slot, coverage arithmetic, the duty file, the
//! printed rota and the 代表进站履职台账.

use chrono::NaiveDate;

use crate::clock::Clock;

use super::activities::{self, ActivityInput, AttendanceInput};
use super::leaders::{self, LeaderVisitInput};
use super::rota::{self, RotaInput, RotaSpan, rota_sheet, week_label};
use super::*;
use crate::error::Error;
use crate::ids::natural_id;
use crate::ledger::{LedgerScope, Period, duty_ledger};
use crate::roster::deputy::{self, DeputyInput};
use crate::roster::kinds::{PlatformKind, RegionKind};
use crate::roster::platform::{self, PlatformInput};
use crate::roster::region::{self, RegionInput};
use crate::testing::{TestStore, small_roster, temp_store};
use crate::workflow::{CitizenInput, MatterInput, State, VisitInput, register};

fn store() -> TestStore {
    let mut ts = temp_store();
    small_roster(&mut ts.store);
    ts
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn slot(station: &str, date: &str, session: &str, deputies: &[&str]) -> RotaInput {
    RotaInput {
        station_code: station.into(),
        date: date.into(),
        session: session.into(),
        deputy_codes: deputies.iter().map(|c| (*c).to_owned()).collect(),
    }
}

/// The form's issues as (field, message), or a panic when the result is not `InvalidFields`.
fn issues<T: std::fmt::Debug>(result: crate::Result<T>) -> Vec<(String, String)> {
    match result {
        Err(Error::InvalidFields(issues)) => issues.into_iter().map(|i| (i.field, i.message)).collect(),
        other => panic!("expected InvalidFields, got {other:?}"),
    }
}

fn message_of(issues: &[(String, String)], field: &str) -> String {
    issues.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone()).unwrap_or_else(|| panic!("{field}: {issues:?}"))
}

fn add(ts: &mut TestStore, input: &RotaInput) -> crate::Result<Vec<RotaEntry>> {
    ts.store.write("王文书", |w| rota::add(w, input))
}

/// Ends 单雄's term and closes LS-LF.
fn end_and_close(ts: &mut TestStore) {
    ts.store
        .write("tester", |w| {
            let ended = DeputyInput { ended_on: Some(d("2026-01-31")), ..crate::testing::deputy("D000002", "单雄") };
            deputy::save(w, &DeputyInput { private_phone: "13900001111".into(), ..ended })?;
            platform::save(
                w,
                &PlatformInput {
                    code: "LS-LF".into(),
                    name: "鲁山县基层立法联系点".into(),
                    kind: Some(PlatformKind::Legislative),
                    region_code: "410423".into(),
                    closed_on: Some(d("2026-02-01")),
                    ..Default::default()
                },
            )
        })
        .unwrap();
}

#[test]
fn a_rota_slot_reports_every_bad_field_in_chinese() {
    let mut ts = store();
    let all_bad = slot("", "2026-13-01", "晚上", &[]);
    let found = issues(add(&mut ts, &all_bad));
    assert_eq!(message_of(&found, "station_code"), "请选择联络站");
    assert_eq!(message_of(&found, "date"), "值班日期“2026-13-01”无效，应为 YYYY-MM-DD");
    assert_eq!(message_of(&found, "session"), "值班时段必须是上午、下午或全天");
    assert_eq!(message_of(&found, "deputy_codes"), "请至少选择一位值班代表");

    end_and_close(&mut ts);
    let found = issues(add(&mut ts, &slot("LS-LF", "2027-06-01", "上午", &["D999999", "D000002"])));
    assert_eq!(message_of(&found, "station_code"), "鲁山县基层立法联系点已撤销，不能排班");
    assert_eq!(message_of(&found, "date"), "值班日期不能晚于一年以后");
    assert_eq!(message_of(&found, "deputy_codes[0]"), "代表编号 D999999 不存在");
    assert_eq!(message_of(&found, "deputy_codes[1]"), "单雄（D000002）已终止代表资格，不能排班");
    assert_eq!(
        message_of(&issues(add(&mut ts, &slot("NO-01", "2026-03-05", "全天", &["D000001"]))), "station_code"),
        "联络站编码 NO-01 不存在"
    );
    let none: i64 = ts.store.conn().query_row("SELECT COUNT(*) FROM duty_rota", [], |r| r.get(0)).unwrap();
    assert_eq!(none, 0, "nothing written");
}

#[test]
fn one_deputy_per_slot_and_nobody_in_two_places_at_once() {
    let mut ts = store();
    let first = add(&mut ts, &slot("XH-01", "2026-03-05", "上午", &["D000001", "D000002"])).unwrap();
    assert_eq!(first.len(), 2);
    assert_eq!(
        (first[0].deputy_name.as_str(), first[0].session_label.as_str(), first[0].weekday.as_str()),
        ("张明新", "上午", "周四")
    );
    assert_eq!(first[0].deputy_levels, "市人大代表");

    let again = issues(add(&mut ts, &slot("XH-01", "2026-03-05", "morning", &["D000001"])));
    assert_eq!(message_of(&again, "deputy_codes[0]"), "张明新已排在2026-03-05上午值班，不能重复排班");
    let whole_day = issues(add(&mut ts, &slot("XH-01", "2026-03-05", "全天", &["D000002"])));
    assert_eq!(message_of(&whole_day, "deputy_codes[0]"), "单雄在2026-03-05已排本站上午值班，时间冲突");
    let elsewhere = issues(add(&mut ts, &slot("LS-01", "2026-03-05", "上午", &["D000001"])));
    assert!(message_of(&elsewhere, "deputy_codes[0]").contains("新华区光明路街道人大代表联络站上午值班，时间冲突"));
    let twice = issues(add(&mut ts, &slot("LS-01", "2026-03-06", "上午", &["D000003", "D000003"])));
    assert_eq!(message_of(&twice, "deputy_codes[1]"), "曾国强（D000003）重复选择");

    // The afternoon is free; the table's unique key holds whatever the checks say.
    add(&mut ts, &slot("XH-01", "2026-03-05", "下午", &["D000001"])).unwrap();
    let dup = ts.store.conn().execute(
        "INSERT INTO duty_rota (id, station_id, on_date, session, deputy_id)
         SELECT 'x', station_id, on_date, session, deputy_id FROM duty_rota LIMIT 1",
        [],
    );
    assert!(dup.is_err(), "UNIQUE (station, date, session, deputy)");

    // Removing and re-entering the slot gives back the same entity (its id is its key), alive again.
    let removed =
        ts.store.write("王文书", |w| rota::remove(w, &slot("XH-01", "2026-03-05", "上午", &["D000001"]))).unwrap();
    assert_eq!(removed, 1);
    let gone =
        issues(ts.store.write("王文书", |w| rota::remove(w, &slot("XH-01", "2026-03-05", "上午", &["D000001"]))));
    assert_eq!(message_of(&gone, "deputy_codes[0]"), "张明新在2026-03-05上午没有值班安排");
    let back = add(&mut ts, &slot("XH-01", "2026-03-05", "上午", &["D000001"])).unwrap();
    assert_eq!(back[0].id, first[0].id);

    let day = rota::on_duty(ts.store.conn(), None, d("2026-03-05")).unwrap();
    let seen: Vec<(&str, &str)> = day.iter().map(|e| (e.deputy_code.as_str(), e.session.as_str())).collect();
    assert_eq!(seen, [("D000001", "morning"), ("D000002", "morning"), ("D000001", "afternoon")]);
    assert!(rota::on_duty(ts.store.conn(), Some("LS-01"), d("2026-03-05")).unwrap().is_empty());
    assert!(matches!(
        rota::list(ts.store.conn(), Some("NO-01"), d("2026-03-01"), d("2026-03-31")),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn the_printed_rota_names_the_station_and_the_week() {
    let mut ts = store();
    add(&mut ts, &slot("XH-01", "2026-12-01", "全天", &["D000001"])).unwrap();
    add(&mut ts, &slot("XH-01", "2026-12-03", "下午", &["D000002"])).unwrap();
    add(&mut ts, &slot("XH-01", "2026-12-08", "上午", &["D000002"])).unwrap();
    let week = rota_sheet(ts.store.conn(), "XH-01", RotaSpan::Week(d("2026-12-02"))).unwrap();
    assert_eq!(week.title.as_deref(), Some("新华区光明路街道人大代表联络站代表进站值班表（2026年12月第1周）"));
    assert_eq!(week.headers, ["序号", "日期", "星期", "时段", "值班代表", "代表身份", "联系方式"]);
    assert_eq!(week.rows.len(), 2, "{:?}", week.rows);
    assert_eq!(week.rows[0][..5], ["1", "2026-12-01", "周二", "全天", "张明新"]);
    let month = rota_sheet(ts.store.conn(), "XH-01", RotaSpan::Month { year: 2026, month: 12 }).unwrap();
    assert_eq!(month.title.as_deref(), Some("新华区光明路街道人大代表联络站代表进站值班表（2026年12月）"));
    assert_eq!(month.rows.len(), 3);
    assert!(matches!(rota_sheet(ts.store.conn(), "NO-01", RotaSpan::Week(d("2026-12-02"))), Err(Error::NotFound(_))));
}

#[test]
fn weeks_belong_to_the_month_of_their_thursday() {
    assert_eq!(week_label(d("2026-11-30")), "2026年12月第1周");
    assert_eq!(week_label(d("2026-12-07")), "2026年12月第2周");
    assert_eq!(week_label(d("2026-06-29")), "2026年7月第1周");
    assert_eq!(week_label(d("2026-12-28")), "2026年12月第5周");
    assert_eq!(week_label(d("2027-03-01")), "2027年3月第1周");
}

#[test]
fn the_rota_is_due_three_days_before_its_week() {
    let wednesday = rota_announcement_due(d("2026-11-25"), rota::ANNOUNCE_DAYS_AHEAD);
    assert_eq!((wednesday.week_start, wednesday.week_end), (d("2026-11-30"), d("2026-12-06")));
    assert_eq!((wednesday.publish_by, wednesday.days_left), (d("2026-11-27"), 2));
    assert_eq!(wednesday.message, "2026年12月第1周值班表应于2026年11月27日前公示");
    let friday = rota_announcement_due(d("2026-11-27"), 3);
    assert_eq!((friday.week_start, friday.days_left), (d("2026-11-30"), 0));
    let saturday = rota_announcement_due(d("2026-11-28"), 3);
    assert_eq!((saturday.week_start, saturday.days_left), (d("2026-11-30"), -1), "late, not skipped");
    assert!(saturday.message.ends_with("已逾期1天"), "{}", saturday.message);
    let monday = rota_announcement_due(d("2026-11-30"), 3);
    assert_eq!(
        (monday.week_start, monday.publish_by, monday.week_label.as_str()),
        (d("2026-12-07"), d("2026-12-04"), "2026年12月第2周")
    );
    assert_eq!(rota_announcement_due(d("2026-11-30"), 5).publish_by, d("2026-12-02"), "the office's own rule");
}

fn activity(date: &str, kind: &str, attendance: &[(&str, &str, &str)]) -> ActivityInput {
    ActivityInput {
        station_code: "XH-01".into(),
        date: date.into(),
        kind: kind.into(),
        title: "老旧小区改造专题调研".into(),
        place: "光明路社区".into(),
        attendance: attendance
            .iter()
            .map(|(c, s, r)| AttendanceInput { deputy_code: (*c).into(), status: (*s).into(), reason: (*r).into() })
            .collect(),
        ..Default::default()
    }
}

#[test]
fn activities_check_kind_dates_and_attendance_in_chinese() {
    let mut ts = store();
    let bad = ActivityInput { title: " ".into(), ..activity("2026-03-09", "开会", &[("D000001", "出席", "")]) };
    let found = issues(ts.store.write("王文书", |w| activities::record(w, &bad)));
    assert_eq!(message_of(&found, "date"), "已开展的活动日期不能晚于今天；尚未开展的请登记为计划");
    assert_eq!(
        message_of(&found, "kind"),
        "活动形式必须是：接待群众、调研、视察、座谈、宣讲、述职评议、执法检查、建议督办"
    );
    assert_eq!(message_of(&found, "title"), "活动主题不能为空");

    let planned = ActivityInput { planned: true, ..activity("2026-03-09", "座谈", &[("D000001", "出席", "")]) };
    let found = issues(ts.store.write("王文书", |w| activities::record(w, &planned)));
    assert_eq!(message_of(&found, "attendance"), "活动尚未开展，不能登记出勤");

    let lines = activity(
        "2026-02-26",
        "调研",
        &[("D000001", "请假", " "), ("D999999", "出席", ""), ("D000002", "迟到", ""), ("D000001", "出席", "")],
    );
    let found = issues(ts.store.write("王文书", |w| activities::record(w, &lines)));
    assert_eq!(message_of(&found, "attendance[0].reason"), "张明新请假须填写事由");
    assert_eq!(message_of(&found, "attendance[1].deputy_code"), "代表编号 D999999 不存在");
    assert_eq!(message_of(&found, "attendance[2].status"), "出勤情况必须是出席、请假或缺席");
    assert_eq!(message_of(&found, "attendance[3].deputy_code"), "张明新（D000001）重复登记");

    let ok = activity("2026-02-26", "调研", &[("D000002", "请假", "外出开会"), ("D000001", "出席", "不该留下")]);
    let view = ts.store.write("王文书", |w| activities::record(w, &ok)).unwrap();
    assert_eq!((view.kind_label.as_str(), view.status_label.as_str()), ("调研", "已开展"));
    let lines: Vec<(&str, &str, &str)> =
        view.attendance.iter().map(|l| (l.deputy_code.as_str(), l.status_label.as_str(), l.reason.as_str())).collect();
    assert_eq!(lines, [("D000001", "出席", ""), ("D000002", "请假", "外出开会")]);
    let planned = ActivityInput { planned: true, ..activity("2026-03-20", "宣讲", &[]) };
    ts.store.write("王文书", |w| activities::record(w, &planned)).unwrap();
    let q1: Period = "2026-Q1".parse().unwrap();
    let listed = activities::list(ts.store.conn(), Some("XH-01"), &q1).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].attendance.len(), 2);
    assert_eq!(listed[1].status, ActivityStatus::Planned);
    assert!(activities::list(ts.store.conn(), Some("LS-01"), &q1).unwrap().is_empty());
}

fn leader(station: &str, date: &str) -> LeaderVisitInput {
    LeaderVisitInput {
        station_code: station.into(),
        date: date.into(),
        leader_name: "李建国".into(),
        leader_post: "市人大常委会副主任".into(),
        purpose: "进站接待群众".into(),
    }
}

#[test]
fn coverage_is_distinct_stations_visited_over_open_stations_in_scope() {
    let mut ts = store();
    let bad = LeaderVisitInput { leader_name: String::new(), leader_post: " ".into(), ..leader("XH-01", "2026-03-03") };
    let found = issues(ts.store.write("王文书", |w| leaders::record(w, &bad)));
    assert_eq!(message_of(&found, "date"), "进站日期不能晚于今天");
    assert_eq!(message_of(&found, "leader_name"), "请填写领导姓名");
    assert_eq!(message_of(&found, "leader_post"), "请填写领导职务，如市人大常委会副主任");

    ts.store
        .write("王文书", |w| {
            // Two visits to XH-01 count once; the 2025 visit to LS-LF is outside the quarter.
            for (station, date) in
                [("XH-01", "2026-01-15"), ("XH-01", "2026-02-20"), ("LS-01", "2026-03-02"), ("LS-LF", "2025-12-30")]
            {
                leaders::record(w, &leader(station, date))?;
            }
            // A township of 鲁山县 with no platform at all.
            region::save(
                w,
                &RegionInput {
                    code: "410423200".into(),
                    name: "赵村镇".into(),
                    kind: RegionKind::Town,
                    parent_code: Some("410423".into()),
                },
            )?;
            Ok(())
        })
        .unwrap();
    let q1: Period = "2026-Q1".parse().unwrap();
    let city = coverage(ts.store.conn(), None, &q1).unwrap();
    assert_eq!((city.stations_in_scope, city.stations_visited, city.visits), (3, 2, 3));
    assert!((city.rate.unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(
        (city.rate_label.as_str(), city.scope.as_str(), city.period.as_str()),
        ("66.7%", "全部", "2026年第一季度")
    );
    assert_eq!(city.not_visited.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["LS-LF"]);

    let county = coverage(ts.store.conn(), Some("410423"), &q1).unwrap();
    assert_eq!((county.stations_in_scope, county.stations_visited, county.rate_label.as_str()), (2, 1, "50.0%"));
    let district = coverage(ts.store.conn(), Some("410402"), &q1).unwrap();
    assert_eq!((district.rate, district.rate_label.as_str()), (Some(1.0), "100.0%"));

    let empty = coverage(ts.store.conn(), Some("410423200"), &q1).unwrap();
    assert_eq!(
        (empty.stations_in_scope, empty.stations_visited, empty.rate, empty.rate_label.as_str()),
        (0, 0, None, "—")
    );
    assert!(empty.not_visited.is_empty());
    assert!(matches!(coverage(ts.store.conn(), Some("999999"), &q1), Err(Error::NotFound(_))));

    // A closed platform leaves the scope: the visited ones now make the whole city.
    end_and_close(&mut ts);
    let city = coverage(ts.store.conn(), None, &q1).unwrap();
    assert_eq!((city.stations_in_scope, city.stations_visited, city.rate), (2, 2, Some(1.0)));
    assert_eq!(leaders::list(ts.store.conn(), None, &q1).unwrap().len(), 3);
}

fn visit(station: &str, deputies: &[&str], responder: &str, title: &str) -> VisitInput {
    VisitInput {
        station_code: station.into(),
        channel: "来访".into(),
        deputies: deputies.iter().map(|c| (*c).to_owned()).collect(),
        citizens: vec![CitizenInput { anonymous: true, ..Default::default() }],
        head_count: Some(2),
        matters: vec![MatterInput {
            title: title.into(),
            category: "城乡建设".into(),
            first_responder: responder.into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// 张明新's quarter: two duty sessions, two activities, visits and matters at two stations.
fn quarter_of_work(ts: &mut TestStore) {
    add(ts, &slot("XH-01", "2026-02-10", "上午", &["D000001", "D000002"])).unwrap();
    add(ts, &slot("XH-01", "2026-03-02", "全天", &["D000001"])).unwrap();
    add(ts, &slot("XH-01", "2026-03-09", "全天", &["D000001"])).unwrap(); // next week: planned, not yet done
    ts.store
        .write("王文书", |w| {
            activities::record(
                w,
                &activity("2026-02-26", "调研", &[("D000001", "出席", ""), ("D000002", "请假", "外出")]),
            )?;
            let reception = ActivityInput {
                people_received: Some(12),
                ..activity("2026-01-20", "接待群众", &[("D000001", "请假", "住院"), ("D000002", "出席", "")])
            };
            activities::record(w, &reception)?;
            register(w, &visit("XH-01", &["D000001"], "张明新", "路灯不亮"))?;
            register(w, &visit("XH-01", &[], "张明新", "井盖缺失"))?; // his own station: his
            register(w, &visit("LS-01", &[], "张明新", "鲁山的同名代表"))?; // another 张明新's
            register(w, &visit("LS-01", &["D000001", "D000003"], "曾国强", "道路破损"))?;
            register(w, &visit("LS-01", &[], "D000001", "写了编号的首问"))?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_duty_file_gathers_duty_activities_visits_and_first_responded_matters() {
    let mut ts = store();
    quarter_of_work(&mut ts);
    let q1: Period = "2026-Q1".parse().unwrap();
    let now = ts.clock.now();
    let file = duty_file(ts.store.conn(), "D000001", &q1, now).unwrap();
    assert_eq!((file.deputy_name.as_str(), file.station_name.as_str()), ("张明新", "新华区光明路街道人大代表联络站"));
    assert_eq!(
        file.duty.iter().map(|e| e.date).collect::<Vec<_>>(),
        [d("2026-02-10"), d("2026-03-02"), d("2026-03-09")]
    );
    let acts: Vec<(&str, &str)> =
        file.activities.iter().map(|a| (a.activity.kind_label.as_str(), a.own.status_label.as_str())).collect();
    assert_eq!(acts, [("接待群众", "请假"), ("调研", "出席")]);
    assert_eq!(file.activities[0].own.reason, "住院");
    assert_eq!(file.visits.len(), 2, "the visits that name him");
    let titles: Vec<&str> = file.matters.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        ["写了编号的首问", "路灯不亮", "井盖缺失"],
        "not the other 张明新’s, not 曾国强’s (same minute: by code)"
    );
    assert!(
        file.matters.iter().all(|m| m.state == Some(State::Registered) && m.state_label == "待研判"),
        "{:?}",
        file.matters
    );
    let t = file.totals;
    assert_eq!((t.duty_sessions, t.duty_days, t.present, t.leave, t.absent), (3, 3, 1, 1, 0));
    assert_eq!((t.visits, t.people_received, t.matters, t.matters_closed), (2, 4, 3, 0));

    let q4: Period = "2025-Q4".parse().unwrap();
    let empty = duty_file(ts.store.conn(), "D000001", &q4, now).unwrap();
    assert_eq!(empty.totals, file::DutyTotals::default());
    assert!(matches!(duty_file(ts.store.conn(), "D999999", &q1, now), Err(Error::NotFound(_))));
}

#[test]
fn the_duty_ledger_has_a_row_per_deputy_per_duty_session_and_activity() {
    let mut ts = store();
    quarter_of_work(&mut ts);
    let scope = LedgerScope { station_code: Some("XH-01".into()), period: "2026-Q1".parse().unwrap() };
    let table = duty_ledger(ts.store.conn(), &scope, ts.clock.now()).unwrap();
    assert_eq!(table.title.as_deref(), Some("新华区光明路街道人大代表联络站 代表进站履职台账（2026年第一季度）"));
    assert_eq!(table.headers[..7], ["序号", "日期", "联络站", "代表姓名", "代表编号", "代表身份", "履职形式"]);
    let rows: Vec<Vec<&str>> = table.rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let brief: Vec<(&str, &str, &str, &str, &str, &str)> =
        rows.iter().map(|r| (r[0], r[1], r[3], r[6], r[9], r[11])).collect();
    assert_eq!(
        brief,
        [
            ("1", "2026-01-20", "张明新", "接待群众", "请假", "12"),
            ("2", "2026-01-20", "单雄", "接待群众", "出席", "12"),
            ("3", "2026-02-10", "张明新", "进站接待", "", "0"),
            ("4", "2026-02-10", "单雄", "进站接待", "", "0"),
            ("5", "2026-02-26", "张明新", "调研", "出席", ""),
            ("6", "2026-02-26", "单雄", "调研", "请假", ""),
            ("7", "2026-03-02", "张明新", "进站接待", "", "2"),
        ],
        "the 2026-03-09 duty is not yet done; the planned rows and other stations are left out"
    );
    assert_eq!(rows[6][12], "1", "one matter raised in the visit he received at XH-01 that day");
    assert_eq!(rows[5][10], "外出");
    assert_eq!(rows[0][5], "市人大代表");

    let all = LedgerScope { station_code: None, period: "2026-Q1".parse().unwrap() };
    let table = duty_ledger(ts.store.conn(), &all, ts.clock.now()).unwrap();
    assert_eq!(table.rows.len(), 7, "no duty or activity at LS-01");
    let nowhere = LedgerScope { station_code: Some("NO-01".into()), period: "2026-Q1".parse().unwrap() };
    assert!(matches!(duty_ledger(ts.store.conn(), &nowhere, ts.clock.now()), Err(Error::NotFound(_))));
}

#[test]
fn concurrent_entries_of_one_slot_merge_into_one_entity() {
    // Two nodes enter the same slot offline: the same natural id, so the second insert merges instead of
    // breaking the projection's UNIQUE constraint.
    let a = natural_id(&["duty_slot", "s", "2026-03-05", "morning", "d"]);
    assert_eq!(a, natural_id(&["duty_slot", "s", "2026-03-05", "morning", "d"]));
    assert_ne!(a, natural_id(&["duty_slot", "s", "2026-03-05", "afternoon", "d"]));
    assert_ne!(natural_id(&["ab", "c"]), natural_id(&["a", "bc"]));
    let mut ts = store();
    let entry = add(&mut ts, &slot("XH-01", "2026-03-05", "上午", &["D000001"])).unwrap().remove(0);
    let remote = crate::changelog::Change {
        node_id: "other-node".into(),
        hlc: crate::hlc::Hlc(1),
        entity: crate::changelog::EntityKind::DutySlot,
        entity_id: entry.id.clone(),
        op: crate::changelog::Op::Insert,
        fields: crate::changelog::history(ts.store.conn(), crate::changelog::EntityKind::DutySlot, &entry.id)
            .unwrap()
            .remove(0)
            .change
            .fields,
        operator: "李文书".into(),
        bases: Default::default(),
    };
    ts.store.write("sync", |w| w.apply_remote(&remote)).unwrap();
    let count: i64 = ts.store.conn().query_row("SELECT COUNT(*) FROM duty_rota", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 1);
}
