//! Masking of personal data for lists, search results and exports (PIPL Art. 51; GB/T 35273 treats ID numbers as
//! sensitive). The raw values never leave the core except through an audited reveal
//! ([`crate::roster::deputy::reveal_private`]).

/// `13812345678` → `138****5678`; a landline keeps its area code and last four digits: `0375-***5678`.
pub fn phone(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    if let Some(dash) = raw.find('-') {
        let (area, rest) = raw.split_at(dash + 1);
        let rest: Vec<char> = rest.chars().collect();
        let keep = rest.len().min(4);
        let stars = "*".repeat(rest.len().saturating_sub(keep).max(1));
        return format!("{area}{stars}{}", rest[rest.len() - keep..].iter().collect::<String>());
    }
    if chars.len() <= 4 {
        return "*".repeat(chars.len());
    }
    let head = chars.len().min(11).saturating_sub(8).min(3);
    let tail = 4;
    let middle = chars.len() - head - tail;
    format!(
        "{}{}{}",
        chars[..head].iter().collect::<String>(),
        "*".repeat(middle),
        chars[chars.len() - tail..].iter().collect::<String>()
    )
}

/// `410402198001011236` → `4104**********1236`.
pub fn id_number(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    if chars.len() < 9 {
        return "*".repeat(chars.len());
    }
    format!(
        "{}{}{}",
        chars[..4].iter().collect::<String>(),
        "*".repeat(chars.len() - 8),
        chars[chars.len() - 4..].iter().collect::<String>()
    )
}

/// A citizen's name in a ledger: the surname's first character, one star per other character (`李秀英` → `李**`,
/// `欧阳娜娜` → `欧***`), so the clerk can still tell records apart and the name is not disclosed. A one-character
/// name becomes `*`. Deputies' names are public and never masked.
pub fn name(raw: &str) -> String {
    let mut chars = raw.trim().chars();
    match (chars.next(), chars.clone().count()) {
        (None, _) => String::new(),
        (Some(_), 0) => "*".to_owned(),
        (Some(first), rest) => format!("{first}{}", "*".repeat(rest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(phone("13812345678"), "138****5678");
        assert_eq!(phone("0375-2345678"), "0375-***5678");
        assert_eq!(phone("010-12345678-801"), "010-********-801");
        assert_eq!(phone(""), "");
        assert_eq!(id_number("410402198001011236"), "4104**********1236");
        assert_eq!(id_number(""), "");
        assert_eq!(name("李秀英"), "李**");
        assert_eq!(name("欧阳娜娜"), "欧***");
        assert_eq!(name(" 王 "), "*");
        assert_eq!(name(""), "");
    }
}
