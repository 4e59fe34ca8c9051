//! Reading the messy cells of real office spreadsheets: full-width characters and spaces, names padded with
//! spaces, levels written as "市人大代表" or "市级", terms as "第十二届", flags as "是"/"√", weekday lists as
//! "每周二、四" or "周一至周五". Each reader returns the value or a reason in Chinese.

use crate::roster::deputy::LevelTerm;
use crate::roster::kinds::Level;

/// Trims ASCII, full-width (U+3000) and no-break spaces. Free text is otherwise kept exactly as written, so that
/// importing our own export changes nothing.
pub fn clean(raw: &str) -> String {
    raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{00A0}').to_owned()
}

/// [`clean`], then full-width ASCII (digits, letters, punctuation) to half-width: for codes, numbers, phones and
/// dates, where "１３８" means 138.
pub fn half_width(raw: &str) -> String {
    clean(raw)
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' => ' ',
            _ => c,
        })
        .collect()
}

/// A person's name: every space removed ("王　五" is how two-character names are padded to line up).
pub fn name(raw: &str) -> String {
    clean(raw).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Splits a list cell on the separators people use: 、 , ， ; ； / 和 and spaces.
pub fn split_list(raw: &str) -> Vec<String> {
    clean(raw)
        .split(['、', ',', '，', ';', '；', '/', '／', '和', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A Chinese or Arabic number 1..=99: "12", "十二", "二十一", "十".
pub fn small_number(raw: &str) -> Option<u16> {
    let s = raw.trim();
    if let Ok(n) = s.parse::<u16>() {
        return (1..=99).contains(&n).then_some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u16);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d).filter(|n| *n > 0),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// A term: "12", "第十二届", "十二届".
pub fn term(raw: &str) -> Option<u16> {
    small_number(half_width(raw).trim_start_matches('第').trim_end_matches('届'))
}

/// Levels with terms from a level cell and an optional term cell.
///
/// The level cell may hold several levels ("市、县", "市人大代表,区人大代表") and may carry the term itself
/// ("市第十二届"); the term cell, when present, holds one term per level in the same order, or one term for a
/// single level.
pub fn levels(level_cell: &str, term_cell: &str) -> Result<Vec<LevelTerm>, String> {
    let mut out: Vec<LevelTerm> = Vec::new();
    for item in split_list(&half_width(level_cell)) {
        let (level_text, inline_term) = match (item.find('第'), item.find('届')) {
            (Some(a), Some(b)) if a < b => {
                let t = term(&item[a..b + '届'.len_utf8()]);
                (format!("{}{}", &item[..a], &item[b + '届'.len_utf8()..]), t)
            }
            _ => (item.clone(), None),
        };
        let level = Level::parse_loose(&level_text)
            .ok_or_else(|| format!("无法识别的代表级别“{item}”（应为全国、省、市、县、乡）"))?;
        if out.iter().any(|l| l.level == level) {
            return Err(format!("代表级别“{level_cell}”中{}级重复", level.label()));
        }
        out.push(LevelTerm { level, term: inline_term });
    }
    if out.is_empty() {
        return Err("代表级别为空".into());
    }
    let terms = split_list(&half_width(term_cell));
    if !terms.is_empty() {
        if terms.len() != out.len() {
            return Err(format!("届次“{term_cell}”与代表级别“{level_cell}”的个数不一致"));
        }
        for (l, t) in out.iter_mut().zip(&terms) {
            l.term = Some(term(t).ok_or_else(|| format!("无法识别的届次“{t}”（示例：第十二届 或 12）"))?);
        }
    }
    Ok(out)
}

/// A yes/no cell; `label` is a word that also means yes ("领导干部").
pub fn flag(raw: &str, label: &str) -> Result<bool, String> {
    let s = half_width(raw);
    match s.as_str() {
        "" | "否" | "不是" | "无" | "N" | "n" | "no" | "No" | "0" | "×" | "-" => Ok(false),
        "是" | "√" | "✓" | "✔" | "Y" | "y" | "yes" | "Yes" | "1" | "有" => Ok(true),
        _ if !label.is_empty() && s.contains(label) => Ok(true),
        _ => Err(format!("“{raw}”应填“是”或“否”")),
    }
}

/// Weekdays 1..=7 from "周二、周四", "每周二、四", "星期二,星期四", "周一至周五", "工作日", "每天".
pub fn weekdays(raw: &str) -> Result<Vec<u8>, String> {
    let s = half_width(raw);
    if s.is_empty() {
        return Ok(Vec::new());
    }
    if s.contains("工作日") {
        return Ok(vec![1, 2, 3, 4, 5]);
    }
    if s.contains("每天") || s.contains("每日") {
        return Ok((1..=7).collect());
    }
    let day = |c: char| "一二三四五六日".chars().position(|d| d == c).map(|p| p as u8 + 1).or((c == '天').then_some(7));
    let mut out: Vec<u8> = Vec::new();
    let mut range_from: Option<u8> = None;
    let mut pending_range = false;
    for c in s.chars() {
        if let Some(d) = day(c) {
            if pending_range && let Some(from) = range_from {
                out.extend(from + 1..=d);
            } else {
                out.push(d);
            }
            range_from = Some(d);
            pending_range = false;
        } else if matches!(c, '至' | '到' | '-' | '~' | '—') {
            pending_range = true;
        }
    }
    if out.is_empty() {
        return Err(format!("接待日“{raw}”无法识别（示例：每周二、四 或 周一至周五）"));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning() {
        assert_eq!(half_width("　１３８１２３４５６７８ "), "13812345678");
        assert_eq!(
            clean(" 周一至周五（代表接待日：周二）　"),
            "周一至周五（代表接待日：周二）",
            "free text kept as written"
        );
        assert_eq!(name(" 王　五 "), "王五");
        assert_eq!(split_list("市、县，乡"), vec!["市", "县", "乡"]);
    }

    #[test]
    fn numbers_and_terms() {
        for (raw, want) in [
            ("12", Some(12)),
            ("十二", Some(12)),
            ("第十二届", Some(12)),
            ("二十一", Some(21)),
            ("十", Some(10)),
            ("三十", Some(30)),
            ("第１４届", Some(14)),
            ("零", None),
            ("abc", None),
        ] {
            assert_eq!(term(raw), want, "{raw}");
        }
    }

    #[test]
    fn level_cells() {
        let l = levels("市人大代表、区人大代表", "12、11").unwrap();
        assert_eq!(
            l,
            vec![LevelTerm { level: Level::City, term: Some(12) }, LevelTerm { level: Level::County, term: Some(11) }]
        );
        let l = levels("市第十二届", "").unwrap();
        assert_eq!(l, vec![LevelTerm { level: Level::City, term: Some(12) }]);
        assert_eq!(levels("市级", "").unwrap()[0].term, None);
        assert!(levels("村", "").unwrap_err().contains("无法识别"));
        assert!(levels("市、县", "12").unwrap_err().contains("个数不一致"));
        assert!(levels("市、市级", "").is_err());
    }

    #[test]
    fn flags_and_days() {
        assert_eq!(flag("是", ""), Ok(true));
        assert_eq!(flag("", ""), Ok(false));
        assert_eq!(flag("领导干部代表", "领导干部"), Ok(true));
        assert!(flag("也许", "").is_err());
        assert_eq!(weekdays("每周二、四"), Ok(vec![2, 4]));
        assert_eq!(weekdays("星期二,星期四"), Ok(vec![2, 4]));
        assert_eq!(weekdays("周一至周五"), Ok(vec![1, 2, 3, 4, 5]));
        assert_eq!(weekdays("工作日"), Ok(vec![1, 2, 3, 4, 5]));
        assert_eq!(weekdays("周六、周日"), Ok(vec![6, 7]));
        assert!(weekdays("随时").is_err());
    }
}
