//! `liaison report --period P --out F`: the period report as a PDF (with charts) or a workbook, chosen by the
//! extension of `--out`; `--xlsx` writes the workbook next to a PDF.

use std::path::Path;

use chrono::{DateTime, Utc};
use liaison_core::Store;
use liaison_core::ledger::Period;
use liaison_core::report::{self, Report};
use liaison_print::fonts::FontSet;
use liaison_print::report::report_pdf;
use rusqlite::Connection;

use super::dispatch::write;
use super::qr::{load_fonts, print_failure};
use crate::Failure;
use crate::args::{FontArgs, ReportArgs};

/// The formats `--out` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Xlsx,
}

fn format_of(path: &Path) -> Result<Format, Failure> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("pdf") => Ok(Format::Pdf),
        Some("xlsx") => Ok(Format::Xlsx),
        _ => Err(Failure::user(format!("{}: the report is written as .pdf or .xlsx", path.display()))),
    }
}

pub(super) fn run(store: &Store, args: &ReportArgs, json: bool) -> Result<(), Failure> {
    let period: Period = args.period.parse()?;
    let files: Vec<&Path> = std::iter::once(args.out.as_path()).chain(args.xlsx.as_deref()).collect();
    let report = write_report(store.conn(), &period, store.deps().clock.now(), &files, &args.fonts)?;
    let summary = serde_json::json!({ "files": files, "report": report });
    crate::output::emit(json, &summary, |_| {
        let h = &report.headline;
        println!(
            "{}：接待 visits {}，事项 matters {}，交办 assigned {}，答复 replied {}，超期 overdue {}",
            report.period.label, h.visits, h.matters, h.assigned, h.replied, h.overdue_now
        );
        for f in &files {
            println!("已写入 wrote {}", f.display());
        }
    })
}

/// The report over `period` as of `now`, written to each path by its extension; every path is checked first.
pub(crate) fn write_report(
    conn: &Connection,
    period: &Period,
    now: DateTime<Utc>,
    paths: &[&Path],
    fonts: &FontArgs,
) -> Result<Report, Failure> {
    let formats = paths.iter().map(|p| format_of(p)).collect::<Result<Vec<_>, _>>()?;
    let report = report::report(conn, period, now)?;
    for (path, format) in paths.iter().zip(formats) {
        match format {
            Format::Pdf => write_pdf(&report, &mut load_fonts(fonts)?, path)?,
            Format::Xlsx => write_xlsx(&report, path)?,
        }
    }
    Ok(report)
}

fn write_pdf(report: &Report, fonts: &mut FontSet, path: &Path) -> Result<(), Failure> {
    write(path, &report_pdf(report, fonts).map_err(print_failure)?)
}

fn write_xlsx(report: &Report, path: &Path) -> Result<(), Failure> {
    Ok(liaison_sheets::write_xlsx_file(path, &report::tables(report))?)
}
