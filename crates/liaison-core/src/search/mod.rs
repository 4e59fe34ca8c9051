//! Find a deputy or a platform as you type: by Chinese name or part of it, full pinyin (`zhangmingxin`), initials
//! (`zmx`), mixed (`zhang mx`), code, or the tail digits of a phone; filtered by level, region, station, flags.
//!
//! The index is an SQLite FTS5 table maintained inside every roster write ([`index`]); a query is one FTS5 `MATCH`
//! of prefix/exact tokens ([`query`]). Spellings come from [`pinyin`], which knows surname readings.

pub mod index;
pub mod pinyin;
pub mod query;

use serde::Serialize;

pub use query::{SearchFilter, SearchHit, search};

/// What a search document describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// A deputy.
    Deputy,
    /// A platform.
    Platform,
}

impl DocKind {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Deputy => "deputy",
            DocKind::Platform => "platform",
        }
    }
}

/// True for CJK ideographs (the basic block and extensions A–H, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF
        | 0x2F800..=0x2FA1F | 0x30000..=0x323AF)
}

/// Normalises typed text: full-width ASCII to half-width, ideographic space to space, lower case, `ü`/`u:` to `v`.
pub fn normalize(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            'ü' | 'Ü' => 'v',
            _ => c,
        })
        .collect();
    mapped.trim().to_lowercase().replace("u:", "v")
}

#[cfg(test)]
mod tests;
