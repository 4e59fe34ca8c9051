//! Ledgers built from a real store: visits and matters registered and moved through the workflow on chosen days,
//! then read back as tables — rows in the period only, the station filter, masking, routes, units, deadlines and
//! the on-time flag.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::tabular::TableOut;
use crate::testing::{TestStore, small_roster, temp_store};
use crate::workflow::units::{self, UnitInput};
use crate::workflow::{CitizenInput, Event, MatterInput, Rating, VisitInput, act, register};

/// 10:00 in China on `day`.
fn china_morning(day: &str) -> DateTime<Utc> {
    let date: NaiveDate = day.parse().unwrap();
    Utc.from_utc_datetime(&date.and_hms_opt(2, 0, 0).unwrap())
}

fn store() -> TestStore {
    let mut ts = temp_store();
    small_roster(&mut ts.store);
    ts.store
        .write("office", |w| {
            for (code, name) in [("ZJJ", "住建局"), ("JTJ", "交通局")] {
                let unit =
                    UnitInput { code: code.into(), name: name.into(), kind: "部门".into(), ..Default::default() };
                units::save(w, &unit)?;
            }
            Ok(())
        })
        .unwrap();
    ts
}

const PHONE: &str = "13912345678";
const LANDLINE: &str = "0375-2345678";
const ID_NUMBER: &str = "410402198001011236";

/// A visit to `station` received now (the store's clock) with one named and one anonymous citizen.
fn visit(station: &str, titles: &[&str]) -> VisitInput {
    VisitInput {
        station_code: station.into(),
        channel: "来访".into(),
        deputies: vec!["D000001".into()],
        citizens: vec![
            CitizenInput {
                name: "李秀英".into(),
                phone: PHONE.into(),
                address: "光明路12号".into(),
                id_number: ID_NUMBER.into(),
                ..Default::default()
            },
            CitizenInput { anonymous: true, phone: LANDLINE.into(), ..Default::default() },
        ],
        head_count: Some(3),
        matters: titles
            .iter()
            .map(|t| MatterInput {
                title: (*t).into(),
                category: "城乡建设".into(),
                first_responder: "张明新".into(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// Registers the visit on `day` and returns its matters' ids.
fn register_on(ts: &mut TestStore, day: &str, input: &VisitInput) -> Vec<String> {
    ts.clock.set(china_morning(day));
    let visit = ts.store.write("王文书", |w| register(w, input)).unwrap();
    visit.matters.into_iter().map(|m| m.id).collect()
}

/// Records the acts on `day`, in order.
fn acts_on(ts: &mut TestStore, day: &str, matter: &str, events: Vec<Event>) {
    ts.clock.set(china_morning(day));
    for event in events {
        let label = event.label();
        ts.store.write("王文书", |w| act(w, matter, event)).unwrap_or_else(|e| panic!("{label}: {e}"));
    }
}

fn routed_and_assigned() -> Vec<Event> {
    vec![
        Event::RoutedForAssignment { limit: None },
        Event::Assigned {
            lead: "ZJJ".into(),
            co: vec!["JTJ".into()],
            due_on: None,
            reason: String::new(),
            limit: None,
            return_window: None,
        },
        Event::Accepted { unit: String::new() },
    ]
}

fn replied_and_finished() -> Vec<Event> {
    vec![
        Event::Replied { text: "已修复".into(), not_competent: false, competent_body: String::new() },
        Event::Finished { summary: "路灯已修复".into(), limit: None, lookback: None },
    ]
}

fn fed_back_and_rated() -> Vec<Event> {
    vec![
        Event::FedBack { how: "电话".into(), told_on: None, deputy_told: true, unreachable_reason: String::new() },
        Event::Rated { rating: Rating::Satisfied, reason: String::new(), limit: None },
    ]
}

/// One visit in December 2025 (outside the first quarter); in the first quarter of 2026 a visit to XH-01 with
/// three matters (finished on time, finished late, still open past its deadline) and a visit to LS-01 answered
/// on the spot.
fn scenario() -> TestStore {
    let mut ts = store();
    register_on(&mut ts, "2025-12-15", &visit("XH-01", &["去年的事项"]));
    let m = register_on(&mut ts, "2026-03-02", &visit("XH-01", &["路灯不亮", "道路破损", "垃圾清运"]));
    for id in &m {
        acts_on(&mut ts, "2026-03-02", id, routed_and_assigned());
    }
    acts_on(&mut ts, "2026-03-05", &m[0], [replied_and_finished(), fed_back_and_rated()].concat());
    acts_on(&mut ts, "2026-03-30", &m[1], replied_and_finished());
    let spot = register_on(&mut ts, "2026-03-03", &visit("LS-01", &["咨询低保政策"]));
    let answered = Event::AnsweredOnSpot { answer: "已解答".into(), limit: None, lookback: None };
    acts_on(&mut ts, "2026-03-03", &spot[0], vec![answered]);
    ts
}

fn scope(station: Option<&str>, period: &str) -> LedgerScope {
    LedgerScope { station_code: station.map(Into::into), period: period.parse().unwrap() }
}

/// The cell of data row `row` under `header`.
fn cell<'a>(table: &'a TableOut, row: usize, header: &str) -> &'a str {
    let col = table.headers.iter().position(|h| h == header).unwrap_or_else(|| panic!("no column {header}"));
    &table.rows[row][col]
}

fn column<'a>(table: &'a TableOut, header: &str) -> Vec<&'a str> {
    (0..table.rows.len()).map(|r| cell(table, r, header)).collect()
}

#[test]
fn the_visits_ledger_lists_the_period_masked_with_its_title() {
    let ts = scenario();
    let conn = ts.store.conn();
    let table = visits_ledger(conn, &scope(Some("XH-01"), "2026-Q1")).unwrap();
    assert_eq!(table.title.as_deref(), Some("新华区光明路街道人大代表联络站 接待群众登记台账（2026年第一季度）"));
    assert_eq!(table.headers, headers(&visits::VISIT_HEADERS));
    assert_eq!(table.rows.len(), 1, "the December visit is outside the quarter: {:?}", table.rows);
    let expect = [
        ("序号", "1"),
        ("接待日期", "2026-03-02"),
        ("联络站", "新华区光明路街道人大代表联络站"),
        ("接待方式", "来访"),
        ("接待代表", "张明新"),
        ("来访人（脱敏）", "李**、匿名"),
        ("联系电话（脱敏）", "139****5678、0375-***5678"),
        ("人数", "3"),
        ("反映事项", "路灯不亮；道路破损；垃圾清运"),
        ("事项编号", "XH-01-20260302-01、XH-01-20260302-02、XH-01-20260302-03"),
        ("首问责任人", "张明新"),
        ("登记人", "王文书"),
    ];
    for (header, value) in expect {
        assert_eq!(cell(&table, 0, header), value, "{header}");
    }

    let everywhere = visits_ledger(conn, &scope(None, "2026-03")).unwrap();
    assert_eq!(column(&everywhere, "接待日期"), ["2026-03-02", "2026-03-03"]);
    assert_eq!(column(&everywhere, "序号"), ["1", "2"]);
    assert_eq!(everywhere.title.as_deref(), Some("全部联络站 接待群众登记台账（2026年3月）"));
    let last_year = visits_ledger(conn, &scope(Some("XH-01"), "2025")).unwrap();
    assert_eq!(column(&last_year, "反映事项"), ["去年的事项"]);
}

#[test]
fn no_ledger_shows_a_raw_phone_id_number_or_citizen_name() {
    let ts = scenario();
    let conn = ts.store.conn();
    let now = china_morning("2026-04-01");
    for table in [
        visits_ledger(conn, &scope(None, "2025-12-01..2026-12-31")).unwrap(),
        matters_ledger(conn, &scope(None, "2025-12-01..2026-12-31"), now).unwrap(),
    ] {
        assert!(!table.rows.is_empty());
        let texts = table.rows.iter().flatten().chain(table.title.iter()).chain(&table.headers);
        for text in texts {
            for raw in [PHONE, "2345678", ID_NUMBER, "李秀英", "光明路12号"] {
                assert!(!text.contains(raw), "{raw} in {text:?} ({})", table.sheet);
            }
        }
    }
}

#[test]
fn the_matters_ledger_shows_routes_units_deadlines_and_the_on_time_flag() {
    let ts = scenario();
    let now = china_morning("2026-04-01");
    let table = matters_ledger(ts.store.conn(), &scope(Some("XH-01"), "2026-Q1"), now).unwrap();
    assert_eq!(table.title.as_deref(), Some("新华区光明路街道人大代表联络站 意见建议办理台账（2026年第一季度）"));
    assert_eq!(table.headers, headers(&matters::MATTER_HEADERS));
    assert_eq!(column(&table, "事项编号"), ["XH-01-20260302-01", "XH-01-20260302-02", "XH-01-20260302-03"]);
    for header in ["登记日期", "交办日期"] {
        assert_eq!(column(&table, header), ["2026-03-02"; 3], "{header}");
    }
    assert_eq!(column(&table, "办理方式"), ["交办"; 3]);
    assert_eq!(column(&table, "承办单位（牵头/协办）"), ["牵头：住建局；协办：交通局"; 3]);
    // Assigned Monday 2 March 2026: 15 working days.
    assert_eq!(column(&table, "办理期限"), ["2026-03-23"; 3]);
    assert_eq!(column(&table, "办结日期"), ["2026-03-05", "2026-03-30", ""]);
    assert_eq!(column(&table, "是否按期"), ["是", "否", "否"]);
    // Finished five working days late; still open seven working days after its deadline on 1 April.
    assert_eq!(column(&table, "超期工作日"), ["0", "5", "7"]);
    assert_eq!(column(&table, "反馈日期"), ["2026-03-05", "", ""]);
    assert_eq!(column(&table, "满意度"), ["满意", "", ""]);
    assert_eq!(column(&table, "当前状态"), ["已评价", "已办结待反馈", "已签收"]);
    assert_eq!(column(&table, "推诿信号"), ["无"; 3]);
    assert_eq!(column(&table, "首问责任人"), ["张明新"; 3]);

    // Before its deadline the open matter is not yet late.
    let early = matters_ledger(ts.store.conn(), &scope(Some("XH-01"), "2026-Q1"), china_morning("2026-03-20"));
    assert_eq!(cell(&early.unwrap(), 2, "是否按期"), "未到期");
}

#[test]
fn an_answer_on_the_spot_is_on_time_and_the_station_filter_holds() {
    let ts = scenario();
    let now = china_morning("2026-04-01");
    let table = matters_ledger(ts.store.conn(), &scope(Some("LS-01"), "2026"), now).unwrap();
    assert_eq!(column(&table, "事项标题"), ["咨询低保政策"]);
    let expect = [("办理方式", "当场答复"), ("是否按期", "是"), ("办理期限", ""), ("办结日期", "2026-03-03")];
    for (header, value) in expect {
        assert_eq!(cell(&table, 0, header), value, "{header}");
    }
}

#[test]
fn an_unknown_station_is_refused() {
    let ts = store();
    let err = visits_ledger(ts.store.conn(), &scope(Some("NO-01"), "2026")).unwrap_err();
    assert!(err.to_string().contains("联络站编码 NO-01"), "{err}");
}
