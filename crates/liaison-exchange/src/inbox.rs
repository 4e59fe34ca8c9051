//! The office's inbox: a folder where stations' bundles arrive (a shared folder, files copied off USB sticks).
//! "Import all" takes every bundle file in it, oldest name first, imports each on its own (one bad file does not
//! stop the rest), moves it out of the inbox — into the archive folder when it was verified (applied or rejected:
//! either way it is in the history), into `未通过验证/` under the archive when it could not be verified — and then
//! writes one return bundle for every station it heard from into the outbox, carrying the acknowledgements and
//! whatever the office has for that station. Progress is reported after each file, and a cancel stops between
//! files.
//!
//! Files are imported in batches: one transaction takes the bundles of up to [`BATCH_CHANGES`] changes and commits
//! once. Committing once per batch instead of once per bundle writes each page of the growing indexes once per
//! batch: a city's 275 yearly bundles commit three times instead of 275 (`liaison bench sync-city`). A bundle that
//! is rejected rolls its whole batch back, and that batch's files are then imported one by one, each in its own
//! transaction, so every other bundle is applied and the rejection is recorded as usual. Files move out of the
//! inbox only after their batch committed, so a crash or a power cut leaves them in the inbox to be imported again;
//! whatever of them was committed comes back as duplicates, which change nothing.

use std::path::{Path, PathBuf};

use liaison_core::sync::{ImportReceipt, ImportResult, PeerRole, peers};
use liaison_core::{Error, Result, Store};
use liaison_sync::NodeKeys;
use serde::Serialize;

use crate::BUNDLE_EXTENSION;
use crate::export::{Exported, export_to};
use crate::import::{import_file, open, read_bundle};

/// The changes one transaction of an inbox run takes before it commits (the bundle that crosses it is the last).
/// Larger batches write less (pages shared by the batch's bundles are written once) but hold the database longer
/// and grow the WAL: 100,000 changes is under half a city's year, a few seconds of work. Measured on the city's
/// year: 25,000 took a fifth longer; one transaction for everything was no faster.
pub const BATCH_CHANGES: u64 = 100_000;

/// The page cache during an inbox run, KiB (256 MiB; the usual is [`liaison_core::store::CACHE_KIB`]). On the city's
/// year 32 MiB spilled a fifth of the time away; 512 MiB was no faster.
pub const BULK_CACHE_KIB: i64 = 262_144;

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
    // A batch touches pages all over the indexes (each station's ids span the year): a larger page cache keeps
    // them until the commit instead of spilling them into the WAL mid-batch. Back to normal afterwards.
    store.with(|s| s.set_cache_kib(BULK_CACHE_KIB))?;
    let mut next = files.iter().peekable();
    let mut imported = Ok(());
    while next.peek().is_some() && !report.cancelled && imported.is_ok() {
        imported = import_batch(&mut store, keys, operator, folders, &mut next, total, &mut report, progress);
    }
    store.with(|s| s.set_cache_kib(liaison_core::store::CACHE_KIB))?;
    imported?;
    if !report.cancelled {
        progress(total, total);
    }
    let mut heard_from: Vec<&str> = Vec::new();
    for receipt in report.files.iter().filter(|f| f.applied()).filter_map(|f| f.receipt.as_ref()) {
        if !heard_from.contains(&receipt.sender.as_str()) {
            heard_from.push(&receipt.sender);
        }
    }
    let mut returns = Vec::new();
    for sender in heard_from {
        let exported = store.with(|store| {
            let is_station = peers::lookup(store.conn(), sender)?.is_some_and(|p| p.role == PeerRole::Station);
            is_station.then(|| export_to(store, keys, operator, sender, false, &folders.outbox)).transpose()
        })?;
        returns.extend(exported);
    }
    report.returns = returns;
    Ok(report)
}

/// Imports the next batch of files (see the module notes) and moves them out of the inbox.
#[allow(clippy::too_many_arguments)]
fn import_batch<'f, S: StoreAccess>(
    store: &mut S,
    keys: &NodeKeys,
    operator: &str,
    folders: &Folders,
    next: &mut std::iter::Peekable<std::slice::Iter<'f, PathBuf>>,
    total: usize,
    report: &mut InboxReport,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<()> {
    let done_before = report.files.len();
    let mut taken: Vec<&PathBuf> = Vec::new();
    let mut rejected = false;
    let committed = store.with(|store| {
        store.write(operator, |w| {
            let mut batch = Vec::new();
            let mut changes = 0;
            while changes < BATCH_CHANGES {
                let Some(path) = next.peek().copied() else { break };
                if !progress(done_before + batch.len(), total) {
                    report.cancelled = true;
                    break;
                }
                next.next();
                taken.push(path);
                let outcome = match read_bundle(path).and_then(|bytes| open(w.tx(), keys, bytes)) {
                    Err(refused) => Err(refused),
                    Ok(opened) => match opened.apply_in_batch(w) {
                        Ok(receipt) => Ok(receipt),
                        Err(err) => {
                            // Part of it is in this write: undo the batch, then take its files one by one.
                            rejected = true;
                            return Err(err);
                        }
                    },
                };
                changes += outcome.as_ref().map_or(0, |r| r.changes);
                batch.push((path, outcome));
            }
            Ok(batch)
        })
    });
    let batch = match committed {
        Ok(batch) => batch,
        Err(_) if rejected => {
            taken.into_iter().map(|path| (path, store.with(|s| import_file(s, keys, operator, path)))).collect()
        }
        Err(err) => return Err(err),
    };
    for (path, outcome) in batch {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let outcome = match outcome {
            Ok(receipt) => FileOutcome { file: name, receipt: Some(receipt), refused: None },
            Err(e) => FileOutcome { file: name, receipt: None, refused: Some(e.to_string()) },
        };
        let to = match &outcome.receipt {
            Some(_) => folders.archive.clone(),
            None => folders.archive.join(UNVERIFIED_DIR),
        };
        move_into(path, &to)?;
        report.files.push(outcome);
    }
    Ok(())
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
