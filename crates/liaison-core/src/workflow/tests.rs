//! Tests of the workflow: the transition table (every state × every act), the fold under concurrent events,
//! deadlines and escalation across the 2025 National Day holiday, visits and acts through a real store, and
//! replaying a matter's change log into another store twice and in reverse order.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::deadlines::{self, china_date};
use super::model::{Event, Limit, LimitUnit, Rating, State};
use super::rules::Rung;
use super::state::{Outcome, Recorded, fold, next};
use super::units::{self, UnitInput};
use super::*;
use crate::calendar::{Calendar, CalendarDay};
use crate::changelog::{Change, EntityKind, Op};
use crate::error::Error;
use crate::hlc::Hlc;
use crate::testing::{TestStore, small_roster, temp_store};

pub(super) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// 10:00 in China on `day`.
pub(super) fn china_morning(day: &str) -> DateTime<Utc> {
    let date = d(day);
    Utc.from_utc_datetime(&date.and_hms_opt(2, 0, 0).unwrap())
}

/// The official 2025 National Day / Mid-Autumn calendar: 9-28 (Sunday) and 10-11 (Saturday) are make-up working
/// days, 10-01 to 10-08 are off.
pub(super) fn national_day_2025() -> Calendar {
    let mut days = vec![
        CalendarDay { date: d("2025-09-28"), off: false, name: "国庆节、中秋节".into() },
        CalendarDay { date: d("2025-10-11"), off: false, name: "国庆节、中秋节".into() },
    ];
    for day in 1..=8 {
        days.push(CalendarDay {
            date: NaiveDate::from_ymd_opt(2025, 10, day).unwrap(),
            off: true,
            name: "国庆节、中秋节".into(),
        });
    }
    Calendar::from_days(days)
}

pub(super) fn default_ladder() -> Vec<Rung> {
    [(0, "warn", -3), (1, "station_head", 1), (2, "county", 6), (3, "city", 11)]
        .into_iter()
        .map(|(level, code, offset)| Rung { level, code: code.into(), name: code.into(), offset_working_days: offset })
        .collect()
}

// ---------------------------------------------------------------------------------------------------------------
// The transition table

/// One valid event of every kind (rated twice: the rating decides the next state).
fn sample_events() -> Vec<(&'static str, Event)> {
    vec![
        ("registered", Event::Registered { limit: None, register: None }),
        ("on_spot", Event::AnsweredOnSpot { answer: "已解答".into(), limit: None, lookback: None }),
        (
            "guided",
            Event::Guided {
                reason: "属诉讼事项".into(), directed_to: "区法院".into(), limit: None, lookback: None
            },
        ),
        ("merged", Event::Merged { into: "other".into() }),
        ("suggestion", Event::ConvertedToSuggestion { note: String::new(), limit: None }),
        ("routed", Event::RoutedForAssignment { limit: None }),
        (
            "assigned",
            Event::Assigned {
                lead: "ZJJ".into(),
                co: vec![],
                due_on: None,
                reason: String::new(),
                limit: None,
                return_window: None,
            },
        ),
        ("accepted", Event::Accepted { unit: "ZJJ".into() }),
        ("returned", Event::Returned { unit: "ZJJ".into(), reason: "非本单位职责".into(), limit: None }),
        ("handling", Event::HandlingStarted { note: String::new() }),
        ("replied", Event::Replied { text: "已修复".into(), not_competent: false, competent_body: String::new() }),
        ("extended", Event::Extended { reason: "需招标".into(), approver: "站长".into(), limit: None }),
        ("finished", Event::Finished { summary: String::new(), limit: None, lookback: None }),
        (
            "fed_back",
            Event::FedBack {
                how: "电话".into(), told_on: None, deputy_told: true, unreachable_reason: String::new()
            },
        ),
        ("rated_ok", Event::Rated { rating: Rating::Satisfied, reason: String::new(), limit: None }),
        ("rated_bad", Event::Rated { rating: Rating::Unsatisfied, reason: "没修好".into(), limit: None }),
        ("looked_back", Event::LookedBack { result: "未反弹".into() }),
        ("published", Event::Published { summary: "道路已修复".into() }),
        ("archived", Event::Archived),
    ]
}

/// What the domain brief allows from each state, written out independently of `next`.
fn legal_table() -> Vec<(State, &'static [(&'static str, State)])> {
    use State::*;
    vec![
        (
            Registered,
            &[
                ("on_spot", Finished),
                ("guided", Finished),
                ("merged", Merged),
                ("suggestion", Suggestion),
                ("routed", ToAssign),
            ],
        ),
        (ToAssign, &[("merged", Merged), ("assigned", Assigned)]),
        (Assigned, &[("assigned", Assigned), ("accepted", Accepted), ("returned", ToAssign), ("extended", Assigned)]),
        (
            Accepted,
            &[
                ("assigned", Assigned),
                ("returned", ToAssign),
                ("handling", Handling),
                ("replied", Replied),
                ("extended", Accepted),
            ],
        ),
        (Handling, &[("assigned", Assigned), ("returned", ToAssign), ("replied", Replied), ("extended", Handling)]),
        (Suggestion, &[("replied", Replied), ("extended", Suggestion)]),
        (Rehandling, &[("assigned", Assigned), ("handling", Handling), ("replied", Replied), ("extended", Rehandling)]),
        (Replied, &[("replied", Replied), ("finished", Finished)]),
        (Finished, &[("fed_back", FedBack)]),
        (Merged, &[("fed_back", FedBack)]),
        (
            FedBack,
            &[
                ("rated_ok", Rated),
                ("rated_bad", Rehandling),
                ("looked_back", LookedBack),
                ("published", Published),
                ("archived", Archived),
            ],
        ),
        (Rated, &[("looked_back", LookedBack), ("published", Published), ("archived", Archived)]),
        (LookedBack, &[("published", Published), ("archived", Archived)]),
        (Published, &[("archived", Archived)]),
        (Archived, &[]),
    ]
}

#[test]
fn every_transition_is_legal_or_refused_as_the_table_says() {
    let table = legal_table();
    assert_eq!(table.len(), State::ALL.len(), "every state is in the table");
    for (state, legal) in table {
        for (name, event) in sample_events() {
            let expected = legal.iter().find(|(n, _)| *n == name).map(|(_, to)| *to);
            match (next(Some(state), &event), expected) {
                (Ok(to), Some(want)) => assert_eq!(to, want, "{state:?} + {name}"),
                (Err(reason), None) => assert!(!reason.is_empty(), "{state:?} + {name} needs a reason"),
                (got, want) => panic!("{state:?} + {name}: got {got:?}, the table says {want:?}"),
            }
        }
    }
    for (name, event) in sample_events() {
        assert_eq!(next(None, &event).is_ok(), name == "registered", "before registration: {name}");
    }
}

#[test]
fn the_allowed_acts_are_those_the_table_allows() {
    let mut events = assigned_on("2026-03-02");
    let kinds = |events: &[Recorded]| -> Vec<&str> { fold(events).allowed_acts().iter().map(|a| a.kind).collect() };
    assert_eq!(kinds(&events), vec!["assigned", "accepted", "returned", "extended"]);
    events.truncate(1);
    assert_eq!(
        kinds(&events),
        vec!["answered_on_spot", "guided", "merged", "converted_to_suggestion", "routed_for_assignment"]
    );
}

#[test]
fn refusals_say_why_in_chinese() {
    let archive = Event::Archived;
    assert_eq!(next(Some(State::Finished), &archive).unwrap_err(), "办结后未反馈不能归档");
    let finish = Event::Finished { summary: String::new(), limit: None, lookback: None };
    assert_eq!(next(Some(State::Handling), &finish).unwrap_err(), "尚未答复，不能办结");
    let feedback =
        Event::FedBack { how: "电话".into(), told_on: None, deputy_told: false, unreachable_reason: String::new() };
    assert_eq!(next(Some(State::Handling), &feedback).unwrap_err(), "事项尚未办结，不能反馈");
    assert_eq!(next(Some(State::Archived), &archive).unwrap_err(), "事项已归档，不能再归档");
}

// ---------------------------------------------------------------------------------------------------------------
// The fold and the deadlines, without a store

pub(super) fn recorded(n: i64, day: &str, event: Event) -> Recorded {
    Recorded {
        id: format!("e{n}"),
        at: china_morning(day),
        operator: "tester".into(),
        node_id: "node-a".into(),
        hlc: Hlc(n),
        event,
    }
}

pub(super) fn assigned_on(day: &str) -> Vec<Recorded> {
    vec![
        recorded(1, day, Event::Registered { limit: Some(Limit::working_days(2)), register: None }),
        recorded(2, day, Event::RoutedForAssignment { limit: Some(Limit::working_days(5)) }),
        recorded(
            3,
            day,
            Event::Assigned {
                lead: "ZJJ".into(),
                co: vec![],
                due_on: None,
                reason: String::new(),
                limit: Some(Limit::working_days(15)),
                return_window: Some(Limit::working_days(7)),
            },
        ),
    ]
}

#[test]
fn a_concurrent_act_that_lands_too_late_is_refused_in_the_timeline() {
    let mut events = assigned_on("2026-03-02");
    events.push(recorded(4, "2026-03-03", Event::Accepted { unit: "ZJJ".into() }));
    events.push(recorded(
        5,
        "2026-03-03",
        Event::Returned { unit: "ZJJ".into(), reason: "不归我".into(), limit: None },
    ));
    events.push(recorded(6, "2026-03-03", Event::Accepted { unit: "ZJJ".into() }));
    let f = fold(&events);
    assert_eq!(f.state, Some(State::ToAssign));
    assert!(matches!(f.outcomes[5], Outcome::Refused { .. }), "{:?}", f.outcomes[5]);
    assert_eq!(f.lead, None, "a 退办 hands the matter back");
}

#[test]
fn handling_deadline_skips_the_national_day_week_and_counts_the_make_up_days() {
    let calendar = national_day_2025();
    let f = fold(&assigned_on("2025-09-26"));
    // 15 working days from Friday 26 September: Sunday 28 September and Saturday 11 October are working days,
    // 1–8 October are not.
    assert_eq!(deadlines::due_on(&f, &calendar), Some(d("2025-10-23")));
    let at = |day: &str| deadlines::compute(&f, &calendar, &default_ladder(), d(day));

    let dl = at("2025-10-17");
    assert_eq!((dl.due_soon, dl.working_days_left, dl.escalation), (false, Some(4), None));
    let on: Vec<NaiveDate> = dl.escalations.iter().map(|e| e.on).collect();
    assert_eq!(on, vec![d("2025-10-20"), d("2025-10-24"), d("2025-10-31"), d("2025-11-07")], "every escalation time");

    let level = |day: &str| at(day).escalation.map(|e| e.code);
    assert!(at("2025-10-20").due_soon);
    assert_eq!(level("2025-10-20").as_deref(), Some("warn"));
    assert!(at("2025-10-23").due_soon, "the due date itself is still due soon");
    assert_eq!(at("2025-10-23").overdue_working_days, 0);
    let day_after = at("2025-10-24");
    assert_eq!((day_after.due_soon, day_after.overdue_working_days), (false, 1));
    assert_eq!(level("2025-10-24").as_deref(), Some("station_head"));
    assert_eq!(level("2025-10-26").as_deref(), Some("station_head"), "a Sunday adds no overdue day");
    assert_eq!(at("2025-10-30").overdue_working_days, 5);
    assert_eq!(level("2025-10-30").as_deref(), Some("station_head"));
    assert_eq!(level("2025-10-31").as_deref(), Some("county"), "past 5 working days overdue");
    assert_eq!(level("2025-11-07").as_deref(), Some("city"));
}

#[test]
fn a_matter_routed_before_the_holiday_is_due_after_it() {
    let calendar = national_day_2025();
    let registered =
        vec![recorded(1, "2025-09-29", Event::Registered { limit: Some(Limit::working_days(2)), register: None })];
    assert_eq!(deadlines::due_on(&fold(&registered), &calendar), Some(d("2025-10-09")));
    let routed = vec![
        registered[0].clone(),
        recorded(2, "2025-09-30", Event::RoutedForAssignment { limit: Some(Limit::working_days(5)) }),
    ];
    // 9, 10, 11 (Saturday, make-up), 13, 14 October.
    assert_eq!(deadlines::due_on(&fold(&routed), &calendar), Some(d("2025-10-14")));
    let month = Limit { amount: 1, unit: LimitUnit::Months };
    assert_eq!(month.due_from(&calendar, d("2025-09-05")), d("2025-10-09"), "a month ending in the holiday moves on");
}

#[test]
fn an_extension_moves_the_due_date_by_its_limit() {
    let calendar = national_day_2025();
    let mut events = assigned_on("2025-09-26");
    events.push(recorded(
        4,
        "2025-10-20",
        Event::Extended { reason: "需招标".into(), approver: "站长".into(), limit: Some(Limit::working_days(5)) },
    ));
    assert_eq!(deadlines::due_on(&fold(&events), &calendar), Some(d("2025-10-30")));
}

proptest::proptest! {
    #[test]
    fn a_deadline_is_a_working_day_and_an_extra_holiday_never_makes_it_earlier(
        start_offset in 0u64..500,
        amount in 0u32..40,
        unit in 0usize..3,
        holiday_offset in 0u64..90,
    ) {
        let unit = [LimitUnit::WorkingDays, LimitUnit::CalendarDays, LimitUnit::Months][unit];
        let limit = Limit { amount: amount % if unit == LimitUnit::Months { 7 } else { 40 }, unit };
        let start = d("2025-01-01") + chrono::Days::new(start_offset);
        let calendar = national_day_2025();
        let due = limit.due_from(&calendar, start);
        proptest::prop_assert!(calendar.is_working_day(due), "{limit:?} from {start} ends on {due}");
        proptest::prop_assert!(due >= start);

        let holiday = start + chrono::Days::new(holiday_offset);
        let mut days: Vec<CalendarDay> = (1..=8)
            .map(|day| CalendarDay { date: NaiveDate::from_ymd_opt(2025, 10, day).unwrap(), off: true, name: String::new() })
            .chain([d("2025-09-28"), d("2025-10-11")].map(|date| CalendarDay { date, off: false, name: String::new() }))
            .filter(|c| c.date != holiday)
            .collect();
        days.push(CalendarDay { date: holiday, off: true, name: "临时休假".into() });
        let later = limit.due_from(&Calendar::from_days(days), start);
        proptest::prop_assert!(later >= due, "a holiday on {holiday} moved {due} back to {later}");
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Through a real store

pub(crate) fn store() -> TestStore {
    let mut ts = temp_store();
    small_roster(&mut ts.store);
    ts.store
        .write("office", |w| {
            for (code, name, kind) in
                [("ZJJ", "住建局", "department"), ("JTJ", "交通局", "部门"), ("YSZ", "尧山镇", "乡镇")]
            {
                units::save(
                    w,
                    &UnitInput { code: code.into(), name: name.into(), kind: kind.into(), ..Default::default() },
                )?;
            }
            Ok(())
        })
        .unwrap();
    ts
}

pub(crate) fn visit_input(matters: usize) -> VisitInput {
    VisitInput {
        station_code: "XH-01".into(),
        channel: "来访".into(),
        deputies: vec!["D000001".into()],
        citizens: vec![CitizenInput {
            name: "李秀英".into(),
            phone: "13912345678".into(),
            address: "光明路12号".into(),
            ..Default::default()
        }],
        matters: (0..matters)
            .map(|i| MatterInput {
                title: format!("路灯不亮{i}"),
                detail: "小区门口路灯坏了三个月".into(),
                category: "城乡建设".into(),
                place: "光明路".into(),
                first_responder: "张明新".into(),
            })
            .collect(),
        ..Default::default()
    }
}

fn register_one(ts: &mut TestStore) -> String {
    ts.store.write("clerk", |w| register(w, &visit_input(1))).unwrap().matters[0].id.clone()
}

fn try_act(ts: &mut TestStore, matter: &str, event: Event) -> crate::Result<Acted> {
    ts.store.write("clerk", |w| act(w, matter, event))
}

pub(crate) fn do_act(ts: &mut TestStore, matter: &str, event: Event) -> State {
    try_act(ts, matter, event.clone()).unwrap_or_else(|e| panic!("{}: {e}", event.label())).state
}

/// A 交办 to `lead` alone (a reassignment needs the reason).
pub(crate) fn assign(lead: &str, reason: &str) -> Event {
    Event::Assigned {
        lead: lead.into(),
        co: vec![],
        due_on: None,
        reason: reason.into(),
        limit: None,
        return_window: None,
    }
}

pub(super) fn sample(name: &str) -> Event {
    sample_events().into_iter().find(|(n, _)| *n == name).unwrap().1
}

fn field_names(err: Error) -> Vec<String> {
    match err {
        Error::InvalidFields(issues) => issues.into_iter().map(|i| i.field).collect(),
        other => panic!("expected field errors, got {other}"),
    }
}

pub(crate) fn now(ts: &TestStore) -> DateTime<Utc> {
    ts.store.deps().clock.now()
}

#[test]
fn a_visit_needs_a_first_responder_on_every_matter_and_reports_every_bad_field() {
    let mut ts = store();
    let mut input = visit_input(2);
    input.matters[1].first_responder = "  ".into();
    input.matters[0].category = "杂项".into();
    input.citizens[0].phone = "123".into();
    input.channel = "传真".into();
    let err = ts.store.write("clerk", |w| register(w, &input)).unwrap_err();
    assert_eq!(
        field_names(err),
        vec!["channel", "citizens[0].phone", "matters[0].category", "matters[1].first_responder"]
    );
    let count: i64 = ts.store.conn().query_row("SELECT COUNT(*) FROM matters", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 0, "nothing written");
}

#[test]
fn the_office_numbers_a_stations_matters_in_its_own_series_so_two_nodes_never_mint_one_code() {
    let mut ts = store();
    let codes = |ts: &mut TestStore, n| -> Vec<String> {
        let visit = ts.store.write("clerk", |w| register(w, &visit_input(n))).unwrap();
        visit.matters.into_iter().map(|m| m.code).collect()
    };
    assert_eq!(codes(&mut ts, 1), vec!["XH-01-20260302-01"], "as the station's own PC numbers");
    ts.store
        .write("admin", |w| crate::setup::save(w, None, &crate::setup::InstallationSetup::office("平顶山市")).map(drop))
        .unwrap();
    assert_eq!(codes(&mut ts, 2), vec!["XH-01-20260302-B01", "XH-01-20260302-B02"], "the office's series");
    assert_eq!(codes(&mut ts, 1), vec!["XH-01-20260302-B03"]);
    // The station's day, counted apart: its next number follows its own (what arrives from it by sync).
    let station_next = super::visits::count_codes(ts.store.conn(), "XH-01-20260302", "").unwrap();
    assert_eq!(station_next, 1);
}

#[test]
fn a_registered_visit_gets_codes_a_route_deadline_and_masked_citizens() {
    let mut ts = store();
    let visit = ts.store.write("clerk", |w| register(w, &visit_input(2))).unwrap();
    let codes: Vec<&str> = visit.matters.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, vec!["XH-01-20260302-01", "XH-01-20260302-02"]);
    let view = show(ts.store.conn(), "XH-01-20260302-02", now(&ts)).unwrap();
    assert_eq!(view.summary.state, Some(State::Registered));
    // Registered Monday 2 March 2026: routing is due two working days later.
    assert_eq!(view.deadlines.due_on, Some(d("2026-03-04")));
    assert_eq!(view.citizens[0].phone, "139****5678");
    assert_eq!(view.accountable, vec!["张明新"]);
    assert_eq!(view.signals.total(), 0);
    let station = MatterFilter { station_code: Some("LS-01".into()), ..Default::default() };
    assert!(list(ts.store.conn(), &station, now(&ts)).unwrap().is_empty(), "another station's list");
}

#[test]
fn a_visit_registered_days_after_reception_is_a_late_registration() {
    let mut ts = store();
    let mut input = visit_input(1);
    // Received on Wednesday 25 February, registered on Monday 2 March: four working days later, since Saturday
    // 28 February 2026 is a make-up working day of the Spring Festival.
    input.received_at = Some(DateTime::parse_from_rfc3339("2026-02-25T16:00:00+08:00").unwrap());
    let m = ts.store.write("clerk", |w| register(w, &input)).unwrap().matters.remove(0);
    assert_eq!(m.code, "XH-01-20260225-01", "coded by the day of reception");
    let signals = show(ts.store.conn(), &m.id, now(&ts)).unwrap().signals;
    assert_eq!((signals.registration_delay_working_days, signals.late_registration), (4, true));
    input.received_at = Some(DateTime::parse_from_rfc3339("2026-03-03T09:00:00+08:00").unwrap());
    let err = ts.store.write("clerk", |w| register(w, &input)).unwrap_err();
    assert_eq!(field_names(err), vec!["received_at"], "not in the future");
}

#[test]
fn a_matter_goes_through_its_whole_life_and_cannot_be_archived_before_feedback() {
    let mut ts = store();
    let m = register_one(&mut ts);
    assert_eq!(do_act(&mut ts, &m, sample("routed")), State::ToAssign);
    assert_eq!(do_act(&mut ts, &m, assign("住建局", "")), State::Assigned);
    assert_eq!(do_act(&mut ts, &m, Event::Accepted { unit: String::new() }), State::Accepted);
    assert_eq!(do_act(&mut ts, &m, sample("handling")), State::Handling);
    assert_eq!(do_act(&mut ts, &m, sample("replied")), State::Replied);
    assert_eq!(do_act(&mut ts, &m, sample("finished")), State::Finished);
    let err = try_act(&mut ts, &m, Event::Archived).unwrap_err();
    assert_eq!(err.to_string(), "办结后未反馈不能归档");
    assert!(try_act(&mut ts, &m, sample("published")).is_err(), "nor published");
    let no_how =
        Event::FedBack { how: String::new(), told_on: None, deputy_told: false, unreachable_reason: String::new() };
    assert_eq!(field_names(try_act(&mut ts, &m, no_how).unwrap_err()), vec!["how"]);
    assert_eq!(do_act(&mut ts, &m, sample("fed_back")), State::FedBack);
    assert_eq!(do_act(&mut ts, &m, sample("rated_ok")), State::Rated);
    assert_eq!(do_act(&mut ts, &m, sample("looked_back")), State::LookedBack);
    assert_eq!(do_act(&mut ts, &m, sample("published")), State::Published);
    assert_eq!(do_act(&mut ts, &m, Event::Archived), State::Archived);
    let view = show(ts.store.conn(), &m, now(&ts)).unwrap();
    assert_eq!(view.timeline.len(), 12);
    assert!(view.timeline.iter().all(|t| matches!(t.outcome, Outcome::Applied { .. })));
    assert_eq!(view.deadlines.due_on, None);
    assert_eq!(
        list(ts.store.conn(), &MatterFilter { state: Some(State::Archived), ..Default::default() }, now(&ts))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_citizen_who_cannot_be_reached_closes_the_matter_without_a_rating() {
    let mut ts = store();
    let m = register_one(&mut ts);
    do_act(&mut ts, &m, sample("on_spot"));
    let unreachable = Event::FedBack {
        how: String::new(),
        told_on: None,
        deputy_told: false,
        unreachable_reason: "电话停机，三次上门无人".into(),
    };
    assert_eq!(do_act(&mut ts, &m, unreachable), State::FedBack);
    assert_eq!(try_act(&mut ts, &m, sample("rated_ok")).unwrap_err().to_string(), "群众无法联系，不能评价满意度");
    assert_eq!(do_act(&mut ts, &m, Event::Archived), State::Archived);
}

#[test]
fn transfers_never_drop_the_first_responder_and_count_as_signals() {
    let mut ts = store();
    let m = register_one(&mut ts);
    do_act(&mut ts, &m, sample("routed"));
    do_act(&mut ts, &m, assign("ZJJ", ""));
    let no_reason = Event::Returned { unit: String::new(), reason: " ".into(), limit: None };
    assert_eq!(field_names(try_act(&mut ts, &m, no_reason).unwrap_err()), vec!["reason"]);
    let wrong_unit = Event::Returned { unit: "JTJ".into(), reason: "不归我们".into(), limit: None };
    assert_eq!(field_names(try_act(&mut ts, &m, wrong_unit).unwrap_err()), vec!["unit"]);
    do_act(&mut ts, &m, Event::Returned { unit: String::new(), reason: "属交通部门职责".into(), limit: None });
    do_act(&mut ts, &m, assign("JTJ", ""));
    assert_eq!(
        field_names(try_act(&mut ts, &m, assign("YSZ", "")).unwrap_err()),
        vec!["reason"],
        "改派 needs a reason"
    );
    do_act(&mut ts, &m, assign("YSZ", "属地管理"));
    let view = show(ts.store.conn(), &m, now(&ts)).unwrap();
    assert_eq!(view.summary.first_responder, "张明新");
    assert_eq!(view.accountable, vec!["张明新", "尧山镇"]);
    assert_eq!((view.signals.returns, view.signals.late_returns, view.signals.handler_changes), (1, 0, 2));
    let stored: String =
        ts.store.conn().query_row("SELECT first_responder FROM matters WHERE id = ?1", [&m], |r| r.get(0)).unwrap();
    assert_eq!(stored, "张明新");
}

#[test]
fn a_return_after_the_window_and_an_incompetence_reply_naming_no_body_are_signals() {
    let mut ts = store();
    let m = register_one(&mut ts);
    do_act(&mut ts, &m, sample("routed"));
    do_act(&mut ts, &m, assign("ZJJ", ""));
    ts.clock.set(DateTime::parse_from_rfc3339("2026-03-12T09:00:00+08:00").unwrap().to_utc()); // 8 working days on
    do_act(&mut ts, &m, Event::Returned { unit: String::new(), reason: "不归我们".into(), limit: None });
    do_act(&mut ts, &m, assign("JTJ", ""));
    do_act(&mut ts, &m, Event::Accepted { unit: String::new() });
    let bare =
        Event::Replied { text: "不属于我局职责".into(), not_competent: true, competent_body: String::new() };
    do_act(&mut ts, &m, bare);
    let s = show(ts.store.conn(), &m, now(&ts)).unwrap().signals;
    assert_eq!((s.returns, s.late_returns, s.incompetence_without_body, s.handler_changes), (1, 1, 1, 1));
}

#[test]
fn one_extension_per_matter_with_reason_and_approver() {
    let mut ts = store();
    let m = register_one(&mut ts);
    do_act(&mut ts, &m, sample("routed"));
    do_act(&mut ts, &m, assign("ZJJ", ""));
    let before = show(ts.store.conn(), &m, now(&ts)).unwrap().deadlines.due_on.unwrap();
    let bare = Event::Extended { reason: String::new(), approver: String::new(), limit: None };
    assert_eq!(field_names(try_act(&mut ts, &m, bare).unwrap_err()), vec!["reason", "approver"]);
    do_act(&mut ts, &m, sample("extended"));
    let after = show(ts.store.conn(), &m, now(&ts)).unwrap().deadlines.due_on.unwrap();
    assert_eq!(after, Calendar::load(ts.store.conn()).unwrap().add_working_days(before, 15));
    assert_eq!(field_names(try_act(&mut ts, &m, sample("extended")).unwrap_err()), vec!["reason"]);
}

#[test]
fn unsatisfied_needs_a_reason_and_reopens_handling_with_its_own_deadline() {
    let mut ts = store();
    let m = register_one(&mut ts);
    do_act(&mut ts, &m, sample("routed"));
    do_act(&mut ts, &m, assign("ZJJ", ""));
    for name in ["accepted", "replied", "finished", "fed_back"] {
        let event = if name == "accepted" { Event::Accepted { unit: String::new() } } else { sample(name) };
        do_act(&mut ts, &m, event);
    }
    let no_reason = Event::Rated { rating: Rating::Unsatisfied, reason: String::new(), limit: None };
    assert_eq!(field_names(try_act(&mut ts, &m, no_reason).unwrap_err()), vec!["reason"]);
    ts.clock.set(DateTime::parse_from_rfc3339("2026-03-10T15:00:00+08:00").unwrap().to_utc());
    assert_eq!(do_act(&mut ts, &m, sample("rated_bad")), State::Rehandling);
    let view = show(ts.store.conn(), &m, now(&ts)).unwrap();
    assert_eq!(view.deadlines.step, Some(super::state::Step::Rehandle));
    assert_eq!(view.deadlines.started_on, Some(d("2026-03-10")));
    assert_eq!(view.deadlines.due_on, Some(d("2026-04-10")), "one month after the rating");
    assert_eq!(do_act(&mut ts, &m, sample("replied")), State::Replied);
    assert_eq!(do_act(&mut ts, &m, sample("finished")), State::Finished);
}

#[test]
fn a_category_rule_applies_and_a_later_rule_change_does_not_move_a_given_deadline() {
    let mut ts = store();
    let conn = ts.store.conn();
    conn.execute("INSERT INTO workflow_time_limits VALUES ('医疗卫生', 'handle', 3, 'working_days')", []).unwrap();
    let mut input = visit_input(2);
    input.matters[1].category = "医疗卫生".into();
    let visit = ts.store.write("clerk", |w| register(w, &input)).unwrap();
    let [roads, health] = [0, 1].map(|i| visit.matters[i].id.clone());
    for m in [&roads, &health] {
        do_act(&mut ts, m, sample("routed"));
        do_act(&mut ts, m, assign("ZJJ", ""));
    }
    let due = |ts: &TestStore, m: &str| show(ts.store.conn(), m, now(ts)).unwrap().deadlines.due_on.unwrap();
    // Assigned Monday 2 March 2026: 15 working days by default, 3 for health matters.
    assert_eq!((due(&ts, &roads), due(&ts, &health)), (d("2026-03-23"), d("2026-03-05")));
    ts.store.conn().execute("UPDATE workflow_time_limits SET amount = 30 WHERE step = 'handle'", []).unwrap();
    assert_eq!((due(&ts, &roads), due(&ts, &health)), (d("2026-03-23"), d("2026-03-05")), "frozen in the event");
}

#[test]
fn a_store_clock_past_the_holiday_escalates_a_matter_assigned_before_it() {
    let mut ts = store();
    ts.clock.set(china_morning("2025-09-26"));
    let m = register_one(&mut ts);
    do_act(&mut ts, &m, sample("routed"));
    do_act(&mut ts, &m, assign("ZJJ", ""));
    let at = |ts: &TestStore, day: &str| show(ts.store.conn(), &m, china_morning(day)).unwrap().summary;
    assert_eq!(at(&ts, "2025-10-17").due_on, Some(d("2025-10-23")));
    assert_eq!(at(&ts, "2025-10-17").escalation, None);
    assert!(at(&ts, "2025-10-21").due_soon);
    assert_eq!(at(&ts, "2025-10-24").escalation.as_deref(), Some("station_head"));
    assert_eq!(at(&ts, "2025-11-03").overdue_working_days, 7);
    assert_eq!(at(&ts, "2025-11-03").escalation.as_deref(), Some("county"));
    let overdue = MatterFilter { overdue: true, ..Default::default() };
    assert_eq!(list(ts.store.conn(), &overdue, china_morning("2025-10-23")).unwrap().len(), 0);
    assert_eq!(list(ts.store.conn(), &overdue, china_morning("2025-10-24")).unwrap().len(), 1);
}

#[test]
fn merging_needs_another_open_matter() {
    let mut ts = store();
    let visit = ts.store.write("clerk", |w| register(w, &visit_input(3))).unwrap();
    let [a, b, c] = [0, 1, 2].map(|i| visit.matters[i].id.clone());
    let into = |target: &str| Event::Merged { into: target.into() };
    assert_eq!(field_names(try_act(&mut ts, &b, into(&b)).unwrap_err()), vec!["into"]);
    assert_eq!(field_names(try_act(&mut ts, &b, into("XH-99")).unwrap_err()), vec!["into"]);
    do_act(&mut ts, &c, sample("on_spot"));
    assert_eq!(field_names(try_act(&mut ts, &b, into(&visit.matters[2].code)).unwrap_err()), vec!["into"]);
    assert_eq!(do_act(&mut ts, &b, into(&visit.matters[0].code)), State::Merged);
    let view = show(ts.store.conn(), &b, now(&ts)).unwrap();
    assert!(matches!(&view.timeline[1].recorded.event, Event::Merged { into } if *into == a), "stored by id");
    assert_eq!(do_act(&mut ts, &b, sample("fed_back")), State::FedBack);
}

#[test]
fn a_publication_carries_no_personal_data() {
    let mut ts = store();
    let m = register_one(&mut ts);
    for name in ["on_spot", "fed_back"] {
        do_act(&mut ts, &m, sample(name));
    }
    for text in ["李秀英反映的路灯已修复", "联系电话13912345678"] {
        let e = Event::Published { summary: text.into() };
        assert_eq!(field_names(try_act(&mut ts, &m, e).unwrap_err()), vec!["summary"], "{text}");
    }
    assert_eq!(do_act(&mut ts, &m, sample("published")), State::Published);
}

// ---------------------------------------------------------------------------------------------------------------
// The change log: applied twice, applied in another order

fn all_changes(ts: &TestStore) -> Vec<Change> {
    let conn = ts.store.conn();
    let mut stmt = conn
        .prepare("SELECT node_id, hlc, entity, entity_id, op, fields, operator, bases FROM change_log ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| {
        Ok(Change {
            node_id: r.get(0)?,
            hlc: Hlc(r.get(1)?),
            entity: EntityKind::parse(&r.get::<_, String>(2)?).unwrap(),
            entity_id: r.get(3)?,
            op: Op::parse(&r.get::<_, String>(4)?).unwrap(),
            fields: serde_json::from_str(&r.get::<_, String>(5)?).unwrap(),
            operator: r.get(6)?,
            bases: serde_json::from_str(&r.get::<_, String>(7)?).unwrap(),
        })
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// Another installation (the office) on the same clock, with its own node id.
fn other_store(ts: &TestStore) -> (crate::Store, tempfile::TempDir) {
    use std::sync::Arc;
    let deps = crate::store::Deps { clock: ts.clock.clone(), entropy: Arc::new(crate::clock::SeededEntropy::new(7)) };
    let dir = tempfile::tempdir().unwrap();
    (crate::Store::open_with(&dir.path().join("office.db"), deps).unwrap(), dir)
}

#[test]
fn events_replayed_twice_and_in_reverse_order_give_the_same_matter() {
    let mut ts = store();
    let m = register_one(&mut ts);
    do_act(&mut ts, &m, sample("routed"));
    do_act(&mut ts, &m, assign("ZJJ", ""));
    do_act(&mut ts, &m, Event::Returned { unit: String::new(), reason: "不归我们".into(), limit: None });
    do_act(&mut ts, &m, assign("JTJ", ""));
    do_act(&mut ts, &m, Event::Accepted { unit: String::new() });
    do_act(&mut ts, &m, sample("replied"));
    let original = show(ts.store.conn(), &m, now(&ts)).unwrap();

    let mut changes = all_changes(&ts);
    changes.reverse();
    let (mut office, _dir) = other_store(&ts);
    let applied =
        office.write("sync", |w| changes.iter().map(|c| w.apply_remote(c)).collect::<crate::Result<Vec<_>>>()).unwrap();
    assert!(applied.iter().all(|a| matches!(a, crate::changelog::Applied::Recorded { .. })));
    let again =
        office.write("sync", |w| changes.iter().map(|c| w.apply_remote(c)).collect::<crate::Result<Vec<_>>>()).unwrap();
    assert!(again.iter().all(|a| *a == crate::changelog::Applied::Duplicate), "applying twice is a no-op");
    let events: i64 = office.conn().query_row("SELECT COUNT(*) FROM matter_events", [], |r| r.get(0)).unwrap();
    assert_eq!(events, 7);

    let replayed = show(office.conn(), &m, now(&ts)).unwrap();
    assert_eq!(replayed.summary, original.summary);
    assert_eq!(replayed.deadlines, original.deadlines);
    assert_eq!(replayed.signals, original.signals);
    assert_eq!(replayed.timeline, original.timeline);
}

#[test]
fn an_event_cannot_be_rewritten() {
    let mut ts = store();
    let m = register_one(&mut ts);
    let event_id: String =
        ts.store.conn().query_row("SELECT id FROM matter_events WHERE matter_id = ?1", [&m], |r| r.get(0)).unwrap();
    let mut fields = crate::changelog::Fields::new();
    fields.insert("kind".into(), serde_json::json!("archived"));
    for op in [Op::Update, Op::Delete, Op::Insert] {
        let err = ts.store.write("intruder", |w| w.change(EntityKind::MatterEvent, &event_id, op, fields.clone()));
        assert!(err.is_err(), "{op:?} of an event must be refused");
    }
    assert_eq!(show(ts.store.conn(), &m, now(&ts)).unwrap().summary.state, Some(State::Registered));
}

#[test]
fn china_dates_are_used_for_working_days() {
    let late_evening_utc = DateTime::parse_from_rfc3339("2026-03-01T17:30:00Z").unwrap().to_utc();
    assert_eq!(china_date(late_evening_utc), d("2026-03-02"), "01:30 on Monday in China");
}

// ---------------------------------------------------------------------------------------------------------------
// 并案 of several matters, the city-wide filters, 汇总梳理 on a real store

/// A visit at LS-01, first responder 曾国强 (by name: D000003, of LS-01's station group), raising one matter of
/// `category` about 路灯 at 光明路.
fn ls_visit(category: &str, head_count: u32) -> VisitInput {
    VisitInput {
        station_code: "LS-01".into(),
        deputies: vec![],
        head_count: Some(head_count),
        matters: vec![MatterInput {
            title: "路灯不亮了".into(),
            category: category.into(),
            first_responder: "曾国强".into(),
            ..visit_input(1).matters[0].clone()
        }],
        ..visit_input(1)
    }
}

#[test]
fn merging_several_matters_is_one_transaction_keeping_every_citizen() {
    let mut ts = store();
    let here = ts.store.write("clerk", |w| register(w, &visit_input(3))).unwrap();
    let there = ts.store.write("clerk", |w| register(w, &ls_visit("城乡建设", 4))).unwrap();
    let [lead, a, b] = [0, 1, 2].map(|i| here.matters[i].code.clone());
    let far = there.matters[0].code.clone();
    do_act(&mut ts, &far, sample("routed")); // 待交办 may be merged too
    do_act(&mut ts, &b, sample("routed"));
    do_act(&mut ts, &b, assign("ZJJ", ""));
    // One refusal (b is already assigned) and nothing is merged.
    let err = ts.store.write("office", |w| merge(w, &lead, &[a.clone(), far.clone(), b.clone()])).unwrap_err();
    assert!(err.to_string().contains("交办后不能再并案"), "{err}");
    assert_eq!(show(ts.store.conn(), &a, now(&ts)).unwrap().summary.state, Some(State::Registered));
    let merged = ts.store.write("office", |w| merge(w, &lead, &[a.clone(), far.clone(), a.clone()])).unwrap();
    assert_eq!(merged.lead_code, lead);
    assert_eq!(merged.merged.iter().map(|m| m.state).collect::<Vec<_>>(), vec![State::Merged, State::Merged]);
    let view = show(ts.store.conn(), &lead, now(&ts)).unwrap();
    let listed: Vec<(&str, &str, u32)> =
        view.merged.iter().map(|m| (m.code.as_str(), m.station_code.as_str(), m.citizens)).collect();
    let mut want = vec![(a.as_str(), "XH-01", 1), (far.as_str(), "LS-01", 4)];
    want.sort();
    assert_eq!(listed, want, "every citizen kept, counted, not named");
    let follower = show(ts.store.conn(), &far, now(&ts)).unwrap();
    let seen = follower.lead.clone().unwrap();
    assert_eq!((seen.code.as_str(), seen.reply.as_str()), (lead.as_str(), ""));
    assert!(view.lead.is_none() && follower.merged.is_empty());
    // A merged matter is no lead, and a lead with followers is not merged elsewhere.
    let err = ts.store.write("office", |w| merge(w, &a, std::slice::from_ref(&b))).unwrap_err();
    assert!(matches!(err, Error::InvalidFields(_)), "{err}");
    let err = ts.store.write("office", |w| merge(w, &far, std::slice::from_ref(&lead))).unwrap_err();
    assert!(matches!(err, Error::InvalidFields(_)), "{err}");
    let spare = ts.store.write("clerk", |w| register(w, &visit_input(1))).unwrap().matters[0].code.clone();
    let err = ts.store.write("office", |w| merge(w, &spare, std::slice::from_ref(&lead))).unwrap_err();
    assert!(err.to_string().contains("请把它选为主事项"), "{err}");
    let err = ts.store.write("office", |w| merge(w, &lead, std::slice::from_ref(&lead))).unwrap_err();
    assert_eq!(field_names(err), vec!["others"]);
    assert_eq!(field_names(ts.store.write("office", |w| merge(w, &lead, &[])).unwrap_err()), vec!["others"]);
    // The lead's replies are copied to its followers; a later follower gets the latest at once.
    do_act(&mut ts, &lead, sample("routed"));
    do_act(&mut ts, &lead, assign("ZJJ", ""));
    do_act(&mut ts, &lead, sample("accepted"));
    let reply = |text: &str| Event::Replied { text: text.into(), not_competent: false, competent_body: String::new() };
    do_act(&mut ts, &lead, reply("已更换灯具"));
    do_act(&mut ts, &lead, reply("已更换灯具并加装两盏"));
    let late = ts.store.write("clerk", |w| register(w, &visit_input(1))).unwrap().matters[0].code.clone();
    ts.store.write("office", |w| merge(w, &lead, std::slice::from_ref(&late))).unwrap();
    for code in [&a, &far, &late] {
        let lead_seen = show(ts.store.conn(), code, now(&ts)).unwrap().lead.unwrap();
        assert_eq!(lead_seen.reply, "已更换灯具并加装两盏", "{code}");
    }
    assert_eq!(do_act(&mut ts, &far, sample("fed_back")), State::FedBack);
    let view = show(ts.store.conn(), &lead, now(&ts)).unwrap();
    assert_eq!(view.merged.len(), 3, "a follower that fed back is still listed");
}

#[test]
fn the_city_wide_filters_pick_county_category_unit_and_deputy() {
    let mut ts = store();
    let here = ts.store.write("clerk", |w| register(w, &visit_input(2))).unwrap();
    let there = ts.store.write("clerk", |w| register(w, &ls_visit("交通出行", 1))).unwrap();
    let [x0, x1] = [0, 1].map(|i| here.matters[i].code.clone());
    let ls = there.matters[0].code.clone();
    do_act(&mut ts, &x1, sample("routed"));
    do_act(
        &mut ts,
        &x1,
        Event::Assigned {
            lead: "JTJ".into(),
            co: vec!["ZJJ".into()],
            due_on: None,
            reason: String::new(),
            limit: None,
            return_window: None,
        },
    );
    let codes = |filter: MatterFilter| -> Vec<String> {
        let mut out: Vec<String> =
            list(ts.store.conn(), &filter, now(&ts)).unwrap().into_iter().map(|m| m.code).collect();
        out.sort();
        out
    };
    let text = |s: &str| Some(s.to_owned());
    #[rustfmt::skip]
    let table: Vec<(&str, MatterFilter, Vec<&String>)> = vec![
        ("no filter", MatterFilter::default(), vec![&x0, &x1, &ls]),
        ("county 鲁山县", MatterFilter { county: text("410423"), ..Default::default() }, vec![&ls]),
        ("county 新华区", MatterFilter { county: text("410402"), ..Default::default() }, vec![&x0, &x1]),
        ("the city holds both", MatterFilter { county: text("410400"), ..Default::default() }, vec![&x0, &x1, &ls]),
        ("unknown county", MatterFilter { county: text("999999"), ..Default::default() }, vec![]),
        ("category", MatterFilter { category: text("交通出行"), ..Default::default() }, vec![&ls]),
        ("lead unit", MatterFilter { unit: text("JTJ"), ..Default::default() }, vec![&x1]),
        ("co-handler", MatterFilter { unit: text("ZJJ"), ..Default::default() }, vec![&x1]),
        ("a unit holding nothing", MatterFilter { unit: text("YSZ"), ..Default::default() }, vec![]),
        // D000001 张明新 received the XH-01 visit; 曾国强 first responded at LS-01, D000003's own station group.
        ("receiving deputy", MatterFilter { deputy: text("D000001"), ..Default::default() }, vec![&x0, &x1]),
        ("first responder by name", MatterFilter { deputy: text("D000003"), ..Default::default() }, vec![&ls]),
        ("a deputy with none", MatterFilter { deputy: text("D000002"), ..Default::default() }, vec![]),
        ("blank is no filter", MatterFilter { deputy: text(" "), county: text(""), ..Default::default() }, vec![&x0, &x1, &ls]),
        (
            "combined",
            MatterFilter { county: text("410402"), state: Some(State::Registered), ..Default::default() },
            vec![&x0],
        ),
    ];
    for (name, filter, want) in table {
        let mut want: Vec<String> = want.into_iter().cloned().collect();
        want.sort();
        assert_eq!(codes(filter), want, "{name}");
    }
}

#[test]
fn similar_groups_are_found_across_stations_among_unassigned_matters_only() {
    let mut ts = store();
    // XH-01: 路灯不亮0 and 路灯不亮1 at 光明路 (城乡建设); LS-01: 路灯不亮了 at 光明路, same category.
    let here = ts.store.write("clerk", |w| register(w, &visit_input(3))).unwrap();
    let there = ts.store.write("clerk", |w| register(w, &ls_visit("城乡建设", 2))).unwrap();
    let other_category = ts.store.write("clerk", |w| register(w, &ls_visit("交通出行", 1))).unwrap();
    let [x0, x1, x2] = [0, 1, 2].map(|i| here.matters[i].code.clone());
    let ls = there.matters[0].code.clone();
    do_act(&mut ts, &x1, sample("routed")); // 待交办 is still a candidate
    do_act(&mut ts, &x2, sample("routed"));
    do_act(&mut ts, &x2, assign("ZJJ", "")); // assigned: no longer
    let groups = similar::similar(ts.store.conn(), &SimilarFilter::default()).unwrap();
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let g = &groups[0];
    let codes: Vec<&str> = g.matters.iter().map(|m| m.code.as_str()).collect();
    let mut want = vec![x0.as_str(), x1.as_str(), ls.as_str()];
    want.sort();
    assert_eq!(codes, want);
    assert!(g.reason.starts_with("同类别「城乡建设」· 同地点「光明路」· 文字相似度 "), "{}", g.reason);
    assert_eq!(g.matters.iter().map(|m| m.citizens).sum::<u32>(), 4);
    assert!(!other_category.matters.is_empty());
    let ls_only = SimilarFilter { county: Some("410423".into()), ..Default::default() };
    assert!(similar::similar(ts.store.conn(), &ls_only).unwrap().is_empty(), "one matter is no group");
    let by_category = SimilarFilter { category: Some("城乡建设".into()), ..Default::default() };
    assert_eq!(similar::similar(ts.store.conn(), &by_category).unwrap(), groups);
    // After the 并案 the followers are no longer candidates.
    ts.store.write("office", |w| merge(w, &x0, &[x1.clone(), ls.clone()])).unwrap();
    assert!(similar::similar(ts.store.conn(), &SimilarFilter::default()).unwrap().is_empty());
}
