//! Turns the bytes of a text file (CSV/TXT) into a string, guessing the encoding the way Chinese offices need.
//!
//! Files come from Excel on Chinese Windows ("CSV" = GBK, "CSV UTF-8" = UTF-8 with BOM), from web systems
//! (UTF-8 without BOM) and from "Unicode text" exports (UTF-16 with BOM). A BOM decides; otherwise valid UTF-8
//! is UTF-8 and anything else is read as GB18030, the superset of GBK and GB2312.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::error::SheetsError;

/// The decoded text, without BOM.
///
/// A few undecodable bytes (a file cut off mid-character, one corrupt byte) become U+FFFD so the rest of the
/// file is still usable; a file in which more than 1 in 20 non-ASCII characters is undecodable is not text in
/// any of these encodings and is refused with [`SheetsError::Encoding`].
pub(crate) fn decode_text<'a>(bytes: &'a [u8], name: &str) -> Result<Cow<'a, str>, SheetsError> {
    let text = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        encoding.decode_without_bom_handling(&bytes[bom_len..]).0
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        Cow::Borrowed(text)
    } else {
        // Invalid UTF-8. GBK text read as UTF-8 is almost all errors; UTF-8 with a damaged byte is almost all
        // valid characters. Take whichever reading is cleaner.
        let as_utf8 = UTF_8.decode_without_bom_handling(bytes).0;
        let (utf8_good, utf8_bad) = char_quality(&as_utf8);
        if utf8_good > utf8_bad { as_utf8 } else { GB18030.decode_without_bom_handling(bytes).0 }
    };
    let (good, bad) = char_quality(&text);
    if bad * 20 > good + bad {
        return Err(SheetsError::Encoding { name: name.to_owned() });
    }
    Ok(text)
}

/// (decoded non-ASCII characters, replacement characters) in `text`.
fn char_quality(text: &str) -> (usize, usize) {
    text.chars()
        .filter(|c| !c.is_ascii())
        .fold((0, 0), |(good, bad), c| if c == char::REPLACEMENT_CHARACTER { (good, bad + 1) } else { (good + 1, bad) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE};

    const TEXT: &str = "姓名,电话\n张三,13812345678\n欧阳·娜娜,\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        assert_eq!(decode_text(&with_bom, "a.csv").unwrap(), TEXT);
        assert!(matches!(decode_text(TEXT.as_bytes(), "a.csv").unwrap(), Cow::Borrowed(_)));
    }

    #[test]
    fn gbk_and_gb18030_bytes() {
        let (bytes, _, unmappable) = GB18030.encode(TEXT);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "the test needs bytes that are not UTF-8");
        assert_eq!(decode_text(&bytes, "a.csv").unwrap(), TEXT);
        // A rare character outside GBK (𠀀 U+20000) only GB18030 can encode.
        let rare = "𠀀,张\n";
        assert_eq!(decode_text(&GB18030.encode(rare).0, "a.csv").unwrap(), rare);
    }

    #[test]
    fn utf16_with_bom() {
        let le = [b"\xFF\xFE".as_slice(), &TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()].concat();
        let be = [b"\xFE\xFF".as_slice(), &TEXT.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<_>>()].concat();
        assert_eq!(decode_text(&le, "a.txt").unwrap(), TEXT);
        assert_eq!(decode_text(&be, "a.txt").unwrap(), TEXT);
        // encoding_rs agrees on what these bytes are.
        assert_eq!(UTF_16LE.decode(&le).0, TEXT);
        assert_eq!(UTF_16BE.decode(&be).0, TEXT);
    }

    #[test]
    fn utf8_cut_off_mid_character_stays_utf8() {
        let mut bytes = TEXT.repeat(5).into_bytes();
        bytes.extend_from_slice(&"张".as_bytes()[..2]);
        let text = decode_text(&bytes, "a.csv").unwrap();
        assert!(text.starts_with(TEXT));
        assert!(text.ends_with(char::REPLACEMENT_CHARACTER));
    }

    #[test]
    fn binary_junk_is_an_encoding_error() {
        let junk: Vec<u8> = (0..400u32).map(|i| [0x80, 0xFF, 0xC3, 0x28][i as usize % 4]).collect();
        let err = decode_text(&junk, "名单.csv").unwrap_err();
        assert!(matches!(&err, SheetsError::Encoding { name } if name == "名单.csv"), "{err:?}");
    }
}
