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
    assert_eq!(liaison(&db, &["roster", "reveal", "D000001", "--reason", "核实"]), 0);
    assert_eq!(liaison(&db, &["roster", "reveal", "D999999", "--reason", "核实"]), 1);
    let store = Store::open(&db).unwrap();
    let audits: i64 =
        store.conn().query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'reveal'", [], |r| r.get(0)).unwrap();
    assert_eq!(audits, 1);
    assert_eq!(liaison(&db, &["stats", "--json"]), 0);
    assert_eq!(liaison(&db, &["no-such-command"]), 1);
}
