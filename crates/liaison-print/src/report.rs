//! The period report (工作情况报告) as a PDF: the headline numbers in words and in a table, the matters by month,
//! category and county as bar charts, the on-time and satisfaction trends as a line chart, the unit ranking, the
//! overdue matters by unit and the most overdue ones, and the publication list. Long lists are cut in the PDF with
//! a note; the workbook (`liaison-sheets`) carries them whole.

use liaison_core::dashboard::Slice;
use liaison_core::report::Report;
use liaison_core::report::tables::{headline_rows, percent};
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
    let rows = report
        .ranking
        .iter()
        .map(|r| {
            let f = &r.figures;
            vec![
                r.rank.map_or_else(|| "未参评".to_owned(), |n| n.to_string()),
                r.unit_name.clone(),
                f.received.to_string(),
                f.handled_in_time.to_string(),
                f.overdue_open.to_string(),
                percent(r.on_time_rate),
                percent(r.satisfaction_rate),
                f.unsatisfied.to_string(),
                f.returns.to_string(),
                if r.flagged { "末位".into() } else { String::new() },
            ]
        })
        .collect();
    doc.table(&Table {
        headers: [
            "名次",
            "承办单位",
            "受理",
            "按时答复",
            "超期未答复",
            "按时办结率",
            "满意率",
            "不满意",
            "退办",
            "备注",
        ]
        .map(String::from)
        .to_vec(),
        weights: vec![6.0, 22.0, 7.0, 9.0, 9.0, 10.0, 9.0, 8.0, 7.0, 7.0],
        rows,
    })?;

    doc.heading("五、超期未办结事项")?;
    let mut headers = vec!["承办单位".to_owned()];
    headers.extend(report.overdue_levels.iter().cloned());
    headers.push("合计".into());
    let mut weights = vec![3.0];
    weights.extend(std::iter::repeat_n(1.4, report.overdue_levels.len() + 1));
    let rows = report
        .overdue_by_unit
        .iter()
        .map(|u| {
            std::iter::once(u.unit_name.clone())
                .chain(u.by_level.iter().map(u32::to_string))
                .chain(std::iter::once(u.total.to_string()))
                .collect()
        })
        .collect();
    doc.table(&Table { headers, weights, rows })?;
    if report.overdue.len() > PDF_LIST_ROWS {
        doc.paragraph(&format!(
            "超期事项共{}件，下表列出超期最久的{PDF_LIST_ROWS}件，完整清单见同期报告工作簿（XLSX）。",
            report.overdue.len()
        ))?;
    }
    let rows = report
        .overdue
        .iter()
        .take(PDF_LIST_ROWS)
        .map(|m| {
            vec![
                m.code.clone(),
                m.station.clone(),
                m.title.clone(),
                m.lead_name.clone().unwrap_or_else(|| "站内".to_owned()),
                m.due_on.map(|d| d.to_string()).unwrap_or_default(),
                m.overdue_working_days.to_string(),
                m.escalation.as_ref().map(|e| e.name.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    doc.table(&Table {
        headers: ["事项编号", "联络站", "事项", "承办单位", "到期日", "超期工作日", "督办层级"]
            .map(String::from)
            .to_vec(),
        weights: vec![16.0, 18.0, 22.0, 16.0, 13.0, 8.0, 12.0],
        rows,
    })?;

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
        weights: vec![5.0, 18.0, 9.0, 30.0, 16.0, 11.0, 11.0, 9.0],
        rows: publication.rows.iter().take(PDF_LIST_ROWS).cloned().collect(),
    })?;
    doc.finish()
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
