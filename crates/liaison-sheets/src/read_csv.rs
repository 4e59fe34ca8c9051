//! Reads a CSV (or tab/semicolon separated .txt) file from memory into a [`Grid`].
//!
//! Encoding is guessed by [`crate::decode`]; the delimiter is guessed from the first non-empty line, because
//! "text (tab delimited)" exports and European-locale semicolon files arrive next to ordinary CSV. Row indexes
//! match the rows Excel shows when it opens the same file: blank lines are kept as empty rows and a quoted
//! field spanning several lines stays one row.

use std::path::Path;

use liaison_core::tabular::Grid;

use crate::cell_text::clean_text;
use crate::decode::decode_text;
use crate::error::SheetsError;

/// The file as one grid named after the file stem ("名单.csv" -> "名单"); cells trimmed like workbook cells,
/// rows as long as their line (rows may differ in length), trailing empty rows removed.
pub fn read_csv_bytes(bytes: &[u8], name: &str) -> Result<Grid, SheetsError> {
    let text = decode_text(bytes, name)?;
    let delimiter = guess_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetsError::Csv { name: name.to_owned(), message: e.to_string() })?;
        // The csv crate skips blank lines; Excel shows them as empty rows, and so do we.
        let read_from = record.position().map_or(usize::MAX, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        rows.resize_with(rows.len() + skipped_blank_lines(text.as_bytes(), read_from), Vec::new);
        rows.push(record.iter().map(clean_text).collect());
    }
    while rows.last().is_some_and(|row| row.iter().all(String::is_empty)) {
        rows.pop();
    }
    Ok(Grid { name: file_stem(name), rows })
}

/// How many blank lines precede the record whose read began at byte `at`.
///
/// The csv reader starts a record right after the previous record's terminator, or between its CR and LF, and
/// then silently skips line breaks; each complete line break found there is a blank line.
fn skipped_blank_lines(text: &[u8], at: usize) -> usize {
    let mut i = at;
    if i > 0 && text.get(i - 1) == Some(&b'\r') && text.get(i) == Some(&b'\n') {
        i += 1; // the LF finishing the previous record's CRLF
    }
    let mut count = 0;
    loop {
        match (text.get(i), text.get(i + 1)) {
            (Some(b'\r'), Some(b'\n')) => i += 2,
            (Some(b'\r' | b'\n'), _) => i += 1,
            _ => return count,
        }
        count += 1;
    }
}

/// Tab or semicolon when the first non-empty line has more of it than commas, else comma.
fn guess_delimiter(text: &str) -> u8 {
    let Some(line) = text.lines().find(|line| !line.trim().is_empty()) else {
        return b',';
    };
    let count = |c: char| line.matches(c).count();
    let (commas, tabs, semicolons) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// "D:\\导入\\名单.csv" -> "名单"; the whole name when it has no stem.
fn file_stem(name: &str) -> String {
    // Windows paths may reach us on any platform; take what follows the last separator of either kind.
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    Path::new(base).file_stem().and_then(|s| s.to_str()).unwrap_or(base).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(bytes: &[u8]) -> Vec<Vec<String>> {
        read_csv_bytes(bytes, "名单.csv").unwrap().rows
    }

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect()
    }

    #[test]
    fn utf8_with_bom() {
        let bytes = "\u{feff}姓名,电话\n张三,13812345678\n".as_bytes();
        assert_eq!(grid(bytes), rows(&[&["姓名", "电话"], &["张三", "13812345678"]]));
    }

    #[test]
    fn utf8_without_bom_and_crlf() {
        let bytes = "姓名,电话\r\n李四,13900000000\r\n".as_bytes();
        assert_eq!(grid(bytes), rows(&[&["姓名", "电话"], &["李四", "13900000000"]]));
    }

    #[test]
    fn gb18030_bytes() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("姓名,住址\r\n王五,海淀区中关村大街1号\r\n");
        assert_eq!(grid(&bytes), rows(&[&["姓名", "住址"], &["王五", "海淀区中关村大街1号"]]));
    }

    #[test]
    fn tab_delimited() {
        let bytes = "姓名\t电话\t备注\n赵六\t13711112222\t有,逗号\n".as_bytes();
        assert_eq!(grid(bytes), rows(&[&["姓名", "电话", "备注"], &["赵六", "13711112222", "有,逗号"]]));
    }

    #[test]
    fn semicolon_delimited() {
        let bytes = "姓名;电话\n钱七;13600000000\n".as_bytes();
        assert_eq!(grid(bytes), rows(&[&["姓名", "电话"], &["钱七", "13600000000"]]));
    }

    #[test]
    fn quoted_fields_with_commas_quotes_and_newlines_stay_one_row() {
        let bytes = "姓名,意见\n孙八,\"路灯不亮,\n请尽快修\"\n周九,\"他说\"\"好\"\"\"\n".as_bytes();
        let g = read_csv_bytes(bytes, "意见.csv").unwrap();
        assert_eq!(g.rows, rows(&[&["姓名", "意见"], &["孙八", "路灯不亮,\n请尽快修"], &["周九", "他说\"好\""]]));
    }

    #[test]
    fn full_width_and_ascii_padding_is_trimmed() {
        let bytes = "\u{3000}姓名\u{3000}, 电话 \n\u{3000}吴十\u{a0},\t138\u{3000}\n".as_bytes();
        assert_eq!(grid(bytes), rows(&[&["姓名", "电话"], &["吴十", "138"]]));
    }

    #[test]
    fn blank_lines_keep_excel_row_numbers_and_rows_may_be_ragged() {
        let bytes = "标题\n\n姓名,电话\n\"多\n行\",1\n\n郑一,2,多余\n\n\n".as_bytes();
        assert_eq!(
            grid(bytes),
            rows(&[&["标题"], &[], &["姓名", "电话"], &["多\n行", "1"], &[], &["郑一", "2", "多余"]])
        );
    }

    #[test]
    fn blank_lines_with_crlf_and_leading_blank_lines() {
        let bytes = "\r\n标题\r\n\r\n姓名,电话\r\n\"多\r\n行\",1\r\n\r\n郑一\r\n\r\n".as_bytes();
        assert_eq!(grid(bytes), rows(&[&[], &["标题"], &[], &["姓名", "电话"], &["多\r\n行", "1"], &[], &["郑一"]]));
    }

    #[test]
    fn empty_file_has_no_rows_and_the_grid_is_named_after_the_stem() {
        let g = read_csv_bytes(b"", "C:\\Users\\名.csv").unwrap();
        assert!(g.rows.is_empty());
        assert_eq!(g.name, "名");
        assert_eq!(read_csv_bytes(b"a", "D:\\导入\\名单.CSV").unwrap().name, "名单");
        assert_eq!(read_csv_bytes(b"a", "/tmp/2024 名单.txt").unwrap().name, "2024 名单");
    }

    #[test]
    fn delimiter_guess() {
        assert_eq!(guess_delimiter("\n\na\tb\tc,d\n"), b'\t');
        assert_eq!(guess_delimiter("a;b,c\n"), b',');
        assert_eq!(guess_delimiter("a;b;c,d\n"), b';');
        assert_eq!(guess_delimiter(""), b',');
    }
}
