//! Reads a workbook (.xlsx/.xlsm/.xlsb/.xls/.ods) from memory into one [`Grid`] per worksheet, via calamine.
//!
//! The reader is picked by the file's extension; when that fails the content is sniffed instead, because
//! renamed files (an .xlsx saved as "名单.xls") are common in offices. Merged cells are read for .xlsx and .xls
//! (the formats that record them) and filled by [`crate::sheet_grid`].

use std::io::Cursor;

use calamine::{
    Dimensions, Ods, Reader, SheetType, Sheets, Xls, Xlsb, Xlsx, open_workbook_auto_from_rs, open_workbook_from_rs,
};
use liaison_core::tabular::Grid;

use crate::error::SheetsError;
use crate::sheet_grid::sheet_grid;

type Book<'a> = Sheets<Cursor<&'a [u8]>>;

/// Every worksheet of the workbook as a grid, in workbook order. Completely empty sheets are left out, but the
/// first sheet is kept when all are empty, so the caller always gets at least one grid. Chart and macro sheets
/// hold no cells and are skipped.
pub(crate) fn read_workbook_bytes(bytes: &[u8], ext: &str) -> Result<Vec<Grid>, SheetsError> {
    let mut book = open(bytes, ext)?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect();
    let mut grids = Vec::with_capacity(names.len());
    for name in &names {
        let range = book.worksheet_range(name).map_err(workbook_error)?;
        let merges = merged_cells(&mut book, name)?;
        grids.push(sheet_grid(name, &range, &merges));
    }
    if grids.is_empty() {
        return Err(SheetsError::Workbook("the workbook has no worksheets".to_owned()));
    }
    if grids.iter().all(|grid| grid.rows.is_empty()) {
        grids.truncate(1);
    } else {
        grids.retain(|grid| !grid.rows.is_empty());
    }
    Ok(grids)
}

/// Opens the workbook with the reader its extension names, falling back to content sniffing. The error
/// reported is the one of the extension's reader: it is the one that says what is wrong with the file.
fn open<'a>(bytes: &'a [u8], ext: &str) -> Result<Book<'a>, SheetsError> {
    let cursor = Cursor::new(bytes);
    let by_extension: Result<Book<'a>, calamine::Error> = match ext {
        "xls" => open_workbook_from_rs::<Xls<_>, _>(cursor.clone()).map(Sheets::Xls).map_err(Into::into),
        "xlsb" => open_workbook_from_rs::<Xlsb<_>, _>(cursor.clone()).map(Sheets::Xlsb).map_err(Into::into),
        "ods" => open_workbook_from_rs::<Ods<_>, _>(cursor.clone()).map(Sheets::Ods).map_err(Into::into),
        _ => open_workbook_from_rs::<Xlsx<_>, _>(cursor.clone()).map(Sheets::Xlsx).map_err(Into::into),
    };
    by_extension.or_else(|first| open_workbook_auto_from_rs(cursor).map_err(|_| workbook_error(first)))
}

/// The merged regions of one sheet, for the formats that have them.
fn merged_cells(book: &mut Book<'_>, name: &str) -> Result<Vec<Dimensions>, SheetsError> {
    match book {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(name).map_err(workbook_error),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).map_err(workbook_error),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Ok(Vec::new()),
    }
}

fn workbook_error(error: impl std::fmt::Display) -> SheetsError {
    SheetsError::Workbook(error.to_string())
}
