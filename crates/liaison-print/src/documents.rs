//! The office's documents about matters held by units, on A4 with [`Layout`]: the 交办单 of a unit and the
//! 催办/督办 notice of a unit's overdue matters. Their data comes from `liaison_core::documents` with citizens'
//! personal data already out of it.

use chrono::{Datelike, NaiveDate};
use liaison_core::documents::{DispatchSheet, HeldMatter, SupervisionNotice};

use crate::fonts::FontSet;
use crate::layout::{Align, Layout, Table};
use crate::pdf::PrintError;

/// "2026年3月12日".
pub fn chinese_date(day: NaiveDate) -> String {
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The title and what was said, then the place: one cell.
fn what(m: &HeldMatter) -> String {
    if m.detail.is_empty() { m.title.clone() } else { format!("{}\n{}", m.title, m.detail) }
}

fn station_and_place(m: &HeldMatter) -> String {
    if m.place.is_empty() { m.station.clone() } else { format!("{}\n{}", m.station, m.place) }
}

/// The 交办单 as a PDF.
pub fn dispatch_sheet_pdf(sheet: &DispatchSheet, fonts: &mut FontSet) -> Result<Vec<u8>, PrintError> {
    let mut doc = Layout::new(fonts, format!("交办单 {}", sheet.unit_name));
    doc.title("群众意见建议交办单")?;
    doc.subtitle(&sheet.office)?;
    doc.meta(&chinese_date(sheet.date), Align::Right)?;
    doc.plain(&format!("{}：", sheet.unit_name), Align::Left)?;
    let lead = sheet.lines.iter().filter(|l| l.role == "主办").count();
    doc.paragraph(&format!(
        "现将以下{}件群众意见建议交由你单位办理（主办{lead}件，协办{}件），请按办理期限办结并书面答复；不能按期办结的，请在到期前申请延期；不属于你单位职责的，请在退办期限内说明理由和依据。",
        sheet.lines.len(),
        sheet.lines.len() - lead
    ))?;
    let rows = sheet
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let how = if l.partners.is_empty() {
                l.role.to_owned()
            } else {
                format!("{}\n{}", l.role, l.partners.join("、"))
            };
            vec![
                (i + 1).to_string(),
                l.matter.code.clone(),
                what(&l.matter),
                l.matter.category.clone(),
                station_and_place(&l.matter),
                day(l.matter.assigned_on),
                day(l.matter.due_on),
                how,
            ]
        })
        .collect();
    doc.table(&Table {
        headers: ["序号", "事项编号", "事项及摘要", "类别", "联络站及地点", "交办日期", "办理期限", "办理方式"]
            .map(String::from)
            .to_vec(),
        // Wide enough for a matter code (XH-01-20260302-B01, the office's series), a date and a four-character
        // category on one line at 9 pt.
        weights: vec![6.0, 24.0, 24.0, 11.0, 14.0, 13.0, 13.0, 12.0],
        rows,
    })?;
    doc.plain("签收人：＿＿＿＿＿＿　　签收日期：＿＿＿＿＿＿", Align::Left)?;
    doc.plain(&sheet.office, Align::Right)?;
    doc.plain(&chinese_date(sheet.date), Align::Right)?;
    doc.finish()
}

/// The file name a notice is written under in its folder: `督办通知-<unit code>-<unit name>.pdf` (催办通知 alike),
/// so the CLI and the window name the same notice the same way.
pub fn notice_file_name(notice: &SupervisionNotice) -> String {
    let stem = crate::file_name::stem(&format!("{}-{}", notice.kind.title(), notice.unit_code), &notice.unit_name);
    format!("{stem}.pdf")
}

/// The file name the save dialog suggests for a unit's 交办单: `交办单-<unit name>.pdf`.
pub fn dispatch_sheet_file_name(sheet: &DispatchSheet) -> String {
    format!("{}.pdf", crate::file_name::stem("交办单", &sheet.unit_name))
}

/// A 催办/督办 notice as a PDF.
pub fn notice_pdf(notice: &SupervisionNotice, fonts: &mut FontSet) -> Result<Vec<u8>, PrintError> {
    let mut doc = Layout::new(fonts, format!("{} {}", notice.kind.title(), notice.unit_name));
    doc.title(notice.kind.title())?;
    doc.subtitle(&notice.office)?;
    doc.meta(&chinese_date(notice.date), Align::Right)?;
    doc.plain(&format!("{}：", notice.unit_name), Align::Left)?;
    doc.paragraph(&notice.body())?;
    let rows = notice
        .matters
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                (i + 1).to_string(),
                m.code.clone(),
                m.title.clone(),
                m.category.clone(),
                m.station.clone(),
                day(m.assigned_on),
                day(m.due_on),
                m.overdue_working_days.to_string(),
                m.escalation.as_ref().map(|e| e.name.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    doc.table(&Table {
        headers: ["序号", "事项编号", "事项", "类别", "联络站", "交办日期", "到期日", "超期工作日", "督办层级"]
            .map(String::from)
            .to_vec(),
        weights: vec![6.0, 23.0, 16.0, 10.5, 13.0, 12.5, 12.5, 8.0, 10.5],
        rows,
    })?;
    doc.plain(&notice.office, Align::Right)?;
    doc.plain(&chinese_date(notice.date), Align::Right)?;
    if !notice.copy_to.is_empty() {
        doc.gap(8.0);
        doc.plain(&format!("抄送：{}。", notice.copy_to.join("，")), Align::Left)?;
    }
    doc.finish()
}
