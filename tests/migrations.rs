//! Schema upgrades on real files: a database created by the first migration opens and upgrades with its data
//! intact; a database from a newer program is refused and left untouched.

use liaison_core::Store;
use liaison_core::store::migrations::{latest_version, migrate_to};

#[test]
fn a_database_from_the_first_migration_upgrades_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrate_to(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO node (singleton, id, created_at, last_hlc) VALUES (1, 'node-old', '2025-01-01T00:00:00Z', 5);
             INSERT INTO regions (id, code, name, kind) VALUES ('r1', '410400', '平顶山市', 'city');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let version: i64 = store.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, latest_version());
    assert_eq!(store.node_id(), "node-old", "the installation keeps its node id");
    let name: String =
        store.conn().query_row("SELECT name FROM regions WHERE code = '410400'", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "平顶山市");
}

#[test]
fn a_database_from_a_newer_program_is_refused_by_the_cli_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    rusqlite::Connection::open(&path).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
    let code = liaison_cli::main_with_args(["liaison", "--db", path.to_str().unwrap(), "stats"]);
    assert_eq!(code, 1);
    let v: i64 = rusqlite::Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 99);
}
