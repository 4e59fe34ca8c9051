//! The dispatch documents and the report from a real store whose citizens' names, phones, ID numbers and addresses
//! are known, written as files and read back with the tools a reader would use (poppler's `pdftotext`, calamine
//! through `liaison_sheets::read_file`): the numbers are the hand-computed ones, every matter is where it belongs,
//! and no file carries a phone number, an ID number, a citizen's name or address.
//!
//! The story, on the default rules (no holidays in March 2026; dates are China's):
//! - Mon 03-02: two visits, six matters. m1, m2, m6 go to 住建局 (due 03-06, 03-04, 03-10); m3 to 城管局 with
//!   环保局 co-handling (due 03-04); m4 to 城管局 (due 03-31); m5 is only registered (routing due 03-04).
//! - Wed 03-04: 住建局 answers m1 (in time). Fri 03-06: it answers m2 (late); m1 is rated 满意 and published,
//!   m2 is rated 不满意 and goes back to 住建局 (重新办理, due in a month).
//! - Thu 03-12, the day of the documents: m3 is 6 working days overdue (the county level: 督办), m6 2 (the station
//!   head: 催办), m5 6 (no unit holds it: no notice).

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use liaison_core::clock::{FakeClock, SeededEntropy};
use liaison_core::ledger::Period;
use liaison_core::setup::{self, InstallationSetup};
use liaison_core::store::{Deps, Store};
use liaison_core::workflow::units::{self, UnitInput};
use liaison_core::workflow::{CitizenInput, Event, MatterInput, Rating, VisitInput, act, register};

use super::dispatch::{write_notices, write_sheet};
use super::qr::load_fonts;
use super::report::write_report;
use crate::args::FontArgs;

/// Personal data that must never be printed or exported.
const PRIVATE: [&str; 8] = [
    "李秀英",
    "13912345678",
    "41040219800101105X",
    "光明路12号院3单元",
    "欧阳建国",
    "13800001111",
    "410402197001012349",
    "建设路8号楼",
];

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn matter(title: &str, detail: &str, category: &str) -> MatterInput {
    MatterInput {
        title: title.into(),
        detail: detail.into(),
        category: category.into(),
        place: "光明路".into(),
        first_responder: "张明新".into(),
    }
}

fn assign(lead: &str, co: &[&str], due: &str) -> Event {
    Event::Assigned {
        lead: lead.into(),
        co: co.iter().map(|c| (*c).to_owned()).collect(),
        due_on: Some(due.parse().unwrap()),
        reason: String::new(),
        limit: None,
        return_window: None,
    }
}

fn reply() -> Event {
    Event::Replied { text: "已处理".into(), not_competent: false, competent_body: String::new() }
}

/// The store of the story, and the instant of the documents.
fn story(db: &Path) -> (Store, DateTime<Utc>) {
    crate::testing::station(db, "光明路社区人大代表联络站");
    let clock = Arc::new(FakeClock::at(at("2026-03-02T01:00:00Z")));
    let deps = Deps { clock: clock.clone(), entropy: Arc::new(SeededEntropy::new(7)) };
    let mut store = Store::open_with(db, deps).unwrap();
    let lee = CitizenInput {
        name: "李秀英".into(),
        phone: "13912345678".into(),
        id_number: "41040219800101105X".into(),
        address: "光明路12号院3单元".into(),
        ..Default::default()
    };
    let ouyang = CitizenInput {
        name: "欧阳建国".into(),
        phone: "13800001111".into(),
        id_number: "410402197001012349".into(),
        address: "建设路8号楼".into(),
        ..Default::default()
    };
    let visit = |citizen: CitizenInput, matters: Vec<MatterInput>| VisitInput {
        station_code: "XH-01".into(),
        channel: "来访".into(),
        citizens: vec![citizen],
        matters,
        ..Default::default()
    };
    let first = visit(
        lee,
        vec![
            matter(
                "李秀英家门口路灯不亮",
                "李秀英（电话13912345678）反映光明路12号院3单元门口路灯坏了一个月",
                "城乡建设",
            ),
            matter("路面破损", "身份证41040219800101105X的群众反映路面坑洼", "城乡建设"),
            matter("井盖缺失", "", "城乡建设"),
        ],
    );
    let second = visit(
        ouyang,
        vec![
            matter("欧阳建国反映垃圾清运不及时", "联系电话13800001111，住建设路8号楼", "生态环境"),
            matter("夜间施工噪声扰民", "", "生态环境"),
            matter("咨询社保缴费", "", "社会保障"),
        ],
    );
    let codes = store
        .write("王芳", |w| {
            setup::save(w, None, &InstallationSetup::office("平顶山市"))?;
            for (code, name) in [("ZJJ", "住建局"), ("CGJ", "城管局"), ("HBJ", "环保局")] {
                let unit =
                    UnitInput { code: code.into(), name: name.into(), kind: "部门".into(), ..Default::default() };
                units::save(w, &unit)?;
            }
            let mut codes: Vec<String> = register(w, &first)?.matters.into_iter().map(|m| m.code).collect();
            codes.extend(register(w, &second)?.matters.into_iter().map(|m| m.code));
            // codes: m1 lamp, m2 road, m6 manhole, m3 rubbish, m4 noise, m5 social security.
            for (i, event) in [
                (0, assign("ZJJ", &[], "2026-03-06")),
                (1, assign("ZJJ", &[], "2026-03-04")),
                (2, assign("ZJJ", &[], "2026-03-10")),
                (3, assign("CGJ", &["HBJ"], "2026-03-04")),
                (4, assign("CGJ", &[], "2026-03-31")),
            ] {
                act(w, &codes[i], Event::RoutedForAssignment { limit: None })?;
                act(w, &codes[i], event)?;
            }
            Ok(codes)
        })
        .unwrap();
    clock.set(at("2026-03-04T02:00:00Z"));
    store
        .write("王芳", |w| {
            act(w, &codes[0], Event::Accepted { unit: "ZJJ".into() })?;
            act(w, &codes[0], reply())
        })
        .unwrap();
    clock.set(at("2026-03-06T02:00:00Z"));
    store
        .write("王芳", |w| {
            act(w, &codes[1], Event::Accepted { unit: "ZJJ".into() })?;
            act(w, &codes[1], reply())?;
            for (code, rating) in [(&codes[0], Rating::Satisfied), (&codes[1], Rating::Unsatisfied)] {
                act(w, code, Event::Finished { summary: "已处理".into(), limit: None, lookback: None })?;
                let told = Event::FedBack {
                    how: "电话".into(),
                    told_on: None,
                    deputy_told: false,
                    unreachable_reason: String::new(),
                };
                act(w, code, told)?;
                act(w, code, Event::Rated { rating, reason: "路面仍未修好".into(), limit: None })?;
            }
            act(w, &codes[0], Event::Published { summary: "光明路路灯已修复".into() })
        })
        .unwrap();
    (store, at("2026-03-12T02:00:00Z"))
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (Debian: poppler-utils)");
    assert!(out.status.success(), "pdftotext {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Wrapping breaks Chinese text anywhere: texts are compared without line breaks and spaces.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The longest run of ASCII digits in `text` that a phone (11 digits from 1) or ID number (17 digits and a check
/// character) could be, if any.
fn number_pattern(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let id = run.len() == 18 || (run.len() == 17 && chars.get(i).is_some_and(|c| *c == 'X' || *c == 'x'));
        let phone = run.len() == 11 && run.starts_with('1');
        if id || phone || run.len() > 11 {
            return Some(run);
        }
    }
    None
}

/// No citizen's data in `text` (as read: numbers are looked for line by line, names across line breaks).
fn assert_private_data_absent(what: &str, text: &str) {
    let squeezed = squeeze(text);
    for private in PRIVATE {
        assert!(!squeezed.contains(private), "{what} contains {private}:\n{text}");
    }
    assert_eq!(number_pattern(text), None, "{what} holds a phone or ID number:\n{text}");
}

/// Every cell of every sheet of the workbook, one per line.
fn workbook_cells(path: &Path) -> Vec<(String, String)> {
    liaison_sheets::read_file(path)
        .unwrap()
        .into_iter()
        .flat_map(|grid| {
            let name = grid.name.clone();
            grid.rows.into_iter().flatten().map(move |cell| (name.clone(), cell))
        })
        .collect()
}

#[test]
fn the_scanner_finds_phone_and_id_numbers() {
    assert_eq!(number_pattern("电话13912345678。"), Some("13912345678".into()));
    assert_eq!(number_pattern("41040219800101105X"), Some("41040219800101105".into()));
    assert_eq!(number_pattern("410402197001012349"), Some("410402197001012349".into()));
    assert_eq!(number_pattern("XH-01-20260302-01 第 1 页 139****5678 2026-03-04 20260312"), None);
}

#[test]
fn documents_and_the_report_carry_the_hand_computed_figures_and_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let (store, now) = story(&dir.path().join("t.db"));
    let conn = store.conn();
    let mut fonts = load_fonts(&FontArgs::default()).expect("a CJK font (Debian: fonts-noto-cjk)");

    // The report: headline numbers against the story.
    let period: Period = "2026-03".parse().unwrap();
    let (pdf, xlsx) = (dir.path().join("report.pdf"), dir.path().join("report.xlsx"));
    let report = write_report(conn, &period, now, &[&pdf, &xlsx], &FontArgs::default()).unwrap();
    let h = &report.headline;
    assert_eq!((h.visits, h.matters, h.assigned, h.replied, h.overdue_now), (2, 6, 5, 2, 3));
    // 1 answered in time ÷ (2 answered + 2 overdue unanswered); 1 satisfied of 2 rated.
    assert_eq!((h.on_time_rate, h.satisfaction_rate), (Some(0.25), Some(0.5)));
    assert_eq!(report.overdue.iter().map(|m| m.overdue_working_days).collect::<Vec<_>>(), [6, 6, 2]);
    assert_eq!(report.publication.rows.len(), 1);

    let raw = pdftotext(&pdf);
    assert_private_data_absent("report.pdf", &raw);
    let text = squeeze(&raw);
    for expected in
        ["2026年3月人大代表联络站工作情况报告", "平顶山市人大常委会", "25.0%", "50.0%", "光明路路灯已修复", "第1页共"]
    {
        assert!(text.contains(expected), "report PDF lacks {expected}:\n{text}");
    }
    let cells = workbook_cells(&xlsx);
    let sheets: std::collections::BTreeSet<&str> = cells.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(sheets.len(), 9, "{sheets:?}");
    assert!(cells.iter().any(|(s, c)| s == "概况" && c == "25.0%"));
    assert!(cells.iter().any(|(_, c)| c == "光明路路灯已修复"));
    assert!(cells.iter().any(|(s, c)| s == "超期事项" && c == "欧***反映垃圾清运不及时"), "redacted titles");
    for (sheet, cell) in &cells {
        assert_private_data_absent(&format!("report.xlsx {sheet}"), cell);
    }

    // 交办单: 住建局 still owes m2 (重新办理) and m6; 环保局 co-handles m3.
    // The office registered them: its own series of codes (B01…).
    for (unit, codes, role) in [("ZJJ", vec!["-B02", "-B03"], "主办"), ("环保局", vec!["-B04"], "协办")] {
        let out = dir.path().join(format!("交办单-{unit}.pdf"));
        let written = write_sheet(conn, unit, now, &mut fonts, &out).unwrap();
        assert_eq!(written.matters, codes.len(), "{unit}");
        let raw = pdftotext(&out);
        assert_private_data_absent(&format!("交办单 {unit}"), &raw);
        let text = squeeze(&raw);
        for code in codes {
            assert!(text.contains(&format!("XH-01-20260302{code}")), "{unit} lacks {code}:\n{text}");
        }
        assert!(text.contains("群众意见建议交办单") && text.contains(role) && text.contains("2026年3月12日"), "{text}");
    }
    let zjj = squeeze(&pdftotext(&dir.path().join("交办单-ZJJ.pdf")));
    assert!(zjj.contains("路面破损") && zjj.contains("井盖缺失") && !zjj.contains("路灯"), "{zjj}");
    assert!(zjj.contains("4104**********105X"), "the ID number in a detail is masked, not dropped:\n{zjj}");
    let hbj = squeeze(&pdftotext(&dir.path().join("交办单-环保局.pdf")));
    assert!(hbj.contains("欧***反映垃圾清运不及时") && hbj.contains("城管局（主办）"), "{hbj}");

    // Notices: 住建局 is urged (m6 at the station head's level), 城管局 supervised (m3 at the county's).
    let folder = dir.path().join("notices");
    let written = write_notices(conn, now, &mut fonts, &folder).unwrap();
    assert_eq!(written.len(), 2);
    let mut names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["催办通知-ZJJ-住建局.pdf", "督办通知-CGJ-城管局.pdf"]);
    let urge = pdftotext(&folder.join("催办通知-ZJJ-住建局.pdf"));
    assert_private_data_absent("催办通知", &urge);
    let urge = squeeze(&urge);
    assert!(urge.contains("最长超期2个工作日") && urge.contains("抄送：联络站站长。"), "{urge}");
    let supervise = pdftotext(&folder.join("督办通知-CGJ-城管局.pdf"));
    assert_private_data_absent("督办通知", &supervise);
    let supervise = squeeze(&supervise);
    assert!(supervise.contains("现予督办") && supervise.contains("抄送：县级人大常委会。"), "{supervise}");
}

#[test]
fn a_unit_nobody_knows_and_a_report_file_of_another_kind_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut fonts = load_fonts(&FontArgs::default()).unwrap();
    let store = Store::open(&db).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap().and_hms_opt(2, 0, 0).unwrap().and_utc();
    let err = write_sheet(store.conn(), "XXJ", day, &mut fonts, &dir.path().join("x.pdf")).unwrap_err();
    assert!(err.message.contains("承办单位 XXJ"), "{}", err.message);
    let period: Period = "2026-Q1".parse().unwrap();
    let csv = dir.path().join("report.csv");
    assert!(write_report(store.conn(), &period, day, &[&csv], &FontArgs::default()).is_err());
    assert!(!csv.exists());
}
