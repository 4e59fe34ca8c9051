//! The spreadsheet the end-to-end import scenario feeds the real window (`tests/e2e/fixtures/`), written by
//! rust_xlsxwriter like the files offices send. A test keeps the committed file equal to what this code writes, so
//! the scenario's expectations (which rows are rejected, and why) are visible here in code, not hidden in a binary.
//! Regenerate with `cargo test --test integration -- --ignored write_e2e_fixtures`.

use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;

/// The roster with bad rows: imported into the demo city (station XH-03 exists there, NOPE-99 does not).
pub const ROWS: &[[&str; 6]] = &[
    ["姓名", "性别", "出生年月", "代表级别", "所属联络站", "手机号码"],
    // Excel row 2: a new deputy.
    ["孙悦宁", "女", "1983-04", "市人大代表", "XH-03", "13700001111"],
    // Excel row 3: a phone number too short.
    ["周建华", "男", "1979-10", "县人大代表", "XH-03", "1370000"],
    // Excel row 4: a station the roster does not know.
    ["钱多多", "男", "1990-01", "市人大代表", "NOPE-99", "13700002222"],
    // Excel row 5: another new deputy.
    ["赵一凡", "男", "1985-06", "县人大代表", "XH-03", "13700003333"],
];

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/fixtures/roster-with-bad-rows.xlsx")
}

fn read_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.iter().map(|c: &Data| c.to_string()).collect()).collect()
}

#[test]
fn the_committed_e2e_fixture_holds_the_rows_written_here() {
    let expected: Vec<Vec<String>> = ROWS.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(
        read_rows(&fixture_path()),
        expected,
        "regenerate: cargo test --test integration -- --ignored write_e2e_fixtures"
    );
}

#[test]
#[ignore = "writes tests/e2e/fixtures/; run on purpose"]
fn write_e2e_fixtures() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("代表名册").unwrap();
    for (r, row) in ROWS.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(fixture_path()).unwrap();
}
