//! The `liaison` command line over a real database file: exit codes (0 ok, 1 user error), templates that import,
//! search filters, and the audited reveal.

use std::path::Path;

use liaison_core::Store;
use liaison_core::search::{SearchFilter, search};

fn liaison(db: &Path, args: &[&str]) -> i32 {
    let mut argv = vec!["liaison", "--db", db.to_str().unwrap(), "--operator", "测试员"];
    argv.extend_from_slice(args);
    liaison_cli::main_with_args(argv)
}

#[test]
fn templates_import_and_the_roster_is_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    assert_eq!(liaison(&db, &["init"]), 0);
    assert!(db.exists());
    let templates = dir.path().join("templates");
    assert_eq!(liaison(&db, &["roster", "template", "--out", templates.to_str().unwrap()]), 0);
    let platforms = templates.join("联络站名册导入模板.xlsx");
    let deputies = templates.join("代表名册导入模板.xlsx");
    // the templates' example rows are valid: the platform first, then the deputy who belongs to it
    assert_eq!(liaison(&db, &["roster", "import", platforms.to_str().unwrap()]), 0, "preview");
    assert_eq!(liaison(&db, &["roster", "import", platforms.to_str().unwrap(), "--commit"]), 0);
    assert_eq!(liaison(&db, &["roster", "import", deputies.to_str().unwrap(), "--commit"]), 0);
    let store = Store::open(&db).unwrap();
    let hits = search(store.conn(), "zmx", &SearchFilter::default()).unwrap();
    assert_eq!(hits.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), vec!["张明新"]);
    assert_eq!(hits[0].private_phone_masked, "138****5678");
    let operator: String =
        store.conn().query_row("SELECT operator FROM change_log ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(operator, "测试员");
    drop(store);

    assert_eq!(liaison(&db, &["search", "zmx", "--json"]), 0);
    assert_eq!(liaison(&db, &["search", "zmx", "--station", "NOPE"]), 1, "unknown station code is a user error");
    assert_eq!(liaison(&db, &["roster", "import", dir.path().join("missing.xlsx").to_str().unwrap()]), 1);
    // revealing personal data needs a signed-in operator whose role allows it
    assert_eq!(liaison(&db, &["roster", "reveal", "D000001", "--reason", "核实"]), 1, "nobody signed in");
    let admin = || Given { new: "admin2026", sign_in: "admin2026" };
    assert_eq!(
        liaison_with(&db, admin(), &["operator", "add", "--login", "wf", "--name", "王芳", "--role", "admin"]),
        0
    );
    assert_eq!(liaison_with(&db, admin(), &["roster", "reveal", "D000001", "--reason", "核实", "--as", "wf"]), 0);
    assert_eq!(liaison_with(&db, admin(), &["roster", "reveal", "D999999", "--reason", "核实", "--as", "wf"]), 1);
    let store = Store::open(&db).unwrap();
    let audits: (i64, String) = store
        .conn()
        .query_row("SELECT COUNT(*), MAX(operator) FROM audit_log WHERE action = 'reveal'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(audits, (1, "王芳 (wf)".to_owned()));
    assert_eq!(liaison(&db, &["stats", "--json"]), 0);
    assert_eq!(liaison(&db, &["no-such-command"]), 1);
}

/// Passwords handed straight in: the real source reads environment variables, which tests running in parallel
/// would share.
struct Given {
    new: &'static str,
    sign_in: &'static str,
}

impl liaison_cli::commands::secrets::Secrets for Given {
    fn new_password(&self) -> Result<String, liaison_cli::Failure> {
        Ok(self.new.to_owned())
    }

    fn sign_in_password(&self, _login: &str) -> Result<String, liaison_cli::Failure> {
        Ok(self.sign_in.to_owned())
    }
}

fn liaison_with(db: &Path, secrets: Given, args: &[&str]) -> i32 {
    let mut argv = vec!["liaison", "--db", db.to_str().unwrap(), "--operator", "安装员"];
    argv.extend_from_slice(args);
    liaison_cli::commands::main_with_secrets(argv, &secrets)
}

#[test]
fn the_first_admin_needs_no_sign_in_later_operators_and_setup_do() {
    use liaison_core::operators::{Role, account};
    use liaison_core::setup::{self, Mode};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("operators.db");
    let admin = Given { new: "admin2026", sign_in: "" };
    assert_eq!(liaison(&db, &["operator", "list", "--json"]), 0, "an empty list");
    assert_eq!(
        liaison_with(
            &db,
            Given { new: "abc12345", sign_in: "" },
            &["operator", "add", "--login", "x1", "--name", "甲", "--role", "clerk"]
        ),
        1,
        "the first operator must be an admin"
    );
    assert_eq!(
        liaison_with(&db, admin, &["operator", "add", "--login", "WangFang", "--name", "王芳", "--role", "admin"]),
        0
    );
    let lisi = ["operator", "add", "--login", "lisi", "--name", "李四", "--role", "clerk"];
    assert_eq!(liaison_with(&db, Given { new: "lisi2026", sign_in: "" }, &lisi), 1, "now --as is required");
    let as_admin = [&lisi[..], &["--as", "wangfang"]].concat();
    assert_eq!(
        liaison_with(&db, Given { new: "lisi2026", sign_in: "wrong2026" }, &as_admin),
        1,
        "wrong admin password"
    );
    assert_eq!(liaison_with(&db, Given { new: "short", sign_in: "admin2026" }, &as_admin), 1, "password policy");
    assert_eq!(liaison_with(&db, Given { new: "lisi2026", sign_in: "admin2026" }, &as_admin), 0);
    let by_clerk = ["operator", "add", "--login", "zhao", "--name", "赵", "--role", "admin", "--as", "lisi"];
    assert_eq!(liaison_with(&db, Given { new: "zhao2026", sign_in: "lisi2026" }, &by_clerk), 1, "a clerk adds nobody");
    assert_eq!(liaison(&db, &["operator", "list", "--json"]), 0);
    assert_eq!(liaison(&db, &["operator", "list"]), 0);

    assert_eq!(liaison(&db, &["setup", "show"]), 0, "first run not done yet");
    assert_eq!(liaison(&db, &["setup", "office"]), 1, "operators exist: an administrator must sign in");
    let station =
        ["setup", "station", "--code", "XH-01", "--name", "光明路联络站", "--city", "平顶山市", "--as", "wangfang"];
    assert_eq!(liaison_with(&db, Given { new: "", sign_in: "admin2026" }, &station), 0);
    assert_eq!(liaison(&db, &["setup", "show", "--json"]), 0);

    let store = Store::open(&db).unwrap();
    let operators = account::list(store.conn()).unwrap();
    let summary: Vec<(&str, Role)> = operators.iter().map(|o| (o.login.as_str(), o.role)).collect();
    assert_eq!(summary, vec![("lisi", Role::Clerk), ("wangfang", Role::Admin)]);
    let saved = setup::load(store.conn()).unwrap().unwrap();
    assert_eq!(
        (saved.mode, saved.station_code.as_deref(), saved.idle_lock_minutes),
        (Mode::Station, Some("XH-01"), 10)
    );
    let creators: Vec<String> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT operator FROM audit_log WHERE action = 'operator_create' ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(creators, ["王芳 (wangfang)", "王芳 (wangfang)"], "the first admin created themselves, then lisi");
}

#[test]
fn similar_matters_are_listed_and_merged_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    assert_eq!(liaison(&db, &["init"]), 0);
    let templates = dir.path().join("templates");
    assert_eq!(liaison(&db, &["roster", "template", "--out", templates.to_str().unwrap()]), 0);
    let platforms = templates.join("联络站名册导入模板.xlsx");
    assert_eq!(liaison(&db, &["roster", "import", platforms.to_str().unwrap(), "--commit"]), 0);
    let station: String =
        Store::open(&db).unwrap().conn().query_row("SELECT code FROM platforms LIMIT 1", [], |r| r.get(0)).unwrap();
    let matter = |title: &str| {
        serde_json::json!({ "title": title, "detail": "小区门口三盏路灯坏了", "category": "城乡建设",
                            "place": "南环路", "first_responder": "张明新" })
    };
    let visit = serde_json::json!({
        "station_code": station, "channel": "来访", "citizens": [{ "name": "李秀英" }],
        "matters": [matter("路灯不亮"), matter("路灯不亮了"), matter("路灯坏了")]
    });
    let file = dir.path().join("visit.json");
    std::fs::write(&file, visit.to_string()).unwrap();
    assert_eq!(liaison(&db, &["visit", "add", "--file", file.to_str().unwrap()]), 0);
    assert_eq!(liaison(&db, &["matter", "similar"]), 0);
    assert_eq!(liaison(&db, &["--json", "matter", "similar", "--category", "教育"]), 0);
    let store = Store::open(&db).unwrap();
    let groups = liaison_core::workflow::similar(store.conn(), &Default::default()).unwrap();
    assert_eq!(groups.len(), 1);
    let codes: Vec<&str> = groups[0].matters.iter().map(|m| m.code.as_str()).collect();
    let (lead, others) = (codes[0], &codes[1..]);
    // A refusal anywhere merges nothing: the lead itself among the others.
    assert_eq!(liaison(&db, &["matter", "merge", lead, others[0], lead]), 1);
    assert_eq!(liaison(&db, &["matter", "merge", lead, others[0], others[1]]), 0);
    assert_eq!(liaison(&db, &["matter", "list", "--state", "merged", "--county", "nowhere"]), 0);
    let now = store.deps().clock.now();
    let view = liaison_core::workflow::show(store.conn(), lead, now).unwrap();
    assert_eq!(view.merged.iter().map(|m| m.code.as_str()).collect::<Vec<_>>(), others.to_vec());
    assert!(liaison_core::workflow::similar(store.conn(), &Default::default()).unwrap().is_empty());
}
