//! Makes export sheet names acceptable to Excel.
//!
//! Sheet names come from Chinese labels chosen by export rules ("2024年3月/接待记录"); Excel refuses names
//! longer than 31 characters, containing []:*?/\, starting or ending with an apostrophe, empty, equal to the
//! reserved "History", or equal to another sheet's name ignoring case. Rather than fail an export over a name,
//! we repair it.

/// One valid, distinct sheet name per requested name, in order.
pub(crate) fn sheet_names<'a>(requested: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (index, wanted) in requested.into_iter().enumerate() {
        let mut base = clean(wanted);
        if base.is_empty() {
            base = format!("Sheet{}", index + 1);
        }
        if base.eq_ignore_ascii_case("history") {
            base.push('1');
        }
        let mut name = base.clone();
        let mut n = 2;
        while names.iter().any(|taken| taken.to_lowercase() == name.to_lowercase()) {
            let suffix = format!("({n})");
            name = format!("{}{suffix}", truncate_utf16(&base, 31 - suffix.len()));
            n += 1;
        }
        names.push(name);
    }
    names
}

/// The name without forbidden characters or edge apostrophes/spaces, at most 31 UTF-16 units.
fn clean(name: &str) -> String {
    let kept: String =
        name.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control()).collect();
    let trimmed = truncate_utf16(kept.trim_matches(|c: char| c == '\'' || c.is_whitespace()), 31);
    trimmed.trim_end_matches(|c: char| c == '\'' || c.is_whitespace()).to_owned()
}

/// The longest prefix of `s` that is at most `max` UTF-16 code units (Excel's character count).
fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (at, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..at];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_long_names_truncated() {
        assert_eq!(sheet_names(["2024年3月/接待[记录]:*?\\"]), ["2024年3月接待记录"]);
        let long = "很".repeat(40);
        let names = sheet_names([long.as_str()]);
        assert_eq!(names[0].chars().count(), 31);
        assert_eq!(sheet_names(["'引号' "]), ["引号"]);
        // U+20000 is two UTF-16 units: 16 of them would be 32.
        assert_eq!(sheet_names(["𠀀".repeat(16).as_str()])[0].chars().count(), 15);
    }

    #[test]
    fn empty_reserved_and_duplicate_names_are_repaired() {
        assert_eq!(
            sheet_names(["", "History", "名单", "名单", "Data", "DATA"]),
            ["Sheet1", "History1", "名单", "名单(2)", "Data", "DATA(2)"]
        );
        let long = "长".repeat(31);
        let names = sheet_names([long.as_str(), long.as_str()]);
        assert_eq!(names[1], format!("{}(2)", "长".repeat(28)));
    }
}
