//! Renders one spreadsheet cell as the text a person sees in Excel.
//!
//! The import rules work on text only, so every reader funnels through here. Real office files from liaison
//! stations carry numbers typed as numbers (phones become 13812345678.0), dates as serial numbers, padding with
//! full-width spaces (U+3000) and non-breaking spaces pasted from web pages; this module undoes all of that in
//! one place so XLSX and CSV imports agree cell for cell.

use calamine::{Data, DataType, ExcelDateTime};
use chrono::{Datelike, NaiveDateTime, NaiveTime, Timelike};

/// 2^53: below this every integer is exact in an f64, so it can be printed digit for digit.
const EXACT_INT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// Whether `c` is padding to strip from both ends of a cell: ASCII whitespace, the ideographic (full-width)
/// space U+3000, NBSP U+00A0, and the invisible zero-width space / BOM that copy-paste from web pages leaves.
fn is_padding(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, '\u{3000}' | '\u{a0}' | '\u{200b}' | '\u{feff}')
}

/// The text with padding stripped from both ends; inner spaces are kept (they may be meaningful).
pub(crate) fn clean_text(s: &str) -> String {
    s.trim_matches(is_padding).to_owned()
}

/// The display text of a calamine cell.
pub(crate) fn data_text(data: &Data) -> String {
    match data {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => clean_text(s),
        Data::Int(i) => i.to_string(),
        Data::Float(x) => float_text(*x),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(dt) => excel_datetime_text(dt),
        Data::DateTimeIso(s) => iso_datetime_text(data, s),
        Data::DurationIso(s) => match data.as_duration() {
            Some(d) => duration_text(d),
            None => clean_text(s),
        },
    }
}

/// A number as Excel's "General" format shows it, minus the exponent notation.
///
/// Integer values print without ".0" and, below 2^53, exactly (13812345678, 16-digit bank card numbers).
/// Larger values (18-digit ID numbers typed as numbers have already lost their last digits in Excel) print
/// whatever the f64 holds, without exponent. Other values are rounded to Excel's 15 significant digits first,
/// so a formula result stored as 36.900000000000006 reads "36.9", as on screen.
pub(crate) fn float_text(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x.fract() == 0.0 && x.abs() < EXACT_INT_LIMIT {
        return (x as i64).to_string(); // integral and within ±2^53: the cast is exact
    }
    if x.fract() == 0.0 {
        return format!("{x}");
    }
    let rounded: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    format!("{rounded}")
}

/// An Excel serial date/time: "1975-03-01", "2024-05-06 14:30", "14:30" (time only) or "1:30:00" (duration).
fn excel_datetime_text(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        return match dt.as_duration() {
            Some(d) => duration_text(d),
            None => float_text(dt.as_f64()),
        };
    }
    match dt.as_datetime() {
        // In the 1900 date system serial values below 1 are times of day without a date (Excel shows the date
        // as 1900-01-00); in the 1904 system serial 0 is a real day, 1904-01-01.
        Some(ndt) if dt.as_f64() < 1.0 && ndt.year() < 1900 => time_text(ndt.time()),
        Some(ndt) => naive_datetime_text(ndt),
        None => float_text(dt.as_f64()),
    }
}

/// An ISO 8601 date/time as ODS stores it, rendered like an Excel one; unparseable text is kept.
fn iso_datetime_text(data: &Data, raw: &str) -> String {
    if let Some(ndt) = data.as_datetime() {
        naive_datetime_text(ndt)
    } else if let Some(date) = data.as_date() {
        date.format("%Y-%m-%d").to_string()
    } else if let Some(time) = data.as_time() {
        time_text(time)
    } else {
        clean_text(raw)
    }
}

/// "YYYY-MM-DD", or "YYYY-MM-DD HH:MM" when there is a time of day.
fn naive_datetime_text(ndt: NaiveDateTime) -> String {
    if ndt.time() == NaiveTime::MIN {
        ndt.format("%Y-%m-%d").to_string()
    } else {
        ndt.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// "HH:MM", with ":SS" only when the seconds are not zero.
fn time_text(t: NaiveTime) -> String {
    if t.second() == 0 { t.format("%H:%M").to_string() } else { t.format("%H:%M:%S").to_string() }
}

/// A duration as Excel's "[h]:mm:ss" shows it.
fn duration_text(d: chrono::Duration) -> String {
    let total = d.num_seconds();
    let sign = if total < 0 { "-" } else { "" };
    let total = total.unsigned_abs();
    format!("{sign}{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false))
    }

    #[test]
    fn strips_ascii_full_width_and_nbsp_padding_only_at_the_ends() {
        assert_eq!(clean_text("\u{3000}张 三\u{a0} \t"), "张 三");
        assert_eq!(clean_text("\u{feff}\u{200b}王五\r\n"), "王五");
        assert_eq!(clean_text("\u{3000}\u{3000}"), "");
        assert_eq!(data_text(&Data::String(" 李四\u{3000}".into())), "李四");
    }

    #[test]
    fn integer_valued_floats_print_without_fraction() {
        assert_eq!(float_text(13_812_345_678.0), "13812345678");
        assert_eq!(float_text(6_222_020_200_112_233.0), "6222020200112233");
        assert_eq!(float_text(-3.0), "-3");
        assert_eq!(float_text(0.0), "0");
        assert_eq!(data_text(&Data::Int(42)), "42");
    }

    #[test]
    fn huge_numbers_print_what_the_float_holds_without_exponent() {
        // An 18-digit ID typed as a number: Excel kept 17 significant digits.
        let text = float_text(110_101_197_503_011_234.0);
        assert_eq!(text.len(), 18);
        assert!(text.starts_with("1101011975030112"), "{text}");
        assert!(!text.contains('e') && !text.contains('.'), "{text}");
    }

    #[test]
    fn fractions_use_excel_fifteen_digits() {
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(12.3 * 3.0), "36.9");
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(-1.25), "-1.25");
        assert_eq!(float_text(f64::NAN), "");
    }

    #[test]
    fn booleans_and_errors() {
        assert_eq!(data_text(&Data::Bool(true)), "是");
        assert_eq!(data_text(&Data::Bool(false)), "否");
        assert_eq!(data_text(&Data::Error(CellErrorType::NA)), "");
        assert_eq!(data_text(&Data::Empty), "");
    }

    #[test]
    fn excel_dates_times_and_durations() {
        assert_eq!(data_text(&date(27_454.0)), "1975-03-01");
        assert_eq!(data_text(&date(45_418.604_166_666_664)), "2024-05-06 14:30");
        assert_eq!(data_text(&date(0.5)), "12:00");
        let on_1904 = Data::DateTime(ExcelDateTime::new(0.0, ExcelDateTimeType::DateTime, true));
        assert_eq!(data_text(&on_1904), "1904-01-01");
        let duration = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(data_text(&duration), "36:00:00");
    }

    #[test]
    fn iso_dates_from_ods() {
        assert_eq!(data_text(&Data::DateTimeIso("1975-03-01".into())), "1975-03-01");
        assert_eq!(data_text(&Data::DateTimeIso("2024-05-06T14:30:00".into())), "2024-05-06 14:30");
        assert_eq!(data_text(&Data::DateTimeIso("not a date".into())), "not a date");
        assert_eq!(data_text(&Data::DurationIso("PT01H30M00S".into())), "1:30:00");
    }
}
