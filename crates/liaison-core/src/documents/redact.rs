//! Personal data out of free text: a matter's title and detail are a clerk's words and may name the citizen or give
//! a phone or ID number. Documents for units and reports print them only through [`redact`].

use crate::roster::mask;
use crate::workflow::CitizenInput;

/// Digit runs at least this long are someone's phone or ID number (landlines have 7–8 digits after the area code).
const LONG_DIGITS: usize = 7;

/// `text` with the citizens' names, phones and ID numbers masked ([`mask`]: 李**, 139****5678, 4104**********1236)
/// and their home addresses left out, then every run of [`LONG_DIGITS`] or more digits masked but its last four: a phone or ID number nobody listed.
pub fn redact(text: &str, citizens: &[CitizenInput]) -> String {
    let mut out = text.to_owned();
    for c in citizens {
        for (value, masked) in [
            (c.id_number.trim(), mask::id_number(c.id_number.trim())),
            (c.phone.trim(), mask::phone(c.phone.trim())),
            (c.name.trim(), mask::name(c.name.trim())),
        ] {
            // A one-character "name" would mask that character everywhere.
            if value.chars().count() >= 2 {
                out = out.replace(value, &masked);
            }
        }
        // A home address is personal too; a place name as short as a street stays (the unit needs to know where).
        if c.address.trim().chars().count() >= 6 {
            out = out.replace(c.address.trim(), "（住址略）");
        }
    }
    mask_long_digit_runs(&out)
}

fn mask_long_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= LONG_DIGITS {
            out.push_str(&"*".repeat(run.len() - 4));
            out.push_str(&run[run.len() - 4..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            run.push(ch);
        } else {
            flush(&mut run, &mut out);
            out.push(ch);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The first `max` characters of `text` (whitespace folded), with "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max {
        return folded;
    }
    let mut out: String = folded.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_phones_and_id_numbers_are_masked_and_other_numbers_kept() {
        let citizens = [CitizenInput {
            name: "李秀英".into(),
            phone: "13912345678".into(),
            id_number: "41040219800101123X".into(),
            address: "光明路12号院3单元".into(),
            ..Default::default()
        }];
        let text = "李秀英（13912345678，身份证41040219800101123X，住光明路12号院3单元）反映光明路路灯不亮，邻居电话0375-2345678";
        assert_eq!(
            redact(text, &citizens),
            "李**（139****5678，身份证4104**********123X，住（住址略））反映光明路路灯不亮，邻居电话0375-***5678"
        );
        assert_eq!(redact("王芳说18600001111", &[]), "王芳说*******1111");
        assert_eq!(shorten("一二三 四五", 4), "一二三…");
        assert_eq!(shorten("一二\n三", 9), "一二 三");
    }
}
