//! The station and deputy charts on a small hand-counted store (the small roster: XH-01 with 张明新 D000001 and
//! 单雄 D000002, LS-01 with 曾国强 D000003, the LS-LF point; plus 李四 D000004 in the group of LS-LF, closed
//! since 2026-02-01, so in no open group; the clock at
//! 2026-03-02 in China), for the city and for one station, and the screen's board built from them.

use super::board::board;
use super::chart::{Chart, Ratio, Series};
use super::deputies::{duty_attendance, first_responded, station_assignment};
use super::picture::png_from_data_url;
use super::scope::Scope;
use super::stations::{leader_coverage, star_stations, station_activity};
use crate::duty::activities::{self, ActivityInput, AttendanceInput};
use crate::duty::leaders::{self, LeaderVisitInput};
use crate::duty::rota::{self, RotaInput};
use crate::ledger::period::Period;
use crate::roster::deputy::{self, DeputyInput, LevelTerm};
use crate::roster::kinds::{Level, PlatformKind, StarLevel};
use crate::roster::platform::{self, PlatformInput, StarRating};
use crate::testing::{TestStore, deputy as deputy_input, small_roster, temp_store};
use crate::workflow::deadlines::china_date;
use crate::workflow::{MatterInput, VisitInput, register};

fn year() -> Period {
    Period::year(2026).unwrap()
}

fn xh() -> Scope {
    Scope::Station("XH-01".into())
}

fn chart(labels: &[&str], series: &[(&str, &[u32])]) -> Chart {
    Chart {
        labels: labels.iter().map(|l| (*l).to_owned()).collect(),
        series: series.iter().map(|(n, v)| Series { name: (*n).to_owned(), values: v.to_vec() }).collect(),
    }
}

/// The months of 2026 with `at` (month number → value) set, the rest 0.
fn months(at: &[(usize, u32)]) -> Vec<u32> {
    let mut v = vec![0; 12];
    for (m, n) in at {
        v[m - 1] = *n;
    }
    v
}

/// Rota: XH-01 on 02-10 (two sessions, one day) and 03-10 (still to come), LS-01 on 02-20. Activities: XH-01 on
/// 02-15 (张明新 present, 单雄 on leave), LS-01 on 01-20 (曾国强 absent). Leaders: XH-01 twice in February.
/// Stars: LS-01 province level. Matters: two at XH-01 first-responded by 张明新, one at LS-01 by the clerk.
fn city() -> TestStore {
    let mut ts = temp_store();
    small_roster(&mut ts.store);
    let slot = |station: &str, date: &str, session: &str, deputy: &str| RotaInput {
        station_code: station.into(),
        date: date.into(),
        session: session.into(),
        deputy_codes: vec![deputy.into()],
    };
    let attend = |code: &str, status: &str, reason: &str| AttendanceInput {
        deputy_code: code.into(),
        status: status.into(),
        reason: reason.into(),
    };
    let activity = |station: &str, date: &str, attendance| ActivityInput {
        station_code: station.into(),
        date: date.into(),
        kind: "座谈".into(),
        title: "民生座谈会".into(),
        attendance,
        ..Default::default()
    };
    ts.store
        .write("王文书", |w| {
            deputy::save(
                w,
                &DeputyInput {
                    station_code: Some("LS-LF".into()),
                    levels: vec![LevelTerm { level: Level::Township, term: Some(12) }],
                    ..deputy_input("D000004", "李四")
                },
            )?;
            platform::save(
                w,
                &PlatformInput {
                    code: "LS-LF".into(),
                    name: "鲁山县基层立法联系点".into(),
                    kind: Some(PlatformKind::Legislative),
                    region_code: "410423".into(),
                    closed_on: Some("2026-02-01".parse().unwrap()),
                    ..Default::default()
                },
            )?;
            platform::save(
                w,
                &PlatformInput {
                    code: "LS-01".into(),
                    name: "鲁山县尧山镇人大代表联络站".into(),
                    kind: Some(PlatformKind::Station),
                    region_code: "410423100".into(),
                    star_ratings: vec![StarRating {
                        level: StarLevel::Province,
                        year: 2025,
                        withdrawn_on: None,
                        reason: String::new(),
                    }],
                    ..Default::default()
                },
            )?;
            for s in [
                slot("XH-01", "2026-02-10", "上午", "D000001"),
                slot("XH-01", "2026-02-10", "下午", "D000002"),
                slot("XH-01", "2026-03-10", "全天", "D000001"),
                slot("LS-01", "2026-02-20", "上午", "D000003"),
            ] {
                rota::add(w, &s)?;
            }
            activities::record(
                w,
                &activity(
                    "XH-01",
                    "2026-02-15",
                    vec![attend("D000001", "出席", ""), attend("D000002", "请假", "出差")],
                ),
            )?;
            activities::record(w, &activity("LS-01", "2026-01-20", vec![attend("D000003", "缺席", "")]))?;
            for _ in 0..2 {
                leaders::record(
                    w,
                    &LeaderVisitInput {
                        station_code: "XH-01".into(),
                        date: "2026-02-01".into(),
                        leader_name: "刘主任".into(),
                        leader_post: "市人大常委会副主任".into(),
                        purpose: String::new(),
                    },
                )?;
            }
            register(w, &crate::workflow::tests::visit_input(2))?;
            let at_ls = VisitInput {
                station_code: "LS-01".into(),
                matters: vec![MatterInput {
                    title: "道路破损".into(),
                    category: "交通出行".into(),
                    first_responder: "王文书".into(),
                    ..Default::default()
                }],
                ..crate::workflow::tests::visit_input(0)
            };
            register(w, &at_ls)?;
            Ok(())
        })
        .unwrap();
    ts
}

fn today(ts: &TestStore) -> chrono::NaiveDate {
    china_date(crate::workflow::tests::now(ts))
}

#[test]
fn station_activity_counts_visits_and_duty_days_planned_and_come() {
    let ts = city();
    let conn = ts.store.conn();
    assert_eq!(today(&ts).to_string(), "2026-03-02");
    let city = station_activity(conn, &Scope::City, &year(), today(&ts)).unwrap();
    let names = ["新华区光明路街道人大代表联络站", "鲁山县尧山镇人大代表联络站"];
    let want = chart(&names, &[("接待群众（件次）", &[1, 1]), ("计划值班（天）", &[2, 1]), ("已值班（天）", &[1, 1])]);
    assert_eq!(city, want);
    let one = station_activity(conn, &xh(), &year(), today(&ts)).unwrap();
    assert_eq!(one.labels[1], "2026-02");
    assert_eq!(one.series[0].values, months(&[(3, 1)]));
    assert_eq!(one.series[1].values, months(&[(2, 1), (3, 1)]), "two sessions on 02-10 are one day");
    assert_eq!(one.series[2].values, months(&[(2, 1)]), "03-10 has not come");
    let q1 = station_activity(conn, &Scope::City, &Period::month(2026, 1).unwrap(), today(&ts)).unwrap();
    assert!(q1.series.iter().all(|s| s.values == [0, 0]), "{q1:?}");
}

#[test]
fn star_stations_and_leaders_coverage_by_county() {
    let ts = city();
    let conn = ts.store.conn();
    assert_eq!(
        star_stations(conn, &Scope::City).unwrap(),
        chart(&["鲁山县"], &[("省级星级联络站（个）", &[1]), ("市级星级联络站（个）", &[0])])
    );
    assert_eq!(
        star_stations(conn, &xh()).unwrap(),
        chart(&[], &[("省级星级联络站（个）", &[]), ("市级星级联络站（个）", &[])])
    );
    let (by_county, ratio) = leader_coverage(conn, &Scope::City, &year()).unwrap();
    assert_eq!(by_county, chart(&["新华区", "鲁山县"], &[("联络站（个）", &[1, 1]), ("领导已进站（个）", &[1, 0])]));
    assert_eq!((ratio.part, ratio.whole), (1, 2), "the closed point is out of scope");
    let (one, ratio) = leader_coverage(conn, &xh(), &year()).unwrap();
    assert_eq!(one.series[0].values, months(&[(2, 2)]));
    assert_eq!(ratio, Ratio::of(1, 1));
    let (_, march) = leader_coverage(conn, &Scope::City, &Period::month(2026, 3).unwrap()).unwrap();
    assert_eq!(march, Ratio::of(0, 2));
}

#[test]
fn deputies_grouped_attending_and_first_responding() {
    let ts = city();
    let conn = ts.store.conn();
    let (levels, ratio) = station_assignment(conn, &Scope::City).unwrap();
    let labels = ["全国人大代表", "省人大代表", "市人大代表", "县人大代表", "乡人大代表"];
    assert_eq!(levels, chart(&labels, &[("代表（人）", &[0, 0, 2, 1, 1]), ("已编组进站（人）", &[0, 0, 2, 1, 0])]));
    assert_eq!((ratio.part, ratio.whole), (3, 4), "李四's point is closed");
    assert_eq!(station_assignment(conn, &xh()).unwrap().1, Ratio::of(2, 2));

    let (months_chart, ratio) = duty_attendance(conn, &Scope::City, &year()).unwrap();
    assert_eq!(months_chart.series[0].values, months(&[(2, 1)]));
    assert_eq!(months_chart.series[1].values, months(&[(2, 1)]));
    assert_eq!(months_chart.series[2].values, months(&[(1, 1)]));
    assert_eq!(ratio, Ratio::of(1, 3));
    assert_eq!(duty_attendance(conn, &xh(), &year()).unwrap().1, Ratio::of(1, 2));

    let (by_level, top) = first_responded(conn, &Scope::City, &year(), 10).unwrap();
    assert_eq!(by_level.series[0].values, [0, 0, 2, 0, 0, 1], "张明新 (市) twice, the clerk once");
    assert_eq!(top, chart(&["张明新"], &[("首问办理（件）", &[2])]));
    let (by_level, _) = first_responded(conn, &Scope::Station("LS-01".into()), &year(), 10).unwrap();
    assert_eq!(by_level.series[0].values, [0, 0, 0, 0, 0, 1]);
}

#[test]
fn the_board_takes_its_cards_from_its_charts() {
    let ts = city();
    let conn = ts.store.conn();
    let b = board(conn, &Scope::City, &year(), crate::workflow::tests::now(&ts)).unwrap();
    assert_eq!((b.scope.as_str(), b.period.as_str()), ("全市", "2026年"));
    let h = &b.headline;
    assert_eq!((h.matters, h.visits, h.star_stations, h.overdue), (3, 2, 1, 0));
    assert_eq!((h.assignment, h.attendance, h.leader_coverage), (Ratio::of(3, 4), Ratio::of(1, 3), Ratio::of(1, 2)));
    assert_eq!(h.on_time_rate, None, "nothing assigned yet");
    let station = board(conn, &xh(), &year(), crate::workflow::tests::now(&ts)).unwrap();
    assert_eq!(station.scope, "新华区光明路街道人大代表联络站");
    assert_eq!(station.headline.visits, 1);
    let unknown = board(conn, &Scope::Station("NO-01".into()), &year(), crate::workflow::tests::now(&ts));
    assert!(matches!(unknown, Err(crate::Error::NotFound(_))), "{unknown:?}");
}

#[test]
fn a_chart_picture_must_be_a_png_data_url() {
    let mut encoded = Vec::new();
    image::RgbImage::from_pixel(2, 1, image::Rgb([255, 255, 255]))
        .write_to(&mut std::io::Cursor::new(&mut encoded), image::ImageFormat::Png)
        .unwrap();
    let png = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &encoded);
    let bytes = png_from_data_url(&format!("data:image/png;base64,{png}")).unwrap();
    assert_eq!(bytes, encoded);
    for bad in [
        format!("data:image/jpeg;base64,{png}"),
        "data:image/png;base64,not base64!".to_owned(),
        "data:image/png;base64,aGVsbG8=".to_owned(),
        png.to_owned(),
    ] {
        let err = png_from_data_url(&bad).unwrap_err();
        assert!(matches!(err, crate::Error::Invalid(_)), "{bad}: {err:?}");
    }
}
