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

use super::roster_files::{FileServices, ImportCancel, ImportProgress, PickKind};
use crate::{SessionState, StoreState};

struct Harness {
    dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    /// The progress events the import commands sent.
    progress: Arc<Mutex<Vec<ImportProgress>>>,
    /// What the fake folder dialog answers (`<temp folder>/bundles` until a test changes it).
    folder: Arc<Mutex<std::path::PathBuf>>,
}

/// The file name the fake open dialog answers (in the harness's temp folder).
const PICKED: &str = "picked.xlsx";
/// The bundle and the enrollment file the fake open dialog answers for the sync commands.
const PICKED_BUNDLE: &str = "picked.lzb";
const PICKED_ENROLLMENT: &str = "picked.lze";
/// The folder the fake folder dialog answers (made in the temp folder).
const FOLDER: &str = "bundles";

fn harness(prepare: impl FnOnce(&mut Store)) -> Harness {
    harness_saving(prepare, false)
}

/// A harness whose save dialog answers `<temp folder>/<suggested name>` when `saves`, or is cancelled.
fn harness_saving(prepare: impl FnOnce(&mut Store), saves: bool) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let save_dir = dir.path().to_owned();
    let mut store = Store::open(&dir.path().join("desk.db")).unwrap();
    prepare(&mut store);
    let progress = Arc::new(Mutex::new(Vec::new()));
    let (picked, sink) = (dir.path().join(PICKED), Arc::clone(&progress));
    std::fs::create_dir_all(dir.path().join(FOLDER)).unwrap();
    let folder = Arc::new(Mutex::new(dir.path().join(FOLDER)));
    let answer = Arc::clone(&folder);
    // The dialogs answer at once, as a clerk who picks a file would; progress events are recorded.
    let files = FileServices {
        pick_file: Box::new(move |kind| {
            Some(match kind {
                PickKind::Bundle => picked.with_file_name(PICKED_BUNDLE),
                PickKind::Enrollment => picked.with_file_name(PICKED_ENROLLMENT),
                _ => picked.clone(),
            })
        }),
        save_file: Box::new(move |name| saves.then(|| save_dir.join(name))),
        pick_folder: Box::new(move |_, _| Some(answer.lock().unwrap().clone())),
        progress: Box::new(move |p| sink.lock().unwrap().push(p)),
    };
    let app = mock_builder()
        .invoke_handler(crate::ipc::builder::<MockRuntime>().invoke_handler())
        .manage::<StoreState>(Arc::new(Mutex::new(store)))
        .manage::<SessionState>(Mutex::new(None))
        .manage(ImportCancel::default())
        .manage(Arc::new(files))
        .manage(Arc::new(super::print_jobs::PrintJobs::default()))
        .manage(Arc::new(super::sync::InboxJobs::default()))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, crate::MAIN_WINDOW, Default::default()).build().unwrap();
    Harness { dir, _app: app, window, progress, folder }
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
    assert_eq!(error, json!({ "code": "forbidden", "message": "请先登录", "fields": [] }));
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
    assert_eq!(wrong, json!({ "code": "invalid", "message": "用户名或密码错误", "fields": [] }));
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
    signed_in_harness_with_a_deputy_saving(false)
}

/// The same, with a save dialog that answers a file in the temp folder when `saves`.
fn signed_in_harness_with_a_deputy_saving(saves: bool) -> Harness {
    use liaison_core::roster::deputy::{self, DeputyInput, LevelTerm};
    use liaison_core::roster::kinds::{Level, PlatformKind, RegionKind};
    use liaison_core::roster::platform::{self, PlatformInput};
    use liaison_core::roster::region::{self, RegionInput};
    let h = harness_saving(
        |store| {
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
        },
        saves,
    );
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
    assert_eq!(error, json!({ "code": "not_found", "message": "代表编号 D999999 不存在", "fields": [] }));
}

#[test]
fn deputy_detail_refuses_when_nobody_is_signed_in() {
    let h = harness(|_| {});
    let error = h.invoke("deputy_detail", json!({ "code": "D000001" })).unwrap_err();
    assert_eq!(error, json!({ "code": "forbidden", "message": "请先登录", "fields": [] }));
}

#[test]
fn saving_a_deputy_with_a_bad_phone_names_the_field_in_chinese() {
    let h = signed_in_harness_with_a_deputy();
    let mut input = h.invoke("deputy_detail", json!({ "code": "D000001" })).unwrap();
    let input = json!({
        "code": "D000001", "name": input["name"].take(), "gender": null, "ethnicity": "", "birth_month": "1970-05",
        "levels": [{ "level": "city", "term": 12 }], "electoral_district": "", "station_code": "XH-01",
        "work_unit": "", "title": "", "leading_cadre": false, "entrepreneur": true, "public_contact": "",
        "private_phone": "1381234", "id_number": "", "ended_on": null
    });
    let error = h.invoke("save_deputy", json!({ "input": input.clone() })).unwrap_err();
    assert_eq!(error["code"], json!("invalid"));
    assert_eq!(error["fields"][0]["field"], json!("private_phone"), "{error}");
    assert!(error["fields"][0]["message"].as_str().unwrap().contains("不是有效的手机号码"), "{error}");

    // The masked phone sent back unchanged keeps the stored one; the title change is saved.
    let mut fixed = input;
    fixed["private_phone"] = json!("138****5678");
    fixed["title"] = json!("主任");
    let saved = h.invoke("save_deputy", json!({ "input": fixed })).unwrap();
    assert_eq!(saved["outcome"], json!("changed"), "{saved}");
    let view = h.invoke("deputy_detail", json!({ "code": "D000001" })).unwrap();
    assert_eq!((view["title"].clone(), view["private_phone_masked"].clone()), (json!("主任"), json!("138****5678")));
}

#[test]
fn a_reveal_by_an_administrator_is_unmasked_and_audited() {
    let h = signed_in_harness_with_a_deputy();
    let refused = h.invoke("reveal_deputy_private", json!({ "code": "D000001", "reason": " " })).unwrap_err();
    assert_eq!(refused["code"], json!("invalid"), "a reason is required: {refused}");
    let data = h.invoke("reveal_deputy_private", json!({ "code": "D000001", "reason": "回访核实" })).unwrap();
    assert_eq!(data["private_phone"], json!("13812345678"));
    let store = Store::open(&h.dir.path().join("desk.db")).unwrap();
    let audited: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%回访核实%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn the_deputies_list_pages_and_the_platforms_list_filters() {
    let h = signed_in_harness_with_a_deputy();
    let filter = json!({ "text": "", "level": null, "region_id": null, "station_code": null,
                         "leading_cadre": false, "entrepreneur": false, "status": "serving" });
    let page = h.invoke("deputy_page", json!({ "filter": filter, "offset": 0, "limit": 200 })).unwrap();
    assert_eq!((page["total"].clone(), page["rows"][0]["code"].clone()), (json!(1), json!("D000001")));
    assert_eq!(page["rows"][0]["private_phone_masked"], json!("138****5678"));
    let filter = json!({ "text": "", "kind": "station", "region_id": null, "star": null, "include_closed": false });
    let platforms = h.invoke("platform_list", json!({ "filter": filter })).unwrap();
    assert_eq!(platforms[0]["deputy_count"], json!(1), "{platforms}");
    assert_eq!(h.invoke("region_list", json!({})).unwrap().as_array().unwrap().len(), 2);
}

/// Writes a deputies workbook with one good row and one with a bad phone to the fake dialog's file.
fn write_picked_workbook(h: &Harness) -> String {
    let path = h.dir.path().join(PICKED);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["姓名", "出生年月", "代表级别", "所属联络站", "手机号码"],
        ["李娜", "1980-11", "市人大代表", "XH-01", "13911112222"],
        ["王五", "1975-03", "市人大代表", "XH-01", "1391111"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(&path).unwrap();
    path.display().to_string()
}

#[test]
fn an_import_previews_then_commits_with_progress_and_lists_the_bad_row() {
    let h = signed_in_harness_with_a_deputy();
    write_picked_workbook(&h);
    let path = h.invoke("choose_import_file", json!({})).unwrap();
    assert!(path.as_str().unwrap().ends_with(PICKED), "{path}");

    let preview = h.invoke("import_preview", json!({ "path": path.clone() })).unwrap();
    let sheet = &preview["sheets"][0];
    assert_eq!((sheet["created"].clone(), sheet["rejected"][0]["row"].clone()), (json!(1), json!(3)), "{preview}");
    assert!(sheet["rejected"][0]["reason"].as_str().unwrap().contains("手机号码"), "{preview}");
    assert!(h.progress.lock().unwrap().is_empty(), "a preview sends no progress");

    let committed = h.invoke("import_commit", json!({ "path": path })).unwrap();
    assert_eq!(committed["committed"], json!(true));
    let progress = h.progress.lock().unwrap().clone();
    assert_eq!(progress.last().map(|p| p.done == p.total && p.total > 0), Some(true), "{progress:?}");
    let filter = json!({ "text": "ln", "level": null, "region_id": null, "station_code": null,
                         "leading_cadre": false, "entrepreneur": false, "status": "serving" });
    let page = h.invoke("deputy_page", json!({ "filter": filter, "offset": 0, "limit": 10 })).unwrap();
    assert_eq!(page["rows"][0]["name"], json!("李娜"), "{page}");
}

#[test]
fn an_unreadable_import_file_is_refused_in_chinese_and_changes_nothing() {
    let h = signed_in_harness_with_a_deputy();
    let before = h.invoke("roster_stats", json!({})).unwrap();
    let missing = h.dir.path().join("nope.xlsx").display().to_string();
    let error = h.invoke("import_preview", json!({ "path": missing })).unwrap_err();
    assert!(error["message"].as_str().unwrap().starts_with("找不到文件"), "{error}");
    let pdf = h.dir.path().join("名册.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    let error = h.invoke("import_commit", json!({ "path": pdf.display().to_string() })).unwrap_err();
    assert!(error["message"].as_str().unwrap().contains("不支持"), "{error}");
    assert_eq!(h.invoke("roster_stats", json!({})).unwrap(), before);
}

#[test]
fn operators_are_listed_and_added_by_an_administrator_only() {
    let h = signed_in_harness();
    let input = json!({ "login": "lisi", "display_name": "李四", "role": "clerk", "password": "clerk2026" });
    let added = h.invoke("create_operator", json!({ "input": input })).unwrap();
    assert_eq!(added["role_label"], json!("联络员"));
    assert_eq!(h.invoke("list_operators", json!({})).unwrap().as_array().unwrap().len(), 2);
    h.invoke("sign_out", json!({ "reason": "user" })).unwrap();
    h.invoke("sign_in", json!({ "login": "lisi", "password": "clerk2026" })).unwrap();
    let refused = h.invoke("list_operators", json!({})).unwrap_err();
    assert_eq!(refused["code"], json!("forbidden"), "{refused}");
    let refused = h.invoke("reveal_deputy_private", json!({ "code": "D000001", "reason": "看看" })).unwrap_err();
    assert_eq!(refused["code"], json!("forbidden"), "{refused}");
}

#[test]
fn a_visit_is_registered_routed_and_shown_with_its_timeline() {
    let h = signed_in_harness_with_a_deputy();
    let input = json!({
        "station_code": "XH-01", "channel": "来访", "received_at": null, "deputies": ["D000001"], "clerk": "王芳",
        "citizens": [{ "name": "李秀英", "anonymous": false, "phone": "13912345678", "address": "", "id_number": "" }],
        "head_count": null,
        "matters": [
            { "title": "路灯不亮", "detail": "光明路三盏路灯坏了", "category": "城乡建设", "place": "光明路",
              "first_responder": "张明新" },
            { "title": "", "detail": "", "category": "城乡建设", "place": "", "first_responder": "" }
        ]
    });
    let refused = h.invoke("register_visit", json!({ "input": input.clone() })).unwrap_err();
    assert_eq!(refused["code"], json!("invalid"), "{refused}");
    let fields: Vec<&str> =
        refused["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert!(fields.iter().any(|f| f.starts_with("matters[1]")), "{refused}");

    let mut one = input;
    one["matters"].as_array_mut().unwrap().pop();
    let visit = h.invoke("register_visit", json!({ "input": one })).unwrap();
    let code = visit["matters"][0]["code"].as_str().unwrap().to_owned();
    let event = json!({ "kind": "answered_on_spot", "answer": "已联系路灯所，三日内修复" });
    h.invoke("matter_act", json!({ "matter": code, "event": event })).unwrap();
    let again = h.invoke("matter_act", json!({ "matter": code, "event": { "kind": "archived" } })).unwrap_err();
    assert_eq!(again["code"], json!("invalid"), "archiving without feedback is refused: {again}");

    let view = h.invoke("matter_detail", json!({ "matter": code })).unwrap();
    assert_eq!(view["first_responder"], json!("张明新"));
    assert_eq!(view["timeline"].as_array().unwrap().len(), 2, "{view}");
    assert_eq!(view["citizens"][0]["phone"], json!("139****5678"), "citizens leave masked");
    let filter = json!({ "state": null, "station_code": "XH-01", "overdue": false });
    assert_eq!(h.invoke("matter_list", json!({ "filter": filter })).unwrap().as_array().unwrap().len(), 1);
}

#[test]
fn similar_matters_are_grouped_and_merged_through_commands() {
    let h = signed_in_harness_with_a_deputy();
    let matter = |title: &str| {
        json!({ "title": title, "detail": "光明路三盏路灯坏了", "category": "城乡建设", "place": "光明路",
                "first_responder": "张明新" })
    };
    let input = json!({
        "station_code": "XH-01", "channel": "来访", "received_at": null, "deputies": [], "clerk": "",
        "citizens": [{ "name": "李秀英", "anonymous": false, "phone": "", "address": "", "id_number": "" }],
        "head_count": 3, "matters": [matter("路灯不亮"), matter("路灯不亮了")]
    });
    let visit = h.invoke("register_visit", json!({ "input": input })).unwrap();
    let codes: Vec<String> =
        visit["matters"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap().to_owned()).collect();
    let groups = h.invoke("matter_similar", json!({ "filter": { "category": "城乡建设" } })).unwrap();
    assert_eq!(groups.as_array().unwrap().len(), 1, "{groups}");
    assert!(groups[0]["reason"].as_str().unwrap().starts_with("同类别「城乡建设」· 同地点「光明路」"), "{groups}");
    let refused = h.invoke("matter_merge", json!({ "lead": codes[0], "others": [] })).unwrap_err();
    assert_eq!(refused["code"], json!("invalid"), "{refused}");
    let merged = h.invoke("matter_merge", json!({ "lead": codes[0], "others": [codes[1]] })).unwrap();
    assert_eq!(merged["lead_code"], json!(codes[0]));
    let lead = h.invoke("matter_detail", json!({ "matter": codes[0] })).unwrap();
    assert_eq!(lead["merged"], json!([{ "code": codes[1], "station_code": "XH-01", "citizens": 3 }]));
    let follower = h.invoke("matter_detail", json!({ "matter": codes[1] })).unwrap();
    assert_eq!(follower["lead"]["code"], json!(codes[0]));
    let filter =
        json!({ "state": null, "station_code": null, "overdue": false, "category": "城乡建设", "county": "410402" });
    assert_eq!(h.invoke("matter_list", json!({ "filter": filter })).unwrap().as_array().unwrap().len(), 2);
}

#[test]
fn the_rules_the_calendar_and_the_preview_are_read_and_edited_through_commands() {
    let h = signed_in_harness();
    let rules = h.invoke("rules_view", json!({})).unwrap();
    assert_eq!(rules["ladder"].as_array().unwrap().len(), 4, "{rules}");
    let rule = json!({ "category": "教育", "step": "handle", "step_label": "", "amount": 10, "unit": "working_days" });
    h.invoke("set_time_limit", json!({ "rule": rule })).unwrap();
    let preview = h.invoke("deadline_preview", json!({ "category": "教育" })).unwrap();
    assert_eq!(preview["suggested_route"], json!("assign"), "{preview}");
    assert_eq!(preview["steps"][1]["limit_label"], json!("10个工作日"), "{preview}");
    let bad = json!({ "category": "*", "step": "handle", "step_label": "", "amount": 5, "unit": "count" });
    let refused = h.invoke("set_time_limit", json!({ "rule": bad })).unwrap_err();
    assert_eq!(refused["fields"][0]["field"], json!("unit"), "{refused}");

    h.invoke("calendar_set_day", json!({ "date": "2026-11-23", "off": true, "name": "防汛" })).unwrap();
    let year = h.invoke("calendar_year", json!({ "year": 2026 })).unwrap();
    assert!(year["days"].as_array().unwrap().iter().any(|d| d["date"] == json!("2026-11-23")), "{year}");
    let missing = h.invoke("calendar_import", json!({ "path": "/nonexistent/2027.json" })).unwrap_err();
    assert_eq!(missing["code"], json!("invalid"), "{missing}");
}

#[test]
fn a_ledger_is_exported_masked_and_a_cancelled_save_dialog_chooses_nothing() {
    let h = signed_in_harness_with_a_deputy();
    let chosen = h.invoke("choose_ledger_file", json!({ "kind": "visits", "period": "2026" })).unwrap();
    assert_eq!(chosen, Value::Null, "the harness's save dialog is cancelled");
    let path = h.dir.path().join("台账.xlsx").display().to_string();
    let args =
        json!({ "kind": "visits", "stationCode": null, "period": "2026-Q9", "path": path, "revealReason": null });
    let refused = h.invoke("export_ledger", args).unwrap_err();
    assert_eq!(refused["code"], json!("invalid"), "a bad period: {refused}");
    let args =
        json!({ "kind": "visits", "stationCode": "XH-01", "period": "2026", "path": path, "revealReason": null });
    let written = h.invoke("export_ledger", args).unwrap();
    assert_eq!(written["rows"], json!(0), "{written}");
    let grids = liaison_sheets::read_file(path.as_ref()).unwrap();
    assert!(grids[0].rows[0][0].contains("接待群众登记台账"), "the title row: {:?}", grids[0].rows[0]);
}

#[test]
fn a_deputy_put_on_todays_rota_is_on_duty_today_and_in_the_duty_file() {
    let h = signed_in_harness_with_a_deputy();
    let now: chrono::DateTime<chrono::Utc> = serde_json::from_value(h.invoke("clock_now", json!({})).unwrap()).unwrap();
    let today = liaison_core::workflow::deadlines::china_date(now).format("%Y-%m-%d").to_string();
    let slot = json!({ "station_code": "XH-01", "date": today, "session": "上午", "deputy_codes": ["D000001"] });
    let added = h.invoke("rota_add", json!({ "input": slot.clone() })).unwrap();
    assert_eq!(added[0]["deputy_name"], json!("张明新"), "{added}");
    let on_duty = h.invoke("duty_today", json!({ "stationCode": "XH-01" })).unwrap();
    assert_eq!(on_duty.as_array().unwrap().len(), 1, "{on_duty}");
    assert_eq!(h.invoke("duty_today", json!({ "stationCode": null })).unwrap(), on_duty);

    let unknown = json!({ "station_code": "XH-01", "date": today, "session": "上午", "deputy_codes": ["D999"] });
    let refused = h.invoke("rota_add", json!({ "input": unknown })).unwrap_err();
    assert_eq!(refused["code"], json!("invalid"), "{refused}");

    let year = &today[..4];
    let file = h.invoke("deputy_duty_file", json!({ "deputyCode": "D000001", "period": year })).unwrap();
    assert_eq!(file["deputy_name"], json!("张明新"), "{file}");
    assert_eq!(h.invoke("rota_remove", json!({ "input": slot })).unwrap(), json!(1));
    assert_eq!(h.invoke("duty_today", json!({ "stationCode": "XH-01" })).unwrap(), json!([]));
}

#[test]
fn a_file_is_attached_to_a_matter_listed_and_removed_and_a_disguised_one_refused() {
    let h = signed_in_harness_with_a_deputy();
    let visit = json!({
        "station_code": "XH-01", "channel": "来访", "received_at": null, "deputies": [], "clerk": "王芳",
        "citizens": [{ "name": "李秀英", "anonymous": false, "phone": "", "address": "", "id_number": "" }],
        "head_count": null,
        "matters": [{ "title": "路灯不亮", "detail": "", "category": "城乡建设", "place": "", "first_responder": "张明新" }]
    });
    let code = h.invoke("register_visit", json!({ "input": visit })).unwrap()["matters"][0]["code"].clone();
    let photo = h.dir.path().join("路灯.png");
    std::fs::write(&photo, b"\x89PNG\r\n\x1a\n0000").unwrap();
    let added = h.invoke("attach_file", json!({ "matter": code, "path": photo.display().to_string() })).unwrap();
    assert_eq!((added["file_name"].as_str(), added["kind_label"].as_str()), (Some("路灯.png"), Some("图片")));
    assert!(h.dir.path().join("attachments").is_dir(), "kept beside the database");

    let fake = h.dir.path().join("说明.pdf");
    std::fs::write(&fake, b"MZ\x90\x00").unwrap();
    let refused = h.invoke("attach_file", json!({ "matter": code, "path": fake.display().to_string() })).unwrap_err();
    assert_eq!(refused["fields"][0]["field"], json!("file"), "{refused}");

    let listed = h.invoke("matter_attachments", json!({ "matter": code })).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    let id = listed[0]["id"].clone();
    assert_eq!(h.invoke("save_attachment", json!({ "id": id })).unwrap(), Value::Null, "the save dialog was cancelled");
    h.invoke("remove_attachment", json!({ "id": id })).unwrap();
    assert_eq!(h.invoke("matter_attachments", json!({ "matter": code })).unwrap(), json!([]));
}

#[test]
fn a_deputys_code_carries_the_templates_url_and_a_cancelled_print_writes_nothing() {
    let h = signed_in_harness_with_a_deputy();
    let qr = h.invoke("qr_code", json!({ "kind": "deputy", "code": "D000001" })).unwrap();
    assert!(qr["payload"].as_str().unwrap().ends_with("/d/D000001"), "{qr}");
    let size = qr["size"].as_u64().unwrap() as usize;
    assert!(size >= 21, "{qr}");
    assert_eq!(qr["modules"].as_array().unwrap().len(), size * size);
    let unknown = h.invoke("qr_code", json!({ "kind": "platform", "code": "NOPE" })).unwrap_err();
    assert_eq!(unknown["code"], json!("not_found"), "{unknown}");
    let printed = h.invoke("print_deputy_card", json!({ "code": "D000001", "back": false })).unwrap();
    assert_eq!(printed, Value::Null, "the harness's save dialog is cancelled");
}

#[test]
fn a_print_job_writes_the_filtered_deputies_codes_in_the_background_and_reports_done() {
    let h = signed_in_harness_with_a_deputy_saving(true);
    let filter = json!({ "text": "", "level": null, "region_id": null, "station_code": "XH-01",
                         "leading_cadre": false, "entrepreneur": false, "status": "serving" });
    let started =
        h.invoke("start_print_job", json!({ "request": { "kind": "deputy_images", "filter": filter } })).unwrap();
    assert_eq!(started["total"], json!(1), "the deputy of XH-01: {started}");
    let id = started["id"].clone();
    let status = loop {
        let status = h.invoke("print_job_status", json!({ "id": id })).unwrap();
        if status["state"] != json!("running") {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!((status["state"].clone(), status["done"].clone()), (json!("done"), json!(1)), "{status}");
    let zip = std::path::PathBuf::from(status["path"].as_str().unwrap());
    assert!(std::fs::read(&zip).unwrap().starts_with(b"PK"), "a zip archive");
    let leftovers: Vec<_> = std::fs::read_dir(h.dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let nobody = json!({ "text": "nobody-matches-this", "level": null, "region_id": null, "station_code": null,
                         "leading_cadre": false, "entrepreneur": false, "status": "serving" });
    let empty =
        h.invoke("start_print_job", json!({ "request": { "kind": "card_sheet", "filter": nobody, "back": false } }));
    assert_eq!(empty.unwrap_err()["message"], json!("筛选结果为空，没有可打印的内容"));
    assert_eq!(h.invoke("print_job_status", json!({ "id": 999 })).unwrap_err()["code"], json!("not_found"));
}

#[test]
fn qr_settings_are_saved_by_an_administrator_and_a_scanned_text_is_checked() {
    let h = signed_in_harness_with_a_deputy();
    let view = h.invoke("qr_settings_view", json!({})).unwrap();
    assert_eq!((view["is_example"].clone(), view["signs_codes"].clone()), (json!(true), json!(false)), "{view}");
    let bad = h.invoke(
        "qr_set_templates",
        json!({ "deputy": "ftp://x/{deputy_code}", "station": "https://a/s/{station_code}" }),
    );
    assert!(bad.unwrap_err()["message"].as_str().unwrap().contains("https://"), "refused in Chinese");
    let saved = h
        .invoke(
            "qr_set_templates",
            json!({ "deputy": "https://rd.pds.gov.cn/d/{deputy_code}",
                                            "station": "https://rd.pds.gov.cn/s/{station_code}" }),
        )
        .unwrap();
    assert_eq!(saved["is_example"], json!(false));
    let no_key = h.invoke("qr_verify", json!({ "text": "https://rd.pds.gov.cn/d/D000001" })).unwrap_err();
    assert!(no_key["message"].as_str().unwrap().contains("机关公钥"), "{no_key}");
    let refused = h.invoke("qr_generate_office_key", json!({})).unwrap_err();
    assert_eq!(refused["code"], json!("forbidden"), "not an office installation: {refused}");
}

/// A harness with an administrator signed in on an installation set up as `setup`, whose save dialog answers.
fn sync_harness(setup: InstallationSetup) -> Harness {
    let h = harness_saving(
        |store| {
            store.write("王芳 (wangfang)", |w| setup::save(w, None, &setup)).unwrap();
            store
                .write("王芳 (wangfang)", |w| account::create_first_admin(w, "wangfang", "王芳", "admin2026"))
                .unwrap();
        },
        true,
    );
    h.invoke("sign_in", json!({ "login": "wangfang", "password": "admin2026" })).unwrap();
    h
}

impl Harness {
    /// Makes the folder dialog answer `<temp folder>/<name>` (made).
    fn folder_answers(&self, name: &str) -> std::path::PathBuf {
        let dir = self.dir.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        *self.folder.lock().unwrap() = dir.clone();
        dir
    }

    /// Polls the inbox run until it is no longer running.
    fn inbox_finished(&self) -> Value {
        for _ in 0..500 {
            let status = self.invoke("sync_inbox_status", json!({})).unwrap();
            if status["state"] != json!("running") {
                return status;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        panic!("the inbox run did not finish");
    }
}

#[test]
fn sync_a_station_enrolls_exports_to_the_office_and_imports_the_return_the_office_inbox_wrote() {
    let office = sync_harness(InstallationSetup::office("平顶山市"));
    let station = sync_harness(InstallationSetup::station(Some("XH-03".into()), "新华区第三联络站", "平顶山市"));

    // Office: 登记联络站 writes the enrollment file where the save dialog answers.
    assert_eq!(
        office.invoke("sync_enroll_station", json!({ "stationCode": " ", "reenroll": false })).unwrap_err()["code"],
        json!("invalid")
    );
    let lze = office.invoke("sync_enroll_station", json!({ "stationCode": "XH-03", "reenroll": false })).unwrap();
    let lze = std::path::PathBuf::from(lze.as_str().unwrap());
    assert!(lze.ends_with("XH-03-登记文件.lze"), "{}", lze.display());
    let overview = office.invoke("sync_overview", json!({})).unwrap();
    assert_eq!(overview["peers"][0]["status"], json!("pending"));
    assert_eq!(overview["peers"][0]["station_code"], json!("XH-03"));

    // Station: before enrollment, exporting is refused in Chinese; then the enrollment file is accepted.
    let refused = station.invoke("sync_export_to_office", json!({})).unwrap_err();
    assert!(refused["message"].as_str().unwrap().contains("尚未登记到机关"), "{refused}");
    std::fs::copy(&lze, station.dir.path().join(PICKED_ENROLLMENT)).unwrap();
    assert_eq!(station.invoke("sync_accept_enrollment", json!({})).unwrap(), json!("XH-03"));

    // 导出给机关: into the folder the dialog answers, which is remembered.
    let usb = station.folder_answers("U盘");
    let exported = station.invoke("sync_export_to_office", json!({})).unwrap();
    assert_eq!(exported["bundle"], json!(1));
    assert_eq!(exported["station"], json!("XH-03"));
    let bundle = std::path::PathBuf::from(exported["path"].as_str().unwrap());
    assert!(bundle.starts_with(&usb) && bundle.exists(), "{exported}");
    let overview = station.invoke("sync_overview", json!({})).unwrap();
    assert_eq!(overview["folders"]["export"], json!(usb.display().to_string()));
    assert_eq!(overview["peers"][0]["role"], json!("office"));

    // Office: the inbox needs its three folders; then 全部导入 runs in the background.
    assert_eq!(office.invoke("sync_inbox_start", json!({})).unwrap_err()["code"], json!("invalid"));
    let mut dirs = Vec::new();
    for (which, name) in [("inbox", "收件箱"), ("archive", "归档"), ("outbox", "发件箱")] {
        let dir = office.folder_answers(name);
        assert_eq!(
            office.invoke("sync_choose_folder", json!({ "which": which })).unwrap(),
            json!(dir.display().to_string())
        );
        dirs.push(dir);
    }
    std::fs::copy(&bundle, dirs[0].join(bundle.file_name().unwrap())).unwrap();
    std::fs::write(dirs[0].join("坏文件.lzb"), b"not a bundle").unwrap();
    office.invoke("sync_inbox_start", json!({})).unwrap();
    let status = office.inbox_finished();
    assert_eq!(status["state"], json!("done"), "{status}");
    assert_eq!(status["total"], json!(2));
    let files = status["report"]["files"].as_array().unwrap();
    let good = files.iter().find(|f| f["file"] == json!(bundle.file_name().unwrap().to_str().unwrap())).unwrap();
    assert_eq!(good["receipt"]["ok"], json!(true), "{status}");
    let bad = files.iter().find(|f| f["file"] == json!("坏文件.lzb")).unwrap();
    assert!(bad["refused"].as_str().is_some_and(|r| !r.is_empty()), "{status}");
    let returns = status["report"]["returns"].as_array().unwrap();
    assert_eq!(returns.len(), 1, "{status}");
    let back = std::path::PathBuf::from(returns[0]["path"].as_str().unwrap());
    assert!(back.starts_with(&dirs[2]), "{status}");
    assert!(std::fs::read_dir(&dirs[0]).unwrap().next().is_none(), "the inbox is empty afterwards");
    let overview = office.invoke("sync_overview", json!({})).unwrap();
    assert_eq!(overview["peers"][0]["status"], json!("pinned"));
    assert_eq!(overview["receipts"].as_array().unwrap().len(), 1);

    // Station: imports the return; the history shows it; a broken file is refused in Chinese and not recorded.
    std::fs::copy(&back, station.dir.path().join(PICKED_BUNDLE)).unwrap();
    let receipt = station.invoke("sync_import_bundle", json!({})).unwrap();
    assert_eq!(receipt["ok"], json!(true), "{receipt}");
    assert_eq!(receipt["bundle"], json!(1));
    std::fs::write(station.dir.path().join(PICKED_BUNDLE), b"LZBUNDLE garbage").unwrap();
    let refused = station.invoke("sync_import_bundle", json!({})).unwrap_err();
    assert_eq!(refused["code"], json!("invalid"), "{refused}");
    let overview = station.invoke("sync_overview", json!({})).unwrap();
    let receipts = overview["receipts"].as_array().unwrap();
    assert_eq!(receipts.len(), 1, "{overview}");
    assert_eq!(receipts[0]["sender"], overview["peers"][0]["node_id"]);
    assert_eq!(overview["gaps"], json!([]));
    assert_eq!(overview["conflicts"], json!([]));

    // Office: 重新登记 revokes the station's keys and writes a new file.
    std::fs::remove_file(&lze).unwrap();
    office.invoke("sync_enroll_station", json!({ "stationCode": "XH-03", "reenroll": true })).unwrap();
    let statuses: Vec<Value> = office.invoke("sync_overview", json!({})).unwrap()["peers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].clone())
        .collect();
    assert_eq!(statuses, vec![json!("pending"), json!("revoked")]);
}

#[test]
fn sync_commands_refuse_when_nobody_is_signed_in_and_an_unknown_conflict_is_not_found() {
    let h = harness(|_| {});
    assert_eq!(h.invoke("sync_overview", json!({})).unwrap_err()["code"], json!("forbidden"));
    assert_eq!(h.invoke("sync_export_to_office", json!({})).unwrap_err()["code"], json!("forbidden"));
    assert_eq!(h.invoke("sync_inbox_status", json!({})).unwrap(), Value::Null);
    let h = sync_harness(InstallationSetup::office("平顶山市"));
    let error = h.invoke("sync_resolve_conflict", json!({ "id": 42, "how": "kept_winner" })).unwrap_err();
    assert_eq!(error["code"], json!("not_found"), "{error}");
}

#[test]
fn an_office_installation_makes_its_signing_key_once_and_its_codes_then_verify_as_genuine() {
    let h = signed_in_harness_with_a_deputy();
    let office = json!({ "mode": "office", "station_code": null, "station_name": "", "city_name": "平顶山市",
                         "idle_lock_minutes": 10 });
    h.invoke("save_setup", json!({ "setup": office })).unwrap();
    let made = h.invoke("qr_generate_office_key", json!({})).unwrap();
    assert_eq!(made["signs_codes"], json!(true), "{made}");
    assert_eq!(made["settings"]["office_public_key"].as_str().unwrap().len(), 43);
    let again = h.invoke("qr_generate_office_key", json!({})).unwrap_err();
    assert!(again["message"].as_str().unwrap().contains("不会覆盖"), "never replaced: {again}");
    let qr = h.invoke("qr_code", json!({ "kind": "deputy", "code": "D000001" })).unwrap();
    let payload = qr["payload"].as_str().unwrap();
    assert!(payload.contains("/d/D000001?v=1&s="), "{payload}");
    let verdict = h.invoke("qr_verify", json!({ "text": payload })).unwrap();
    assert_eq!(verdict["verdict"], json!("genuine"), "{verdict}");
    let forged = payload.replace("D000001", "D000002");
    assert_eq!(h.invoke("qr_verify", json!({ "text": forged })).unwrap()["verdict"], json!("forged"));
}
