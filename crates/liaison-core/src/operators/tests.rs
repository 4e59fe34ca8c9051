//! Operator flows on real temp-file stores: roles, the first administrator, adding operators, sign-in with lockout
//! (moving the fake clock), the last-administrator guard, and the role-checked reveal of personal data.

use super::account::{self, NewOperator};
use super::session::{LOCK_MINUTES, MAX_FAILED_ATTEMPTS};
use super::*;
use crate::error::Error;
use crate::store::Store;
use crate::testing::{TestStore, small_roster, temp_store};

const ADMIN_PASSWORD: &str = "admin2026";

/// A store with a first administrator `wangfang` (王芳), signed in.
fn with_admin() -> (TestStore, Session) {
    let mut t = temp_store();
    t.store.write("王芳 (wangfang)", |w| account::create_first_admin(w, "WangFang", "王芳", ADMIN_PASSWORD)).unwrap();
    let admin = sign_in(&mut t.store, "wangfang", ADMIN_PASSWORD).unwrap();
    (t, admin)
}

fn add(store: &mut Store, actor: &Session, login: &str, role: Role) -> crate::Result<OperatorView> {
    let new = NewOperator {
        login: login.into(),
        display_name: format!("{login}的名字"),
        role,
        password: format!("{login}pass1"),
    };
    store.write(&actor.operator(), |w| account::create_operator(w, actor, &new))
}

fn audit_actions(store: &Store) -> Vec<String> {
    let mut stmt = store.conn().prepare("SELECT action FROM audit_log ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn invalid_message(err: Error) -> String {
    match err {
        Error::Invalid(m) => m,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn roles_have_stored_names_labels_and_rights() {
    let table = [
        (Role::Clerk, "clerk", "联络员", false, false),
        (Role::StationHead, "station_head", "站长", true, false),
        (Role::OfficeStaff, "office_staff", "机关工作人员", true, false),
        (Role::Admin, "admin", "管理员", true, true),
    ];
    for (role, stored, label, reveal, manage) in table {
        assert_eq!(role.as_str(), stored);
        assert_eq!(Role::parse(stored), Some(role));
        assert_eq!(role.label(), label);
        assert_eq!(role.may_reveal_personal_data(), reveal, "{stored}");
        assert_eq!(role.may_manage_operators(), manage, "{stored}");
        assert_eq!(role.may_change_setup(), manage, "{stored}");
        assert_eq!(serde_json::to_value(role).unwrap(), stored);
    }
    assert_eq!(Role::parse("root"), None);
}

#[test]
fn the_first_admin_is_created_once_with_a_lower_case_login() {
    let (mut t, admin) = with_admin();
    assert_eq!((admin.login(), admin.display_name(), admin.role()), ("wangfang", "王芳", Role::Admin));
    assert_eq!(admin.operator(), "王芳 (wangfang)");
    let again = t.store.write("x", |w| account::create_first_admin(w, "other", "另一个", ADMIN_PASSWORD));
    assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
    let listed = account::list(t.store.conn()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].login.as_str(), listed[0].role, listed[0].role_label), ("wangfang", Role::Admin, "管理员"));
    assert!(listed[0].last_sign_in_at.is_some());
    let json = serde_json::to_string(&listed).unwrap();
    assert!(!json.contains("argon2") && !json.contains("hash"), "no hash leaves the core: {json}");
    assert_eq!(audit_actions(&t.store), ["operator_create", "sign_in"]);
}

#[test]
fn only_an_admin_adds_operators_and_logins_are_unique_in_any_case() {
    let (mut t, admin) = with_admin();
    add(&mut t.store, &admin, "lisi", Role::Clerk).unwrap();
    let clerk = sign_in(&mut t.store, "LiSi", "lisipass1").unwrap();
    let err = add(&mut t.store, &clerk, "zhaoliu", Role::Clerk).unwrap_err();
    assert!(matches!(&err, Error::Forbidden(m) if m.contains("只有管理员")), "{err}");
    let err = add(&mut t.store, &admin, "LISI", Role::Clerk).unwrap_err();
    assert!(matches!(&err, Error::Conflict(m) if m.contains("已被使用")), "{err}");
    add(&mut t.store, &admin, "张站长", Role::StationHead).unwrap();
    assert!(sign_in(&mut t.store, "张站长", "张站长pass1").is_ok(), "Chinese logins work");
    // a write opened under another name cannot carry the admin's session
    let new =
        NewOperator { login: "zz".into(), display_name: "甲".into(), role: Role::Clerk, password: "abc12345".into() };
    let err = t.store.write("someone else", |w| account::create_operator(w, &admin, &new)).unwrap_err();
    assert!(matches!(err, Error::Internal(_)), "{err}");
}

#[test]
fn logins_names_and_passwords_are_checked() {
    let (mut t, admin) = with_admin();
    let cases: &[(&str, &str, &str, &str)] = &[
        ("", "甲", "abc12345", "用户名不能为空"),
        ("a", "甲", "abc12345", "2 到 32"),
        ("li si", "甲", "abc12345", "只能包含"),
        ("lisi", " ", "abc12345", "姓名不能为空"),
        ("lisi", "甲", "abc1234", "至少需要 8 个字符"),
        ("lisi", "甲", "abcdefgh", "英文字母和数字"),
        ("lisi1234", "甲", "LISI1234", "不能与用户名相同"),
    ];
    for (login, name, password, expected) in cases {
        let new = NewOperator {
            login: (*login).into(),
            display_name: (*name).into(),
            role: Role::Clerk,
            password: (*password).into(),
        };
        let err = t.store.write(&admin.operator(), |w| account::create_operator(w, &admin, &new)).unwrap_err();
        let msg = invalid_message(err);
        assert!(msg.contains(expected), "{login}/{password}: {msg}");
    }
    assert_eq!(account::list(t.store.conn()).unwrap().len(), 1, "nothing was added");
}

#[test]
fn five_wrong_passwords_lock_for_fifteen_minutes() {
    let (mut t, admin) = with_admin();
    add(&mut t.store, &admin, "lisi", Role::Clerk).unwrap();
    for attempt in 1..MAX_FAILED_ATTEMPTS {
        let msg = invalid_message(sign_in(&mut t.store, "lisi", "wrongpass1").unwrap_err());
        assert_eq!(msg, "用户名或密码错误");
        assert_eq!(account::get(t.store.conn(), "lisi").unwrap().unwrap().failed_attempts as i64, attempt);
    }
    // the fifth failure locks; the store's clock is 2026-03-02 09:00 UTC = 17:00 Beijing time
    let err = sign_in(&mut t.store, "lisi", "wrongpass1").unwrap_err();
    assert!(matches!(&err, Error::Forbidden(m) if m.contains("锁定至 2026-03-02 17:15（北京时间）")), "{err}");
    let err = sign_in(&mut t.store, "lisi", "lisipass1").unwrap_err();
    assert!(matches!(&err, Error::Forbidden(m) if m.contains("锁定至")), "even the right password waits: {err}");
    t.clock.advance_ms(14 * 60_000);
    assert!(sign_in(&mut t.store, "lisi", "lisipass1").is_err(), "still locked after 14 minutes");
    t.clock.advance_ms((LOCK_MINUTES - 14 + 1) * 60_000);
    let session = sign_in(&mut t.store, "lisi", "lisipass1").unwrap();
    assert_eq!(session.role(), Role::Clerk);
    let view = account::get(t.store.conn(), "lisi").unwrap().unwrap();
    assert_eq!((view.failed_attempts, view.locked_until), (0, None), "success clears the lock");
    let actions = audit_actions(&t.store);
    let count = |a: &str| actions.iter().filter(|x| *x == a).count();
    assert_eq!(count("sign_in_failed"), 5);
    assert_eq!(count("operator_locked"), 1);
    assert_eq!(count("sign_in_locked"), 2);
    assert_eq!(count("sign_in"), 2, "the admin's and lisi's");
}

#[test]
fn a_success_resets_the_counter() {
    let (mut t, admin) = with_admin();
    add(&mut t.store, &admin, "lisi", Role::Clerk).unwrap();
    for _ in 0..MAX_FAILED_ATTEMPTS - 1 {
        sign_in(&mut t.store, "lisi", "wrongpass1").unwrap_err();
    }
    sign_in(&mut t.store, "lisi", "lisipass1").unwrap();
    let err = sign_in(&mut t.store, "lisi", "wrongpass1").unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "one failure after a success does not lock: {err}");
}

#[test]
fn unknown_inactive_and_wrong_all_get_the_same_answer() {
    let (mut t, admin) = with_admin();
    add(&mut t.store, &admin, "lisi", Role::Clerk).unwrap();
    add(&mut t.store, &admin, "zhaoliu", Role::Clerk).unwrap();
    t.store.write(&admin.operator(), |w| account::deactivate(w, &admin, "zhaoliu")).unwrap();
    let wrong = invalid_message(sign_in(&mut t.store, "lisi", "wrongpass1").unwrap_err());
    let unknown = invalid_message(sign_in(&mut t.store, "nobody", "lisipass1").unwrap_err());
    let inactive = invalid_message(sign_in(&mut t.store, "zhaoliu", "zhaoliupass1").unwrap_err());
    let empty = invalid_message(sign_in(&mut t.store, "", "").unwrap_err());
    assert_eq!([&unknown, &inactive, &empty], [&wrong; 3]);
    let details: Vec<(String, String)> = {
        let mut stmt = t
            .store
            .conn()
            .prepare("SELECT operator, detail FROM audit_log WHERE action = 'sign_in_failed' ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(details[1], ("未登录".to_owned(), "unknown login: nobody".to_owned()));
    assert_eq!(details[2].1, "inactive");

    // reactivated, zhaoliu can sign in again
    t.store.write(&admin.operator(), |w| account::reactivate(w, &admin, "zhaoliu")).unwrap();
    assert!(sign_in(&mut t.store, "zhaoliu", "zhaoliupass1").is_ok());
}

#[test]
fn a_deactivated_or_demoted_admin_loses_rights_in_an_open_session() {
    let (mut t, admin) = with_admin();
    add(&mut t.store, &admin, "second", Role::Admin).unwrap();
    let second = sign_in(&mut t.store, "second", "secondpass1").unwrap();
    t.store.write(&admin.operator(), |w| account::set_role(w, &admin, "second", Role::OfficeStaff)).unwrap();
    let err = add(&mut t.store, &second, "x1", Role::Clerk).unwrap_err();
    assert!(matches!(err, Error::Forbidden(_)), "demoted: {err}");
    // the only active admin can neither be demoted nor deactivated
    let err = t.store.write(&admin.operator(), |w| account::deactivate(w, &admin, "wangfang")).unwrap_err();
    assert!(matches!(&err, Error::Conflict(m) if m.contains("至少要保留一名")), "{err}");
    let err = t.store.write(&admin.operator(), |w| account::set_role(w, &admin, "wangfang", Role::Clerk)).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    // with a second admin, the first may be deactivated, and their open session stops working
    t.store.write(&admin.operator(), |w| account::set_role(w, &admin, "second", Role::Admin)).unwrap();
    t.store.write(&admin.operator(), |w| account::deactivate(w, &admin, "wangfang")).unwrap();
    let err = add(&mut t.store, &admin, "x2", Role::Clerk).unwrap_err();
    assert!(matches!(&err, Error::Forbidden(m) if m.contains("已停用")), "{err}");
}

#[test]
fn passwords_are_reset_by_an_admin_or_changed_with_the_current_one() {
    let (mut t, admin) = with_admin();
    add(&mut t.store, &admin, "lisi", Role::Clerk).unwrap();
    for _ in 0..MAX_FAILED_ATTEMPTS {
        sign_in(&mut t.store, "lisi", "wrongpass1").unwrap_err();
    }
    t.store.write(&admin.operator(), |w| account::set_password(w, &admin, "lisi", "newpass22")).unwrap();
    let lisi = sign_in(&mut t.store, "lisi", "newpass22").expect("a reset lifts the lock");
    let err =
        t.store.write(&lisi.operator(), |w| account::set_password(w, &lisi, "wangfang", "hijack123")).unwrap_err();
    assert!(matches!(err, Error::Forbidden(_)), "{err}");
    let err =
        t.store.write(&lisi.operator(), |w| account::change_own_password(w, &lisi, "wrong", "mine12345")).unwrap_err();
    assert_eq!(invalid_message(err), "当前密码不正确");
    let err =
        t.store.write(&lisi.operator(), |w| account::change_own_password(w, &lisi, "newpass22", "short1")).unwrap_err();
    assert!(invalid_message(err).contains("至少需要"));
    t.store.write(&lisi.operator(), |w| account::change_own_password(w, &lisi, "newpass22", "mine12345")).unwrap();
    assert!(sign_in(&mut t.store, "lisi", "newpass22").is_err());
    assert!(sign_in(&mut t.store, "lisi", "mine12345").is_ok());
    assert_eq!(audit_actions(&t.store).iter().filter(|a| *a == "operator_password").count(), 2);
}

#[test]
fn a_hash_at_an_outdated_cost_is_upgraded_at_sign_in() {
    let (mut t, _admin) = with_admin();
    let old =
        password::hash_with(password::PRODUCTION_COST, &crate::clock::SeededEntropy::new(3), ADMIN_PASSWORD).unwrap();
    t.store
        .write("test", |w| {
            w.tx().execute("UPDATE operators SET password_hash = ?1", [&old])?;
            Ok(())
        })
        .unwrap();
    sign_in(&mut t.store, "wangfang", ADMIN_PASSWORD).expect("the production-cost hash verifies");
    let now: String = t.store.conn().query_row("SELECT password_hash FROM operators", [], |r| r.get(0)).unwrap();
    assert!(!password::needs_rehash(&now), "{now}");
    assert!(sign_in(&mut t.store, "wangfang", ADMIN_PASSWORD).is_ok());
}

#[test]
fn a_clerk_cannot_reveal_personal_data_a_station_head_can_and_it_is_audited() {
    let (mut t, admin) = with_admin();
    small_roster(&mut t.store);
    add(&mut t.store, &admin, "clerk1", Role::Clerk).unwrap();
    add(&mut t.store, &admin, "head1", Role::StationHead).unwrap();
    let clerk = sign_in(&mut t.store, "clerk1", "clerk1pass1").unwrap();
    let head = sign_in(&mut t.store, "head1", "head1pass1").unwrap();
    let reveals = |store: &Store| -> i64 {
        store.conn().query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'reveal'", [], |r| r.get(0)).unwrap()
    };

    let err = t.store.write(&clerk.operator(), |w| reveal_private_as(w, &clerk, "D000001", "核实")).unwrap_err();
    assert!(matches!(&err, Error::Forbidden(m) if m == "当前角色无权查看个人信息"), "{err}");
    assert_eq!(reveals(&t.store), 0);

    let data = t.store.write(&head.operator(), |w| reveal_private_as(w, &head, "D000001", "回访核实")).unwrap();
    assert_eq!(data.private_phone, "13812345678");
    let (operator, detail): (String, String) = t
        .store
        .conn()
        .query_row("SELECT operator, detail FROM audit_log WHERE action = 'reveal'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((operator.as_str(), detail.as_str()), ("head1的名字 (head1)", "回访核实"));
}

#[test]
fn a_session_shows_a_view_without_its_id_and_sign_out_is_audited() {
    let (mut t, admin) = with_admin();
    let view = admin.view();
    assert_eq!(
        serde_json::to_value(&view).unwrap(),
        serde_json::json!({ "login": "wangfang", "display_name": "王芳", "role": "admin", "role_label": "管理员",
                            "may_reveal_personal_data": true })
    );
    sign_out(&mut t.store, &admin, SignOutReason::User).unwrap();
    sign_out(&mut t.store, &admin, SignOutReason::IdleLock).unwrap();
    let actions = audit_actions(&t.store);
    assert_eq!(actions[actions.len() - 2..], ["sign_out".to_owned(), "idle_lock".to_owned()]);
}
