//! File names that say who a file is for: `D000001-张明新.png`, `XH-01-光明路联络站.svg`, safe on Windows (where
//! most stations' PCs run) as well as Linux and in zip archives.
//!
//! Windows refuses `< > : " / \ | ? *` and control characters, names ending in a dot or a space, and the device
//! names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, even with an extension). Such characters become `_`; a device name gets
//! a `_` appended. Names are cut to [`MAX_STEM_CHARS`] characters so a deep folder stays under Windows' path limit.

/// The longest stem, in characters (a long platform name is cut, the code in front is always kept).
pub const MAX_STEM_CHARS: usize = 80;

/// `"{code}-{name}"` made safe for a file name (without extension); just the code when the name is blank.
pub fn stem(code: &str, name: &str) -> String {
    let (code, name) = (code.trim(), name.trim());
    let raw = if name.is_empty() { code.to_owned() } else { format!("{code}-{name}") };
    sanitize(&raw)
}

/// `raw` with characters Windows refuses replaced by `_`, trailing dots and spaces removed, device names
/// defused, cut to [`MAX_STEM_CHARS`] characters. Never empty.
pub fn sanitize(raw: &str) -> String {
    let mut out: String =
        raw.chars()
            .map(|c| {
                if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') {
                    '_'
                } else {
                    c
                }
            })
            .take(MAX_STEM_CHARS)
            .collect();
    while out.ends_with(['.', ' ']) {
        out.pop();
    }
    if out.is_empty() {
        return "_".into();
    }
    let device = out.split('.').next().unwrap_or_default().to_ascii_uppercase();
    let numbered = |prefix: &str| {
        device.strip_prefix(prefix).is_some_and(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit() && d != "0")
    };
    if matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL") || numbered("COM") || numbered("LPT") {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_who_and_are_safe_on_windows() {
        assert_eq!(stem("D000001", "张明新"), "D000001-张明新");
        assert_eq!(stem("XH-01", " 光明路联络站 "), "XH-01-光明路联络站");
        assert_eq!(stem("XH-01", ""), "XH-01");
        assert_eq!(stem("A/B", "a:b*c?\"d<e>|f\\g\t."), "A_B-a_b_c__d_e__f_g_");
        assert_eq!(sanitize("con"), "con_");
        assert_eq!(sanitize("LPT1.txt"), "LPT1.txt_");
        assert_eq!(sanitize("COM0"), "COM0");
        assert_eq!(sanitize(" . "), "_");
        assert_eq!(stem("S1", &"站".repeat(200)).chars().count(), MAX_STEM_CHARS);
        assert_eq!(stem("D1", "𪚥"), "D1-𪚥", "rare characters are fine in file names");
    }
}
