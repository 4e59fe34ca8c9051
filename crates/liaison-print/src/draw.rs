//! What cards, posters and sheets draw with: millimetres, text lines, vector QR modules, rules and photos on a
//! krilla surface. Coordinates are in points from the page's top-left corner, y downwards (krilla's convention).

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;

use crate::fonts::{FontError, FontSet, Shaped};
use crate::matrix::{QUIET_ZONE, QrMatrix};

/// Points in a millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// The liaison stations' red (党政红), for the card's band.
pub const RED: (u8, u8, u8) = (200, 16, 46);

pub(crate) fn fill(surface: &mut Surface<'_>, (r, g, b): (u8, u8, u8)) {
    surface.set_fill(Some(Fill { paint: rgb::Color::new(r, g, b).into(), ..Fill::default() }));
}

pub(crate) fn black(surface: &mut Surface<'_>) {
    fill(surface, (0, 0, 0));
}

/// Draws shaped text with its left end at `x` and its baseline at `y`.
pub(crate) fn text_at(surface: &mut Surface<'_>, fonts: &FontSet, shaped: &Shaped, x: f32, y: f32, size: f32) {
    let mut x = x;
    for run in &shaped.runs {
        surface.draw_glyphs(Point::from_xy(x, y), &run.glyphs, fonts.font(run.font).clone(), &run.text, size, false);
        x += run.width_em * size;
    }
}

/// How a line sits in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// Draws one line of `text` in the box from `x` to `x + width`, baseline at `y`; returns its width.
pub(crate) fn line(
    surface: &mut Surface<'_>,
    fonts: &FontSet,
    text: &str,
    (x, width): (f32, f32),
    y: f32,
    size: f32,
    align: Align,
) -> Result<f32, FontError> {
    let shaped = fonts.shape(text)?;
    let w = shaped.width(size);
    let left = match align {
        Align::Left => x,
        Align::Center => x + (width - w) / 2.0,
    };
    text_at(surface, fonts, &shaped, left, y, size);
    Ok(w)
}

/// A block of wrapped text laid out in a box: its lines, size and line height, all in points.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub lines: Vec<String>,
    pub size: f32,
    pub leading: f32,
}

impl Block {
    /// Wraps `text` to `width` at `size` with 1.3 leading.
    pub fn wrap(fonts: &FontSet, text: &str, size: f32, width: f32) -> Result<Block, FontError> {
        Ok(Block { lines: fonts.wrap(text, size, width)?, size, leading: size * 1.3 })
    }

    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * self.leading
    }

    /// Draws the lines with the first line's top at `top`; returns the y below the last line.
    pub fn draw(
        &self,
        surface: &mut Surface<'_>,
        fonts: &FontSet,
        (x, width): (f32, f32),
        top: f32,
        align: Align,
    ) -> Result<f32, FontError> {
        let mut y = top;
        for l in &self.lines {
            let baseline = y + (self.leading - self.size) / 2.0 + fonts.ascender() * self.size;
            line(surface, fonts, l, (x, width), baseline, self.size, align)?;
            y += self.leading;
        }
        Ok(y)
    }
}

/// Draws the code as vector rectangles in a square of side `side` whose top-left is (`x`, `y`); the square
/// includes the quiet zone, which is left unpainted (white paper).
///
/// The path is in module units under a scaling transform (small integers keep the content stream short: a city's
/// sheets hold millions of them), and each rectangle is a run of dark modules in a row, extended down over the
/// rows below that have the same run.
pub(crate) fn qr(surface: &mut Surface<'_>, code: &QrMatrix, x: f32, y: f32, side: f32) {
    let module = side / code.size_with_quiet_zone() as f32;
    let mut pb = PathBuilder::new();
    for (left, top, width, height) in module_rects(code) {
        if let Some(rect) = Rect::from_xywh(left as f32, top as f32, width as f32, height as f32) {
            pb.push_rect(rect);
        }
    }
    if let Some(path) = pb.finish() {
        black(surface);
        let q = QUIET_ZONE as f32 * module;
        surface.push_transform(&Transform::from_row(module, 0.0, 0.0, module, x + q, y + q));
        surface.draw_path(&path);
        surface.pop();
    }
}

/// The dark modules as rectangles `(x, y, width, height)` in modules: runs of a row, merged with the identical
/// runs of the rows below.
pub(crate) fn module_rects(code: &QrMatrix) -> Vec<(usize, usize, usize, usize)> {
    let mut done: Vec<(usize, usize, usize, usize)> = Vec::new();
    // Rectangles still growing downwards, by their run (start, end).
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
    for row in 0..code.size {
        let mut runs = Vec::new();
        let mut col = 0;
        while col < code.size {
            if !code.dark(col, row) {
                col += 1;
                continue;
            }
            let start = col;
            while col < code.size && code.dark(col, row) {
                col += 1;
            }
            runs.push((start, col - start));
        }
        let mut next = Vec::with_capacity(runs.len());
        for (start, width) in runs {
            match open.iter().position(|r| r.0 == start && r.2 == width) {
                Some(i) => {
                    let mut r = open.swap_remove(i);
                    r.3 += 1;
                    next.push(r);
                }
                None => next.push((start, row, width, 1)),
            }
        }
        done.append(&mut open);
        open = next;
    }
    done.append(&mut open);
    done
}

/// A filled rectangle.
pub(crate) fn rect(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8)) {
    let mut pb = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(x, y, w, h) {
        pb.push_rect(r);
    }
    if let Some(path) = pb.finish() {
        fill(surface, color);
        surface.draw_path(&path);
    }
}

/// Thin black lines (crop marks, a card's outline): each `(x1, y1, x2, y2)`.
pub(crate) fn hairlines(surface: &mut Surface<'_>, lines: &[(f32, f32, f32, f32)], width: f32) {
    let mut pb = PathBuilder::new();
    for &(x1, y1, x2, y2) in lines {
        pb.move_to(x1, y1);
        pb.line_to(x2, y2);
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke { width, ..Stroke::default() }));
        surface.draw_path(&path);
        surface.set_stroke(None);
        black(surface);
    }
}

/// Draws a photo (JPEG bytes already cropped to the box's aspect) into the box.
pub(crate) fn photo(surface: &mut Surface<'_>, image: &Image, x: f32, y: f32, w: f32, h: f32) {
    if let Some(size) = Size::from_wh(w, h) {
        surface.push_transform(&Transform::from_translate(x, y));
        surface.draw_image(image.clone(), size);
        surface.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rectangles_cover_exactly_the_dark_modules() {
        let code = crate::matrix::encode("https://rd.pds.gov.cn/d/D000001", crate::matrix::Ec::M).unwrap();
        let mut painted = vec![0u8; code.size * code.size];
        let rects = module_rects(&code);
        for (x, y, w, h) in &rects {
            for row in *y..y + h {
                for col in *x..x + w {
                    painted[row * code.size + col] += 1;
                }
            }
        }
        for (i, dark) in code.modules.iter().enumerate() {
            assert_eq!(painted[i], u8::from(*dark), "module {i}");
        }
        let runs: usize = (0..code.size)
            .map(|row| (0..code.size).filter(|&c| code.dark(c, row) && (c == 0 || !code.dark(c - 1, row))).count())
            .sum();
        assert!(rects.len() < runs, "{} rectangles for {runs} runs", rects.len());
    }
}
