//! Column widths for exported sheets, counting Chinese characters as two columns wide.
//!
//! rust_xlsxwriter's `autofit` measures text as if every character were Latin, so columns of Chinese names and
//! addresses come out too narrow to read. Excel's width unit is roughly one Latin digit; a CJK or full-width
//! character takes two of them.

/// The narrowest and widest column we set, in Excel character units.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 60.0;
/// Room for the autofilter drop-down button on the header cell.
const FILTER_BUTTON: f64 = 2.0;
/// Breathing space on either side of the text.
const PADDING: f64 = 1.0;

/// Whether `c` is drawn two columns wide: CJK ideographs and punctuation, kana, hangul, full-width forms,
/// emoji.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD)
}

/// The width of the widest line of `text`: 2 units per wide character, 1.1 per other character (Excel's
/// default font is a little wider than its digit unit for most letters).
pub(crate) fn text_units(text: &str) -> f64 {
    text.lines().map(|line| line.chars().map(|c| if is_wide(c) { 2.0 } else { 1.1 }).sum::<f64>()).fold(0.0, f64::max)
}

/// The width for a column with this header and these cells, clamped to 6..=60.
pub(crate) fn column_width<'a>(header: &str, cells: impl IntoIterator<Item = &'a str>) -> f64 {
    let header = text_units(header) + FILTER_BUTTON;
    let widest = cells.into_iter().map(text_units).fold(header, f64::max);
    (widest + PADDING).clamp(MIN_WIDTH, MAX_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double_and_ascii_a_little_over_one() {
        assert!((text_units("张三") - 4.0).abs() < 1e-9);
        assert!((text_units("13812345678") - 12.1).abs() < 1e-9);
        assert!((text_units("（全角）") - 8.0).abs() < 1e-9);
        assert!((text_units("第一行\nab") - 6.0).abs() < 1e-9, "the widest line counts");
    }

    #[test]
    fn widths_are_clamped() {
        assert!((column_width("", ["a"]) - MIN_WIDTH).abs() < 1e-9);
        assert!((column_width("地址", [&*"很长".repeat(50)]) - MAX_WIDTH).abs() < 1e-9);
        // 18-digit ID: 19.8 + padding; a 2-character header with its filter button is narrower.
        assert!((column_width("证件", ["11010119750301123X"]) - 20.8).abs() < 1e-9);
        // The header wins when it is the widest: 4 CJK = 8, + button 2, + padding 1.
        assert!((column_width("联系电话", ["1"]) - 11.0).abs() < 1e-9);
    }
}
