//! Real files through the whole path: a messy XLSX (merged title, header on row 3, numbers and dates as Excel
//! stores them, full-width digits, bad rows) and a GB18030 CSV are read by `liaison-sheets`, previewed and
//! committed by the core, and the roster is exported to an XLSX that a real reader (calamine) opens, with
//! personal data masked.

use calamine::{Reader, Xlsx, open_workbook};
use liaison_core::Store;
use liaison_core::export::deputies_table;
use liaison_core::import::{commit, preview};
use liaison_core::roster::kinds::{PlatformKind, RegionKind};
use liaison_core::roster::platform::{self, PlatformInput};
use liaison_core::roster::region::{self, RegionInput};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn store_with_station(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("files.db")).unwrap();
    store
        .write("tester", |w| {
            region::save(
                w,
                &RegionInput {
                    code: "410400".into(),
                    name: "平顶山市".into(),
                    kind: RegionKind::City,
                    parent_code: None,
                },
            )?;
            region::save(
                w,
                &RegionInput {
                    code: "410402".into(),
                    name: "新华区".into(),
                    kind: RegionKind::District,
                    parent_code: Some("410400".into()),
                },
            )?;
            platform::save(
                w,
                &PlatformInput {
                    code: "XH-01".into(),
                    name: "新华区光明路街道人大代表联络站".into(),
                    kind: Some(PlatformKind::Station),
                    region_code: "410402".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    store
}

fn messy_xlsx(path: &std::path::Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("代表名册").unwrap();
    sheet.merge_range(0, 0, 0, 6, "新华区人大代表名册（2026年）", &Format::new().set_bold()).unwrap();
    sheet.write_string(1, 0, "填报日期：2026年3月").unwrap();
    for (c, h) in ["姓 名", "性别", "出生\n年月", "代表级别", "届次", "所属联络站", "手机号码"].iter().enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm");
    // Excel row 4: a good row, birth month as an Excel date, phone as a number
    sheet.write_string(3, 0, "张　明新").unwrap();
    sheet.write_string(3, 1, "男").unwrap();
    sheet.write_datetime_with_format(3, 2, ExcelDateTime::from_ymd(1970, 5, 1).unwrap(), &date).unwrap();
    sheet.write_string(3, 3, "市人大代表").unwrap();
    sheet.write_string(3, 4, "第十二届").unwrap();
    sheet.write_string(3, 5, "XH-01").unwrap();
    sheet.write_number(3, 6, 13812345678.0).unwrap();
    // Excel row 5: full-width digits
    for (c, v) in
        ["李娜", "女", "１９８０年１１月", "市级", "12", "新华区光明路街道人大代表联络站", "１３９１１１１２２２２"]
            .iter()
            .enumerate()
    {
        sheet.write_string(4, c as u16, *v).unwrap();
    }
    // Excel row 6: a bad phone and an ID-less, station-less deputy
    for (c, v) in ["赵六", "男", "1966-01", "市", "12", "", "1391111"].iter().enumerate() {
        sheet.write_string(5, c as u16, *v).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn a_messy_xlsx_imports_with_every_bad_row_explained_and_exports_masked() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_station(dir.path());
    let file = dir.path().join("名册.xlsx");
    messy_xlsx(&file);
    let grids = liaison_sheets::read_file(&file).unwrap();
    let report = preview(&mut store, &grids, "tester").unwrap();
    let sheet = &report.sheets[0];
    assert_eq!(sheet.header_row, 3);
    assert_eq!((sheet.rows, sheet.created), (3, 2), "{sheet:#?}");
    let rows: Vec<(usize, &str)> = sheet.rejected.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert!(rows.contains(&(6, "手机号码")) && rows.contains(&(6, "所属联络站")), "{:#?}", sheet.rejected);

    let before: i64 = store.conn().query_row("SELECT COUNT(*) FROM deputies", [], |r| r.get(0)).unwrap();
    assert_eq!(before, 0, "preview wrote nothing");
    let report = commit(&mut store, &grids, "tester").unwrap();
    assert_eq!(report.sheets[0].created, 2);
    let again = commit(&mut store, &grids, "tester").unwrap();
    assert_eq!((again.sheets[0].created, again.sheets[0].changed, again.sheets[0].unchanged), (0, 0, 2));

    let out = dir.path().join("export.xlsx");
    liaison_sheets::write_xlsx_file(&out, &[deputies_table(store.conn()).unwrap()]).unwrap();
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let range = book.worksheet_range("代表名册").unwrap();
    let cells: Vec<String> = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.contains(&"张明新".to_owned()) && cells.contains(&"1970-05".to_owned()));
    assert!(cells.contains(&"138****5678".to_owned()), "masked phone exported");
    assert!(
        !cells.iter().any(|c| c.contains("13812345678") || c.contains("13911112222")),
        "no raw phone in the export"
    );

    // the masked export re-imports without touching the stored phones
    let grids = liaison_sheets::read_file(&out).unwrap();
    let round = commit(&mut store, &grids, "tester").unwrap();
    assert_eq!((round.sheets[0].changed, round.rejected()), (0, 0), "{:#?}", round.sheets[0]);
    let phone: String =
        store.conn().query_row("SELECT private_phone FROM deputies WHERE name = '张明新'", [], |r| r.get(0)).unwrap();
    assert_eq!(phone, "13812345678");
}

#[test]
fn a_gb18030_csv_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_station(dir.path());
    let text = "姓名,代表级别,所属联络站,手机号码\r\n王五,县级,XH-01,13812340000\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let file = dir.path().join("名册.csv");
    std::fs::write(&file, &bytes).unwrap();
    let grids = liaison_sheets::read_file(&file).unwrap();
    let report = commit(&mut store, &grids, "tester").unwrap();
    assert_eq!((report.sheets[0].created, report.rejected()), (1, 0), "{:#?}", report.sheets[0]);
}

#[test]
fn the_demo_city_exported_and_imported_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("city.db")).unwrap();
    liaison_demo::generate(&mut store, &liaison_demo::DemoOptions { seed: 5, scale: 1, visits: false }).unwrap();
    let out = dir.path().join("roster.xlsx");
    let tables = [deputies_table(store.conn()).unwrap(), liaison_core::export::platforms_table(store.conn()).unwrap()];
    liaison_sheets::write_xlsx_file(&out, &tables).unwrap();
    let log_before: i64 = store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap();
    let report = commit(&mut store, &liaison_sheets::read_file(&out).unwrap(), "tester").unwrap();
    for sheet in &report.sheets {
        assert_eq!(
            (sheet.created, sheet.changed, sheet.rejected.len()),
            (0, 0, 0),
            "{}: {:?}",
            sheet.sheet,
            sheet.rejected.first()
        );
        assert!(sheet.unchanged > 250);
    }
    let log_after: i64 = store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap();
    assert_eq!(log_after, log_before);
}
