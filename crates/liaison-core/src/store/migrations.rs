//! Schema migrations: the `.sql` files of the repository's `migrations/` folder, embedded at compile time.
//!
//! `rusqlite_migration` applies them in order, each in its own transaction, and records the version in SQLite's
//! `user_version`. A database whose `user_version` is higher than the number of migrations we know was written by
//! a newer Liaison Desk: it is refused, never "upgraded" backwards.
//!
//! The list is explicit (not `from_directory`) so that adding a file triggers a rebuild and so that a test can
//! check that every file in `migrations/` is listed here exactly once, in order.

use std::path::Path;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::error::{Error, Result};

/// The migrations, oldest first: (file name, SQL). Append only.
pub const MIGRATION_FILES: &[(&str, &str)] = &[
    ("0001_foundation.sql", include_str!("../../../../migrations/0001_foundation.sql")),
    ("0002_operators_and_setup.sql", include_str!("../../../../migrations/0002_operators_and_setup.sql")),
    ("0003_deputy_list_index.sql", include_str!("../../../../migrations/0003_deputy_list_index.sql")),
    ("0004_calendar.sql", include_str!("../../../../migrations/0004_calendar.sql")),
    ("0005_visits_matters.sql", include_str!("../../../../migrations/0005_visits_matters.sql")),
    ("0006_duty.sql", include_str!("../../../../migrations/0006_duty.sql")),
    ("0007_category_routes.sql", include_str!("../../../../migrations/0007_category_routes.sql")),
    ("0008_matter_attachments.sql", include_str!("../../../../migrations/0008_matter_attachments.sql")),
    ("0009_sync.sql", include_str!("../../../../migrations/0009_sync.sql")),
    ("0010_matter_summaries.sql", include_str!("../../../../migrations/0010_matter_summaries.sql")),
    ("0011_merged_matters.sql", include_str!("../../../../migrations/0011_merged_matters.sql")),
    ("0012_change_owner.sql", include_str!("../../../../migrations/0012_change_owner.sql")),
];

/// The schema version this program writes (the number of migrations).
pub fn latest_version() -> i64 {
    MIGRATION_FILES.len() as i64
}

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_FILES.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// Brings the database up to the latest schema, or refuses a database from a newer program.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > latest_version() {
        return Err(Error::SchemaTooNew { path: path.to_path_buf(), found, known: latest_version() });
    }
    migrations().to_latest(conn).map_err(|e| Error::Migration(e.to_string()))
}

/// Applies only the first `version` migrations (for upgrade tests).
pub fn migrate_to(conn: &mut Connection, version: usize) -> Result<()> {
    migrations().to_version(conn, version).map_err(|e| Error::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_file_is_listed_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = MIGRATION_FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, listed, "migrations/ and MIGRATION_FILES disagree");
        for (i, name) in listed.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name} is out of sequence");
        }
    }

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
