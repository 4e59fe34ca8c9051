//! The text a code carries: a URL of the city's online channel, filled from the template the office set
//! ([`liaison_core::qr_settings`]), e.g. `https://rd.pds.gov.cn/d/D000001` for a deputy and
//! `https://rd.pds.gov.cn/s/XH-01` for a platform.
//!
//! Only stable codes go in (the deputy number, the platform code): never a phone number, nothing that changes when a
//! deputy's phone does, so a printed card stays valid for the whole term. A code is percent-encoded where it is not
//! plain URL text, so an unusual code still gives a URL that every scanner recognises and [`parse`] gives back
//! the exact code.

use liaison_core::qr_settings::{self, DEPUTY_PLACEHOLDER, QrSettings, STATION_PLACEHOLDER};
use liaison_core::roster::query;
use liaison_core::{Error, Result};
use rusqlite::Connection;
use serde::Serialize;

/// Whom a code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A deputy's card (亮身份): the deputy template.
    Deputy,
    /// A platform's poster (station, point, legislative contact point …): the station template.
    Platform,
}

impl Kind {
    /// The placeholder of this kind's template.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Deputy => DEPUTY_PLACEHOLDER,
            Kind::Platform => STATION_PLACEHOLDER,
        }
    }

    /// One letter for the signed message: short, and never changes with a label's wording.
    pub(crate) fn tag(self) -> &'static str {
        match self {
            Kind::Deputy => "d",
            Kind::Platform => "s",
        }
    }
}

/// The two URL templates, validated (see [`qr_settings::validate_template`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Templates {
    deputy: String,
    station: String,
}

impl Templates {
    /// Validates both templates.
    pub fn new(deputy: &str, station: &str) -> Result<Self> {
        Ok(Templates {
            deputy: qr_settings::validate_template(deputy, DEPUTY_PLACEHOLDER)?,
            station: qr_settings::validate_template(station, STATION_PLACEHOLDER)?,
        })
    }

    /// The templates saved on this installation (the example ones until the office sets its own).
    pub fn load(conn: &Connection) -> Result<Self> {
        Self::from_settings(&qr_settings::load(conn)?)
    }

    /// The templates of loaded settings (validated again: a hand-edited database must not print broken codes).
    pub fn from_settings(settings: &QrSettings) -> Result<Self> {
        Self::new(&settings.deputy_template, &settings.station_template)
    }

    /// The template of `kind`.
    pub fn template(&self, kind: Kind) -> &str {
        match kind {
            Kind::Deputy => &self.deputy,
            Kind::Platform => &self.station,
        }
    }

    /// The URL for `kind` and `code`. A blank code is refused: it would print a code that opens a list page.
    pub fn url(&self, kind: Kind, code: &str) -> Result<String> {
        let code = code.trim();
        if code.is_empty() {
            return Err(Error::Invalid("编码为空，无法生成二维码".into()));
        }
        Ok(self.template(kind).replacen(kind.placeholder(), &percent_encode(code), 1))
    }
}

/// A scanned text taken apart against the templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// Deputy or platform.
    pub kind: Kind,
    /// The code, percent-decoded.
    pub code: String,
    /// What followed the template's end (a signature's query parameters, or nothing).
    pub rest: &'a str,
}

/// Takes `text` apart: which template it was filled from, the code, and what follows. `None` when it matches
/// neither template (not one of our codes). The code is what lies between the template's text before and after
/// the placeholder; it must be non-empty, and contain no `/`, `?`, `&` or `#` (which our filling never writes).
pub fn parse<'a>(text: &'a str, templates: &Templates) -> Option<Parsed<'a>> {
    [Kind::Deputy, Kind::Platform].into_iter().find_map(|kind| {
        let template = templates.template(kind);
        let (before, after) = template.split_once(kind.placeholder())?;
        let tail = text.strip_prefix(before)?;
        let end = tail.find(['/', '?', '&', '#']).unwrap_or(tail.len());
        let (raw_code, after_code) = tail.split_at(end);
        let rest = after_code.strip_prefix(after)?;
        let code = percent_decode(raw_code)?;
        (!code.is_empty() && percent_encode(&code) == raw_code).then_some(Parsed { kind, code, rest })
    })
}

/// The URL on deputy `code`'s card, from this installation's template. Fails with "not found" when the roster has
/// no such deputy, so no card is printed for a mistyped number.
pub fn deputy_url(conn: &Connection, code: &str) -> Result<String> {
    query::deputy_by_code(conn, code.trim())?.ok_or_else(|| Error::NotFound(format!("代表编号 {code}")))?;
    Templates::load(conn)?.url(Kind::Deputy, code)
}

/// The URL on platform `code`'s poster, from this installation's template (any platform kind).
pub fn station_url(conn: &Connection, code: &str) -> Result<String> {
    query::platform_by_code(conn, code.trim())?.ok_or_else(|| Error::NotFound(format!("联络站编码 {code}")))?;
    Templates::load(conn)?.url(Kind::Platform, code)
}

/// Keeps URL-unreserved ASCII (RFC 3986: letters, digits, `-._~`) as it is and percent-encodes every other byte.
/// Roster codes are ASCII (D000001, XH-01), so in practice this changes nothing; it guards a code with a space or a
/// Chinese character from producing a URL that scanners cut short.
fn percent_encode(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for b in code.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use liaison_core::Store;

    fn example() -> Templates {
        Templates::new(qr_settings::EXAMPLE_DEPUTY_TEMPLATE, qr_settings::EXAMPLE_STATION_TEMPLATE).unwrap()
    }

    #[test]
    fn urls_fill_the_templates_and_parse_back() {
        let t = example();
        assert_eq!(t.url(Kind::Deputy, "D000001").unwrap(), "https://rd.example.gov.cn/d/D000001");
        assert_eq!(t.url(Kind::Platform, " XH-01 ").unwrap(), "https://rd.example.gov.cn/s/XH-01");
        let odd = t.url(Kind::Platform, "站 1/2").unwrap();
        assert_eq!(odd, "https://rd.example.gov.cn/s/%E7%AB%99%201%2F2");
        assert_eq!(parse(&odd, &t).unwrap().code, "站 1/2");
        let p = parse("https://rd.example.gov.cn/d/D000001?v=1&s=abc", &t).unwrap();
        assert_eq!((p.kind, p.code.as_str(), p.rest), (Kind::Deputy, "D000001", "?v=1&s=abc"));
        assert_eq!(parse("https://evil.example.com/d/D000001", &t), None);
        assert_eq!(parse("https://rd.example.gov.cn/d/", &t), None);
        assert_eq!(parse("https://rd.example.gov.cn/d/%e7", &t), None, "not our encoding");
        assert!(t.url(Kind::Deputy, "  ").is_err());

        let q = Templates::new("http://h.cn/qr?d={deputy_code}&x=1", "https://h.cn/{station_code}/p").unwrap();
        assert_eq!(q.url(Kind::Deputy, "D1").unwrap(), "http://h.cn/qr?d=D1&x=1");
        assert_eq!(parse("http://h.cn/qr?d=D1&x=1&v=2", &q).unwrap().rest, "&v=2");
        assert_eq!(parse("https://h.cn/XH-01/p", &q).unwrap().code, "XH-01");
    }

    #[test]
    fn templates_are_validated_in_chinese() {
        let cases = [
            ("ftp://h.cn/d/{deputy_code}", "https:// 或 http://"),
            ("https://h.cn/d/", "恰好含一个 {deputy_code}"),
            ("https://h.cn/{deputy_code}/{deputy_code}", "恰好含一个"),
            ("https://h.cn/s/{station_code}", "恰好含一个 {deputy_code}"),
            ("https://h.cn/d/{deputy_code}?p={phone}", "花括号"),
            ("https://{deputy_code}.h.cn/", "主机名"),
            ("https:///d/{deputy_code}", "主机名"),
            ("https://h.cn/d /{deputy_code}", "空格"),
            ("https://h.cn/#/d/{deputy_code}", "#"),
        ];
        for (template, why) in cases {
            let err = qr_settings::validate_template(template, DEPUTY_PLACEHOLDER).unwrap_err();
            assert!(matches!(&err, Error::Invalid(m) if m.contains(why)), "{template}: {err}");
        }
        assert!(qr_settings::validate_template(" http://h.cn/d/{deputy_code} ", DEPUTY_PLACEHOLDER).is_ok());
    }

    #[test]
    fn settings_default_to_the_example_and_are_set_with_an_audit() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let s = qr_settings::load(store.conn()).unwrap();
        assert!(s.is_example() && s.office_public_key.is_none());
        let err = store.write("t", |w| qr_settings::set_templates(w, None, Some("https://x/{station_code}"), None));
        assert!(err.is_err(), "the deputy template needs the deputy placeholder");
        let saved = store
            .write("t", |w| qr_settings::set_templates(w, None, Some("https://rd.pds.gov.cn/d/{deputy_code}"), None))
            .unwrap();
        assert_eq!(saved.deputy_template, "https://rd.pds.gov.cn/d/{deputy_code}");
        assert_eq!(saved.station_template, qr_settings::EXAMPLE_STATION_TEMPLATE, "left as it was");
        assert!(saved.is_example(), "the station template is still the example");
        let key = "A".repeat(43);
        assert!(store.write("t", |w| qr_settings::set_office_public_key(w, None, "short")).is_err());
        let saved = store.write("t", |w| qr_settings::set_office_public_key(w, None, &key)).unwrap();
        assert_eq!(saved.office_public_key.as_deref(), Some(key.as_str()));
        let audits: i64 = store
            .conn()
            .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'qr_settings_save'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(audits, 2);
        let missing = store.write("t", |w| qr_settings::set_font_file(w, None, Some("/nope/字体.ttf")));
        assert!(matches!(&missing, Err(Error::Invalid(m)) if m.contains("字体文件不存在")), "{missing:?}");
        let font = dir.path().join("f.ttf");
        std::fs::write(&font, b"any bytes: the app checks the glyphs").unwrap();
        let path = font.display().to_string();
        let saved = store.write("t", |w| qr_settings::set_font_file(w, None, Some(&path))).unwrap();
        assert_eq!(saved.font_file.as_deref(), Some(path.as_str()));
        let cleared = store.write("t", |w| qr_settings::set_font_file(w, None, None)).unwrap();
        assert_eq!(cleared.font_file, None);
        let err = deputy_url(store.conn(), "D404").unwrap_err();
        assert!(matches!(err, Error::NotFound(_)), "{err}");
    }
}
