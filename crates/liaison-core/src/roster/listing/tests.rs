//! The list queries against the small roster: paging, each filter, typed text ranked by the search.

use super::*;
use crate::roster::deputy::{self, DeputyInput};
use crate::testing::{deputy, small_roster, temp_store};

fn codes(page: &DeputyPage) -> Vec<&str> {
    page.rows.iter().map(|r| r.code.as_str()).collect()
}

fn serving() -> DeputyListFilter {
    DeputyListFilter::default()
}

#[test]
fn pages_cut_the_serving_deputies_by_number_and_count_them_all() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let conn = t.store.conn();
    let first = deputy_page(conn, &serving(), 0, 2).unwrap();
    assert_eq!((first.total, first.offset, codes(&first)), (3, 0, vec!["D000001", "D000002"]));
    let second = deputy_page(conn, &serving(), 2, 2).unwrap();
    assert_eq!((second.total, codes(&second)), (3, vec!["D000003"]));
    let row = &first.rows[0];
    assert_eq!(row.private_phone_masked, "138****5678", "never the raw phone");
    assert_eq!(row.station_code.as_deref(), Some("XH-01"));
    assert_eq!(row.county, "新华区");
}

#[test]
fn filters_by_level_region_station_flags_and_status() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    t.store
        .write("tester", |w| {
            let ended =
                DeputyInput { ended_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5), ..deputy("D000009", "李退") };
            deputy::save(w, &ended)
        })
        .unwrap();
    let conn = t.store.conn();
    let page = |f: DeputyListFilter| codes(&deputy_page(conn, &f, 0, 100).unwrap()).join(",");
    assert_eq!(page(DeputyListFilter { level: Some(Level::County), ..serving() }), "D000003");
    let lushan: String = conn.query_row("SELECT id FROM regions WHERE code = '410423'", [], |r| r.get(0)).unwrap();
    assert_eq!(page(DeputyListFilter { region_id: Some(lushan), ..serving() }), "D000003", "county and below");
    assert_eq!(page(DeputyListFilter { station_code: Some("XH-01".into()), ..serving() }), "D000001,D000002");
    assert_eq!(page(DeputyListFilter { leading_cadre: true, ..serving() }), "D000003");
    assert_eq!(page(DeputyListFilter { entrepreneur: true, ..serving() }), "");
    assert_eq!(page(DeputyListFilter { status: StatusFilter::Ended, ..serving() }), "D000009");
    assert_eq!(page(DeputyListFilter { status: StatusFilter::All, ..serving() }), "D000001,D000002,D000003,D000009");
}

#[test]
fn typed_text_lists_search_matches_under_the_filters() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let conn = t.store.conn();
    let by_text = |text: &str, f: DeputyListFilter| {
        let page = deputy_page(conn, &DeputyListFilter { text: text.into(), ..f }, 0, 100).unwrap();
        (page.total, codes(&page).join(","))
    };
    assert_eq!(by_text("zmx", serving()), (1, "D000001".into()));
    assert_eq!(by_text("zmx", DeputyListFilter { level: Some(Level::County), ..serving() }), (0, String::new()));
    assert_eq!(by_text("D00000", serving()).0, 3, "codes match by prefix");
    let skipped = deputy_page(conn, &DeputyListFilter { text: "D00000".into(), ..serving() }, 1, 1).unwrap();
    assert_eq!((skipped.total, skipped.rows.len()), (3, 1), "pages cut from the ranked matches");
}

#[test]
fn deputy_codes_are_every_match_of_the_list_unpaged() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let conn = t.store.conn();
    let all = |f: DeputyListFilter| deputy_codes(conn, &f).unwrap().join(",");
    assert_eq!(all(serving()), "D000001,D000002,D000003");
    assert_eq!(all(DeputyListFilter { station_code: Some("XH-01".into()), ..serving() }), "D000001,D000002");
    assert_eq!(all(DeputyListFilter { text: "zmx".into(), ..serving() }), "D000001");
    assert_eq!(all(DeputyListFilter { text: "zmx".into(), level: Some(Level::County), ..serving() }), "");
    for f in [serving(), DeputyListFilter { text: "D00000".into(), ..serving() }] {
        let page = deputy_page(conn, &f, 0, 100).unwrap();
        assert_eq!(deputy_codes(conn, &f).unwrap(), codes(&page), "the same deputies the list shows, same order");
    }
}

#[test]
fn an_oversized_limit_is_clamped_not_an_error() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let page = deputy_page(t.store.conn(), &serving(), 0, u32::MAX).unwrap();
    assert_eq!(page.rows.len(), 3);
}

#[test]
fn platforms_filter_by_kind_region_text_and_closure() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let conn = t.store.conn();
    let list = |f: PlatformListFilter| {
        platform_list(conn, &f).unwrap().into_iter().map(|p| p.code).collect::<Vec<_>>().join(",")
    };
    let all = PlatformListFilter::default();
    assert_eq!(list(all.clone()), "LS-01,LS-LF,XH-01");
    assert_eq!(list(PlatformListFilter { kind: Some(PlatformKind::Legislative), ..all.clone() }), "LS-LF");
    let lushan: String = conn.query_row("SELECT id FROM regions WHERE code = '410423'", [], |r| r.get(0)).unwrap();
    assert_eq!(list(PlatformListFilter { region_id: Some(lushan), ..all.clone() }), "LS-01,LS-LF");
    assert_eq!(list(PlatformListFilter { text: "光明路".into(), ..all.clone() }), "XH-01");
    assert_eq!(list(PlatformListFilter { star: Some(StarLevel::None), ..all.clone() }), "LS-01,LS-LF,XH-01");
    assert_eq!(list(PlatformListFilter { star: Some(StarLevel::City), ..all.clone() }), "");
}
