//! Spreadsheet files in and out for Liaison Desk: workbooks and CSV become [`Grid`]s of text, [`TableOut`]s
//! become .xlsx or CSV.
//!
//! The core's import and export rules only see plain text tables; everything about file formats (encodings,
//! Excel dates, numbers typed where text was meant, merged header cells, Excel's sheet-name rules) lives here,
//! so the rules are tested on in-memory grids and this crate on real files.
//!
//! Reading: [`read_file`] / [`read_bytes`] pick the reader by extension: .xlsx .xlsm .xlsb .xls .ods through
//! calamine (one grid per non-empty worksheet), .csv .tsv .txt through [`read_csv_bytes`].
//! Writing: [`write_xlsx`] / [`write_xlsx_file`] and [`write_csv`].

mod cell_text;
mod decode;
mod error;
mod read_csv;
mod read_workbook;
mod sheet_grid;
mod sheet_name;
mod width;
mod write_csv;
mod write_xlsx;

use std::path::Path;

pub use error::SheetsError;
pub use liaison_core::tabular::{Grid, TableOut};
pub use read_csv::read_csv_bytes;
pub use write_csv::write_csv;
pub use write_xlsx::{write_xlsx, write_xlsx_file};

/// The file's sheets as grids; see [`read_bytes`].
pub fn read_file(path: &Path) -> Result<Vec<Grid>, SheetsError> {
    let bytes = std::fs::read(path).map_err(|source| SheetsError::Io { path: path.to_owned(), source })?;
    let name = path.file_name().map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy());
    read_bytes(&bytes, &name)
}

/// The sheets of a file held in memory, the format chosen by `file_name`'s extension (any case).
///
/// Workbooks give one grid per worksheet that has any text (at least one grid); CSV/TXT give one grid named
/// after the file stem. A workbook extension on a file that is really tab- or comma-separated text (what many
/// web systems "export to Excel") is read as text.
pub fn read_bytes(bytes: &[u8], file_name: &str) -> Result<Vec<Grid>, SheetsError> {
    let ext = Path::new(file_name).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook_or_text(bytes, file_name, &ext),
        "csv" | "tsv" | "txt" => Ok(vec![read_csv_bytes(bytes, file_name)?]),
        _ => Err(SheetsError::UnsupportedFormat { ext }),
    }
}

/// A workbook; or, when it is not one, the text file that was given a workbook name.
fn read_workbook_or_text(bytes: &[u8], file_name: &str, ext: &str) -> Result<Vec<Grid>, SheetsError> {
    const HTML: &str = "the file is a web page (HTML) with a spreadsheet name; open it in Excel and save it as .xlsx";
    match read_workbook::read_workbook_bytes(bytes, ext) {
        Err(SheetsError::Workbook(_)) if is_html(bytes) => Err(SheetsError::Workbook(HTML.to_owned())),
        Err(SheetsError::Workbook(_)) if is_plain_text(bytes) => Ok(vec![read_csv_bytes(bytes, file_name)?]),
        result => result,
    }
}

/// The first bytes of a file, past any BOM and leading whitespace.
fn head(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..bytes.len().min(start + 512)]
}

/// Whether the bytes look like an HTML page (some systems export "Excel" as an HTML table).
fn is_html(bytes: &[u8]) -> bool {
    head(bytes).starts_with(b"<")
}

/// Whether the bytes look like text rather than a binary or zipped workbook: no zip or OLE signature and no
/// NUL byte near the start (UTF-16 text has a BOM, which is allowed).
fn is_plain_text(bytes: &[u8]) -> bool {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0";
    if bytes.is_empty() || bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        return false;
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    utf16 || !bytes[..bytes.len().min(4096)].contains(&0)
}
