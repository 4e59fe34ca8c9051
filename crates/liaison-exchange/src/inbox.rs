//! The office's inbox: a folder where stations' bundles arrive (a shared folder, files copied off USB sticks).
//! "Import all" takes every bundle file in it, oldest name first, imports each on its own (one bad file does not
//! stop the rest), moves it out of the inbox — into the archive folder when it was verified (applied or rejected:
//! either way it is in the history), into `未通过验证/` under the archive when it could not be verified — and then
//! writes one return bundle for every station it heard from into the outbox, carrying the acknowledgements and
//! whatever the office has for that station. Progress is reported after each file, and a cancel stops between
//! files (each file is its own transaction, so nothing is half done).

use std::path::{Path, PathBuf};

use liaison_core::sync::{ImportReceipt, ImportResult, PeerRole, peers};
use liaison_core::{Error, Result, Store};
use liaison_sync::NodeKeys;
use serde::Serialize;

use crate::BUNDLE_EXTENSION;
use crate::export::{Exported, export_to};
use crate::import::import_file;

/// The folder (under the archive) for files that could not be verified.
pub const UNVERIFIED_DIR: &str = "未通过验证";

/// The folders an inbox run works with.
#[derive(Debug, Clone)]
pub struct Folders {
    /// Where bundles arrive.
    pub inbox: PathBuf,
    /// Where processed bundles go.
    pub archive: PathBuf,
    /// Where the return bundles are written.
    pub outbox: PathBuf,
}

/// One file's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileOutcome {
    /// The file's name.
    pub file: String,
    /// The receipt of a verified bundle (applied, or rejected and recorded).
    pub receipt: Option<ImportReceipt>,
    /// Why a file could not be verified (nothing was recorded).
    pub refused: Option<String>,
}

impl FileOutcome {
    /// Whether the bundle was applied.
    pub fn applied(&self) -> bool {
        self.receipt.as_ref().is_some_and(|r| r.result == ImportResult::Ok)
    }
}

/// What an inbox run did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InboxReport {
    /// Each file, in the order processed.
    pub files: Vec<FileOutcome>,
    /// The return bundles written.
    pub returns: Vec<Exported>,
    /// Whether the run was cancelled before the end (the files not reached stay in the inbox).
    pub cancelled: bool,
}

/// The bundle files waiting in `inbox`, by name.
pub fn pending(inbox: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(inbox).map_err(|source| Error::Io { path: inbox.to_owned(), source })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == BUNDLE_EXTENSION))
        .collect();
    files.sort();
    Ok(files)
}

/// Processes every bundle in `folders.inbox` as `operator`; `progress(done, total)` after each file, and a
/// `false` answer stops before the next one.
pub fn process<S: StoreAccess>(
    mut store: S,
    keys: &NodeKeys,
    operator: &str,
    folders: &Folders,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<InboxReport> {
    let files = pending(&folders.inbox)?;
    let total = files.len();
    let mut report = InboxReport { files: Vec::new(), returns: Vec::new(), cancelled: false };
    let mut heard_from: Vec<String> = Vec::new();
    for (done, path) in files.iter().enumerate() {
        if !progress(done, total) {
            report.cancelled = true;
            break;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let outcome = match store.with(|store| import_file(store, keys, operator, path)) {
            Ok(receipt) => FileOutcome { file: name.clone(), receipt: Some(receipt), refused: None },
            Err(e) => FileOutcome { file: name.clone(), receipt: None, refused: Some(e.to_string()) },
        };
        let to = match &outcome.receipt {
            Some(_) => folders.archive.clone(),
            None => folders.archive.join(UNVERIFIED_DIR),
        };
        move_into(path, &to)?;
        if let Some(r) = outcome.receipt.as_ref().filter(|_| outcome.applied())
            && !heard_from.contains(&r.sender)
        {
            heard_from.push(r.sender.clone());
        }
        report.files.push(outcome);
    }
    if !report.cancelled {
        progress(total, total);
    }
    for sender in heard_from {
        let exported = store.with(|store| {
            let is_station = peers::lookup(store.conn(), &sender)?.is_some_and(|p| p.role == PeerRole::Station);
            is_station.then(|| export_to(store, keys, operator, &sender, false, &folders.outbox)).transpose()
        })?;
        report.returns.extend(exported);
    }
    Ok(report)
}

/// How an inbox run reaches the database: the CLI owns its store for the whole run; the app shares its store
/// with the window, so the run takes the lock for one file at a time and the other screens keep working between
/// files.
pub trait StoreAccess {
    /// Runs `f` with the store.
    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T>;
}

impl StoreAccess for &mut Store {
    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        f(self)
    }
}

impl StoreAccess for &std::sync::Mutex<Store> {
    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut store = self.lock().map_err(|_| Error::Internal("the store's lock is poisoned".into()))?;
        f(&mut store)
    }
}

/// Moves `file` into `dir` (made if missing), keeping its name; a file of that name already there (the same
/// bundle delivered twice) gets a numbered name instead of being overwritten.
fn move_into(file: &Path, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_owned(), source })?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut target = dir.join(&name);
    let mut n = 1;
    while target.exists() {
        target = dir.join(format!("{n}-{name}"));
        n += 1;
    }
    std::fs::rename(file, &target)
        .or_else(|_| std::fs::copy(file, &target).and_then(|_| std::fs::remove_file(file)))
        .map_err(|source| Error::Io { path: target, source })
}
