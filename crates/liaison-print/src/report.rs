//! The period report (工作情况报告) as a PDF: the headline numbers in words and in a table, the matters by month,
//! category and county as bar charts, the on-time and satisfaction trends as a line chart, the unit ranking, the
//! overdue matters by unit and the most overdue ones, and the publication list. Long lists are cut in the PDF with
//! a note; the workbook (`liaison-sheets`) carries them whole.

use liaison_core::dashboard::Slice;
use liaison_core::report::Report;
use liaison_core::report::tables::{headline_rows, overdue_by_unit_table, overdue_table, percent};
use liaison_core::tabular::TableOut;
use liaison_core::workflow::ranking::reevaluation_day;

use crate::chart::{Chart, ChartKind, Series, ValueFormat};
use crate::documents::chinese_date;
use crate::fonts::FontSet;
use crate::layout::{Align, Layout, Table};
use crate::pdf::PrintError;

/// At most this many rows of a list (overdue matters, publication list) in the PDF.
pub const PDF_LIST_ROWS: usize = 150;
/// At most this many bars in a distribution; the rest are summed as 其余.
pub const MAX_BARS: usize = 12;

/// The report as a PDF.
pub fn report_pdf(report: &Report, fonts: &mut FontSet) -> Result<Vec<u8>, PrintError> {
    let mut doc = Layout::new(fonts, format!("{}工作情况报告", report.period.label));
    let h = &report.headline;
    doc.title(&format!("{}人大代表联络站工作情况报告", report.period.label))?;
    doc.subtitle(&report.office)?;
    doc.meta(
        &format!(
            "统计周期：{}至{}　　制表日期：{}",
            chinese_date(report.period.start),
            chinese_date(report.period.end),
            chinese_date(report.made_on)
        ),
        Align::Center,
    )?;

    doc.heading("一、主要数据")?;
    doc.paragraph(&format!(
        "本期各联络站共接待群众{}批次，受理意见建议{}件；交办承办单位{}件次，已答复{}件次，按时办结率{}，群众满意率{}。截至{}，超期未办结事项{}件。",
        h.visits,
        h.matters,
        h.assigned,
        h.replied,
        percent(h.on_time_rate),
        percent(h.satisfaction_rate),
        chinese_date(report.made_on),
        h.overdue_now
    ))?;
    let rows = headline_rows(report).into_iter().map(|(k, v)| vec![k.to_owned(), v]).collect();
    doc.table(&Table { headers: vec!["指标".into(), "数值".into()], weights: vec![3.0, 2.0], rows })?;

    doc.heading("二、事项分布")?;
    for (title, slices) in [
        ("受理事项按月份（件）", &report.by_month),
        ("受理事项按类别（件）", &report.by_category),
        ("受理事项按县（市、区）（件）", &report.by_county),
    ] {
        doc.chart(&bars(title, slices))?;
    }

    doc.heading("三、办理时效与群众满意度")?;
    let month_labels = report.trends.iter().map(|p| p.month.clone()).collect();
    doc.chart(&Chart {
        title: "按时办结率与群众满意率（按交办月份）".into(),
        kind: ChartKind::Line,
        labels: month_labels,
        series: vec![
            Series { name: "按时办结率".into(), values: report.trends.iter().map(|p| p.on_time_rate).collect() },
            Series { name: "满意率".into(), values: report.trends.iter().map(|p| p.satisfaction_rate).collect() },
        ],
        format: ValueFormat::Percent,
    })?;

    doc.heading("四、承办单位满意度测评")?;
    let flagged: Vec<&str> = report.ranking.iter().filter(|r| r.flagged).map(|r| r.unit_name.as_str()).collect();
    if !flagged.is_empty() {
        doc.paragraph(&format!(
            "末位单位：{}，将于{}复评。",
            flagged.join("、"),
            chinese_date(reevaluation_day(&report.period))
        ))?;
    }
    doc.table(&columns(
        &report.ranking_table,
        &[
            ("名次", 6.0),
            ("承办单位", 22.0),
            ("受理（主办）", 8.0),
            ("按时答复", 8.0),
            ("超期未答复", 8.0),
            ("按时办结率", 10.0),
            ("满意率", 10.0),
            ("不满意", 7.0),
            ("退办", 6.0),
            ("末位", 12.0),
        ],
    ))?;

    doc.heading("五、超期未办结事项")?;
    let by_unit = overdue_by_unit_table(report);
    let mut weights = vec![3.0];
    weights.extend(std::iter::repeat_n(1.4, by_unit.headers.len() - 1));
    doc.table(&Table { headers: by_unit.headers, weights, rows: by_unit.rows })?;
    if report.overdue.len() > PDF_LIST_ROWS {
        doc.paragraph(&format!(
            "超期事项共{}件，下表列出超期最久的{PDF_LIST_ROWS}件，完整清单见同期报告工作簿（XLSX）。",
            report.overdue.len()
        ))?;
    }
    let mut overdue = columns(
        &overdue_table(report),
        &[
            ("事项编号", 22.0),
            ("联络站", 16.0),
            ("事项", 18.0),
            ("承办单位", 15.0),
            ("到期日", 13.0),
            ("超期工作日", 8.0),
            ("督办层级", 12.0),
        ],
    );
    overdue.rows.truncate(PDF_LIST_ROWS);
    doc.table(&overdue)?;

    doc.heading("六、办理结果公开清单")?;
    let publication = &report.publication;
    if publication.rows.len() > PDF_LIST_ROWS {
        doc.paragraph(&format!(
            "本期公开事项共{}件，下表列出前{PDF_LIST_ROWS}件，完整清单见同期报告工作簿（XLSX）。",
            publication.rows.len()
        ))?;
    }
    doc.table(&Table {
        headers: publication.headers.clone(),
        weights: vec![6.0, 18.0, 11.0, 28.0, 17.0, 13.0, 13.0, 10.5],
        rows: publication.rows.iter().take(PDF_LIST_ROWS).cloned().collect(),
    })?;
    doc.finish()
}

/// The named columns of a sheet, with their relative widths: the PDF prints fewer columns than the workbook.
fn columns(table: &TableOut, wanted: &[(&str, f32)]) -> Table {
    let index: Vec<usize> = wanted
        .iter()
        .map(|(name, _)| table.headers.iter().position(|h| h == name).expect("a column of the sheet"))
        .collect();
    Table {
        headers: wanted.iter().map(|(name, _)| (*name).to_owned()).collect(),
        weights: wanted.iter().map(|(_, w)| *w).collect(),
        rows: table
            .rows
            .iter()
            .map(|row| index.iter().map(|i| row.get(*i).cloned().unwrap_or_default()).collect())
            .collect(),
    }
}

/// A bar chart of a distribution: the first [`MAX_BARS`] − 1 slices and the rest summed as 其余 when there are more.
fn bars(title: &str, slices: &[Slice]) -> Chart {
    let mut shown: Vec<(String, f64)> = slices.iter().map(|s| (s.label.clone(), f64::from(s.value))).collect();
    if shown.len() > MAX_BARS {
        let rest: f64 = shown.drain(MAX_BARS - 1..).map(|(_, v)| v).sum();
        shown.push(("其余".into(), rest));
    }
    Chart {
        title: title.into(),
        kind: ChartKind::Bar,
        labels: shown.iter().map(|(l, _)| if l.is_empty() { "未知".into() } else { l.clone() }).collect(),
        series: vec![Series { name: "事项".into(), values: shown.iter().map(|(_, v)| Some(*v)).collect() }],
        format: ValueFormat::Count,
    }
}
