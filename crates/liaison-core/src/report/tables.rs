//! The report as sheets of a workbook, one per section, in the PDF's order: 概况, the three distributions, the
//! rate trends, the overdue list by unit, the ranking (the evaluation's own sheet), the overdue matters and the
//! publication list.

use super::Report;
use crate::dashboard::Slice;
use crate::tabular::TableOut;

/// A rate as people read it: "93.5%", "—" when there is nothing to divide.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

/// The headline numbers as label and value pairs, in reading order.
pub fn headline_rows(report: &Report) -> Vec<(&'static str, String)> {
    let h = &report.headline;
    vec![
        ("接待群众（批次）", h.visits.to_string()),
        ("受理事项（件）", h.matters.to_string()),
        ("交办事项（件次）", h.assigned.to_string()),
        ("已答复（件次）", h.replied.to_string()),
        ("按时办结率", percent(h.on_time_rate)),
        ("群众满意率", percent(h.satisfaction_rate)),
        ("当前超期未办结（件）", h.overdue_now.to_string()),
    ]
}

fn table(report: &Report, sheet: &str, title: &str, headers: &[&str], rows: Vec<Vec<String>>) -> TableOut {
    TableOut {
        sheet: sheet.to_owned(),
        title: Some(format!("{title}（{}）", report.period_label)),
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows,
        text_columns: Vec::new(),
    }
}

fn slices(report: &Report, sheet: &str, title: &str, what: &str, slices: &[Slice]) -> TableOut {
    let rows = slices.iter().map(|s| vec![s.label.clone(), s.value.to_string()]).collect();
    table(report, sheet, title, &[what, "事项（件）"], rows)
}

/// 超期按单位: every unit holding overdue matters, by the escalation level reached.
pub fn overdue_by_unit_table(report: &Report) -> TableOut {
    let mut headers = vec!["承办单位"];
    headers.extend(report.overdue_levels.iter().map(String::as_str));
    headers.push("合计");
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
    table(report, "超期按单位", "超期事项按承办单位和督办层级", &headers, rows)
}

/// 超期事项: every matter overdue today, most overdue first; titles redacted.
pub fn overdue_table(report: &Report) -> TableOut {
    let rows = report
        .overdue
        .iter()
        .map(|m| {
            vec![
                m.code.clone(),
                m.station.clone(),
                m.category.clone(),
                m.title.clone(),
                m.lead_name.clone().unwrap_or_else(|| "站内".to_owned()),
                m.due_on.map(|d| d.to_string()).unwrap_or_default(),
                m.overdue_working_days.to_string(),
                m.escalation.as_ref().map(|e| e.name.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    let headers = ["事项编号", "联络站", "类别", "事项", "承办单位", "到期日", "超期工作日", "督办层级"];
    let mut overdue = table(report, "超期事项", "超期未办结事项", &headers, rows);
    overdue.text_columns = vec![0];
    overdue
}

/// Every sheet of the report's workbook.
pub fn tables(report: &Report) -> Vec<TableOut> {
    let overview = headline_rows(report).into_iter().map(|(k, v)| vec![k.to_owned(), v]).collect();
    let trends = report
        .trends
        .iter()
        .map(|p| vec![p.month.clone(), p.assigned.to_string(), percent(p.on_time_rate), percent(p.satisfaction_rate)])
        .collect();
    vec![
        table(report, "概况", &format!("{} 工作情况概况", report.office), &["指标", "数值"], overview),
        slices(report, "按月份", "受理事项按月份", "月份", &report.by_month),
        slices(report, "按类别", "受理事项按类别", "类别", &report.by_category),
        slices(report, "按县区", "受理事项按县区", "县（市、区）", &report.by_county),
        table(
            report,
            "时效与满意度",
            "按时办结率与满意率（按交办月份）",
            &["月份", "交办", "按时办结率", "满意率"],
            trends,
        ),
        overdue_by_unit_table(report),
        report.ranking_table.clone(),
        overdue_table(report),
        report.publication.clone(),
    ]
}
