//! A text to a QR module matrix: the one encoding every output (PNG, SVG, PDF vector modules) draws from.
//!
//! Printed codes use error correction M (15 % of the code may be damaged) or Q (25 %: a card in a wallet, a poster
//! in the sun). The quiet zone is 4 modules, what ISO/IEC 18004 asks for, so a code cut out of an A4 sheet along its
//! crop marks still scans.

use qrcode::{EcLevel, QrCode};

/// The quiet zone around a printed code, in modules (ISO/IEC 18004).
pub const QUIET_ZONE: usize = 4;

/// Error correction for print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ec {
    /// 15 % recoverable: smaller codes; cards kept flat.
    #[default]
    M,
    /// 25 % recoverable: posters outdoors, cards that get worn.
    Q,
}

/// A code's dark and light modules, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub size: usize,
    /// Row-major, `true` = dark.
    pub modules: Vec<bool>,
}

impl QrMatrix {
    /// Whether the module at column `x`, row `y` is dark.
    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.modules[y * self.size + x]
    }

    /// Modules per side including the quiet zone on both sides.
    pub fn size_with_quiet_zone(&self) -> usize {
        self.size + 2 * QUIET_ZONE
    }
}

/// Why a text could not become a code.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    /// Longer than a QR code holds at this error correction.
    #[error("二维码内容过长（{0} 字节）")]
    TooLong(usize),
}

/// Encodes `text` (UTF-8 bytes) at error correction `ec`.
pub fn encode(text: &str, ec: Ec) -> Result<QrMatrix, EncodeError> {
    let level = match ec {
        Ec::M => EcLevel::M,
        Ec::Q => EcLevel::Q,
    };
    let code =
        QrCode::with_error_correction_level(text.as_bytes(), level).map_err(|_| EncodeError::TooLong(text.len()))?;
    let size = code.width();
    let modules = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Ok(QrMatrix { size, modules })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_encodes_to_a_square_matrix_with_finder_patterns() {
        let m = encode("https://rd.pds.gov.cn/d/D000001", Ec::M).unwrap();
        assert_eq!(m.modules.len(), m.size * m.size);
        assert!(m.size >= 21 && (m.size - 17).is_multiple_of(4), "a QR version's size: {}", m.size);
        // The top-left finder pattern: a dark 7×7 ring around a light ring around a dark 3×3 core.
        assert!(m.dark(0, 0) && m.dark(6, 0) && m.dark(0, 6) && m.dark(6, 6));
        assert!(!m.dark(1, 1) && m.dark(3, 3));
        assert!(encode("https://rd.pds.gov.cn/d/D000001", Ec::Q).unwrap().size >= m.size, "Q needs at least as much");
        assert!(matches!(encode(&"x".repeat(4000), Ec::Q), Err(EncodeError::TooLong(4000))));
    }
}
