//! The one error type of this crate.
//!
//! Each variant names a different thing the person can do about it (pick another file, re-save the file as
//! .xlsx or UTF-8 CSV, check the disk), so the UI can map variants to Chinese messages without parsing text.
//! Library errors (calamine, rust_xlsxwriter, csv) are kept as text: their types are not part of our API.

use std::path::PathBuf;

/// Why a spreadsheet could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SheetsError {
    /// The file could not be read from or written to disk.
    #[error("cannot access {}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file name's extension is not one we read.
    #[error("unsupported file type \"{ext}\": expected .xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv or .txt")]
    UnsupportedFormat {
        /// The extension as given, without the dot ("" when the name has none).
        ext: String,
    },
    /// The workbook is damaged, encrypted or not really the format its name says.
    #[error("cannot read workbook: {0}")]
    Workbook(String),
    /// rust_xlsxwriter refused to build the workbook (too many rows, temp file not writable, ...).
    #[error("cannot write workbook: {0}")]
    Write(String),
    /// A text file that is neither UTF-8, UTF-16 (with BOM) nor GB18030/GBK.
    #[error("{name}: text encoding not recognised (expected UTF-8 or GBK/GB18030); save it as \"CSV UTF-8\"")]
    Encoding {
        /// The file name, for the message.
        name: String,
    },
    /// The CSV text could not be split into records.
    #[error("{name}: cannot read CSV: {message}")]
    Csv {
        /// The file name, for the message.
        name: String,
        /// What the csv parser said.
        message: String,
    },
}
