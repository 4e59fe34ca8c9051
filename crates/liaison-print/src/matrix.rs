//! A text to a QR module matrix: the one encoding every output (PNG, SVG, PDF vector modules) draws from.
//!
//! Printed codes use error correction M (15 % of the code may be damaged) or Q (25 %: a card in a wallet, a poster
//! in the sun). The quiet zone is 4 modules, what ISO/IEC 18004 asks for, so a code cut out of an A4 sheet along its
//! crop marks still scans.

use qrcode::EcLevel;
use qrcode::canvas::Canvas;

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

/// Encodes `text` (UTF-8 bytes) at error correction `ec`: exactly `qrcode`'s `QrCode::with_error_correction_level`
/// (its segments, version, codewords, canvas and masks), with the mask chosen by [`crate::mask`]'s faster scoring.
pub fn encode(text: &str, ec: Ec) -> Result<QrMatrix, EncodeError> {
    let level = level(ec);
    let too_long = |_| EncodeError::TooLong(text.len());
    let bits = qrcode::bits::encode_auto(text.as_bytes(), level).map_err(too_long)?;
    let version = bits.version();
    let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, level).map_err(too_long)?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    let size = usize::try_from(version.width()).expect("a QR version's width is positive");
    Ok(QrMatrix { size, modules: crate::mask::apply_best_mask(&canvas, size) })
}

/// Encodes every text on every core ([`crate::par::map`]), in order.
pub fn encode_all<S: AsRef<str> + Sync>(texts: &[S], ec: Ec) -> Vec<Result<QrMatrix, EncodeError>> {
    crate::par::map(texts, |t| encode(t.as_ref(), ec))
}

fn level(ec: Ec) -> EcLevel {
    match ec {
        Ec::M => EcLevel::M,
        Ec::Q => EcLevel::Q,
    }
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

    /// Module for module what `qrcode` itself draws: URLs plain and signed-length, platform codes, digits, Chinese,
    /// every length up to a few hundred bytes (so many versions and all eight masks get chosen) and one of 1,540
    /// (wider than 128 modules), both levels.
    #[test]
    fn every_code_is_exactly_what_qrcode_draws() {
        let mut texts: Vec<String> = Vec::new();
        for i in (0..400usize).step_by(5) {
            texts.push(format!("https://rd.pds.gov.cn/d/D{i:06}"));
            texts.push(format!(
                "https://rd.example.gov.cn/d/D{i:06}?v={}&s={}",
                i % 7 + 1,
                "Ab-_9z".repeat(14 + i % 3)
            ));
            texts.push(format!("HTTPS://RD.PDS.GOV.CN/S/XH-{i:04}"));
            texts.push((0..i).map(|k| char::from(b'!' + ((k * 7 + i) % 90) as u8)).collect());
            texts.push(format!("{}", 10u128.pow((i % 30) as u32) + i as u128));
            texts.push("光明路社区人大代表联络站".repeat(1 + i % 9));
        }
        // Versions wider than 128 modules, scored by `mask`'s per-module path.
        texts.push("https://rd.pds.gov.cn/".repeat(70));
        assert!(encode(texts.last().unwrap(), Ec::Q).unwrap().size > 128);
        let mut masks = std::collections::BTreeSet::new();
        for text in &texts {
            for ec in [Ec::M, Ec::Q] {
                let Ok(reference) = qrcode::QrCode::with_error_correction_level(text.as_bytes(), level(ec)) else {
                    assert!(encode(text, ec).is_err(), "{text}");
                    continue;
                };
                let ours = encode(text, ec).unwrap();
                assert_eq!(ours.size, reference.width(), "{text}");
                let theirs: Vec<bool> = reference.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
                assert!(ours.modules == theirs, "{ec:?} {text}");
                // The format information (row 8, columns 0..6) differs between masks: count which were chosen.
                masks.insert((0..6).map(|x| ours.dark(x, 8)).collect::<Vec<_>>());
            }
        }
        assert!(masks.len() >= 8, "only {} distinct format patterns: the test did not exercise the masks", masks.len());
    }
}
