//! Roster use cases against a real SQLite file: saving, idempotence, validation, duplicates, reveal audit.

use super::deputy::{self, DeputyInput, LevelTerm};
use super::kinds::Level;
use super::query::{deputy_by_code, platform_by_code};
use super::{SaveOutcome, platform};
use crate::Error;
use crate::changelog::{EntityKind, history};
use crate::testing::{deputy, small_roster, temp_store};

fn count(store: &crate::Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn saving_the_same_deputy_twice_records_nothing_the_second_time() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let before = count(&t.store, "SELECT COUNT(*) FROM change_log");
    let saved = t.store.write("tester", |w| deputy::save(w, &deputy("D000001", "张明新"))).unwrap();
    assert_eq!(saved.outcome, SaveOutcome::Unchanged);
    assert_eq!(count(&t.store, "SELECT COUNT(*) FROM change_log"), before);
}

#[test]
fn an_update_records_only_the_changed_fields_with_operator_and_node() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let input = DeputyInput { title: "主任".into(), ..deputy("D000001", "张明新") };
    let saved = t.store.write("王芳", |w| deputy::save(w, &input)).unwrap();
    assert_eq!(saved.outcome, SaveOutcome::Changed);
    let log = history(t.store.conn(), EntityKind::Deputy, &saved.id).unwrap();
    assert_eq!(log.len(), 2, "insert then update");
    let update = &log[1].change;
    assert_eq!(update.fields.keys().collect::<Vec<_>>(), vec!["title"]);
    assert_eq!(update.operator, "王芳");
    assert_eq!(update.node_id, t.store.node_id());
    assert!(update.hlc > log[0].change.hlc);
    assert_eq!(deputy_by_code(t.store.conn(), "D000001").unwrap().unwrap().title, "主任");
}

#[test]
fn a_rejected_write_leaves_nothing_behind() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let before = count(&t.store, "SELECT COUNT(*) FROM change_log");
    let result = t.store.write("tester", |w| {
        deputy::save(w, &deputy("D000010", "李四"))?;
        deputy::save(w, &DeputyInput { station_code: Some("NOPE".into()), ..deputy("D000011", "王五") })
    });
    assert!(matches!(result, Err(Error::InvalidFields(_))));
    assert_eq!(count(&t.store, "SELECT COUNT(*) FROM change_log"), before);
    assert!(deputy_by_code(t.store.conn(), "D000010").unwrap().is_none(), "the first save was rolled back too");
}

#[test]
fn deputy_rules() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let cases: Vec<(DeputyInput, &str)> = vec![
        (DeputyInput { name: " ".into(), ..deputy("D1", "") }, "姓名不能为空"),
        (DeputyInput { levels: vec![], ..deputy("D1", "甲") }, "没有填写代表级别"),
        (DeputyInput { station_code: None, ..deputy("D1", "甲") }, "必须编入一个联络站"),
        (DeputyInput { private_phone: "1381234".into(), ..deputy("D1", "甲") }, "不是有效的手机号码"),
        (DeputyInput { id_number: "410402198001011234".into(), ..deputy("D1", "甲") }, "校验位"),
        (DeputyInput { birth_month: "1970-13".into(), ..deputy("D1", "甲") }, "出生年月"),
        (DeputyInput { station_code: Some("XX-99".into()), ..deputy("D1", "甲") }, "联络站编码 XX-99 不存在"),
        (
            DeputyInput {
                levels: vec![
                    LevelTerm { level: Level::City, term: None },
                    LevelTerm { level: Level::City, term: Some(12) },
                ],
                ..deputy("D1", "甲")
            },
            "同一级别",
        ),
        // same name, birth month and level as D000001 under another number
        (deputy("D000099", "张明新"), "疑似重复录入"),
    ];
    for (input, want) in cases {
        let err = t.store.write("tester", |w| deputy::save(w, &input)).unwrap_err();
        assert!(err.to_string().contains(want), "{:?}: got “{err}”, want “{want}”", input.name);
        assert!(err.is_user_error());
    }
}

#[test]
fn a_deputy_who_ended_service_needs_no_station_and_a_twin_without_a_number_is_the_same_person() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let ended =
        DeputyInput {
            station_code: None, ended_on: Some("2026-01-31".parse().unwrap()), ..deputy("D000050", "周八")
        };
    t.store.write("tester", |w| deputy::save(w, &ended)).unwrap();
    assert_eq!(deputy_by_code(t.store.conn(), "D000050").unwrap().unwrap().status, "ended");
    // no number given: matched to D000001 by name + birth month + level
    let saved = t.store.write("tester", |w| deputy::save(w, &deputy("", "张明新"))).unwrap();
    assert_eq!(saved.outcome, SaveOutcome::Unchanged);
    // a new person without a number gets the next free number
    t.store.write("tester", |w| deputy::save(w, &deputy("", "新人"))).unwrap();
    assert_eq!(deputy_by_code(t.store.conn(), "D000051").unwrap().unwrap().name, "新人");
}

#[test]
fn a_closed_station_takes_no_serving_deputies() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    t.store
        .write("tester", |w| {
            let mut p = platform::PlatformInput {
                code: "LS-LF".into(),
                name: "鲁山县基层立法联系点".into(),
                kind: Some(super::kinds::PlatformKind::Legislative),
                region_code: "410423".into(),
                ..Default::default()
            };
            p.closed_on = Some("2026-02-01".parse().unwrap());
            platform::save(w, &p)
        })
        .unwrap();
    assert_eq!(platform_by_code(t.store.conn(), "LS-LF").unwrap().unwrap().status, "closed");
    let err = t
        .store
        .write("tester", |w| {
            deputy::save(w, &DeputyInput { station_code: Some("LS-LF".into()), ..deputy("D000060", "孙九") })
        })
        .unwrap_err();
    assert!(err.to_string().contains("已关闭"), "{err}");
}

#[test]
fn lists_mask_personal_data_and_a_reveal_is_audited() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    t.store
        .write("tester", |w| {
            deputy::save(w, &DeputyInput { id_number: "410402198001011236".into(), ..deputy("D000001", "张明新") })
        })
        .unwrap();
    let view = deputy_by_code(t.store.conn(), "D000001").unwrap().unwrap();
    assert_eq!(view.private_phone_masked, "138****5678");
    assert_eq!(view.id_number_masked, "4104**********1236");
    let json = serde_json::to_string(&view).unwrap();
    assert!(!json.contains("13812345678") && !json.contains("410402198001011236"), "{json}");

    assert!(t.store.write("王芳", |w| deputy::reveal_private(w, "D000001", " ")).is_err(), "a reason is required");
    let data = t.store.write("王芳", |w| deputy::reveal_private(w, "D000001", "核实联系方式")).unwrap();
    assert_eq!((data.private_phone.as_str(), data.id_number.as_str()), ("13812345678", "410402198001011236"));
    let (operator, action, detail): (String, String, String) = t
        .store
        .conn()
        .query_row("SELECT operator, action, detail FROM audit_log", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    assert_eq!((operator.as_str(), action.as_str(), detail.as_str()), ("王芳", "reveal", "核实联系方式"));
}

#[test]
fn star_ratings_are_derived_from_history() {
    use super::kinds::StarLevel;
    use super::platform::StarRating;
    let mut t = temp_store();
    small_roster(&mut t.store);
    let p = |ratings: Vec<StarRating>| platform::PlatformInput {
        code: "XH-01".into(),
        name: "新华区光明路街道人大代表联络站".into(),
        kind: Some(super::kinds::PlatformKind::Station),
        region_code: "410402001".into(),
        star_ratings: ratings,
        ..Default::default()
    };
    let city = StarRating { level: StarLevel::City, year: 2023, withdrawn_on: None, reason: String::new() };
    t.store.write("tester", |w| platform::save(w, &p(vec![city.clone()]))).unwrap();
    let view = platform_by_code(t.store.conn(), "XH-01").unwrap().unwrap();
    assert_eq!((view.star_level, view.star_year), (StarLevel::City, Some(2023)));
    let withdrawn =
        StarRating { withdrawn_on: Some("2026-01-01".parse().unwrap()), reason: "台账不规范".into(), ..city };
    t.store.write("tester", |w| platform::save(w, &p(vec![withdrawn]))).unwrap();
    let view = platform_by_code(t.store.conn(), "XH-01").unwrap().unwrap();
    assert_eq!((view.star_level, view.star_year), (StarLevel::None, None));
    assert_eq!(view.star_ratings.len(), 1, "history kept");
}

fn issues_of(error: Error) -> Vec<(String, String)> {
    match error {
        Error::InvalidFields(issues) => issues.into_iter().map(|i| (i.field, i.message)).collect(),
        other => panic!("expected field issues, got {other:?}"),
    }
}

#[test]
fn every_bad_field_of_a_deputy_is_named_with_a_chinese_reason() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let input = DeputyInput {
        name: " ".into(),
        private_phone: "1381234".into(),
        id_number: "410402199001011234".into(),
        station_code: None,
        ..deputy("D000001", "")
    };
    let issues = issues_of(t.store.write("tester", |w| deputy::save(w, &input)).unwrap_err());
    let fields: Vec<&str> = issues.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, vec!["name", "private_phone", "id_number", "station_code"]);
    assert!(issues[1].1.contains("不是有效的手机号码"), "{:?}", issues[1]);
}

#[test]
fn an_unknown_station_is_an_issue_of_the_station_field() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let input = DeputyInput { station_code: Some("NOPE".into()), ..deputy("D000001", "张明新") };
    let issues = issues_of(t.store.write("tester", |w| deputy::save(w, &input)).unwrap_err());
    assert_eq!(issues, vec![("station_code".into(), "联络站编码 NOPE 不存在".into())]);
}

#[test]
fn a_masked_private_phone_sent_back_keeps_the_stored_one() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let view = deputy_by_code(t.store.conn(), "D000001").unwrap().unwrap();
    let edited = DeputyInput {
        title: "主任".into(),
        private_phone: view.private_phone_masked.clone(),
        ..deputy("D000001", "张明新")
    };
    let saved = t.store.write("tester", |w| deputy::save(w, &edited)).unwrap();
    assert_eq!(saved.outcome, SaveOutcome::Changed);
    let stored: String = t
        .store
        .conn()
        .query_row("SELECT private_phone FROM deputies WHERE code = 'D000001'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, "13812345678");
}

#[test]
fn a_masked_value_that_does_not_match_or_a_new_deputy_is_refused() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let wrong = DeputyInput { private_phone: "139****0000".into(), ..deputy("D000001", "张明新") };
    let issues = issues_of(t.store.write("tester", |w| deputy::save(w, &wrong)).unwrap_err());
    assert_eq!(issues[0].0, "private_phone");
    let new = DeputyInput { private_phone: "138****5678".into(), ..deputy("", "新代表") };
    let issues = issues_of(t.store.write("tester", |w| deputy::save(w, &new)).unwrap_err());
    assert_eq!(issues[0].0, "private_phone");
}

#[test]
fn a_platform_names_each_bad_field() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let input = platform::PlatformInput {
        code: "XH-02".into(),
        name: "".into(),
        kind: None,
        region_code: "999".into(),
        phone: "12".into(),
        reception_days: vec![8],
        ..Default::default()
    };
    let issues = issues_of(t.store.write("tester", |w| platform::save(w, &input)).unwrap_err());
    let fields: Vec<&str> = issues.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, vec!["name", "kind", "region_code", "phone", "reception_days"]);
}
