//! The document layout read back with poppler: every word of a wrapped paragraph, a long table's header on every
//! page it runs onto and each row once, the folio 第 n 页 共 N 页 on every page, and the charts' values as text.
//! Debian: `apt-get install poppler-utils fonts-noto-cjk`.

use std::path::Path;
use std::process::Command;

use liaison_print::chart::{Chart, ChartKind, Series, ValueFormat};
use liaison_print::fonts::{FontChoice, FontSet};
use liaison_print::layout::{Align, Layout, Table};

fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (Debian: poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Text with every kind of white space removed: wrapping inserts line breaks anywhere in Chinese.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

const PARAGRAPH: &str = "经查，我办交由你单位主办的以下群众意见建议已超过办理期限。请你单位抓紧办理，于收到本通知后3个工作日内将办理情况书面答复我办，并做好群众解释工作（联系人：王芳，0375-2345678）。";

#[test]
fn paragraphs_wrap_tables_repeat_their_header_and_every_page_is_numbered() {
    let mut fonts = FontSet::load(&FontChoice::default()).expect("a CJK font (Debian: fonts-noto-cjk)");
    let mut doc = Layout::new(&mut fonts, "测试文档");
    doc.title("群众意见建议交办单").unwrap();
    doc.subtitle("平顶山市人大常委会").unwrap();
    doc.meta("2026年3月12日", Align::Right).unwrap();
    doc.paragraph(PARAGRAPH).unwrap();
    let rows: Vec<Vec<String>> = (1..=80)
        .map(|i| {
            vec![
                i.to_string(),
                format!("XH-01-20260302-{i:02}"),
                format!("第{i}件：小区门口路灯不亮，夜间出行不便，群众多次反映，希望尽快修复并定期巡查"),
                "城乡建设".into(),
            ]
        })
        .collect();
    doc.table(&Table {
        headers: ["序号", "事项编号", "事项及摘要", "类别"].map(String::from).to_vec(),
        weights: vec![1.0, 4.0, 8.0, 2.0],
        rows,
    })
    .unwrap();
    doc.chart(&Chart {
        title: "受理事项按月份（件）".into(),
        kind: ChartKind::Bar,
        labels: vec!["2026-07".into(), "2026-08".into(), "2026-09".into()],
        series: vec![Series { name: "事项".into(), values: vec![Some(37.0), Some(52.0), Some(0.0)] }],
        format: ValueFormat::Count,
    })
    .unwrap();
    doc.chart(&Chart {
        title: "按时办结率与满意率".into(),
        kind: ChartKind::Line,
        labels: vec!["2026-07".into(), "2026-08".into(), "2026-09".into()],
        series: vec![
            Series { name: "按时办结率".into(), values: vec![Some(0.9), None, Some(0.755)] },
            Series { name: "满意率".into(), values: vec![Some(0.5), Some(0.625), Some(1.0)] },
        ],
        format: ValueFormat::Percent,
    })
    .unwrap();
    let pages = doc.page_count();
    assert!(pages >= 4, "80 wrapped rows and two charts take several pages, not {pages}");
    let bytes = doc.finish().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("layout.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    if let Some(keep) = std::env::var_os("LIAISON_KEEP_PDF") {
        std::fs::write(keep, &bytes).unwrap();
    }

    let texts: Vec<String> = (1..=pages).map(|p| page_text(&pdf, p)).collect();
    let all = squeeze(&texts.concat());
    assert!(all.contains(&squeeze(PARAGRAPH)), "the paragraph, wrapped, reads back whole:\n{all}");
    for (i, text) in texts.iter().enumerate() {
        assert!(squeeze(text).contains(&format!("第{}页共{pages}页", i + 1)), "page {}:\n{text}", i + 1);
    }
    // Each row once, and the header on every page that has rows.
    for i in 1..=80 {
        assert_eq!(all.matches(&format!("XH-01-20260302-{i:02}")).count(), 1, "row {i}");
    }
    for text in texts.iter().filter(|t| t.contains("XH-01-20260302-")) {
        assert!(text.contains("事项编号") && text.contains("事项及摘要"), "a table page without its header:\n{text}");
    }
    for value in ["37", "52", "90.0%", "75.5%", "62.5%", "100.0%", "100%"] {
        assert!(all.contains(value), "chart value {value}");
    }
    assert!(!all.contains("NaN"));
}
