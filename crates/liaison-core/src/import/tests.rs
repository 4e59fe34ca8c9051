//! Importing messy grids: header detection, per-row errors in Chinese, two-phase preview/commit, idempotence.

use super::{RowError, commit, preview};
use crate::roster::query::deputy_by_code;
use crate::tabular::Grid;
use crate::testing::{small_roster, temp_store};

/// A roster as offices send it: a merged title row, a note, a two-row header with a merged "联系方式" group,
/// full-width digits and spaces, levels written three ways, and bad rows.
fn messy_deputies() -> Grid {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "平顶山市人大代表名册",
            "平顶山市人大代表名册",
            "平顶山市人大代表名册",
            "平顶山市人大代表名册",
            "平顶山市人大代表名册",
            "平顶山市人大代表名册",
            "平顶山市人大代表名册",
            "平顶山市人大代表名册",
        ],
        vec!["填报单位：新华区人大常委会", "", "", "", "", "", "", ""],
        vec!["序号", "姓 名", "性别", "出生\n年月", "代表级别", "所属联络站", "联系方式", "联系方式"],
        vec!["序号", "姓 名", "性别", "出生\n年月", "代表级别", "所属联络站", "公开电话", "手机号码"],
        // row 5: good, full-width digits and padded name
        vec!["1", "王　五", "男", "１９７５年３月", "市人大代表", "XH-01", "0375-2345678", "１３８１２３４５６７８"],
        // row 6: good, two levels, station by full name
        vec!["2", "李娜", "女", "1980.11", "市、县", "鲁山县尧山镇人大代表联络站", "", "13911112222"],
        vec!["", "", "", "", "", "", "", ""],
        // row 8: bad phone and bad level
        vec!["3", "赵六", "男", "1966-01", "村级", "XH-01", "", "1391111"],
        // row 9: unknown station
        vec!["4", "钱七", "男", "1970-02", "乡级", "不存在的站", "", ""],
        // row 10: same person as row 5
        vec!["5", "王五", "男", "1975-03", "市级", "XH-01", "", ""],
        // row 11: duplicate of an existing deputy under no number: matched, unchanged? (张明新 is D000001)
        vec!["6", "张明新", "", "1970-05", "市", "XH-01", "", "13812345678"],
    ];
    Grid::from_rows("代表", rows)
}

fn reasons(errors: &[RowError]) -> Vec<(usize, String, String)> {
    errors.iter().map(|e| (e.row, e.column.clone(), e.reason.clone())).collect()
}

#[test]
fn preview_explains_every_bad_row_and_writes_nothing() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let before: i64 = t.store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap();
    let report = preview(&mut t.store, &[messy_deputies()], "tester").unwrap();
    let sheet = &report.sheets[0];
    assert!(!report.committed);
    assert_eq!(sheet.header_row, 4, "two-row header ends on Excel row 4");
    assert_eq!((sheet.rows, sheet.created, sheet.changed, sheet.unchanged), (6, 2, 0, 1), "{:#?}", sheet);
    let got = reasons(&sheet.rejected);
    let expect_row = |row: usize, column: &str, needle: &str| {
        assert!(
            got.iter().any(|(r, c, reason)| *r == row && c == column && reason.contains(needle)),
            "row {row} {column} “{needle}” not in {got:#?}"
        );
    };
    expect_row(8, "手机号码", "不是有效的手机号码");
    expect_row(8, "代表级别", "无法识别的代表级别“村级”");
    expect_row(9, "所属联络站", "联络站“不存在的站”不存在");
    expect_row(10, "", "与第5行重复");
    let after: i64 = t.store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap();
    assert_eq!(after, before, "a preview writes nothing");
    assert!(deputy_by_code(t.store.conn(), "D000004").unwrap().is_none());
}

#[test]
fn commit_writes_the_accepted_rows_and_a_second_import_changes_nothing() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let report = commit(&mut t.store, &[messy_deputies()], "tester").unwrap();
    assert!(report.committed);
    assert_eq!(report.sheets[0].created, 2);
    let wang = deputy_by_code(t.store.conn(), "D000004").unwrap().unwrap();
    assert_eq!((wang.name.as_str(), wang.birth_month.as_str()), ("王五", "1975-03"));
    assert_eq!(wang.private_phone_masked, "138****5678");
    let li = deputy_by_code(t.store.conn(), "D000005").unwrap().unwrap();
    assert_eq!(li.levels.len(), 2);
    assert_eq!(li.station_code.as_deref(), Some("LS-01"));
    let log_before: i64 = t.store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap();
    let again = commit(&mut t.store, &[messy_deputies()], "tester").unwrap();
    let s = &again.sheets[0];
    assert_eq!((s.created, s.changed), (0, 0), "{s:#?}");
    let log_after: i64 = t.store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap();
    assert_eq!(log_after, log_before, "the second import records no change");
}

#[test]
fn an_unrecognisable_file_is_refused_with_a_reason() {
    let mut t = temp_store();
    let grid = Grid::from_rows("Sheet1", vec![vec!["a", "b"], vec!["1", "2"]]);
    let err = commit(&mut t.store, &[grid], "tester").unwrap_err();
    assert!(err.to_string().contains("没有找到代表名册或联络站名册的表头"), "{err}");
}

#[test]
fn platforms_import_creates_missing_regions_and_keeps_star_history() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let grid = Grid::from_rows(
        "联络站",
        vec![
            vec!["平台名称", "平台类型", "县（市、区）", "乡镇（街道）", "接待日", "星级", "评定年度", "联络员"],
            vec![
                "新华区光明路街道人大代表联络站",
                "联络站",
                "新华区",
                "光明路街道",
                "每周二、四",
                "市级",
                "2023",
                "王芳、赵强",
            ],
            vec!["叶县昆阳街道人大代表联络站", "代表联络站", "叶县", "昆阳街道", "周一至周五", "省级", "2024", ""],
            vec!["某某点", "超市", "叶县", "", "", "", "", ""],
        ],
    );
    let report = commit(&mut t.store, std::slice::from_ref(&grid), "tester").unwrap();
    let s = &report.sheets[0];
    assert_eq!((s.created, s.changed, s.regions_created), (1, 1, 2), "{s:#?}");
    assert_eq!(
        reasons(&s.rejected)[0].2,
        "无法识别的平台类型“超市”（代表联络站、代表联络点、立法联系点、基层示范点、实践基地）"
    );
    let made: Vec<String> = t
        .store
        .conn()
        .prepare("SELECT code FROM regions WHERE name IN ('叶县', '昆阳街道') ORDER BY length(code)")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(made, ["410400-叶县", "410400-叶县-昆阳街道"], "named by parent and name, the same on every node");
    let again = commit(&mut t.store, &[grid], "tester").unwrap();
    assert_eq!((again.sheets[0].created, again.sheets[0].changed, again.sheets[0].regions_created), (0, 0, 0));
    let stats = crate::stats::roster_stats(t.store.conn()).unwrap();
    assert_eq!((stats.star_city, stats.star_province), (1, 1));
}

#[test]
fn a_watched_commit_reports_progress_up_to_the_total() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let mut seen = Vec::new();
    let mut report = |p: super::progress::ImportProgress| seen.push(p);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut watch = super::progress::Watch::new(&mut report, &cancel);
    let result = super::commit_watched(&mut t.store, &[messy_deputies()], "王芳", &mut watch).unwrap();
    assert!(result.committed);
    let total = messy_deputies().rows.len() as u32;
    assert_eq!(seen.first().map(|p| (p.done, p.total)), Some((0, total)), "the start is reported");
    assert_eq!(seen.last().map(|p| (p.done, p.total)), Some((total, total)), "the end is reported");
    assert!(seen.windows(2).all(|w| w[0].done <= w[1].done), "progress never goes back");
}

#[test]
fn a_cancelled_commit_writes_nothing() {
    let mut t = temp_store();
    small_roster(&mut t.store);
    let count = |t: &crate::testing::TestStore| -> i64 {
        t.store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap()
    };
    let before = count(&t);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    // The operator presses 取消 as soon as the import starts.
    let mut report = |p: super::progress::ImportProgress| {
        if p.done == 0 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let mut watch = super::progress::Watch::new(&mut report, &cancel);
    let error = super::commit_watched(&mut t.store, &[messy_deputies()], "王芳", &mut watch).unwrap_err();
    assert!(matches!(error, crate::Error::Cancelled), "{error:?}");
    assert_eq!(count(&t), before);
    assert!(deputy_by_code(t.store.conn(), "D000004").unwrap().is_none());
}
