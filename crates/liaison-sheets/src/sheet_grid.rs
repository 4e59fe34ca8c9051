//! Lays one calamine worksheet out as a [`Grid`] whose (0, 0) is the sheet's A1, with merged cells filled.
//!
//! calamine's range starts at the first used cell, but the import rules report problems as "第 N 行" and people
//! look those rows up in Excel, so empty leading rows and columns are padded back in. Merged cells hold their
//! value only in the top-left cell; a merged header such as "联系方式" over two columns must name both columns,
//! so every covered cell gets the top-left text.

use calamine::{Data, Dimensions, Range};
use liaison_core::tabular::Grid;

use crate::cell_text::data_text;

/// A merged region may widen the grid up to this many columns even past the last used cell (a title merged
/// across A1:F1 above narrower data); beyond it only cells inside the used range are filled, so a whole-row
/// merge (A1:XFD1) does not create 16,384 columns.
const MERGE_WIDEN_LIMIT: usize = 256;

/// The grid of one sheet: cell texts placed at their Excel positions, merged regions filled, trailing empty
/// rows removed (a sheet with no text at all yields no rows).
pub(crate) fn sheet_grid(name: &str, range: &Range<Data>, merges: &[Dimensions]) -> Grid {
    let mut rows: Vec<Vec<String>> = Vec::new();
    if let (Some((row0, col0)), Some((_, col_end))) = (range.start(), range.end()) {
        let (row0, col0) = (row0 as usize, col0 as usize);
        let width = col_end as usize + 1;
        rows.resize_with(row0, || vec![String::new(); width]);
        for cells in range.rows() {
            let mut row = vec![String::new(); width];
            for (offset, cell) in cells.iter().enumerate() {
                row[col0 + offset] = data_text(cell);
            }
            rows.push(row);
        }
    }
    fill_merges(&mut rows, merges);
    while rows.last().is_some_and(|row| row.iter().all(String::is_empty)) {
        rows.pop();
    }
    Grid { name: name.to_owned(), rows }
}

/// Copies each merged region's top-left text into every cell it covers. Regions are clipped to the used rows
/// (merges below the data are leftover formatting, not records) and widen the grid only up to
/// [`MERGE_WIDEN_LIMIT`] columns.
fn fill_merges(rows: &mut [Vec<String>], merges: &[Dimensions]) {
    let used_width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let col_limit = used_width.max(MERGE_WIDEN_LIMIT);
    for region in merges {
        let (top, left) = (region.start.0 as usize, region.start.1 as usize);
        let Some(value) = rows.get(top).and_then(|row| row.get(left)).filter(|v| !v.is_empty()).cloned() else {
            continue;
        };
        let bottom = (region.end.0 as usize).min(rows.len() - 1);
        let right = (region.end.1 as usize).min(col_limit - 1);
        if bottom < top || right < left {
            continue; // malformed region (end before start)
        }
        for row in &mut rows[top..=bottom] {
            if row.len() <= right {
                row.resize(right + 1, String::new());
            }
            for cell in &mut row[left..=right] {
                cell.clone_from(&value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range_at(start: (u32, u32), end: (u32, u32), values: &[(u32, u32, &str)]) -> Range<Data> {
        let mut range = Range::new(start, end);
        for &(r, c, v) in values {
            range.set_value((r, c), Data::String(v.to_owned()));
        }
        range
    }

    #[test]
    fn a_range_not_starting_at_a1_is_padded_to_excel_positions() {
        let range = range_at((2, 1), (3, 2), &[(2, 1, "姓名"), (2, 2, "电话"), (3, 1, "张三")]);
        let grid = sheet_grid("名单", &range, &[]);
        assert_eq!(grid.name, "名单");
        assert_eq!(grid.rows.len(), 4);
        assert_eq!(grid.cell(0, 0), "");
        assert_eq!(grid.cell(2, 1), "姓名");
        assert_eq!(grid.cell(2, 2), "电话");
        assert_eq!(grid.cell(3, 1), "张三");
        assert_eq!(grid.rows[1].len(), 3);
    }

    #[test]
    fn merged_regions_fill_every_covered_cell_and_may_widen_the_grid() {
        let range = range_at((0, 0), (2, 2), &[(0, 0, "标题"), (1, 1, "联系方式"), (2, 1, "138"), (2, 2, "地址")]);
        let merges = [Dimensions::new((0, 0), (0, 5)), Dimensions::new((1, 1), (1, 2))];
        let grid = sheet_grid("S", &range, &merges);
        for col in 0..6 {
            assert_eq!(grid.cell(0, col), "标题", "col {col}");
        }
        assert_eq!(grid.cell(1, 0), "");
        assert_eq!(grid.cell(1, 1), "联系方式");
        assert_eq!(grid.cell(1, 2), "联系方式");
        assert_eq!(grid.cell(2, 2), "地址");
    }

    #[test]
    fn merges_are_clipped_to_used_rows_and_empty_merges_are_ignored() {
        let range = range_at((0, 0), (1, 0), &[(0, 0, "甲"), (1, 0, "乙")]);
        let merges = [Dimensions::new((1, 0), (1_048_575, 0)), Dimensions::new((0, 1), (0, 16_383))];
        let grid = sheet_grid("S", &range, &merges);
        assert_eq!(grid.rows.len(), 2);
        assert_eq!(grid.cell(1, 0), "乙");
        assert_eq!(grid.rows[0].len(), 1, "a merge whose top-left is empty adds nothing");
    }

    #[test]
    fn trailing_blank_rows_are_dropped_and_an_empty_sheet_has_no_rows() {
        let range = range_at((0, 0), (2, 0), &[(0, 0, "甲"), (2, 0, "\u{3000}")]);
        assert_eq!(sheet_grid("S", &range, &[]).rows, vec![vec!["甲".to_owned()]]);
        assert!(sheet_grid("S", &Range::empty(), &[]).rows.is_empty());
    }
}
