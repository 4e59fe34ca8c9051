//! One year's official calendar in the holiday-cn JSON format (<https://github.com/NateScarlet/holiday-cn>), the
//! format the office sends and the app ships: `{"year": 2025, "papers": [..], "days": [{"name", "date",
//! "isOffDay"}]}`. Other keys (`$schema`, `$id`) are ignored.
//!
//! Parsing also validates, because a wrong file would silently move every deadline: each message is Chinese and
//! names the entry at fault, so the clerk can send it back to the office.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::{CalendarDay, is_weekday};
use crate::error::{Error, Result};

/// The longest holiday name accepted (real ones are at most a dozen characters, e.g. `国庆节、中秋节`).
const MAX_NAME_CHARS: usize = 40;

/// The years a calendar may be for: the People's Republic's notices start in 1949; beyond 2100 is a typo.
const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1949..=2100;

/// A validated official calendar of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFile {
    /// The year of the notice.
    pub year: i32,
    /// The notices it transcribes (URLs), kept for the record.
    pub papers: Vec<String>,
    /// The overridden dates, in the file's order.
    pub days: Vec<CalendarDay>,
}

#[derive(Deserialize)]
struct RawFile {
    year: i32,
    #[serde(default)]
    papers: Vec<String>,
    days: Vec<RawDay>,
}

#[derive(Deserialize)]
struct RawDay {
    name: String,
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

/// Parses and validates one year's calendar.
pub fn parse(json: &str) -> Result<YearFile> {
    let raw: RawFile = serde_json::from_str(json)
        .map_err(|e| Error::Invalid(format!("不是有效的节假日日历文件（holiday-cn JSON 格式）：{e}")))?;
    let year = raw.year;
    if !YEAR_RANGE.contains(&year) {
        return Err(Error::Invalid(format!("日历年份 {year} 不在 {}–{} 之间", YEAR_RANGE.start(), YEAR_RANGE.end())));
    }
    if raw.days.is_empty() {
        return Err(Error::Invalid(format!("{year} 年的日历没有任何日期，可能尚未公布，未导入")));
    }
    let mut seen = BTreeSet::new();
    let days = raw
        .days
        .into_iter()
        .enumerate()
        .map(|(i, day)| {
            let day = validate_day(year, i + 1, day)?;
            if !seen.insert(day.date) {
                return Err(Error::Invalid(format!("日期 {} 重复出现（第 {} 条）", day.date, i + 1)));
            }
            Ok(day)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(YearFile { year, papers: raw.papers, days })
}

/// Checks one entry; `n` is its 1-based position, for the message.
fn validate_day(year: i32, n: usize, raw: RawDay) -> Result<CalendarDay> {
    let date = NaiveDate::parse_from_str(raw.date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::Invalid(format!("第 {n} 条的日期“{}”无法识别，应为 YYYY-MM-DD", raw.date)))?;
    if !belongs_to(year, date) {
        return Err(Error::Invalid(format!("第 {n} 条的日期 {date} 不属于 {year} 年的日历")));
    }
    check_day(date, raw.is_off_day, &raw.name).map_err(|why| Error::Invalid(format!("第 {n} 条：{why}")))
}

/// The rules every calendar entry keeps, imported or edited by hand: returns the entry, or why not (Chinese).
pub(super) fn check_day(date: NaiveDate, off: bool, name: &str) -> std::result::Result<CalendarDay, String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("{date} 的节日名称须为 1 到 {MAX_NAME_CHARS} 个字"));
    }
    // A make-up working day only makes sense on a weekend; on a weekday it is a transcription error that would
    // otherwise pass unnoticed (the day is a working day anyway).
    if !off && is_weekday(date) {
        return Err(format!("{date} 本是工作日，不能列为调休上班日"));
    }
    Ok(CalendarDay { date, off, name: name.to_owned() })
}

/// Whether `date` may appear in the notice for `year`: its own year, or the December before, because the New
/// Year's Day holiday can start on the last days of the old year (the 2023 notice lists 2022-12-31).
fn belongs_to(year: i32, date: NaiveDate) -> bool {
    date.year() == year || (date.year() == year - 1 && date.month() == 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(year: i32, days: &str) -> String {
        format!(r#"{{"$schema": "x", "year": {year}, "papers": ["https://www.gov.cn/x"], "days": [{days}]}}"#)
    }

    #[test]
    fn every_bundled_year_parses() {
        for (year, json) in super::super::bundled::BUNDLED_YEARS {
            let parsed = parse(json).unwrap_or_else(|e| panic!("{year}: {e}"));
            assert_eq!(parsed.year, *year);
            assert!(parsed.days.len() > 20, "{year} looks incomplete");
        }
    }

    #[test]
    fn the_new_year_holiday_may_start_in_the_december_before() {
        let parsed = parse(&file(2023, r#"{"name": "元旦", "date": "2022-12-31", "isOffDay": true}"#)).unwrap();
        assert_eq!(parsed.days[0].date, NaiveDate::from_ymd_opt(2022, 12, 31).unwrap());
    }

    #[test]
    fn bad_files_are_refused_in_chinese() {
        let cases = [
            ("{", "不是有效的节假日日历文件"),
            (r#"{"year": 2027, "days": "x"}"#, "不是有效的节假日日历文件"),
            (&file(2027, ""), "没有任何日期"),
            (&file(1900, r#"{"name": "元旦", "date": "1900-01-01", "isOffDay": true}"#), "不在 1949–2100 之间"),
            (
                &file(2027, r#"{"name": "元旦", "date": "2027-13-01", "isOffDay": true}"#),
                "第 1 条的日期“2027-13-01”无法识别",
            ),
            (&file(2027, r#"{"name": "元旦", "date": "2026-01-01", "isOffDay": true}"#), "不属于 2027 年"),
            (&file(2027, r#"{"name": "元旦", "date": "2028-01-01", "isOffDay": true}"#), "不属于 2027 年"),
            (
                &file(
                    2027,
                    r#"{"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                       {"name": "元旦", "date": "2027-01-01", "isOffDay": true}"#,
                ),
                "日期 2027-01-01 重复出现（第 2 条）",
            ),
            (&file(2027, r#"{"name": " ", "date": "2027-01-01", "isOffDay": true}"#), "节日名称"),
            // 2027-01-04 is a Monday.
            (&file(2027, r#"{"name": "元旦", "date": "2027-01-04", "isOffDay": false}"#), "本是工作日"),
        ];
        for (json, expected) in cases {
            let err = parse(json).unwrap_err();
            assert!(matches!(err, Error::Invalid(_)), "{json}: {err:?}");
            assert!(err.to_string().contains(expected), "{json}: got {err}, expected …{expected}…");
        }
    }
}
