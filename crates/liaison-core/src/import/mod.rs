//! Importing the roster from spreadsheets (as [`Grid`]s), in two phases.
//!
//! [`preview`] runs the whole import inside a transaction and rolls it back, reporting how many rows are new,
//! changed, unchanged or rejected (with row number, column, value and reason in Chinese); [`commit`] runs the very
//! same code and commits, so the preview cannot disagree with what is written. Accepted rows are written in one
//! transaction or not at all; rejected rows are skipped and reported. Importing the same file twice writes nothing
//! the second time, because saving an unchanged record records no change.

mod cells;
pub mod deputies;
pub mod header;
pub mod platforms;
pub mod progress;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::roster::{SaveOutcome, Saved};
use crate::store::{Store, Writer};
use crate::tabular::{Grid, TableOut};
use progress::Watch;

pub use cells::{clean, half_width};

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RosterKind {
    /// 代表名册.
    Deputies,
    /// 联络站（平台）名册.
    Platforms,
}

impl RosterKind {
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            RosterKind::Deputies => "代表名册",
            RosterKind::Platforms => "联络站（平台）名册",
        }
    }
}

/// A row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RowError {
    /// Excel row number (1-based).
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub row: usize,
    /// The column's header as written in the file ("" when the problem is the whole row).
    pub column: String,
    /// The cell's value.
    pub value: String,
    /// Why, in Chinese.
    pub reason: String,
}

/// The outcome of importing one sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct SheetReport {
    /// Sheet name.
    pub sheet: String,
    /// What it held.
    pub kind: RosterKind,
    /// Excel row number of the (last) header row.
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub header_row: usize,
    /// Data rows seen (blank rows not counted).
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub rows: usize,
    /// New records.
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub created: usize,
    /// Records with changed fields.
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub changed: usize,
    /// Records already exactly so.
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub unchanged: usize,
    /// Regions created for platforms in places not yet on the roster.
    #[cfg_attr(feature = "ipc", specta(type = u32))]
    pub regions_created: usize,
    /// Rows not imported, with reasons.
    pub rejected: Vec<RowError>,
}

impl SheetReport {
    fn new(sheet: &str, kind: RosterKind, header_row: usize) -> Self {
        SheetReport {
            sheet: sheet.to_owned(),
            kind,
            header_row,
            rows: 0,
            created: 0,
            changed: 0,
            unchanged: 0,
            regions_created: 0,
            rejected: Vec::new(),
        }
    }

    fn count(&mut self, saved: &Saved) {
        match saved.outcome {
            SaveOutcome::Created => self.created += 1,
            SaveOutcome::Changed => self.changed += 1,
            SaveOutcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// The outcome of importing a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct ImportReport {
    /// True when the changes were written; false for a preview.
    pub committed: bool,
    /// One report per imported sheet.
    pub sheets: Vec<SheetReport>,
    /// Sheets that were skipped because no roster header was found in them.
    pub skipped_sheets: Vec<String>,
}

impl ImportReport {
    /// Total rows rejected.
    pub fn rejected(&self) -> usize {
        self.sheets.iter().map(|s| s.rejected.len()).sum()
    }
}

/// What a sheet holds, judged by its header, or `None`.
pub fn detect_kind(grid: &Grid) -> Option<RosterKind> {
    let d = header::score(&grid.rows, deputies::COLUMNS);
    let p = header::score(&grid.rows, platforms::COLUMNS);
    match (d, p) {
        (0, 0) => None,
        (d, p) if d >= p => Some(RosterKind::Deputies),
        _ => Some(RosterKind::Platforms),
    }
}

/// Runs the import and rolls it back: what would happen.
pub fn preview(store: &mut Store, grids: &[Grid], operator: &str) -> Result<ImportReport> {
    progress::unwatched(|watch| store.dry_run(operator, |w| run(w, grids, false, watch)))
}

/// Runs the import and commits the accepted rows in one transaction.
pub fn commit(store: &mut Store, grids: &[Grid], operator: &str) -> Result<ImportReport> {
    progress::unwatched(|watch| commit_watched(store, grids, operator, watch))
}

/// [`commit`], reporting progress to `watch` and stopping with [`Error::Cancelled`] (nothing written) when it is
/// cancelled.
pub fn commit_watched(
    store: &mut Store,
    grids: &[Grid],
    operator: &str,
    watch: &mut Watch<'_>,
) -> Result<ImportReport> {
    store.write(operator, |w| run(w, grids, true, watch))
}

fn run(w: &mut Writer<'_>, grids: &[Grid], committed: bool, watch: &mut Watch<'_>) -> Result<ImportReport> {
    let mut report = ImportReport { committed, sheets: Vec::new(), skipped_sheets: Vec::new() };
    // Platforms first, so that deputies in the same workbook can name stations it creates.
    let mut kinds: Vec<(&Grid, RosterKind)> = Vec::new();
    for grid in grids {
        match detect_kind(grid) {
            Some(kind) => kinds.push((grid, kind)),
            None => report.skipped_sheets.push(grid.name.clone()),
        }
    }
    kinds.sort_by_key(|(_, k)| *k == RosterKind::Deputies);
    watch.start(&kinds.iter().map(|(g, _)| *g).collect::<Vec<_>>());
    for (grid, kind) in kinds {
        let sheet = match kind {
            RosterKind::Deputies => deputies::import(w, grid, watch)?,
            RosterKind::Platforms => platforms::import(w, grid, watch)?,
        };
        report.sheets.push(sheet);
    }
    watch.finish();
    if report.sheets.is_empty() {
        return Err(Error::Invalid(
            "文件中没有找到代表名册或联络站名册的表头（例如“姓名”“代表级别”“所属联络站”或“名称”“类型”“县（市、区）”）"
                .into(),
        ));
    }
    Ok(report)
}

/// The import templates: one table per roster kind, with the Chinese headers and an example row.
pub fn templates() -> Vec<(RosterKind, TableOut)> {
    fn table<F: Copy>(sheet: &str, columns: &[header::Column<F>]) -> TableOut {
        TableOut {
            sheet: sheet.to_owned(),
            title: None,
            headers: columns
                .iter()
                .map(|c| if c.required { format!("*{}", c.header) } else { c.header.to_owned() })
                .collect(),
            rows: vec![columns.iter().map(|c| c.example.to_owned()).collect()],
            text_columns: (0..columns.len()).collect(),
        }
    }
    vec![
        (RosterKind::Deputies, table("代表名册", deputies::COLUMNS)),
        (RosterKind::Platforms, table("联络站名册", platforms::COLUMNS)),
    ]
}

/// A data row being read: cells by field, errors collected with their column.
pub(crate) struct RowReader<'a, F: 'static> {
    grid: &'a Grid,
    header: &'a header::HeaderMap<F>,
    row: usize,
    errors: Vec<RowError>,
}

impl<'a, F: Copy + PartialEq> RowReader<'a, F> {
    pub(crate) fn new(grid: &'a Grid, header: &'a header::HeaderMap<F>, row: usize) -> Self {
        RowReader { grid, header, row, errors: Vec::new() }
    }

    /// The cleaned text of `field` in this row ("" when the sheet has no such column).
    pub(crate) fn text(&self, field: F) -> String {
        self.header.column(field).map(|c| clean(self.grid.cell(self.row, c))).unwrap_or_default()
    }

    /// Reads `field` with `parse`, recording the error against the column.
    /// The text of `field` with full-width ASCII made half-width (codes, numbers, phones, dates).
    pub(crate) fn half_width(&self, field: F) -> String {
        half_width(&self.text(field))
    }

    pub(crate) fn parse<T: Default>(&mut self, field: F, parse: impl FnOnce(&str) -> Result<T, String>) -> T {
        let raw = self.half_width(field);
        match parse(&raw) {
            Ok(v) => v,
            Err(reason) => {
                self.fail(field, &raw, reason);
                T::default()
            }
        }
    }

    /// Records an error against `field`.
    pub(crate) fn fail(&mut self, field: F, value: &str, reason: String) {
        self.errors.push(RowError {
            row: self.row + 1,
            column: self.header.header_of(field).to_owned(),
            value: value.to_owned(),
            reason,
        });
    }

    /// Records an error against the whole row.
    pub(crate) fn fail_row(&mut self, reason: String) {
        self.errors.push(RowError { row: self.row + 1, column: String::new(), value: String::new(), reason });
    }

    /// The errors so far; empty means the row can be saved.
    pub(crate) fn into_errors(self) -> Vec<RowError> {
        self.errors
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// True when every cell of the row is blank.
pub(crate) fn is_blank(grid: &Grid, row: usize) -> bool {
    grid.rows[row].iter().all(|c| clean(c).is_empty())
}

/// Maps a save error (a rule that needs the database) to a row error; storage errors abort the import.
pub(crate) fn save_error_to_row(err: Error, row: usize) -> Result<RowError> {
    let row_error = |reason| RowError { row: row + 1, column: String::new(), value: String::new(), reason };
    match err {
        Error::Invalid(reason) | Error::NotFound(reason) | Error::Conflict(reason) => Ok(row_error(reason)),
        fields @ Error::InvalidFields(_) => Ok(row_error(fields.to_string())),
        other => Err(other),
    }
}

#[cfg(test)]
mod tests;
