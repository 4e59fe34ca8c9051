//! What every PDF output shares: its error, the payload each code carries, and the document's finishing step.
//!
//! PDFs are written with krilla: it embeds only the glyphs a document uses (a subset font: 100 cards ≈ 0.4 MB
//! with a CJK font that is 16 MB whole), draws QR modules as vector paths, and keeps text as text (ToUnicode), so
//! a printed sheet can be searched and `pdftotext` reads every name back.

use crate::fonts::FontError;
use crate::matrix::EncodeError;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// A font problem: none found, or a character no font has.
    #[error(transparent)]
    Font(#[from] FontError),
    /// A payload too long for a code.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// A stored photo that cannot be read.
    #[error("代表 {name} 的照片无法读取：{reason}")]
    Photo {
        /// Whose photo.
        name: String,
        /// The decoder's message.
        reason: String,
    },
    /// The caller's progress callback asked to stop.
    #[error("已取消")]
    Cancelled,
    /// krilla refused the document (a bug on our side, not the user's).
    #[error("生成 PDF 失败：{0}")]
    Pdf(String),
}

/// The text a code carries when the caller has none yet: the code of the deputy or platform itself.
///
/// Cards and posters take their payload from the caller ([`crate::card::Card::payload`],
/// [`crate::poster::Poster::payload`]): the URL from the office's template, optionally signed. This function is
/// only for previews and tests made before a template is configured.
pub fn bare_payload(code: &str) -> String {
    code.to_owned()
}

/// Progress of a long job: called with (done, total) after each card or page; returning `false` cancels the job,
/// which then fails with [`PrintError::Cancelled`] and writes nothing.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

pub(crate) fn finish(document: krilla::Document) -> Result<Vec<u8>, PrintError> {
    document.finish().map_err(|e| PrintError::Pdf(format!("{e:?}")))
}

pub(crate) fn page_settings(width_pt: f32, height_pt: f32) -> krilla::page::PageSettings {
    krilla::page::PageSettings::from_wh(width_pt, height_pt).expect("positive page size")
}
