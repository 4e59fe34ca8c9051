//! The commands through Tauri's real invoke handler on the mock runtime (no display): command names, argument
//! names and JSON shapes as the generated bindings send them, results and errors as the UI receives them.

use std::sync::{Arc, Mutex};

use liaison_core::Store;
use liaison_core::operators::account;
use liaison_core::setup::{self, InstallationSetup};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use crate::{SessionState, StoreState};

struct Harness {
    _dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn harness(prepare: impl FnOnce(&mut Store)) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db")).unwrap();
    prepare(&mut store);
    let app = mock_builder()
        .invoke_handler(crate::ipc::builder::<MockRuntime>().invoke_handler())
        .manage::<StoreState>(Arc::new(Mutex::new(store)))
        .manage::<SessionState>(Mutex::new(None))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, crate::MAIN_WINDOW, Default::default()).build().unwrap();
    Harness { _dir: dir, _app: app, window }
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The webview origin Tauri accepts on this platform (`http://tauri.localhost` is refused on Linux).
            url: if cfg!(windows) { "http://tauri.localhost" } else { "tauri://localhost" }.parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| body.deserialize::<Value>().unwrap())
    }
}

#[test]
fn app_info_reports_no_setup_on_a_fresh_database_then_the_saved_one() {
    let fresh = harness(|_| {});
    let info = fresh.invoke("app_info", json!({})).unwrap();
    assert_eq!(info["setup"], Value::Null);
    assert!(info["db_path"].as_str().unwrap().ends_with("desk.db"), "{info}");
    assert!(info["schema_version"].as_u64().unwrap() >= 2, "{info}");

    let set_up = harness(|store| {
        let setup = InstallationSetup::station(Some("XH-01".into()), "光明路联络站", "平顶山市");
        store.write("安装员", |w| setup::save(w, None, &setup)).unwrap();
    });
    let info = set_up.invoke("app_info", json!({})).unwrap();
    assert_eq!(
        info["setup"],
        json!({ "mode": "station", "station_code": "XH-01", "station_name": "光明路联络站",
                "city_name": "平顶山市", "idle_lock_minutes": 10 })
    );
}

/// A harness with an administrator signed in (the roster commands refuse anyone else).
fn signed_in_harness() -> Harness {
    let h = harness(|store| {
        store.write("王芳 (wangfang)", |w| account::create_first_admin(w, "wangfang", "王芳", "admin2026")).unwrap();
    });
    h.invoke("sign_in", json!({ "login": "wangfang", "password": "admin2026" })).unwrap();
    h
}

#[test]
fn roster_commands_refuse_when_nobody_is_signed_in() {
    let h = harness(|_| {});
    let error = h.invoke("roster_stats", json!({})).unwrap_err();
    assert_eq!(error, json!({ "code": "forbidden", "message": "请先登录" }));
    let filter = json!({ "kinds": [], "level": null, "region_id": null, "station_id": null,
                         "leading_cadre": false, "entrepreneur": false, "include_inactive": false, "limit": null });
    assert!(h.invoke("search_roster", json!({ "text": "zmx", "filter": filter })).is_err());
}

#[test]
fn roster_stats_answers_with_the_numbers() {
    let h = signed_in_harness();
    let stats = h.invoke("roster_stats", json!({})).unwrap();
    assert_eq!(stats["deputies_serving"], json!(0));
    assert_eq!(stats["coverage_percent"], json!(100.0));
    assert_eq!(stats["deputies_by_level"].as_array().unwrap().len(), 5);
}

#[test]
fn search_roster_takes_text_and_a_filter_and_rejects_a_malformed_one() {
    let h = signed_in_harness();
    let filter = json!({ "kinds": ["deputy"], "level": "city", "region_id": null, "station_id": null,
                         "leading_cadre": false, "entrepreneur": false, "include_inactive": false, "limit": 10 });
    assert_eq!(h.invoke("search_roster", json!({ "text": "zmx", "filter": filter })).unwrap(), json!([]));

    let bad = json!({ "text": "zmx", "filter": { "kinds": ["nobody"] } });
    let error = h.invoke("search_roster", bad).unwrap_err();
    assert!(error.as_str().is_some_and(|e| e.contains("filter")), "{error}");
}

#[test]
fn a_core_error_reaches_the_ui_as_code_and_chinese_message() {
    // A setup row no version of the program writes: the core reports an internal error.
    let h = harness(|store| {
        store.conn().execute("INSERT INTO settings (key, value) VALUES ('setup.mode', 'bogus')", []).unwrap();
    });
    let error = h.invoke("app_info", json!({})).unwrap_err();
    assert_eq!(error["code"], json!("internal"), "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("程序内部错误") && !message.contains("bogus"), "{message}");
}

fn first_run_input() -> Value {
    json!({ "input": { "admin_login": "WangFang", "admin_name": "王芳", "admin_password": "admin2026",
                       "mode": "station", "station_code": "XH-09", "station_name": "光明路联络站",
                       "city_name": "平顶山市", "load_demo": false } })
}

#[test]
fn the_first_run_signs_the_admin_in_and_the_session_is_only_a_view() {
    let h = harness(|_| {});
    assert_eq!(h.invoke("first_run_status", json!({})).unwrap(), json!({ "setup": null, "operators_exist": false }));
    assert_eq!(h.invoke("current_session", json!({})).unwrap(), Value::Null);

    let outcome = h.invoke("complete_first_run", first_run_input()).unwrap();
    let view = json!({ "login": "wangfang", "display_name": "王芳", "role": "admin", "role_label": "管理员",
                       "may_reveal_personal_data": true });
    assert_eq!(outcome["session"], view);
    assert_eq!(outcome["setup"]["station_name"], json!("光明路联络站"));
    assert_eq!(h.invoke("current_session", json!({})).unwrap(), view);
    let status = h.invoke("first_run_status", json!({})).unwrap();
    assert_eq!(
        (status["operators_exist"].clone(), status["setup"]["station_code"].clone()),
        (json!(true), json!("XH-09"))
    );

    let again = h.invoke("complete_first_run", first_run_input()).unwrap_err();
    assert_eq!(again["code"], json!("conflict"), "{again}");
}

#[test]
fn sign_in_and_sign_out_keep_the_session_in_the_app_state() {
    let h = harness(|store| {
        store.write("王芳 (wangfang)", |w| account::create_first_admin(w, "wangfang", "王芳", "admin2026")).unwrap();
    });
    let wrong = h.invoke("sign_in", json!({ "login": "wangfang", "password": "nope12345" })).unwrap_err();
    assert_eq!(wrong, json!({ "code": "invalid", "message": "用户名或密码错误" }));
    assert_eq!(h.invoke("current_session", json!({})).unwrap(), Value::Null);

    let view = h.invoke("sign_in", json!({ "login": "WANGFANG", "password": "admin2026" })).unwrap();
    assert_eq!(view["display_name"], json!("王芳"));
    assert_eq!(h.invoke("current_session", json!({})).unwrap(), view);

    assert_eq!(h.invoke("sign_out", json!({ "reason": "idle_lock" })).unwrap(), Value::Null);
    assert_eq!(h.invoke("current_session", json!({})).unwrap(), Value::Null);
    assert_eq!(h.invoke("sign_out", json!({ "reason": "user" })).unwrap(), Value::Null, "signing out twice is fine");
}

/// A signed-in harness whose roster holds one station (XH-01) and the deputy 张明新 (D000001).
fn signed_in_harness_with_a_deputy() -> Harness {
    use liaison_core::roster::deputy::{self, DeputyInput, LevelTerm};
    use liaison_core::roster::kinds::{Level, PlatformKind, RegionKind};
    use liaison_core::roster::platform::{self, PlatformInput};
    use liaison_core::roster::region::{self, RegionInput};
    let h = harness(|store| {
        store
            .write("王芳 (wangfang)", |w| {
                account::create_first_admin(w, "wangfang", "王芳", "admin2026")?;
                for (code, name, kind, parent) in [
                    ("410400", "平顶山市", RegionKind::City, None),
                    ("410402", "新华区", RegionKind::District, Some("410400")),
                ] {
                    let parent_code = parent.map(Into::into);
                    region::save(w, &RegionInput { code: code.into(), name: name.into(), kind, parent_code })?;
                }
                platform::save(
                    w,
                    &PlatformInput {
                        code: "XH-01".into(),
                        name: "光明路联络站".into(),
                        kind: Some(PlatformKind::Station),
                        region_code: "410402".into(),
                        ..Default::default()
                    },
                )?;
                deputy::save(
                    w,
                    &DeputyInput {
                        code: "D000001".into(),
                        name: "张明新".into(),
                        birth_month: "1970-05".into(),
                        levels: vec![LevelTerm { level: Level::City, term: Some(12) }],
                        station_code: Some("XH-01".into()),
                        private_phone: "13812345678".into(),
                        entrepreneur: true,
                        ..DeputyInput::default()
                    },
                )?;
                Ok(())
            })
            .unwrap();
    });
    h.invoke("sign_in", json!({ "login": "wangfang", "password": "admin2026" })).unwrap();
    h
}

#[test]
fn deputy_detail_answers_with_the_masked_view() {
    let h = signed_in_harness_with_a_deputy();
    let view = h.invoke("deputy_detail", json!({ "code": "D000001" })).unwrap();
    assert_eq!(view["name"], json!("张明新"));
    assert_eq!(view["private_phone_masked"], json!("138****5678"));
    assert_eq!(view["levels"], json!([{ "level": "city", "term": 12 }]));
    assert_eq!((view["station_code"].clone(), view["station_name"].clone()), (json!("XH-01"), json!("光明路联络站")));
    assert_eq!((view["entrepreneur"].clone(), view["leading_cadre"].clone()), (json!(true), json!(false)));
    assert_eq!(view["status"], json!("serving"));
    assert!(!view.to_string().contains("13812345678"), "{view}");
}

#[test]
fn deputy_detail_of_an_unknown_number_is_not_found_in_chinese() {
    let h = signed_in_harness_with_a_deputy();
    let error = h.invoke("deputy_detail", json!({ "code": "D999999" })).unwrap_err();
    assert_eq!(error, json!({ "code": "not_found", "message": "代表编号 D999999 不存在" }));
}

#[test]
fn deputy_detail_refuses_when_nobody_is_signed_in() {
    let h = harness(|_| {});
    let error = h.invoke("deputy_detail", json!({ "code": "D000001" })).unwrap_err();
    assert_eq!(error, json!({ "code": "forbidden", "message": "请先登录" }));
}
