//! The shapes the station and deputy charts share: a [`Chart`] is category labels with one or more named series of
//! counts (a bar group, a stacked bar, a line), and a [`Ratio`] is a part of a whole with its rate, for the KPI
//! cards and the coverage targets. Plain data: the window draws it, the same numbers go to its table and XLSX.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::tabular::TableOut;

/// One named series of counts, one value per label of its chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Series {
    /// What it counts, with its unit (走访人次, 排班天数 …).
    pub name: String,
    /// One count per label.
    pub values: Vec<u32>,
}

/// Labels (stations, months, levels) with the series counted over them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Chart {
    /// The categories, in the order to draw them.
    pub labels: Vec<String>,
    /// The series, each as long as `labels`.
    pub series: Vec<Series>,
}

impl Chart {
    /// A chart over `labels` with series named `names`, every count 0.
    pub(crate) fn zeroed(labels: Vec<String>, names: &[&str]) -> Chart {
        let series = names.iter().map(|n| Series { name: (*n).to_owned(), values: vec![0; labels.len()] }).collect();
        Chart { labels, series }
    }

    /// Adds `n` to series `series` at the label `label`, when the chart has that label.
    pub(crate) fn add(&mut self, label: &str, series: usize, n: u32) {
        if let Some(i) = self.labels.iter().position(|l| l == label) {
            self.series[series].values[i] += n;
        }
    }

    /// The series' sum.
    pub(crate) fn total(&self, series: usize) -> u32 {
        self.series[series].values.iter().sum()
    }
}

/// A part of a whole: covered ÷ in scope, attended ÷ expected.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Ratio {
    /// The part.
    pub part: u32,
    /// The whole.
    pub whole: u32,
    /// part ÷ whole from 0 to 1; `None` with nothing in the whole (an empty scope has nothing to cover).
    pub rate: Option<f64>,
}

impl Ratio {
    /// `part` of `whole`.
    pub fn of(part: u32, whole: u32) -> Ratio {
        Ratio { part, whole, rate: (whole > 0).then(|| f64::from(part) / f64::from(whole)) }
    }
}

/// A chart's table as the window shows it under the chart, to write as a workbook: its title above the header and
/// as the sheet's name (cut to Excel's 31 characters, without the characters Excel refuses there). Every row must
/// have a cell per header.
pub fn table_out(title: &str, headers: Vec<String>, rows: Vec<Vec<String>>) -> Result<TableOut> {
    let title = title.trim();
    if title.is_empty() || headers.is_empty() {
        return Err(Error::Invalid("图表没有标题或表头，无法导出".to_owned()));
    }
    if rows.iter().any(|r| r.len() != headers.len()) {
        return Err(Error::Invalid("图表数据的列数与表头不符，无法导出".to_owned()));
    }
    let sheet: String =
        title.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')).take(31).collect();
    Ok(TableOut { sheet, title: Some(title.to_owned()), headers, rows, text_columns: vec![] })
}

/// The file a chart is saved to: its title and the day (统计图_2026-07-01.png), without the characters file
/// systems refuse.
pub fn file_name(title: &str, today: NaiveDate, extension: &str) -> String {
    let safe: String = title
        .trim()
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    format!("{safe}_{today}.{extension}")
}
