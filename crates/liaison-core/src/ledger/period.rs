//! The period (统计周期) a ledger covers: a year, a quarter, a month or a range of days, written the way clerks
//! and the CLI write them ("2026", "2026-Q3", "2026-07", "2026-07-01..2026-09-30"), with the Chinese label the
//! ledger's title carries ("2026年第三季度"). Days are Chinese calendar dates, both ends included.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::error::Error;

/// The formats accepted, for error messages.
const FORMATS: &str = "请写年度 2026、季度 2026-Q3、月份 2026-07 或日期范围 2026-07-01..2026-09-30";

/// A period of whole days, both ends included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub start: NaiveDate,
    /// The last day.
    pub end: NaiveDate,
    /// How the title names it: "2026年", "2026年第三季度", "2026年7月", "2026年7月1日至2026年9月30日".
    pub label: String,
}

impl Period {
    /// The whole year.
    pub fn year(year: i32) -> Option<Period> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let end = NaiveDate::from_ymd_opt(year, 12, 31)?;
        Some(Period { start, end, label: format!("{year}年") })
    }

    /// Quarter `q` (1–4) of the year.
    pub fn quarter(year: i32, q: u32) -> Option<Period> {
        const NAMES: [&str; 4] = ["一", "二", "三", "四"];
        let name = NAMES.get(usize::try_from(q.checked_sub(1)?).ok()?)?;
        let start = NaiveDate::from_ymd_opt(year, q * 3 - 2, 1)?;
        let end = last_day_of_month(year, q * 3)?;
        Some(Period { start, end, label: format!("{year}年第{name}季度") })
    }

    /// The month (1–12) of the year.
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let end = last_day_of_month(year, month)?;
        Some(Period { start, end, label: format!("{year}年{month}月") })
    }

    /// The days from `start` to `end`, both included (`None` when `start` is after `end`).
    pub fn days(start: NaiveDate, end: NaiveDate) -> Option<Period> {
        (start <= end).then(|| Period { start, end, label: format!("{}至{}", chinese_date(start), chinese_date(end)) })
    }

    /// Whether the day lies in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl FromStr for Period {
    type Err = Error;

    /// Parses "2026", "2026-Q3" (or "2026Q3", "2026-q3"), "2026-07" (or "2026-7"), "2026-07-01..2026-09-30".
    fn from_str(text: &str) -> Result<Period, Error> {
        let text = text.trim();
        let invalid = |why: &str| Error::Invalid(format!("统计周期“{text}”{why}：{FORMATS}"));
        if let Some((from, to)) = text.split_once("..") {
            let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| invalid("的日期无效"));
            let (start, end) = (day(from)?, day(to)?);
            return Period::days(start, end).ok_or_else(|| invalid("的开始日期晚于结束日期"));
        }
        let (year, rest) = text.split_once('-').map_or((text, None), |(y, r)| (y, Some(r)));
        let (year, rest) = match year.to_ascii_uppercase().split_once('Q') {
            Some((y, q)) if rest.is_none() => (y.to_owned(), Some(format!("Q{q}"))),
            _ => (year.to_owned(), rest.map(str::to_owned)),
        };
        let year: i32 = parse_year(&year).ok_or_else(|| invalid("的年份无效"))?;
        match rest.as_deref().map(str::trim) {
            None => Period::year(year).ok_or_else(|| invalid("的年份无效")),
            Some(q) if q.starts_with(['Q', 'q']) => q[1..]
                .parse()
                .ok()
                .and_then(|q| Period::quarter(year, q))
                .ok_or_else(|| invalid("的季度必须是 Q1 至 Q4")),
            Some(m) => {
                m.parse().ok().and_then(|m| Period::month(year, m)).ok_or_else(|| invalid("的月份必须是 01 至 12"))
            }
        }
    }
}

/// A four-digit year (a ledger of year 26 or 20260 is a typo, not a request).
fn parse_year(text: &str) -> Option<i32> {
    let text = text.trim();
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// "2026年7月1日".
fn chinese_date(day: NaiveDate) -> String {
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_form_with_its_chinese_label() {
        let cases = [
            ("2026", "2026-01-01", "2026-12-31", "2026年"),
            ("2026-Q3", "2026-07-01", "2026-09-30", "2026年第三季度"),
            ("2026q1", "2026-01-01", "2026-03-31", "2026年第一季度"),
            ("2026-Q4", "2026-10-01", "2026-12-31", "2026年第四季度"),
            ("2026-07", "2026-07-01", "2026-07-31", "2026年7月"),
            ("2028-2", "2028-02-01", "2028-02-29", "2028年2月"),
            ("2026-12", "2026-12-01", "2026-12-31", "2026年12月"),
            (" 2026-07-01..2026-09-30 ", "2026-07-01", "2026-09-30", "2026年7月1日至2026年9月30日"),
        ];
        for (text, start, end, label) in cases {
            let p: Period = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((p.start, p.end, p.label.as_str()), (d(start), d(end), label), "{text}");
        }
    }

    #[test]
    fn refuses_bad_periods_in_chinese() {
        let cases = [
            ("2026-Q5", "季度必须是 Q1 至 Q4"),
            ("2026-13", "月份必须是 01 至 12"),
            ("26", "年份无效"),
            ("今年", "年份无效"),
            ("2026-09-30..2026-07-01", "开始日期晚于结束日期"),
            ("2026-07-01..2026-02-30", "日期无效"),
        ];
        for (text, why) in cases {
            let message = text.parse::<Period>().unwrap_err().to_string();
            assert!(message.contains(why) && message.contains("2026-Q3"), "{text}: {message}");
        }
    }

    #[test]
    fn both_ends_are_in_the_period() {
        let q3: Period = "2026-Q3".parse().unwrap();
        assert!(q3.contains(d("2026-07-01")) && q3.contains(d("2026-09-30")));
        assert!(!q3.contains(d("2026-06-30")) && !q3.contains(d("2026-10-01")));
    }
}
