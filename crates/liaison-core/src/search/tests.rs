//! Search against a real database: every way people type a name, every special surname, codes, phone tails and
//! filters.

use super::{DocKind, SearchFilter, search};
use crate::roster::deputy::{self, DeputyInput, LevelTerm};
use crate::roster::kinds::Level;
use crate::testing::{deputy, small_roster, temp_store};

fn names(store: &crate::Store, q: &str, filter: &SearchFilter) -> Vec<String> {
    search(store.conn(), q, filter).unwrap().into_iter().map(|h| h.name).collect()
}

#[test]
fn every_way_of_typing_a_name_finds_it() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let all = SearchFilter::default();
    for q in [
        "张明新",
        "张明",
        "明新",
        "新",
        "zhangmingxin",
        "zmx",
        "zhang mx",
        "zhangmx",
        "ZMX",
        "ｚｍｘ",
        "zhang ming xin",
        "zmingxin",
    ] {
        assert!(names(&t.store, q, &all).contains(&"张明新".to_owned()), "{q} should find 张明新");
    }
    assert_eq!(names(&t.store, "张明新", &all)[0], "张明新", "exact match first");
    assert!(names(&t.store, "zmy", &all).is_empty());
}

#[test]
fn special_surnames_are_found_by_their_surname_reading_and_their_common_one() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let people = [
        ("D100001", "单田芳", "shantianfang", "stf"),
        ("D100002", "曾志伟", "zengzhiwei", "zzw"),
        ("D100003", "区嘉雯", "oujiawen", "ojw"),
        ("D100004", "仇晓光", "qiuxiaoguang", "qxg"),
        ("D100005", "解晓东", "xiexiaodong", "xxd"),
        ("D100006", "朴树林", "piaoshulin", "psl"),
        ("D100007", "查海生", "zhahaisheng", "zhs"),
        ("D100008", "尉迟恭", "yuchigong", "ycg"),
        ("D100009", "吕丽萍", "lvliping", "llp"),
    ];
    t.store
        .write("tester", |w| {
            for (code, name, _, _) in people {
                deputy::save(w, &deputy(code, name))?;
            }
            Ok(())
        })
        .unwrap();
    let all = SearchFilter::default();
    for (_, name, full, initials) in people {
        for q in [full, initials, name] {
            assert!(names(&t.store, q, &all).contains(&name.to_owned()), "“{q}” should find {name}");
        }
    }
    // the common reading still works: people who do not know the surname reading type it
    for (q, name) in
        [("dantianfang", "单田芳"), ("cengzhiwei", "曾志伟"), ("jiexiaodong", "解晓东"), ("weichigong", "尉迟恭")]
    {
        assert!(names(&t.store, q, &all).contains(&name.to_owned()), "“{q}” should find {name}");
    }
}

#[test]
fn codes_and_phone_tails() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let all = SearchFilter::default();
    assert_eq!(names(&t.store, "D000003", &all), vec!["曾国强"]);
    assert!(names(&t.store, "xh-01", &all).contains(&"新华区光明路街道人大代表联络站".to_owned()));
    // 单雄's private phone is 13900001111; the others' 13812345678
    assert_eq!(names(&t.store, "1111", &all), vec!["单雄"]);
    assert_eq!(names(&t.store, "00001111", &all), vec!["单雄"]);
    assert!(names(&t.store, "0000", &all).is_empty(), "a phone matches by its tail only");
    let hit = &search(t.store.conn(), "1111", &all).unwrap()[0];
    assert_eq!(hit.private_phone_masked, "139****1111", "results carry masked phones only");
}

#[test]
fn platforms_by_name_and_pinyin() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let platforms = SearchFilter { kinds: vec![DocKind::Platform], ..Default::default() };
    for q in ["尧山", "尧山镇", "yaoshan", "ysz", "lushan", "立法"] {
        assert!(!names(&t.store, q, &platforms).is_empty(), "{q}");
    }
}

#[test]
fn filters() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    t.store
        .write("tester", |w| {
            deputy::save(
                w,
                &DeputyInput {
                    levels: vec![LevelTerm { level: Level::Township, term: Some(13) }],
                    station_code: Some("LS-01".into()),
                    ..deputy("D000020", "张明鑫")
                },
            )
        })
        .unwrap();
    let station_id =
        crate::roster::id_by_code(t.store.conn(), crate::changelog::EntityKind::Platform, "LS-01").unwrap();
    let county_id = crate::roster::id_by_code(t.store.conn(), crate::changelog::EntityKind::Region, "410423").unwrap();
    let mut both = names(&t.store, "zmx", &SearchFilter::default());
    both.sort();
    assert_eq!(both, vec!["张明新", "张明鑫"]);
    assert_eq!(
        names(&t.store, "zmx", &SearchFilter { level: Some(Level::City), ..Default::default() }),
        vec!["张明新"]
    );
    assert_eq!(names(&t.store, "zmx", &SearchFilter { station_id, ..Default::default() }), vec!["张明鑫"]);
    assert_eq!(names(&t.store, "zmx", &SearchFilter { region_id: county_id, ..Default::default() }), vec!["张明鑫"]);
    assert_eq!(names(&t.store, "z", &SearchFilter { leading_cadre: true, ..Default::default() }), vec!["曾国强"]);
    // ended deputies are hidden unless asked for
    t.store
        .write("tester", |w| {
            deputy::save(
                w,
                &DeputyInput { ended_on: Some("2026-02-01".parse().unwrap()), ..deputy("D000001", "张明新") },
            )
        })
        .unwrap();
    assert_eq!(names(&t.store, "zmx", &SearchFilter::default()), vec!["张明鑫"]);
    assert_eq!(names(&t.store, "zmx", &SearchFilter { include_inactive: true, ..Default::default() }).len(), 2);
}

#[test]
fn exact_spellings_come_before_a_crowd_of_prefix_matches() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let given = ["瑶", "琪", "涵", "怡", "悦", "彤", "雯", "婷", "洁", "娜", "颖", "蕾"];
    t.store
        .write("tester", |w| {
            for (i, g) in given.iter().enumerate() {
                // 左梦昕X spells zmx…: a prefix match of "zmx", and 左 sorts before 张
                deputy::save(w, &deputy(&format!("D2000{i:02}"), &format!("左梦昕{g}")))?;
            }
            Ok(())
        })
        .unwrap();
    let few = SearchFilter { limit: Some(3), ..Default::default() };
    assert_eq!(names(&t.store, "zmx", &few)[0], "张明新");
    assert_eq!(names(&t.store, "zmx", &few).len(), 3, "prefix matches fill the rest");
}
