//! Choosing a code's mask: the ISO/IEC 18004 penalty rules (N1 runs, N2 2×2 blocks, N3 finder-like patterns,
//! N4 dark/light balance), scored the way `qrcode` 0.14 scores them, on a flat array of modules.
//!
//! Why not `qrcode`'s own `apply_best_mask`: it boxes a closure for every position it tests for a finder-like
//! pattern, so most of a code's ≈0.45 ms went to the allocator and the scoring (perf: ≈60 % of a 9,000-card
//! sheet's CPU time). Scored here on bit sets of rows and columns ([`Lines`]), a deputy's URL encodes in ≈47 µs
//! instead of ≈172 µs, a signed one (version 7, a larger code) in ≈112 µs instead of ≈830 µs (divan,
//! `benches/codes.rs`).
//!
//! Everything else is still `qrcode`'s: the data bits, the error correction codewords, the canvas and the masks
//! themselves ([`crate::matrix::encode`]); only the scores are computed here, with the same rules, ties and order,
//! so the chosen mask — and every module — is the one `qrcode` would choose (tested against
//! `QrCode::with_error_correction_level` on 480 texts at both levels).

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::Color;

/// The eight masks in `qrcode`'s order: on equal scores the first wins, as in `qrcode`.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules (row-major, `true` = dark) of `canvas` — functional patterns and data drawn, not yet masked — under
/// the mask with the lowest penalty.
pub(crate) fn apply_best_mask(canvas: &Canvas, size: usize) -> Vec<bool> {
    let mut best: Option<(u32, Vec<bool>)> = None;
    for pattern in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(pattern);
        let modules: Vec<bool> = masked.into_colors().into_iter().map(|c| c == Color::Dark).collect();
        let score = if size <= Lines::MAX { Lines::new(&modules, size).penalty() } else { penalty(&modules, size) };
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, modules));
        }
    }
    best.map(|(_, modules)| modules).expect("eight masks")
}

/// A code's rows and columns as bit sets (bit `k` of line `i` = module `k` of row or column `i`), for codes up to
/// 128 modules wide (version 27; a signed URL is version 7–9): each rule then scores a whole line with a few shifts
/// and a popcount instead of a loop per module — 4–5× faster than [`penalty`], which stays as the reference the
/// tests compare with and for the larger versions.
struct Lines {
    size: usize,
    rows: Vec<u128>,
    cols: Vec<u128>,
}

impl Lines {
    const MAX: usize = 128;

    fn new(m: &[bool], size: usize) -> Lines {
        let mut rows = vec![0u128; size];
        let mut cols = vec![0u128; size];
        for (y, row) in m.chunks_exact(size).enumerate() {
            for (x, _) in row.iter().enumerate().filter(|(_, dark)| **dark) {
                rows[y] |= 1 << x;
                cols[x] |= 1 << y;
            }
        }
        Lines { size, rows, cols }
    }

    /// The same total as [`penalty`].
    fn penalty(&self) -> u32 {
        let lines = self.rows.iter().chain(&self.cols);
        let per_line: u32 = lines.map(|&line| self.runs(line) + self.finders(line)).sum();
        let dark: u32 = self.rows.iter().map(|r| r.count_ones()).sum();
        let ratio = dark as usize * 200 / (self.size * self.size);
        per_line + self.blocks() + u32::try_from(ratio.abs_diff(100)).unwrap_or(u32::MAX)
    }

    /// The lowest `n` bits.
    fn low(n: usize) -> u128 {
        if n >= 128 { u128::MAX } else { (1u128 << n) - 1 }
    }

    /// N1: a run of length L ≥ 5 scores L − 2 = (L − 4) + 2: one point per position where five equal modules
    /// start, two more per run (the first such position of a run).
    fn runs(&self, line: u128) -> u32 {
        let same_next = !(line ^ (line >> 1)) & Self::low(self.size - 1);
        let five = same_next & (same_next >> 1) & (same_next >> 2) & (same_next >> 3) & Self::low(self.size - 4);
        let run_starts = five & !(same_next << 1);
        five.count_ones() + 2 * run_starts.count_ones()
    }

    /// N3: dark-light-dark×3-light-dark at `j` without a dark module in the four before or the four after.
    fn finders(&self, dark: u128) -> u32 {
        let light = !dark & Self::low(self.size);
        let found = dark
            & (light >> 1)
            & (dark >> 2)
            & (dark >> 3)
            & (dark >> 4)
            & (light >> 5)
            & (dark >> 6)
            & Self::low(self.size - 6);
        let dark_before = (dark << 1) | (dark << 2) | (dark << 3) | (dark << 4);
        let dark_after = (dark >> 7) | (dark >> 8) | (dark >> 9) | (dark >> 10);
        40 * (found & !(dark_before & dark_after)).count_ones()
    }

    /// N2: 2 × 2 blocks of one colour.
    fn blocks(&self) -> u32 {
        let pairs = self.rows.windows(2).map(|w| {
            let (a, b) = (w[0], w[1]);
            !(a ^ b) & !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & Self::low(self.size - 1)
        });
        pairs.map(|p| 3 * p.count_ones()).sum()
    }
}

/// The total penalty of a masked code. `qrcode` subtracts 360 from each finder score (the three real finder
/// patterns, counted in every orientation); a constant for every mask, so it is left out here.
fn penalty(m: &[bool], size: usize) -> u32 {
    let row = |i: usize| move |k: usize| m[i * size + k];
    let col = |i: usize| move |k: usize| m[k * size + i];
    let mut score = 0;
    for i in 0..size {
        score += runs(size, row(i)) + runs(size, col(i)) + finders(size, row(i)) + finders(size, col(i));
    }
    score + blocks(m, size) + balance(m)
}

/// N1: every run of 5 + n modules of one colour in a line scores 3 + n.
fn runs(size: usize, get: impl Fn(usize) -> bool) -> u32 {
    let mut score = 0;
    let mut len = 1;
    for k in 1..=size {
        if k < size && get(k) == get(k - 1) {
            len += 1;
        } else {
            if len >= 5 {
                score += len - 2;
            }
            len = 1;
        }
    }
    score
}

/// N2: every 2 × 2 block of one colour (overlapping ones counted) scores 3.
fn blocks(m: &[bool], size: usize) -> u32 {
    let mut score = 0;
    for y in 0..size - 1 {
        for x in 0..size - 1 {
            let c = m[y * size + x];
            if m[y * size + x + 1] == c && m[(y + 1) * size + x] == c && m[(y + 1) * size + x + 1] == c {
                score += 3;
            }
        }
    }
    score
}

/// N3: every dark-light-dark×3-light-dark in a line with four light modules (or the edge) on either side scores
/// 40. As in `qrcode`: "light on a side" means none of the four modules there is dark, outside the code counting
/// as light.
fn finders(size: usize, get: impl Fn(usize) -> bool) -> u32 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let mut score = 0;
    for j in 0..size.saturating_sub(6) {
        if (0..7).any(|k| get(j + k) != PATTERN[k]) {
            continue;
        }
        let dark_before = (j.saturating_sub(4)..j).any(&get);
        let dark_after = (j + 7..(j + 11).min(size)).any(&get);
        if !dark_before || !dark_after {
            score += 40;
        }
    }
    score
}

/// N4: the deviation of the dark share from 50 %, linearly (`qrcode`'s variant: 0 to 100, not in 5 % steps).
fn balance(m: &[bool]) -> u32 {
    let dark = m.iter().filter(|d| **d).count();
    let ratio = dark * 200 / m.len();
    u32::try_from(ratio.abs_diff(100)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bit-set scoring agrees with the per-module reference on every width a QR code can have up to 128 (and
    /// on random modules, so lines of every kind occur).
    #[test]
    fn line_bit_sets_score_exactly_like_the_reference() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut random = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for size in (21..=Lines::MAX).step_by(4).chain([127, 128]) {
            for density in [2, 3, 5] {
                let m: Vec<bool> = (0..size * size).map(|_| random() % density == 0).collect();
                assert_eq!(Lines::new(&m, size).penalty(), penalty(&m, size), "size {size}, 1/{density} dark");
            }
        }
    }

    #[test]
    fn runs_score_three_plus_the_excess_over_five() {
        let line = |s: &str| s.chars().map(|c| c == '#').collect::<Vec<_>>();
        let score = |s: &str| {
            let l = line(s);
            runs(l.len(), |k| l[k])
        };
        assert_eq!(score("#.#.#.#.#"), 0);
        assert_eq!(score("#####.#.#"), 3);
        assert_eq!(score("......#.#"), 4);
        assert_eq!(score("#####.....#"), 6);
    }

    #[test]
    fn a_finder_like_pattern_scores_only_with_light_on_a_side() {
        let score = |s: &str| {
            let l: Vec<bool> = s.chars().map(|c| c == '#').collect();
            finders(l.len(), |k| l[k])
        };
        assert_eq!(score("#.###.#....#"), 40, "light after");
        assert_eq!(score("#.###.#"), 40, "the edges count as light");
        assert_eq!(score("#...#.###.#...#"), 0, "a dark module within four on both sides");
        assert_eq!(score("#.##..#...."), 0, "not the pattern");
    }
}
