//! The SQLite store: one database file per installation.
//!
//! [`Store::open`] sets the connection up for a ledger (WAL, `synchronous=FULL` so a committed row survives a power
//! cut, foreign keys on, a busy timeout for a second process such as the CLI), applies the migrations and makes
//! sure this installation has a node id. Reads use [`Store::conn`]; every write goes through [`Store::write`],
//! which opens one transaction and hands out a [`Writer`]: the only way to change synced data, because the writer
//! records each change in the change log in the same transaction (see [`crate::changelog`]).

pub mod migrations;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::clock::{Clock, Entropy, FileClock, OsEntropy, SystemClock, TEST_CLOCK_ENV};
use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::ids;

pub use writer::Writer;

/// Injected time and randomness for a store.
#[derive(Clone)]
pub struct Deps {
    /// Wall-clock time.
    pub clock: Arc<dyn Clock>,
    /// Random bytes for ids.
    pub entropy: Arc<dyn Entropy>,
}

impl Default for Deps {
    fn default() -> Self {
        Deps { clock: Arc::new(SystemClock), entropy: Arc::new(OsEntropy) }
    }
}

impl Deps {
    /// What a program (the desktop app, the CLI) runs with: the system clock and OS randomness, except that
    /// `LIAISON_TEST_CLOCK=<file>` swaps in a [`FileClock`] for end-to-end tests. Returns whether it did, so the
    /// program can log it: a moved clock must never go unnoticed.
    pub fn for_process() -> (Deps, Option<PathBuf>) {
        match std::env::var_os(TEST_CLOCK_ENV).filter(|v| !v.is_empty()) {
            Some(path) => {
                let path = PathBuf::from(path);
                (Deps { clock: Arc::new(FileClock::new(&path)), ..Deps::default() }, Some(path))
            }
            None => (Deps::default(), None),
        }
    }
}

/// An open Liaison Desk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    deps: Deps,
    node_id: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("node_id", &self.node_id).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` with the system clock and OS randomness.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, Deps::default())
    }

    /// Opens the database at `path` with the given clock and randomness.
    pub fn open_with(path: &Path, deps: Deps) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        configure(&conn)?;
        migrations::migrate(&mut conn, path)?;
        crate::workflow::summary::fill_if_empty(&mut conn)?;
        crate::calendar::seed_bundled(&mut conn, &deps.clock.now().to_rfc3339())?;
        let node_id = ensure_node(&conn, &deps)?;
        Ok(Store { conn, path: path.to_path_buf(), deps, node_id })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder beside the database where attached files are kept (`attachments/`), by SHA-256.
    pub fn attachments_dir(&self) -> PathBuf {
        self.path.parent().unwrap_or_else(|| Path::new(".")).join("attachments")
    }

    /// A folder beside the database that belongs to this database alone, `<file stem>.<name>/` (e.g.
    /// `liaison.sync-keys/`): a node's keys must never be picked up by another database kept in the same folder.
    pub fn own_dir(&self, name: &str) -> PathBuf {
        let stem = self.path.file_stem().map_or_else(|| "liaison".into(), |s| s.to_string_lossy().into_owned());
        self.path.parent().unwrap_or_else(|| Path::new(".")).join(format!("{stem}.{name}"))
    }

    /// This installation's node id.
    pub fn node_id(&self) -> &str {
        &self.node_id
    }

    /// The injected clock and randomness.
    pub fn deps(&self) -> &Deps {
        &self.deps
    }

    /// Sets the page cache's size, KiB: a bulk import raises it for its run, then sets [`CACHE_KIB`] again.
    pub fn set_cache_kib(&self, kib: i64) -> Result<()> {
        self.conn.execute_batch(&format!("PRAGMA cache_size = -{kib}"))?;
        Ok(())
    }

    /// A read-only view of the connection. Writing through it bypasses the change log: don't.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction, recording every change as made by `operator`.
    /// Commits when `f` returns `Ok`, rolls everything back when it returns `Err`.
    pub fn write<T>(&mut self, operator: &str, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut writer = Writer::begin(tx, &self.deps, &self.node_id, operator)?;
        let out = f(&mut writer)?;
        writer.commit()?;
        Ok(out)
    }

    /// Runs `f` exactly as [`Store::write`] would, then rolls back: a dry run that reports what would happen.
    /// Import previews use it so that the preview and the commit share every rule.
    pub fn dry_run<T>(&mut self, operator: &str, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut writer = Writer::begin(tx, &self.deps, &self.node_id, operator)?;
        f(&mut writer)
        // dropping the writer drops the transaction, which rolls back
    }

    /// A setting's value.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }
}

/// The page cache of every connection, KiB (32 MiB).
pub const CACHE_KIB: i64 = 32_768;

/// Per-connection settings. `journal_mode` is persistent; the others must be set on every connection.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(10))?;
    // A roster write runs some 30 distinct statements per record (log, registers, projection, hooks, search);
    // rusqlite's default cache of 16 would re-prepare most of them for every row.
    conn.set_prepared_statement_cache_capacity(128);
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!("SQLite refused WAL mode (got {mode})")));
    }
    // cache_size: CACHE_KIB, so that a whole import fits in the page cache and is written once, at commit.
    // mmap_size: reads of up to 256 MiB of the file map it instead of copying pages through read(); the city-wide
    // queues read ~600,000 events by index and took 1.30 s without it, 1.01 s with it (`liaison bench queues`).
    // wal_autocheckpoint: 8,192 pages (32 MiB) instead of 1,000. An office import commits a bundle of a few
    // thousand changes; with the default every commit also copied the WAL back into the file (a fifth of the
    // city's import time), and pages that consecutive bundles dirty again were copied each time.
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA mmap_size = 268435456;
         PRAGMA wal_autocheckpoint = 8192;",
    )?;
    conn.execute_batch(&format!("PRAGMA cache_size = -{CACHE_KIB}"))?;
    conn.execute_batch(crate::search::index::PENDING_TABLE_SQL)?;
    conn.execute_batch(crate::workflow::summary::PENDING_TABLE_SQL)?;
    Ok(())
}

/// Reads this installation's node id, creating it on first open.
fn ensure_node(conn: &Connection, deps: &Deps) -> Result<String> {
    if let Some(id) = conn.query_row("SELECT id FROM node WHERE singleton = 1", [], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    let id = ids::new_id(deps.clock.as_ref(), deps.entropy.as_ref()).to_string();
    conn.execute(
        "INSERT INTO node (singleton, id, created_at, last_hlc) VALUES (1, ?1, ?2, ?3)",
        rusqlite::params![id, deps.clock.now().to_rfc3339(), Hlc(0).0],
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_a_ledger_grade_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/liaison.db");
        let store = Store::open(&path).unwrap();
        let conn = store.conn();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
        let node = store.node_id().to_owned();
        drop(store);
        assert_eq!(Store::open(&path).unwrap().node_id(), node, "node id is stable across opens");
    }

    #[test]
    fn refuses_a_database_from_a_newer_program() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("liaison.db");
        drop(Store::open(&path).unwrap());
        Connection::open(&path).unwrap().execute_batch("PRAGMA user_version = 999").unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::SchemaTooNew { found: 999, .. }), "{err}");
        let version: i64 = Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 999, "left untouched");
    }
}
