//! Plain tables of text: what the import rules read and the export rules write.
//!
//! The core knows no file format. `liaison-sheets` turns XLSX/CSV files into a [`Grid`] (every cell already
//! rendered as text, merged cells filled with their top-left value) and writes a [`TableOut`] to XLSX or CSV.
//! Keeping this boundary means the import rules are tested on in-memory grids and the file readers on files.

/// One sheet of a workbook (or one CSV file) as rows of cell texts.
///
/// Row and column indexes are 0-based here; messages to people add 1 (Excel's row numbers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    /// Sheet name ("Sheet1", or the file stem for CSV).
    pub name: String,
    /// Cell texts. Rows may have different lengths; a missing cell reads as empty.
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// A grid from literal rows (tests, templates).
    pub fn from_rows<R, C>(name: &str, rows: R) -> Self
    where
        R: IntoIterator<Item = C>,
        C: IntoIterator,
        C::Item: Into<String>,
    {
        Grid {
            name: name.to_owned(),
            rows: rows.into_iter().map(|r| r.into_iter().map(Into::into).collect()).collect(),
        }
    }

    /// The cell at (row, col), or "" when the row is short.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows.get(row).and_then(|r| r.get(col)).map(String::as_str).unwrap_or("")
    }
}

/// A table to be written out: one sheet with a header row, optionally under a title row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableOut {
    /// Sheet name (at most 31 characters in XLSX).
    pub sheet: String,
    /// A title written above the header, merged across the table (ledgers: "XX联络站 接待群众登记台账（2026年第三
    /// 季度）"). XLSX only: a CSV file starts with its header so that other programs can read it as data.
    pub title: Option<String>,
    /// Column headers, in Chinese for people.
    pub headers: Vec<String>,
    /// Data rows, as many cells as headers.
    pub rows: Vec<Vec<String>>,
    /// Columns whose text must stay text in Excel even when it looks like a number (phones, ID numbers, codes),
    /// by index into `headers`.
    pub text_columns: Vec<usize>,
}
