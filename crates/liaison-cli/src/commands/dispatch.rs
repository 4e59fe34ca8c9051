//! `liaison dispatch sheet|notices`: a unit's 交办单 and the 催办/督办 notices of the overdue matters, as PDFs
//! (`liaison_core::documents` for the data, `liaison_print::documents` for the pages).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use liaison_core::Store;
use liaison_core::documents::{dispatch_sheet, supervision_notices};
use liaison_print::documents::{dispatch_sheet_pdf, notice_file_name, notice_pdf};
use liaison_print::fonts::FontSet;
use rusqlite::Connection;
use serde::Serialize;

use super::qr::{load_fonts, print_failure};
use crate::Failure;
use crate::args::DispatchCommand;

/// What a command wrote.
#[derive(Debug, Serialize)]
pub(crate) struct Written {
    /// The file.
    pub file: PathBuf,
    /// The unit.
    pub unit: String,
    /// Its matters on the document.
    pub matters: usize,
}

pub(super) fn run(store: &Store, cmd: &DispatchCommand, json: bool) -> Result<(), Failure> {
    let now = store.deps().clock.now();
    let written = match cmd {
        DispatchCommand::Sheet { unit, out, fonts } => {
            vec![write_sheet(store.conn(), unit, now, &mut load_fonts(fonts)?, out)?]
        }
        DispatchCommand::Notices { out, fonts } => write_notices(store.conn(), now, &mut load_fonts(fonts)?, out)?,
    };
    crate::output::emit(json, &written, |written| {
        if written.is_empty() {
            println!("没有超期事项，无需催办 no overdue matters held by units");
        }
        for w in written {
            println!("已写入 wrote {}（{}，{} 件 matters）", w.file.display(), w.unit, w.matters);
        }
    })
}

/// Writes the unit's 交办单 to `out`.
pub(crate) fn write_sheet(
    conn: &Connection,
    unit: &str,
    now: DateTime<Utc>,
    fonts: &mut FontSet,
    out: &Path,
) -> Result<Written, Failure> {
    let sheet = dispatch_sheet(conn, unit, now)?;
    write(out, &dispatch_sheet_pdf(&sheet, fonts).map_err(print_failure)?)?;
    Ok(Written { file: out.to_owned(), unit: sheet.unit_name, matters: sheet.lines.len() })
}

/// Writes one notice per unit into the folder `out`, named `督办通知-<unit code>-<unit name>.pdf`.
pub(crate) fn write_notices(
    conn: &Connection,
    now: DateTime<Utc>,
    fonts: &mut FontSet,
    out: &Path,
) -> Result<Vec<Written>, Failure> {
    std::fs::create_dir_all(out).map_err(|e| Failure::user(format!("cannot create {}: {e}", out.display())))?;
    let mut written = Vec::new();
    for notice in supervision_notices(conn, now)? {
        let file = out.join(notice_file_name(&notice));
        write(&file, &notice_pdf(&notice, fonts).map_err(print_failure)?)?;
        written.push(Written { file, unit: notice.unit_name, matters: notice.matters.len() });
    }
    Ok(written)
}

pub(super) fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::user(format!("cannot write {}: {e}", path.display())))
}
