//! `liaison ledger visits|matters|duty|public [--station CODE] [--period 2026-Q3] --out FILE.xlsx`: the station's ledgers
//! (台账) written to XLSX with the station and period in the title row, personal data masked. States and deadlines
//! in the matters ledger, and which duty days have happened in the duty ledger, are as of the store's clock, as the
//! desktop app shows them.

use chrono::Datelike;
use liaison_core::Store;
use liaison_core::ledger::{LedgerKind, LedgerScope, Period};
use liaison_core::workflow::deadlines::china_date;

use crate::Failure;
use crate::args::LedgerCommand;

pub(super) fn run(store: &Store, cmd: &LedgerCommand, json: bool) -> Result<(), Failure> {
    let now = store.deps().clock.now();
    let args = match cmd {
        LedgerCommand::Visits(args)
        | LedgerCommand::Matters(args)
        | LedgerCommand::Duty(args)
        | LedgerCommand::Public(args) => args,
    };
    // Only XLSX: a CSV file has no place for the title row that says which station and period it covers.
    if !args.out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        return Err(Failure::user(format!(
            "{}: 台账只能导出为 .xlsx 文件 ledgers are written as .xlsx",
            args.out.display()
        )));
    }
    let period = match &args.period {
        Some(text) => text.parse::<Period>()?,
        None => this_year(now)?,
    };
    let scope = LedgerScope { station_code: args.station.clone(), period };
    let kind = match cmd {
        LedgerCommand::Visits(_) => LedgerKind::Visits,
        LedgerCommand::Matters(_) => LedgerKind::Matters,
        LedgerCommand::Duty(_) => LedgerKind::Duty,
        LedgerCommand::Public(_) => LedgerKind::Publication,
    };
    let table = kind.build(store.conn(), &scope, now)?;
    liaison_sheets::write_xlsx_file(&args.out, std::slice::from_ref(&table))?;
    let rows = table.rows.len();
    let title = table.title.unwrap_or_default();
    crate::output::emit(json, &serde_json::json!({ "out": args.out, "rows": rows, "title": title }), |_| {
        println!(
            "{title}\n已导出 exported {rows} 行 rows → {}（个人信息已脱敏 personal data masked）",
            args.out.display()
        );
    })
}

/// The calendar year of `now` in China: the default period.
fn this_year(now: chrono::DateTime<chrono::Utc>) -> Result<Period, Failure> {
    let year = china_date(now).year();
    Period::year(year).ok_or_else(|| Failure { exit_code: 2, message: format!("year {year} out of range") })
}

#[cfg(test)]
mod tests {
    //! A visit registered from the command line, both ledgers written to XLSX and read back through
    //! `liaison-sheets` (calamine): the merged title row, the Chinese headers, masked data.

    use chrono::Datelike;

    use crate::testing::run;

    fn station(db: &std::path::Path) {
        crate::testing::station(db, "平顶山市新华区中兴路街道人大代表联络站");
    }

    #[test]
    fn both_ledgers_are_written_with_a_title_row_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("liaison.db");
        station(&db);
        let visit = [
            "visit",
            "add",
            "--station",
            "XH-01",
            "--citizen",
            "李秀英",
            "--phone",
            "13912345678",
            "--matter",
            "路灯不亮|小区门口路灯坏了|城乡建设|光明路",
            "--first-responder",
            "张明新",
        ];
        assert_eq!(run(&db, &visit), 0);
        let today = liaison_core::workflow::deadlines::china_date(chrono::Utc::now());
        let year = today.year();

        let visits = dir.path().join("接待群众登记台账.xlsx");
        let out = visits.to_str().unwrap();
        assert_eq!(run(&db, &["ledger", "visits", "--station", "XH-01", "--out", out, "--json"]), 0);
        let grid = liaison_sheets::read_file(&visits).unwrap().remove(0);
        assert_eq!(grid.name, "接待群众登记台账");
        let title = format!("平顶山市新华区中兴路街道人大代表联络站 接待群众登记台账（{year}年）");
        assert_eq!(grid.rows[0][0], title, "the default period is this year");
        assert_eq!(grid.rows[1][..3], ["序号", "接待日期", "联络站"]);
        assert_eq!(grid.rows.len(), 3, "title, header, one visit: {:?}", grid.rows);
        assert_eq!(grid.rows[2][0], "1");
        assert!(grid.rows[2].contains(&"李**".to_owned()) && grid.rows[2].contains(&"139****5678".to_owned()));
        assert!(grid.rows.iter().flatten().all(|c| !c.contains("13912345678") && !c.contains("李秀英")));

        let matters = dir.path().join("意见建议办理台账.xlsx");
        let out = matters.to_str().unwrap();
        assert_eq!(run(&db, &["ledger", "matters", "--period", &format!("{year}-Q1"), "--out", out]), 0);
        let grid = liaison_sheets::read_file(&matters).unwrap().remove(0);
        assert!(grid.rows[0][0].ends_with(&format!("意见建议办理台账（{year}年第一季度）")), "{:?}", grid.rows[0]);
        assert!(grid.rows[1].contains(&"承办单位（牵头/协办）".to_owned()));
        // Assumes the test does not run in the first quarter, or the visit would be listed: checked either way.
        let listed = today.month() <= 3;
        assert_eq!(grid.rows.len(), 2 + usize::from(listed), "{:?}", grid.rows);

        assert_eq!(run(&db, &["ledger", "visits", "--period", "2026-Q5", "--out", out]), 1, "bad period");
        assert_eq!(run(&db, &["ledger", "visits", "--station", "NO-01", "--out", out]), 1, "unknown station");
        let csv = dir.path().join("台账.csv");
        assert_eq!(run(&db, &["ledger", "visits", "--out", csv.to_str().unwrap()]), 1, "xlsx only");
    }

    #[test]
    fn a_roster_file_with_a_title_row_still_imports() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("liaison.db");
        station(&db);
        let mut store = liaison_core::Store::open(&db).unwrap();
        let mut table = liaison_core::export::platforms_table(store.conn()).unwrap();
        table.title = Some("平顶山市联络站名册（2026年）".into());
        let bytes = liaison_sheets::write_xlsx(&[table]).unwrap();
        let grids = liaison_sheets::read_bytes(&bytes, "联络站名册.xlsx").unwrap();
        let report = liaison_core::import::preview(&mut store, &grids, "test").unwrap();
        let sheet = &report.sheets[0];
        assert_eq!((sheet.kind, sheet.rows, sheet.rejected.len()), (liaison_core::import::RosterKind::Platforms, 1, 0));
        assert_eq!(sheet.header_row, 2, "the header found below the title (1-based row)");
    }
}
