//! Validation of the personal and contact fields people type or import: mainland phone numbers, 18-digit ID
//! numbers with their check digit (GB 11643), birth year-months. Each returns the normalised form or a reason in
//! Chinese (shown per row in import previews and in the UI).

/// A normalised phone number, or why not.
///
/// Accepts mainland mobiles (`13812345678`, `+86 138-1234-5678`) and landlines with area code
/// (`0375-1234567`, `(0375)12345678`, `0375 1234567 转 801`). Returns mobiles as 11 digits and landlines as
/// `0AAA-NNNNNNN[-EXT]`.
pub fn phone(raw: &str) -> Result<String, String> {
    let mut s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    for prefix in ["+86", "0086", "86-"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_owned();
        }
    }
    let (main, ext) = match s.split_once(['转', '#', 'x', 'X']) {
        Some((m, e)) => (m.to_owned(), Some(e.to_owned())),
        None => (s.clone(), None),
    };
    let digits: String = main.chars().filter(|c| !matches!(c, '-' | '(' | ')' | '（' | '）')).collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("电话号码“{raw}”含有非数字字符"));
    }
    if let Some(e) = &ext
        && (e.is_empty() || e.len() > 6 || !e.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(format!("电话号码“{raw}”的分机号无效"));
    }
    let b = digits.as_bytes();
    if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
        if ext.is_some() {
            return Err(format!("手机号码“{raw}”不能带分机号"));
        }
        return Ok(digits);
    }
    if b.first() == Some(&b'0') && (10..=12).contains(&b.len()) {
        // Area codes are 3 digits for the big cities (010, 02X) and 4 elsewhere.
        let area_len = if b[1] == b'1' || b[1] == b'2' { 3 } else { 4 };
        let local = &digits[area_len..];
        if (7..=8).contains(&local.len()) {
            let mut out = format!("{}-{}", &digits[..area_len], local);
            if let Some(e) = ext {
                out.push('-');
                out.push_str(&e);
            }
            return Ok(out);
        }
    }
    Err(format!("“{raw}”不是有效的手机号码（11位，1开头）或固定电话（区号-号码）"))
}

/// A checked 18-digit resident ID number (upper-case X), or why not.
pub fn id_number(raw: &str) -> Result<String, String> {
    let s: String = raw.trim().to_uppercase();
    if s.chars().count() != 18 {
        return Err(format!("身份证号码应为18位，“{raw}”为{}位", s.chars().count()));
    }
    let b = s.as_bytes();
    if !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
        return Err(format!("身份证号码“{raw}”格式不正确（前17位为数字，末位为数字或X）"));
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = b[..17].iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    let expected = CHECK[(sum % 11) as usize];
    if b[17] != expected {
        return Err(format!("身份证号码“{raw}”校验位错误（应为{}）", expected as char));
    }
    let (y, m, d) = (&s[6..10], &s[10..12], &s[12..14]);
    if chrono::NaiveDate::parse_from_str(&format!("{y}-{m}-{d}"), "%Y-%m-%d").is_err() {
        return Err(format!("身份证号码“{raw}”中的出生日期{y}-{m}-{d}无效"));
    }
    Ok(s)
}

/// A birth year-month as `YYYY-MM`, from `1975-03`, `1975.3`, `1975/03/12`, `1975年3月`, `197503`, or why not.
pub fn birth_month(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    let parts: Vec<&str> = s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    let (y, m) = match parts.as_slice() {
        [ym] if ym.len() == 6 || ym.len() == 8 => (ym[..4].parse::<i32>().ok(), ym[4..6].parse::<u32>().ok()),
        [y, m, ..] if y.len() == 4 => (y.parse().ok(), m.parse().ok()),
        _ => (None, None),
    };
    match (y, m) {
        (Some(y), Some(m)) if (1900..=2100).contains(&y) && (1..=12).contains(&m) => Ok(format!("{y:04}-{m:02}")),
        _ => Err(format!("出生年月“{raw}”无法识别（示例：1975-03 或 1975年3月）")),
    }
}

/// A calendar date `YYYY-MM-DD` from the usual written forms.
pub fn date(raw: &str) -> Result<chrono::NaiveDate, String> {
    let parts: Vec<&str> = raw.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    let parsed = match parts.as_slice() {
        [ymd] if ymd.len() == 8 => chrono::NaiveDate::parse_from_str(ymd, "%Y%m%d").ok(),
        [y, m, d] => {
            chrono::NaiveDate::from_ymd_opt(y.parse().unwrap_or(0), m.parse().unwrap_or(0), d.parse().unwrap_or(0))
        }
        _ => None,
    };
    parsed.ok_or_else(|| format!("日期“{raw}”无法识别（示例：2026-01-31）"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        let ok = [
            ("13812345678", "13812345678"),
            ("+86 138-1234-5678", "13812345678"),
            ("0375-2345678", "0375-2345678"),
            ("(0375)23456789", "0375-23456789"),
            ("010-12345678", "010-12345678"),
            ("0375 2345678 转 801", "0375-2345678-801"),
        ];
        for (raw, want) in ok {
            assert_eq!(phone(raw).as_deref(), Ok(want), "{raw}");
        }
        for bad in ["12812345678", "1381234567", "138123456789", "2345678", "0375-123", "1381234567a", "13812345678转1"]
        {
            assert!(phone(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn id_numbers() {
        // Check digits computed by hand with the GB 11643 weights.
        assert_eq!(id_number("11010519491231002x").as_deref(), Ok("11010519491231002X"));
        assert_eq!(id_number("410402198001011236").as_deref(), Ok("410402198001011236"));
        assert!(id_number("410402198001011234").unwrap_err().contains("校验位"));
        assert!(id_number("41040219800101123").unwrap_err().contains("18位"));
        assert!(id_number("410402198013011233").is_err(), "month 13 (valid check digit)");
        assert!(id_number("4104021980010112A8").is_err());
    }

    #[test]
    fn birth_months() {
        for (raw, want) in [
            ("1975-03", "1975-03"),
            ("1975.3", "1975-03"),
            ("1975/03/12", "1975-03"),
            ("1975年3月", "1975-03"),
            ("197503", "1975-03"),
            ("19750312", "1975-03"),
        ] {
            assert_eq!(birth_month(raw).as_deref(), Ok(want), "{raw}");
        }
        for bad in ["", "75-3", "1975-13", "abcd"] {
            assert!(birth_month(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(date("2026-1-5").unwrap().to_string(), "2026-01-05");
        assert_eq!(date("2026年1月5日").unwrap().to_string(), "2026-01-05");
        assert_eq!(date("20260105").unwrap().to_string(), "2026-01-05");
        assert!(date("2026-02-30").is_err());
    }
}
