//! The commands through Tauri's real invoke handler on the mock runtime (no display): command names, argument
//! names and JSON shapes as the generated bindings send them, results and errors as the UI receives them.

use std::sync::Mutex;

use liaison_core::Store;
use liaison_core::setup::{self, InstallationSetup};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use crate::StoreState;

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
        .manage::<StoreState>(Mutex::new(store))
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

#[test]
fn roster_stats_answers_with_the_numbers() {
    let h = harness(|_| {});
    let stats = h.invoke("roster_stats", json!({})).unwrap();
    assert_eq!(stats["deputies_serving"], json!(0));
    assert_eq!(stats["coverage_percent"], json!(100.0));
    assert_eq!(stats["deputies_by_level"].as_array().unwrap().len(), 5);
}

#[test]
fn search_roster_takes_text_and_a_filter_and_rejects_a_malformed_one() {
    let h = harness(|_| {});
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
