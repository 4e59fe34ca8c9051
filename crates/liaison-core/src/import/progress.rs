//! Watching a running import: how far it is (for a progress bar) and whether the operator asked to stop.
//!
//! The import runs in one transaction, so stopping is simply failing with [`Error::Cancelled`] between two rows: the
//! transaction rolls back and nothing is written. Progress is reported every [`REPORT_EVERY`] rows and at the end,
//! so a 90,000-row file sends a few hundred events, not 90,000.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::tabular::Grid;

/// Rows between two progress reports.
pub const REPORT_EVERY: u32 = 250;

/// How far a running import is: rows handled out of the rows in the recognised sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    /// Rows handled so far.
    pub done: u32,
    /// Rows in all sheets being imported (their few title and header rows included).
    pub total: u32,
}

/// The watcher of one import run.
pub struct Watch<'a> {
    progress: ImportProgress,
    report: &'a mut dyn FnMut(ImportProgress),
    cancel: Option<&'a AtomicBool>,
}

impl<'a> Watch<'a> {
    /// A watch that reports to `report` and stops when `cancel` becomes true.
    pub fn new(report: &'a mut dyn FnMut(ImportProgress), cancel: &'a AtomicBool) -> Self {
        Watch { progress: ImportProgress { done: 0, total: 0 }, report, cancel: Some(cancel) }
    }

    /// Sets the total from the sheets about to be imported and reports the start.
    pub(crate) fn start(&mut self, grids: &[&Grid]) {
        let rows: usize = grids.iter().map(|g| g.rows.len()).sum();
        self.progress = ImportProgress { done: 0, total: u32::try_from(rows).unwrap_or(u32::MAX) };
        (self.report)(self.progress);
    }

    /// Counts a row handled; fails with [`Error::Cancelled`] when the operator asked to stop.
    pub(crate) fn row_done(&mut self) -> Result<()> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Cancelled);
        }
        self.progress.done = (self.progress.done + 1).min(self.progress.total);
        if self.progress.done.is_multiple_of(REPORT_EVERY) {
            (self.report)(self.progress);
        }
        Ok(())
    }

    /// Reports the end: every row handled.
    pub(crate) fn finish(&mut self) {
        self.progress.done = self.progress.total;
        (self.report)(self.progress);
    }
}

/// Runs `f` with a watch that reports nowhere and cannot be cancelled (previews, the CLI, benchmarks).
pub(crate) fn unwatched<T>(f: impl FnOnce(&mut Watch<'_>) -> T) -> T {
    let mut ignore = |_: ImportProgress| {};
    let mut watch = Watch { progress: ImportProgress { done: 0, total: 0 }, report: &mut ignore, cancel: None };
    f(&mut watch)
}
