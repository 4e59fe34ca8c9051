//! End-to-end tests on real file bytes: workbooks built with rust_xlsxwriter (merged cells, numbers, dates) or
//! by our own writer, read back through the public API, and the dispatch by file name.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use liaison_sheets::{
    Grid, SheetsError, TableOut, read_bytes, read_csv_bytes, read_file, write_csv, write_xlsx, write_xlsx_file,
};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect()
}

fn roster() -> TableOut {
    TableOut {
        sheet: "选民/名单".into(),
        title: None,
        headers: vec!["姓名".into(), "手机".into(), "身份证号".into(), "人数".into(), "备注".into()],
        rows: vec![
            vec![
                "张三".into(),
                "13812345678".into(),
                "11010119750301123X".into(),
                "12".into(),
                "住址：海淀区, 3号楼".into(),
            ],
            vec!["欧阳娜娜".into(), "13900001111".into(), "110101197503011234".into(), "1.5".into(), "007".into()],
            vec!["李四".into(), String::new(), "440301200001010012".into(), "0".into(), "第一行\n第二行".into()],
        ],
        text_columns: vec![1, 2],
    }
}

fn single(grids: Vec<Grid>) -> Grid {
    assert_eq!(grids.len(), 1, "{grids:?}");
    grids.into_iter().next().unwrap()
}

#[test]
fn xlsx_round_trip_keeps_chinese_phones_and_id_numbers_exact() {
    let table = roster();
    let bytes = write_xlsx(std::slice::from_ref(&table)).unwrap();
    let grid = single(read_bytes(&bytes, "导出.xlsx").unwrap());
    assert_eq!(grid.name, "选民名单", "'/' is not allowed in sheet names");
    let mut expected = vec![table.headers.clone()];
    expected.extend(table.rows.iter().cloned());
    assert_eq!(grid.rows, expected);

    // Text columns hold strings; plain numbers elsewhere became numbers; "007" stayed text.
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("选民名单").unwrap();
    assert_eq!(range.get_value((1, 1)), Some(&Data::String("13812345678".into())));
    assert_eq!(range.get_value((2, 2)), Some(&Data::String("110101197503011234".into())));
    assert_eq!(range.get_value((1, 3)), Some(&Data::Float(12.0)));
    assert_eq!(range.get_value((2, 3)), Some(&Data::Float(1.5)));
    assert_eq!(range.get_value((2, 4)), Some(&Data::String("007".into())));
}

#[test]
fn merged_title_and_header_fill_every_covered_cell_at_excel_rows() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("花名册").unwrap();
    let center = Format::new().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, 5, "2024年代表联络站选民名单", &center).unwrap();
    sheet.write_string(1, 0, "姓名").unwrap();
    sheet.merge_range(1, 1, 1, 2, "联系方式", &center).unwrap();
    sheet.write_string(1, 3, "住址").unwrap();
    sheet.write_string(2, 0, "张三").unwrap();
    sheet.write_string(2, 1, "13812345678").unwrap();
    sheet.write_string(2, 2, "010-62345678").unwrap();
    sheet.write_string(2, 3, "中关村大街1号").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let grid = single(read_bytes(&bytes, "花名册.xlsx").unwrap());
    assert_eq!(grid.name, "花名册");
    for col in 0..6 {
        assert_eq!(grid.cell(0, col), "2024年代表联络站选民名单", "title at row 0, col {col}");
    }
    assert_eq!(grid.cell(1, 0), "姓名");
    assert_eq!(grid.cell(1, 1), "联系方式");
    assert_eq!(grid.cell(1, 2), "联系方式");
    assert_eq!(grid.cell(1, 3), "住址");
    assert_eq!(grid.cell(2, 0), "张三");
    assert_eq!(grid.cell(2, 2), "010-62345678");
    assert_eq!(grid.rows.len(), 3);
}

#[test]
fn data_starting_below_a1_keeps_excel_row_and_column_numbers() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(3, 2, "姓名").unwrap();
    sheet.write_string(4, 2, "王五").unwrap();
    sheet.write_string(4, 3, "\u{3000}备注\u{a0}").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let grid = single(read_bytes(&bytes, "a.xlsx").unwrap());
    assert_eq!(grid.rows.len(), 5);
    assert!(grid.rows[..3].iter().all(|row| row.iter().all(String::is_empty)));
    assert_eq!(grid.cell(3, 2), "姓名");
    assert_eq!(grid.cell(4, 2), "王五");
    assert_eq!(grid.cell(4, 3), "备注");
    assert_eq!(grid.cell(4, 0), "");
}

#[test]
fn numbers_dates_and_booleans_render_as_excel_shows_them() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    sheet.write_number(0, 0, 13_812_345_678.0).unwrap();
    sheet.write_datetime_with_format(0, 1, ExcelDateTime::from_ymd(1975, 3, 1).unwrap(), &date).unwrap();
    let at = ExcelDateTime::from_ymd(2024, 5, 6).unwrap().and_hms(14, 30, 0).unwrap();
    sheet.write_datetime_with_format(0, 2, at, &datetime).unwrap();
    sheet.write_boolean(0, 3, true).unwrap();
    sheet.write_number(0, 4, 3.5).unwrap();
    sheet.write_number(0, 5, 110_101_197_503_011_234.0).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let grid = single(read_bytes(&bytes, "a.XLSX").unwrap());
    assert_eq!(grid.cell(0, 0), "13812345678");
    assert_eq!(grid.cell(0, 1), "1975-03-01");
    assert_eq!(grid.cell(0, 2), "2024-05-06 14:30");
    assert_eq!(grid.cell(0, 3), "是");
    assert_eq!(grid.cell(0, 4), "3.5");
    // An 18-digit ID typed as a number has lost digits in Excel already; we show what is stored, never "1.1E+17".
    let id = grid.cell(0, 5);
    assert_eq!(id.len(), 18, "{id}");
    assert!(id.starts_with("1101011975030112") && id.bytes().all(|b| b.is_ascii_digit()), "{id}");
}

#[test]
fn empty_sheets_are_skipped_but_one_grid_always_remains() {
    let mut workbook = Workbook::new();
    workbook.add_worksheet().set_name("说明").unwrap();
    let data = workbook.add_worksheet();
    data.set_name("名单").unwrap();
    data.write_string(0, 0, "姓名").unwrap();
    workbook.add_worksheet().set_name("空白").unwrap().write_string(0, 0, "\u{3000}").unwrap();
    let grids = read_bytes(&workbook.save_to_buffer().unwrap(), "a.xlsx").unwrap();
    assert_eq!(grids.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["名单"]);

    let mut blank = Workbook::new();
    blank.add_worksheet().set_name("甲").unwrap();
    blank.add_worksheet().set_name("乙").unwrap();
    let grid = single(read_bytes(&blank.save_to_buffer().unwrap(), "a.xlsx").unwrap());
    assert_eq!(grid.name, "甲");
    assert!(grid.rows.is_empty());
}

#[test]
fn multiple_tables_become_multiple_sheets() {
    let mut second = roster();
    second.sheet = "选民名单".into();
    let empty = TableOut { sheet: String::new(), headers: vec!["空表".into()], ..TableOut::default() };
    let bytes = write_xlsx(&[roster(), second, empty]).unwrap();
    let grids = read_bytes(&bytes, "a.xlsx").unwrap();
    let names: Vec<&str> = grids.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["选民名单", "选民名单(2)", "Sheet3"]);
    assert_eq!(grids[2].rows, strings(&[&["空表"]]));
}

#[test]
fn large_exports_stream_in_constant_memory_and_read_back() {
    let rows: Vec<Vec<String>> =
        (0..20_100).map(|i| vec![format!("居民{i}"), format!("139{i:08}"), format!("{}", i % 7)]).collect();
    let table = TableOut {
        sheet: "大表".into(),
        title: None,
        headers: vec!["姓名".into(), "手机".into(), "组".into()],
        rows,
        text_columns: vec![1],
    };
    let small = write_xlsx(std::slice::from_ref(&roster())).unwrap();
    let big = write_xlsx(std::slice::from_ref(&table)).unwrap();
    // Constant-memory sheets store strings inline, so the workbook has no shared-string table.
    let has_shared_strings = |bytes: &[u8]| bytes.windows(20).any(|w| w == b"xl/sharedStrings.xml");
    assert!(has_shared_strings(&small));
    assert!(!has_shared_strings(&big));

    let grid = single(read_bytes(&big, "big.xlsx").unwrap());
    assert_eq!(grid.rows.len(), 20_101);
    assert_eq!(grid.rows[0], table.headers);
    assert_eq!(grid.rows[20_100], table.rows[20_099]);
    assert_eq!(grid.cell(8, 1), "13900000007");
}

#[test]
fn files_on_disk_and_dispatch_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("导出.xlsx");
    write_xlsx_file(&xlsx, &[roster()]).unwrap();
    assert_eq!(read_file(&xlsx).unwrap()[0].cell(1, 2), "11010119750301123X");

    let csv = dir.path().join("名单.CSV");
    std::fs::write(&csv, "姓名,电话\n张三,13812345678\n").unwrap();
    let grid = single(read_file(&csv).unwrap());
    assert_eq!(grid.name, "名单");
    assert_eq!(grid.rows, strings(&[&["姓名", "电话"], &["张三", "13812345678"]]));

    let missing = dir.path().join("不存在.xlsx");
    assert!(matches!(read_file(&missing), Err(SheetsError::Io { path, .. }) if path == missing));

    let err = read_bytes(b"%PDF-1.4", "名单.pdf").unwrap_err();
    assert!(matches!(&err, SheetsError::UnsupportedFormat { ext } if ext == "pdf"), "{err:?}");
    assert!(err.to_string().contains("\"pdf\""), "{err}");
    assert!(matches!(read_bytes(b"x", "无扩展名"), Err(SheetsError::UnsupportedFormat { ext }) if ext.is_empty()));
}

#[test]
fn misnamed_workbooks_are_still_read() {
    // An .xlsx renamed to .xls.
    let bytes = write_xlsx(&[roster()]).unwrap();
    assert_eq!(read_bytes(&bytes, "名单.xls").unwrap()[0].cell(1, 1), "13812345678");
    // Tab-separated GBK text that a web system saved as .xls.
    let (text, _, _) = encoding_rs::GB18030.encode("姓名\t电话\r\n张三\t13812345678\r\n");
    let grid = single(read_bytes(&text, "导出.xls").unwrap());
    assert_eq!(grid.rows, strings(&[&["姓名", "电话"], &["张三", "13812345678"]]));
    // An HTML page named .xls is refused with a message saying so.
    let err = read_bytes(b"<html><table><tr><td>1</td></tr></table></html>", "a.xls").unwrap_err();
    assert!(matches!(&err, SheetsError::Workbook(m) if m.contains("HTML")), "{err:?}");
    // Zip bytes that are not a workbook.
    assert!(matches!(read_bytes(b"PK\x03\x04junk", "a.xlsx"), Err(SheetsError::Workbook(_))));
}

#[test]
fn csv_export_starts_with_bom_and_reads_back_identically() {
    let table = roster();
    let bytes = write_csv(&table);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    let grid = read_csv_bytes(&bytes, "导出.csv").unwrap();
    let mut expected = vec![table.headers.clone()];
    expected.extend(table.rows.iter().cloned());
    assert_eq!(grid.rows, expected);
}
