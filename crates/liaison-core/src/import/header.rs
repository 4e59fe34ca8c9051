//! Finding the header row of a messy sheet and mapping its columns to fields.
//!
//! Real files have a title row (often merged across the sheet) above the header, notes below it, two-row headers
//! with a merged parent ("联系方式" over "公开电话 | 手机"), and header texts with spaces, line breaks, asterisks
//! and full-width brackets. We score the first rows against each field's synonyms and take the best row (or pair of
//! rows); the sheet reader has already copied merged values into every covered cell.

use super::cells::{clean, half_width};

/// One importable column: the template header and the other headers people write for it.
#[derive(Debug, Clone, Copy)]
pub struct Column<F: 'static> {
    /// The field it fills.
    pub field: F,
    /// The header written in our templates.
    pub header: &'static str,
    /// Other accepted headers.
    pub synonyms: &'static [&'static str],
    /// An example value for the template.
    pub example: &'static str,
    /// A row cannot be imported without it.
    pub required: bool,
}

/// Where the header is and which column holds which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap<F> {
    /// 0-based index of the last header row; data starts on the next row.
    pub last_header_row: usize,
    /// (column index, field, the header text as written).
    pub columns: Vec<(usize, F, String)>,
}

impl<F: Copy + PartialEq> HeaderMap<F> {
    /// The column of `field`, if the sheet has it.
    pub fn column(&self, field: F) -> Option<usize> {
        self.columns.iter().find(|(_, f, _)| *f == field).map(|(c, _, _)| *c)
    }

    /// The header text of `field` as written in the sheet (or "").
    pub fn header_of(&self, field: F) -> &str {
        self.columns.iter().find(|(_, f, _)| *f == field).map(|(_, _, h)| h.as_str()).unwrap_or("")
    }
}

/// Header text reduced to what matters: no spaces, line breaks, asterisks or colons; ASCII brackets.
pub fn normalize_header(raw: &str) -> String {
    half_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | ':' | '：' | '※'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect()
}

fn field_of<F: Copy>(columns: &[Column<F>], text: &str) -> Option<F> {
    let t = normalize_header(text);
    if t.is_empty() {
        return None;
    }
    columns
        .iter()
        .find(|c| normalize_header(c.header) == t || c.synonyms.iter().any(|s| normalize_header(s) == t))
        .map(|c| c.field)
}

/// How many rows from the top may hold the header.
const SCAN_ROWS: usize = 20;

/// Finds the header in `rows`, or `None` when no row names every required column.
pub fn find_header<F: Copy + PartialEq>(rows: &[Vec<String>], columns: &[Column<F>]) -> Option<HeaderMap<F>> {
    let mut best: Option<(usize, HeaderMap<F>)> = None;
    for r in 0..rows.len().min(SCAN_ROWS) {
        for two_rows in [false, true] {
            if two_rows && r + 1 >= rows.len() {
                continue;
            }
            let width = rows[r].len().max(if two_rows { rows[r + 1].len() } else { 0 });
            let mut mapped: Vec<(usize, F, String)> = Vec::new();
            for c in 0..width {
                let upper = rows[r].get(c).map(String::as_str).unwrap_or("");
                let lower = if two_rows { rows[r + 1].get(c).map(String::as_str).unwrap_or("") } else { "" };
                // In a two-row header the lower cell names the column; the upper one is a merged group title,
                // unless the column has no lower cell (a header merged down over both rows).
                let pick = [lower, upper].into_iter().find_map(|t| field_of(columns, t).map(|f| (f, t)));
                if let Some((field, text)) = pick
                    && !mapped.iter().any(|(_, f, _)| *f == field)
                {
                    mapped.push((c, field, clean(text)));
                }
            }
            let has_required =
                columns.iter().filter(|c| c.required).all(|c| mapped.iter().any(|(_, f, _)| *f == c.field));
            let score = mapped.len();
            if has_required && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, HeaderMap { last_header_row: r + usize::from(two_rows), columns: mapped }));
            }
        }
    }
    best.map(|(_, h)| h)
}

/// How many columns of the first rows match `columns` at best (to guess what a sheet holds).
pub fn score<F: Copy + PartialEq>(rows: &[Vec<String>], columns: &[Column<F>]) -> usize {
    find_header(rows, columns).map_or(0, |h| h.columns.len())
}
