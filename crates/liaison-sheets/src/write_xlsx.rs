//! Writes [`TableOut`]s as an .xlsx workbook that opens cleanly in Excel and WPS on Chinese Windows.
//!
//! One sheet per table: an optional title row (bold, merged across the table: how ledgers carry their station and
//! period), a bold shaded header row, frozen with the title so both stay visible while scrolling, an autofilter
//! over the data, and column widths that fit Chinese text. Text columns (phones, ID numbers, codes) get the "@"
//! text format and string cells, so Excel never shows 1.38E+10 or drops an ID's last digits. Other cells that
//! are plain small numbers ("12", "3.5") become number cells so counts and sums work; everything else is text.

use std::path::Path;

use liaison_core::tabular::TableOut;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::cell_text::float_text;
use crate::error::SheetsError;
use crate::sheet_name::sheet_names;
use crate::width::column_width;

/// Above this many rows in all tables together the sheets are streamed through temp files (rust_xlsxwriter's
/// constant-memory mode) instead of being held in memory until saved.
const CONSTANT_MEMORY_ROWS: usize = 20_000;

/// Header fill: Excel's light blue ("蓝色, 个性色 1, 淡色 80%").
const HEADER_FILL: u32 = 0xDDEBF7;

/// The formats every sheet shares.
struct Formats {
    title: Format,
    header: Format,
    text: Format,
}

/// The workbook as .xlsx bytes, sheets in table order. With no tables the workbook has one empty sheet.
pub fn write_xlsx(tables: &[TableOut]) -> Result<Vec<u8>, SheetsError> {
    let mut workbook = Workbook::new();
    let total_rows: usize = tables.iter().map(|t| t.rows.len() + 1 + usize::from(t.title.is_some())).sum();
    let stream = total_rows > CONSTANT_MEMORY_ROWS;
    let formats = Formats {
        title: Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center),
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(HEADER_FILL))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF)),
        text: Format::new().set_num_format("@"),
    };
    let names = sheet_names(tables.iter().map(|t| t.sheet.as_str()));
    for (table, name) in tables.iter().zip(&names) {
        let worksheet = if stream {
            workbook.add_worksheet_with_constant_memory().map_err(write_error)?
        } else {
            workbook.add_worksheet()
        };
        worksheet.set_name(name).map_err(write_error)?;
        write_table(worksheet, table, &formats).map_err(write_error)?;
    }
    if tables.is_empty() {
        workbook.add_worksheet();
    }
    workbook.save_to_buffer().map_err(write_error)
}

/// [`write_xlsx`] into a file (replacing it).
pub fn write_xlsx_file(path: &Path, tables: &[TableOut]) -> Result<(), SheetsError> {
    let bytes = write_xlsx(tables)?;
    std::fs::write(path, bytes).map_err(|source| SheetsError::Io { path: path.to_owned(), source })
}

/// One table into one worksheet, row by row (constant-memory sheets accept nothing else).
fn write_table(sheet: &mut Worksheet, table: &TableOut, formats: &Formats) -> Result<(), XlsxError> {
    let width = table.rows.iter().map(Vec::len).chain([table.headers.len()]).max().unwrap_or(0);
    if width == 0 {
        return Ok(());
    }
    let last_col = to_col(width - 1)?;
    // The header sits below the title when there is one; every later row moves down with it.
    let header_row = u32::from(table.title.is_some());
    let last_row = u32::try_from(table.rows.len())
        .ok()
        .and_then(|n| n.checked_add(header_row))
        .ok_or(XlsxError::RowColumnLimitError)?;
    let is_text: Vec<bool> = (0..width).map(|c| table.text_columns.contains(&c)).collect();

    for (c, &text) in is_text.iter().enumerate() {
        let col = to_col(c)?;
        let header = table.headers.get(c).map_or("", String::as_str);
        let cells = table.rows.iter().filter_map(|row| row.get(c)).map(String::as_str);
        sheet.set_column_width(col, column_width(header, cells))?;
        if text {
            sheet.set_column_format(col, &formats.text)?;
        }
    }
    if let Some(title) = &table.title {
        write_title(sheet, title, last_col, &formats.title)?;
    }
    for (c, header) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, to_col(c)?, header, &formats.header)?;
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    sheet.autofilter(header_row, 0, last_row, last_col)?;

    for (r, cells) in table.rows.iter().enumerate() {
        let row =
            u32::try_from(r + 1).ok().and_then(|n| n.checked_add(header_row)).ok_or(XlsxError::RowColumnLimitError)?;
        for (c, value) in cells.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let col = to_col(c)?;
            if is_text[c] {
                sheet.write_string_with_format(row, col, value, &formats.text)?;
            } else if let Some(number) = plain_number(value) {
                sheet.write_number(row, col, number)?;
            } else {
                sheet.write_string(row, col, value)?;
            }
        }
    }
    Ok(())
}

/// The title in row 1, merged across the table's columns (a one-column table cannot merge one cell: it is written
/// plainly). The column widths ignore the title: a long title would otherwise widen its first column.
fn write_title(sheet: &mut Worksheet, title: &str, last_col: u16, format: &Format) -> Result<(), XlsxError> {
    sheet.set_row_height(0, 24)?;
    if last_col == 0 {
        sheet.write_string_with_format(0, 0, title, format)?;
    } else {
        sheet.merge_range(0, 0, 0, last_col, title, format)?;
    }
    Ok(())
}

/// The number a cell of a non-text column holds when writing it as a number loses nothing and cannot surprise:
/// an optional minus, at most 10 integer digits without a leading zero (so an unmarked 11-digit phone stays
/// text), an optional fraction, and reading it back gives the same text ("1.50" and "007" stay text).
fn plain_number(value: &str) -> Option<f64> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int_ok = !int.is_empty() && int.len() <= 10 && int.bytes().all(|b| b.is_ascii_digit());
    let no_leading_zero = int == "0" || !int.starts_with('0');
    let frac_ok = frac.len() <= 6 && frac.bytes().all(|b| b.is_ascii_digit()) && !digits.ends_with('.');
    if !(int_ok && no_leading_zero && frac_ok) {
        return None;
    }
    let number: f64 = value.parse().ok()?;
    (float_text(number) == value).then_some(number)
}

fn to_col(index: usize) -> Result<u16, XlsxError> {
    u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

fn write_error(error: XlsxError) -> SheetsError {
    SheetsError::Write(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_only() {
        assert_eq!(plain_number("12"), Some(12.0));
        assert_eq!(plain_number("-3.5"), Some(-3.5));
        assert_eq!(plain_number("0.25"), Some(0.25));
        assert_eq!(plain_number("0"), Some(0.0));
        for text in ["13812345678", "007", "1.50", "1.", ".5", "-", "", "1e5", "+1", "1,000", "12 ", "１２", "-0"] {
            assert_eq!(plain_number(text), None, "{text:?}");
        }
    }
}
