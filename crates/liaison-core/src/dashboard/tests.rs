//! The chart data on a small station: matters by month (every month, zeros included), category, county and station;
//! the monthly rate trends from the same figures as the ranking; the overdue list by unit and escalation level.

use chrono::{DateTime, FixedOffset};

use super::*;
use crate::workflow::model::{Event, Limit};
use crate::workflow::register;
use crate::workflow::tests::{do_act, now, store, visit_input};

fn year() -> Period {
    Period::year(2026).unwrap()
}

fn assigned(lead: &str) -> Event {
    Event::Assigned {
        lead: lead.into(),
        co: vec![],
        due_on: None,
        reason: String::new(),
        limit: Some(Limit::working_days(5)),
        return_window: None,
    }
}

#[test]
fn matters_are_counted_by_month_of_reception_category_county_and_station() {
    let mut ts = store();
    let mut march = visit_input(2);
    march.matters[1].category = "教育".into();
    ts.store.write("clerk", |w| register(w, &march)).unwrap();
    ts.clock.advance_ms(45 * 24 * 3600 * 1000);
    let mut april = visit_input(1);
    april.received_at = Some(DateTime::<FixedOffset>::parse_from_rfc3339("2026-04-10T09:00:00+08:00").unwrap());
    ts.store.write("clerk", |w| register(w, &april)).unwrap();
    let conn = ts.store.conn();
    let by = |g| matters_by(conn, &year(), g).unwrap();
    let months = by(MatterGrouping::Month);
    assert_eq!(months.len(), 12, "every month of the year");
    assert_eq!((months[2].label.as_str(), months[2].value, months[3].value, months[4].value), ("2026-03", 2, 1, 0));
    let categories = by(MatterGrouping::Category);
    assert_eq!(categories, [Slice { label: "城乡建设".into(), value: 2 }, Slice { label: "教育".into(), value: 1 }]);
    assert_eq!(by(MatterGrouping::County), [Slice { label: "新华区".into(), value: 3 }]);
    assert_eq!(by(MatterGrouping::Station)[0].value, 3);
    let q2 = matters_by(conn, &Period::quarter(2026, 2).unwrap(), MatterGrouping::Month).unwrap();
    assert_eq!(q2.iter().map(|s| s.value).collect::<Vec<_>>(), [1, 0, 0], "April only");
}

#[test]
fn the_rate_trend_and_the_overdue_list_read_the_same_assignments() {
    let mut ts = store();
    let codes: Vec<String> = ts
        .store
        .write("clerk", |w| register(w, &visit_input(2)))
        .unwrap()
        .matters
        .into_iter()
        .map(|m| m.code)
        .collect();
    for code in &codes {
        do_act(&mut ts, code, Event::RoutedForAssignment { limit: None });
        do_act(&mut ts, code, assigned("ZJJ"));
        do_act(&mut ts, code, Event::Accepted { unit: "ZJJ".into() });
    }
    // Five weeks later: the first is answered (late) and closed, the second is still open, overdue.
    ts.clock.advance_ms(35 * 24 * 3600 * 1000);
    let reply = Event::Replied { text: "已修复".into(), not_competent: false, competent_body: String::new() };
    do_act(&mut ts, &codes[0], reply);
    do_act(&mut ts, &codes[0], Event::Finished { summary: "已修复".into(), limit: None, lookback: None });
    let trends = rate_trends(ts.store.conn(), &year(), now(&ts)).unwrap();
    let march = trends.iter().find(|p| p.month == "2026-03").unwrap();
    assert_eq!((march.assigned, march.on_time_rate, march.satisfaction_rate), (2, Some(0.0), None));
    assert!(trends.iter().filter(|p| p.month != "2026-03").all(|p| p.assigned == 0 && p.on_time_rate.is_none()));

    let (levels, rows) = overdue_by_unit(ts.store.conn(), now(&ts)).unwrap();
    assert_eq!(levels.last().map(String::as_str), Some("未达督办"));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0].unit_name.as_str(), rows[0].total), ("住建局", 1));
    assert_eq!(rows[0].by_level.len(), levels.len());
}
