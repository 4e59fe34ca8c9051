//! Pinyin spellings of names for search-as-you-type.
//!
//! The `pinyin` crate gives a character's common reading, which is wrong for many surnames (单 shàn, not dān;
//! 曾 zēng, not céng; 解 xiè, 区 ōu, 仇 qiú, 朴 piáo, 查 zhā, 尉迟 yùchí ...). So a name's first character (or first
//! two, for compound surnames) gets the readings of [`SURNAMES`] *in addition to* the common one: people type
//! either. Other characters get up to two dictionary readings (heteronyms such as 乐 lè/yuè).
//!
//! For each combination of readings, every syllable may be typed in full or by its initial, so 张明新 yields
//! `zhangmingxin`, `zmx`, `zhangmx`, `zmingxin`, … All spellings use `v` for `ü` (吕 → `lv`). The number of
//! spellings per name is capped ([`MAX_SPELLINGS`]) so long minority names stay cheap to index.

use pinyin::ToPinyinMulti;

/// The most spellings indexed for one name.
pub const MAX_SPELLINGS: usize = 64;

/// Surnames whose reading differs from the character's common reading, compound surnames first.
/// Sources: 《百家姓》 readings as given by the 现代汉语词典 (7th ed.).
pub const SURNAMES: &[(&str, &[&str])] = &[
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("单于", &["chan", "yu"]),
    ("长孙", &["zhang", "sun"]),
    ("澹台", &["tan", "tai"]),
    ("令狐", &["ling", "hu"]),
    ("单", &["shan"]),
    ("曾", &["zeng"]),
    ("区", &["ou"]),
    ("仇", &["qiu"]),
    ("解", &["xie"]),
    ("朴", &["piao"]),
    ("查", &["zha"]),
    ("乐", &["yue", "le"]),
    ("缪", &["miao"]),
    ("覃", &["qin", "tan"]),
    ("翟", &["zhai"]),
    ("盖", &["ge"]),
    ("尉", &["yu", "wei"]),
    ("种", &["chong"]),
    ("召", &["shao"]),
    ("秘", &["bi"]),
    ("员", &["yun"]),
    ("繁", &["po"]),
    ("句", &["gou"]),
    ("牟", &["mou", "mu"]),
    ("隗", &["wei"]),
    ("冼", &["xian"]),
    ("黑", &["he"]),
    ("祭", &["zhai"]),
    ("能", &["nai"]),
    ("洗", &["xian"]),
    ("华", &["hua"]),
    ("任", &["ren"]),
    ("宁", &["ning"]),
    ("纪", &["ji"]),
    ("燕", &["yan"]),
    ("过", &["guo"]),
    ("曲", &["qu"]),
    ("藏", &["zang"]),
    ("折", &["she"]),
    ("阚", &["kan"]),
];

/// The plausible readings of each syllable of a name, as plain lower-case pinyin with `v` for `ü`.
/// Characters without a reading (letters, `·`) are skipped.
pub fn syllable_readings(name: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<Vec<String>> = Vec::with_capacity(chars.len());
    let mut start = 0;
    if let Some((surname, readings)) = SURNAMES.iter().find(|(s, _)| name.starts_with(s)) {
        let n = surname.chars().count();
        if n == readings.len() {
            // compound surname: one reading per character, plus the common reading of each
            for (i, r) in readings.iter().enumerate() {
                out.push(with_common(chars[i], &[r]));
            }
        } else {
            out.push(with_common(chars[0], readings));
        }
        start = n;
    }
    for (i, &c) in chars.iter().enumerate().skip(start) {
        // A surname not in the table is read the common way (丁 is dīng, never zhēng); given-name characters keep
        // a second reading, because parents do pick 乐 for yuè as often as for lè.
        let readings = dictionary_readings(c, if i == 0 { 1 } else { 2 });
        if !readings.is_empty() {
            out.push(readings);
        }
    }
    out
}

fn with_common(c: char, preferred: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = preferred.iter().map(|s| (*s).to_owned()).collect();
    for r in dictionary_readings(c, 1) {
        if !v.contains(&r) {
            v.push(r);
        }
    }
    v
}

/// Up to `max` dictionary readings of `c`, common reading first.
fn dictionary_readings(c: char, max: usize) -> Vec<String> {
    let Some(multi) = c.to_pinyin_multi() else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for p in multi {
        let plain = p.plain().replace('ü', "v");
        if !out.contains(&plain) {
            out.push(plain);
        }
        if out.len() == max {
            break;
        }
    }
    out
}

/// Every spelling of a name: each reading combination, each syllable in full or by its initial.
pub fn spellings(name: &str) -> Vec<String> {
    let syllables = syllable_readings(name);
    if syllables.is_empty() {
        return Vec::new();
    }
    // Expand reading combinations first (capped), then full/initial masks for each.
    let mut combos: Vec<Vec<&str>> = vec![Vec::new()];
    for readings in &syllables {
        let mut next = Vec::with_capacity(combos.len() * readings.len());
        for combo in &combos {
            for r in readings {
                if next.len() >= 8 {
                    break;
                }
                let mut c = combo.clone();
                c.push(r.as_str());
                next.push(c);
            }
        }
        combos = next;
    }
    let n = syllables.len();
    let masks: Vec<u32> = if n <= 4 {
        (0..1u32 << n).collect()
    } else {
        // long names: all full, all initials, full surname + initials
        vec![0, (1 << n) - 1, ((1 << n) - 1) & !1]
    };
    let mut out: Vec<String> = Vec::new();
    'outer: for combo in &combos {
        for &mask in &masks {
            let s: String = combo
                .iter()
                .enumerate()
                .map(|(i, r)| if mask & (1 << i) != 0 { &r[..r.chars().next().map_or(0, char::len_utf8)] } else { r })
                .collect();
            if !out.contains(&s) {
                out.push(s);
                if out.len() >= MAX_SPELLINGS {
                    break 'outer;
                }
            }
        }
    }
    out
}

/// The full-pinyin and initials spellings of every suffix of a (long) place name, so that "yaomeng" and "ym"
/// find 湛河区姚孟街道联络站.
pub fn suffix_spellings(name: &str) -> Vec<String> {
    let syllables: Vec<String> = name.chars().filter_map(|c| dictionary_readings(c, 1).into_iter().next()).collect();
    let mut out = Vec::with_capacity(syllables.len() * 2);
    for start in 0..syllables.len() {
        let full: String = syllables[start..].concat();
        let initials: String = syllables[start..].iter().filter_map(|s| s.chars().next()).collect();
        out.push(full);
        if initials.len() > 1 {
            out.push(initials);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_name() {
        let s = spellings("张明新");
        for want in ["zhangmingxin", "zmx", "zhangmx", "zmingxin", "zhangmingx"] {
            assert!(s.contains(&want.to_owned()), "{want} missing from {s:?}");
        }
    }

    #[test]
    fn special_surnames_have_both_readings() {
        let cases = [
            ("单雄", "shanxiong", "danxiong"),
            ("曾国强", "zengguoqiang", "cengguoqiang"),
            ("区志坚", "ouzhijian", "quzhijian"),
            ("仇伟", "qiuwei", "chouwei"),
            ("解放", "xiefang", "jiefang"),
            ("朴成浩", "piaochenghao", "puchenghao"),
            ("查良镛", "zhaliangyong", "chaliangyong"),
            ("尉迟敬德", "yuchijingde", "weichijingde"),
        ];
        for (name, surname_reading, common) in cases {
            let s = spellings(name);
            assert!(s.contains(&surname_reading.to_owned()), "{name}: {surname_reading} missing from {s:?}");
            assert!(s.contains(&common.to_owned()), "{name}: {common} missing from {s:?}");
        }
        assert!(spellings("尉迟敬德").contains(&"ycjd".to_owned()));
    }

    #[test]
    fn a_surname_outside_the_table_has_only_its_common_reading() {
        let s = spellings("丁满学");
        assert!(s.contains(&"dmx".to_owned()));
        assert!(!s.iter().any(|x| x.starts_with('z')), "{s:?}");
    }

    #[test]
    fn u_umlaut_is_v() {
        let s = spellings("吕丽");
        assert!(s.contains(&"lvli".to_owned()), "{s:?}");
        assert!(s.iter().all(|x| !x.contains('ü')));
    }

    #[test]
    fn long_names_stay_bounded() {
        assert!(spellings("阿卜杜热合曼·买买提").len() <= MAX_SPELLINGS);
        assert!(spellings("Tom").is_empty());
    }

    #[test]
    fn place_suffixes() {
        let s = suffix_spellings("姚孟街道联络站");
        assert!(s.contains(&"yaomengjiedaolianluozhan".to_owned()));
        assert!(s.contains(&"jiedaolianluozhan".to_owned()));
        assert!(s.contains(&"ymjdllz".to_owned()));
    }
}
