//! The unit figures and the ranking, table-tested against small cases computed by hand (in the comments), with a
//! weekends-only calendar: July 2026 starts on a Wednesday.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::hlc::Hlc;
use crate::workflow::model::{Event, Limit, Rating};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A matter's events, each recorded at 10:00 China time on its day, in order.
fn matter(events: Vec<(NaiveDate, Event)>) -> Vec<Recorded> {
    events
        .into_iter()
        .enumerate()
        .map(|(i, (on, event))| Recorded {
            id: format!("e{i}"),
            at: Utc.from_utc_datetime(&on.and_hms_opt(2, 0, 0).unwrap()),
            operator: "t".into(),
            node_id: "n".into(),
            hlc: Hlc(i64::try_from(i).unwrap() + 1),
            event,
        })
        .collect()
}

fn assigned(lead: &str) -> Event {
    Event::Assigned {
        lead: lead.into(),
        co: vec!["XB".into()],
        due_on: None,
        reason: String::new(),
        limit: Some(Limit::working_days(5)),
        return_window: Some(Limit::working_days(2)),
    }
}

fn start() -> Vec<(NaiveDate, Event)> {
    vec![
        (day(6, 29), Event::Registered { limit: None, register: None }),
        (day(6, 29), Event::RoutedForAssignment { limit: None }),
    ]
}

fn replied() -> Event {
    Event::Replied { text: "已处理".into(), not_competent: false, competent_body: String::new() }
}

fn close(on: NaiveDate, rating: Rating) -> Vec<(NaiveDate, Event)> {
    vec![
        (on, Event::Finished { summary: String::new(), limit: None, lookback: None }),
        (
            on,
            Event::FedBack {
                how: "电话".into(), told_on: None, deputy_told: false, unreachable_reason: String::new()
            },
        ),
        (on, Event::Rated { rating, reason: "未解决".into(), limit: None }),
    ]
}

fn q3() -> Period {
    Period::quarter(2026, 3).unwrap()
}

/// The hand-computed cases:
/// - A: assigned 7/1 (due 7/8, window to 7/3), accepted 7/2, replied 7/6, 满意. Then a second matter returned by C
///   and reassigned to A on 7/3 (due 7/10), never answered: overdue on 8/1.
/// - B: assigned 7/1, accepted 7/6 (window ended 7/3: late), replied 7/10 (due 7/8: late), 不满意, replied again
///   7/15 (re-handled), 基本满意.
/// - C: assigned 7/1, 退办 7/2.
/// - An assignment to B on 6/30 lies outside the third quarter and is not counted.
fn cases() -> Vec<Vec<Recorded>> {
    let a = [
        start(),
        vec![(day(7, 1), assigned("A")), (day(7, 2), Event::Accepted { unit: "A".into() }), (day(7, 6), replied())],
        close(day(7, 7), Rating::Satisfied),
    ]
    .concat();
    let b = [
        start(),
        vec![(day(7, 1), assigned("B")), (day(7, 6), Event::Accepted { unit: "B".into() }), (day(7, 10), replied())],
        close(day(7, 13), Rating::Unsatisfied),
        vec![(day(7, 15), replied())],
        close(day(7, 16), Rating::BasicallySatisfied),
    ]
    .concat();
    let c = [
        start(),
        vec![
            (day(7, 1), assigned("C")),
            (day(7, 2), Event::Returned { unit: "C".into(), reason: "不属于本单位职责".into(), limit: None }),
            (day(7, 3), assigned("A")),
        ],
    ]
    .concat();
    let outside = [
        start(),
        vec![(day(6, 30), assigned("B")), (day(7, 1), Event::Accepted { unit: "B".into() }), (day(7, 1), replied())],
    ]
    .concat();
    [a, b, c, outside].into_iter().map(matter).collect()
}

#[test]
fn each_units_figures_match_the_hand_computed_ones() {
    let calendar = Calendar::from_days([]);
    let got = figures(&cases(), &q3(), &calendar, day(8, 1));
    let a = UnitFigures {
        received: 2,
        acknowledged_in_time: 1,
        handled: 1,
        handled_in_time: 1,
        overdue_open: 1,
        rated: 1,
        satisfied: 1,
        ..UnitFigures::default()
    };
    let b = UnitFigures {
        received: 1,
        handled: 1,
        rated: 2,
        satisfied: 1,
        unsatisfied: 1,
        rehandled: 1,
        ..UnitFigures::default()
    };
    let c = UnitFigures { received: 1, returns: 1, signals: 1, ..UnitFigures::default() };
    assert_eq!(got["A"], a);
    assert_eq!(got["B"], b);
    assert_eq!(got["C"], c);
    assert_eq!(got["XB"].co_handled, 4, "the co-handler of every counted assignment");
    assert_eq!((got["A"].on_time_rate(), got["A"].satisfaction_rate()), (Some(0.5), Some(1.0)));
    assert_eq!((got["B"].on_time_rate(), got["B"].satisfaction_rate()), (Some(0.0), Some(0.5)));
    assert_eq!((got["C"].on_time_rate(), got["C"].satisfaction_rate()), (None, None), "nothing to divide: no rate");
}

#[test]
fn the_same_matters_judged_before_the_due_date_are_not_overdue() {
    let got = figures(&cases(), &q3(), &Calendar::from_days([]), day(7, 9));
    assert_eq!(got["A"].overdue_open, 0, "A's second matter is due 7/10");
    let outside = figures(&cases(), &Period::quarter(2026, 2).unwrap(), &Calendar::from_days([]), day(8, 1));
    assert_eq!(outside["B"].received, 1, "the 6/30 assignment counts in the second quarter");
    assert_eq!(outside["B"].handled_in_time, 1);
    assert!(!outside.contains_key("A"));
}

#[test]
fn a_holiday_moves_the_due_date_and_so_the_verdict() {
    // 7/6–7/8 off: B's due date moves from 7/8 to 7/13 and its 7/10 reply is in time.
    let off = (6..=8).map(|d| crate::calendar::CalendarDay { date: day(7, d), off: true, name: "测试".into() });
    let got = figures(&cases(), &q3(), &Calendar::from_days(off), day(8, 1));
    assert_eq!((got["B"].handled, got["B"].handled_in_time), (1, 1));
}

fn units(rows: &[(&str, UnitFigures)]) -> BTreeMap<String, UnitFigures> {
    rows.iter().map(|(code, f)| ((*code).to_owned(), f.clone())).collect()
}

fn unit(received: u32, satisfied: u32, rated: u32, in_time: u32, handled: u32, signals: u32) -> UnitFigures {
    UnitFigures { received, satisfied, rated, handled_in_time: in_time, handled, signals, ..UnitFigures::default() }
}

#[test]
fn rated_units_rank_by_satisfaction_then_on_time_then_signals_and_the_bottom_three_are_flagged() {
    let figures = units(&[
        ("U1", unit(4, 4, 4, 4, 4, 0)), // 100 %, 100 %
        ("U2", unit(4, 3, 4, 4, 4, 0)), // 75 %, 100 %
        ("U3", unit(4, 3, 4, 2, 4, 0)), // 75 %, 50 %
        ("U4", unit(4, 3, 4, 2, 4, 2)), // 75 %, 50 %, more signals than U3
        ("U5", unit(2, 0, 0, 1, 1, 0)), // no ratings: not ranked
    ]);
    let mut names: BTreeMap<String, String> = figures.keys().map(|c| (c.clone(), format!("{c}局"))).collect();
    names.insert("U6".into(), "U6局".into());
    let rows = rank(figures, &names);
    let order: Vec<(&str, Option<u32>, bool)> =
        rows.iter().map(|r| (r.unit_code.as_str(), r.rank, r.flagged)).collect();
    assert_eq!(
        order,
        [
            ("U1", Some(1), false),
            ("U2", Some(2), true),
            ("U3", Some(3), true),
            ("U4", Some(4), true),
            ("U5", None, false),
            ("U6", None, false),
        ],
        "U5 has no rated answer and U6 was given nothing: listed, not ranked"
    );
    assert_eq!(flagged(&rows).len(), FLAGGED);
}

#[test]
fn three_or_fewer_ranked_units_flag_nobody_and_an_empty_period_ranks_nobody() {
    let figures = units(&[("U1", unit(1, 1, 1, 1, 1, 0)), ("U2", unit(1, 0, 1, 0, 1, 0))]);
    let names = BTreeMap::new();
    let rows = rank(figures, &names);
    assert!(rows.iter().all(|r| !r.flagged));
    assert_eq!(rows[0].unit_name, "U1", "the code stands in for an unknown name");
    let nobody: Vec<RankedUnit> = rank(BTreeMap::new(), &[("U9".to_owned(), "九局".to_owned())].into());
    assert_eq!((nobody.len(), nobody[0].rank), (1, None));
}

#[test]
fn a_flagged_unit_is_evaluated_again_three_months_after_the_period() {
    assert_eq!(reevaluation_day(&q3()), day(12, 31));
    assert_eq!(reevaluation_day(&Period::quarter(2026, 4).unwrap()), NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
}

#[test]
fn a_flagged_units_change_is_read_from_its_reevaluation_and_the_sheet_shows_the_rates() {
    let before = units(&[
        ("U1", unit(4, 4, 4, 4, 4, 0)),
        ("U2", unit(4, 3, 4, 4, 4, 0)),
        ("U3", unit(4, 2, 4, 2, 4, 0)),
        ("U4", unit(4, 1, 4, 2, 4, 2)),
    ]);
    let after =
        units(&[("U1", unit(2, 1, 2, 1, 2, 0)), ("U2", unit(4, 4, 4, 4, 4, 0)), ("U4", unit(4, 4, 4, 4, 4, 0))]);
    let names = BTreeMap::new();
    let (before, after) = (rank(before, &names), rank(after, &names));
    let changes = flagged_changes(&before, &after);
    let u2 = changes.iter().find(|c| c.unit_code == "U2").unwrap();
    assert_eq!((u2.rank_before, u2.rank_after, u2.satisfaction_after), (Some(2), Some(1), Some(1.0)));
    let u3 = changes.iter().find(|c| c.unit_code == "U3").unwrap();
    assert_eq!((u3.rank_after, u3.still_flagged), (None, false), "given nothing in the re-evaluation");
    assert_eq!(changes.len(), 3, "only the flagged units");

    let sheet = table(&before, &q3());
    assert_eq!(sheet.title.as_deref(), Some("承办单位满意度测评（2026年第三季度）"));
    let u4 = sheet.rows.iter().find(|r| r[2] == "U4").unwrap();
    assert_eq!((u4[0].as_str(), u4[14].as_str(), u4[9].as_str()), ("4", "25.0%", "50.0%"));
    assert_eq!(u4[17], "末位，三个月后复评");
}

// ---------------------------------------------------------------------------------------------------------------
// Recording a ranking and its re-evaluation schedule, through a real store

mod recorded {
    use chrono::{TimeZone, Utc};

    use super::super::{evaluations, record};
    use super::*;
    use crate::testing::TestStore;
    use crate::workflow::register;
    use crate::workflow::tests::{do_act, sample, store, visit_input};
    use crate::workflow::units::{self, UnitInput};

    /// Sets the clock to 10:00 China time on `on`.
    fn at(ts: &TestStore, on: NaiveDate) {
        ts.clock.set(Utc.from_utc_datetime(&on.and_hms_opt(2, 0, 0).unwrap()));
    }

    /// A matter received, assigned to `lead`, answered and rated `rating`, all on `on`.
    fn rated_matter(ts: &mut TestStore, on: NaiveDate, lead: &str, rating: Rating) {
        at(ts, on);
        let id = ts.store.write("clerk", |w| register(w, &visit_input(1))).unwrap().matters[0].id.clone();
        let assigned = Event::Assigned {
            lead: lead.into(),
            co: vec![],
            due_on: None,
            reason: String::new(),
            limit: None,
            return_window: None,
        };
        for event in [
            sample("routed"),
            assigned,
            Event::Accepted { unit: lead.into() },
            sample("replied"),
            sample("finished"),
            sample("fed_back"),
            Event::Rated { rating, reason: "未解决".into(), limit: None },
        ] {
            do_act(ts, &id, event);
        }
    }

    fn record_period(ts: &mut TestStore, period: &Period) -> Vec<RankedUnit> {
        ts.store.write("王芳 (wangfang)", |w| record(w, period)).unwrap().rows
    }

    fn q4() -> Period {
        Period::quarter(2026, 4).unwrap()
    }

    #[test]
    fn a_recorded_ranking_schedules_its_bottom_three_and_shows_their_change_once_the_next_quarter_is_recorded() {
        let mut ts = store();
        ts.store
            .write("office", |w| {
                for (code, name) in [("WJJ", "卫健局"), ("JYJ", "教育局"), ("KONG", "未交办局")] {
                    let kind = "department".to_owned();
                    units::save(w, &UnitInput { code: code.into(), name: name.into(), kind, ..Default::default() })?;
                }
                Ok(())
            })
            .unwrap();
        // Third quarter: ZJJ and JTJ satisfied, the other three not; KONG is given nothing.
        for (lead, rating) in [
            ("ZJJ", Rating::Satisfied),
            ("JTJ", Rating::Satisfied),
            ("YSZ", Rating::Unsatisfied),
            ("WJJ", Rating::Unsatisfied),
            ("JYJ", Rating::Unsatisfied),
        ] {
            rated_matter(&mut ts, day(7, 6), lead, rating);
        }
        at(&ts, day(10, 9));
        let rows = record_period(&mut ts, &q3());
        let kong = rows.iter().find(|r| r.unit_code == "KONG").unwrap();
        assert_eq!((kong.rank, kong.flagged, kong.figures.received), (None, false, 0), "listed, not ranked");

        let listed = evaluations(ts.store.conn()).unwrap();
        assert_eq!(listed.len(), 1);
        let q3_entry = &listed[0];
        assert_eq!((q3_entry.period_start, q3_entry.period_end), (day(7, 1), day(9, 30)));
        assert_eq!(q3_entry.reevaluation_day, day(12, 31));
        assert_eq!(q3_entry.operator, "王芳 (wangfang)");
        assert_eq!(q3_entry.rows, rows, "the figures as ranked that day");
        let flagged: Vec<(&str, u32, NaiveDate)> =
            q3_entry.flagged.iter().map(|f| (f.unit_code.as_str(), f.rank, f.reevaluation_day)).collect();
        let mut codes: Vec<&str> = flagged.iter().map(|f| f.0).collect();
        codes.sort_unstable();
        assert_eq!(codes, ["JYJ", "WJJ", "YSZ"]);
        assert_eq!(flagged.iter().map(|f| f.1).collect::<Vec<_>>(), [3, 4, 5], "worst last");
        assert!(flagged.iter().all(|f| f.2 == day(12, 31)));
        assert!(q3_entry.flagged.iter().all(|f| f.change.is_none()), "the re-evaluation is not recorded yet");

        // Fourth quarter: YSZ satisfied now (with JTJ, ranks 1–2), WJJ given nothing, JYJ still unsatisfied with
        // ZJJ and KONG (the bottom three).
        for (lead, rating) in [
            ("ZJJ", Rating::Unsatisfied),
            ("JTJ", Rating::Satisfied),
            ("YSZ", Rating::Satisfied),
            ("JYJ", Rating::Unsatisfied),
            ("KONG", Rating::Unsatisfied),
        ] {
            rated_matter(&mut ts, day(10, 12), lead, rating);
        }
        at(&ts, NaiveDate::from_ymd_opt(2027, 1, 8).unwrap());
        record_period(&mut ts, &q4());
        // Re-recording the third quarter replaces it (its figures are the same: nothing changed in it).
        record_period(&mut ts, &q3());

        let listed = evaluations(ts.store.conn()).unwrap();
        assert_eq!(listed.iter().map(|e| e.label.as_str()).collect::<Vec<_>>(), ["2026年第三季度", "2026年第四季度"]);
        let change =
            |code: &str| listed[0].flagged.iter().find(|f| f.unit_code == code).unwrap().change.clone().unwrap();
        let ysz = change("YSZ");
        assert_eq!((ysz.satisfaction_before, ysz.satisfaction_after, ysz.still_flagged), (Some(0.0), Some(1.0), false));
        assert!(ysz.rank_after.is_some_and(|after| after <= 2), "{ysz:?}");
        let wjj = change("WJJ");
        assert_eq!((wjj.rank_after, wjj.satisfaction_after), (None, None), "given nothing in the re-evaluation");
        let jyj = change("JYJ");
        assert_eq!((jyj.satisfaction_after, jyj.still_flagged), (Some(0.0), true));
        assert_eq!(listed[1].reevaluation_day, NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
        assert!(listed[1].flagged.iter().all(|f| f.change.is_none()));

        let audit = crate::audit::recent(ts.store.conn(), Some("ranking_record"), 10).unwrap();
        assert_eq!(audit.len(), 3);
        assert_eq!(
            (audit[0].entity.as_str(), audit[0].entity_id.as_str()),
            ("unit_evaluation", "2026-07-01..2026-09-30")
        );
        assert!(audit[0].detail.contains("重新记录"), "{}", audit[0].detail);
        assert!(
            !audit[2].detail.contains("重新记录") && audit[2].detail.contains("复评日 2026-12-31"),
            "{}",
            audit[2].detail
        );
        let scheduled: i64 =
            ts.store.conn().query_row("SELECT COUNT(*) FROM unit_reevaluations", [], |r| r.get(0)).unwrap();
        assert_eq!(scheduled, 3 + 3, "a re-recording replaces the schedule instead of adding to it");
    }
}
