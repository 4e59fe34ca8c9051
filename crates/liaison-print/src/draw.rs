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
pub enum Align {
    Left,
    Center,
    Right,
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
        Align::Right => x + width - w,
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

/// Draws the code as vector outlines in a square of side `side` whose top-left is (`x`, `y`); the square
/// includes the quiet zone, which is left unpainted (white paper).
///
/// The path is in module units under a scaling transform (small integers keep the content stream short: a city's
/// sheets hold millions of them) and traces the outlines of the dark areas ([`module_outlines`]) rather than a
/// rectangle per run: krilla writes each rectangle as a move, three lines and a close, so outlines, whose corners
/// are shared, make the content stream — and the time spent deflating it — markedly smaller.
pub(crate) fn qr(surface: &mut Surface<'_>, code: &QrMatrix, x: f32, y: f32, side: f32) {
    let module = side / code.size_with_quiet_zone() as f32;
    let mut pb = PathBuilder::new();
    for outline in module_outlines(code) {
        let mut corners = outline.iter().map(|&(cx, cy)| (cx as f32, cy as f32));
        if let Some((x0, y0)) = corners.next() {
            pb.move_to(x0, y0);
            corners.for_each(|(cx, cy)| pb.line_to(cx, cy));
            pb.close();
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

/// The outlines of the dark modules: closed loops of corner points (module coordinates, y downwards), each edge
/// directed with the dark side on its right, so holes run the other way round and the non-zero fill rule (krilla's
/// default) paints exactly the dark modules.
///
/// Every boundary edge of a dark module starts and ends at grid points with as many edges in as out, so following
/// unused edges from any point always returns to it; where two dark modules touch only at a corner either way on
/// is right, since the winding number depends on the edges alone, not on how they are joined into loops.
pub(crate) fn module_outlines(code: &QrMatrix) -> Vec<Vec<(usize, usize)>> {
    const RIGHT: u8 = 1;
    const DOWN: u8 = 2;
    const LEFT: u8 = 4;
    const UP: u8 = 8;
    let n = code.size;
    let stride = n + 1;
    let dark = |x: usize, y: usize| x < n && y < n && code.dark(x, y);
    // The directions of the unused boundary edges leaving each grid point (x, y) at y * stride + x.
    let mut out = vec![0u8; stride * stride];
    for y in 0..n {
        for x in (0..n).filter(|&x| code.dark(x, y)) {
            if y == 0 || !dark(x, y - 1) {
                out[y * stride + x] |= RIGHT;
            }
            if !dark(x + 1, y) {
                out[y * stride + x + 1] |= DOWN;
            }
            if !dark(x, y + 1) {
                out[(y + 1) * stride + x + 1] |= LEFT;
            }
            if x == 0 || !dark(x - 1, y) {
                out[(y + 1) * stride + x] |= UP;
            }
        }
    }
    let mut outlines = Vec::new();
    for start in 0..out.len() {
        while out[start] != 0 {
            let mut corners = Vec::new();
            let (mut at, mut previous, mut first) = (start, 0u8, 0u8);
            loop {
                let dir = out[at] & out[at].wrapping_neg(); // the lowest unused direction
                out[at] &= !dir;
                if dir != previous {
                    corners.push((at % stride, at / stride));
                }
                if first == 0 {
                    first = dir;
                }
                previous = dir;
                at = match dir {
                    RIGHT => at + 1,
                    DOWN => at + stride,
                    LEFT => at - 1,
                    _ => at - stride,
                };
                if at == start {
                    break;
                }
            }
            // A loop that closes in the middle of a straight side: its start is no corner.
            if previous == first && corners.len() > 1 {
                corners.remove(0);
            }
            outlines.push(corners);
        }
    }
    outlines
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

    /// The winding number of the point (`px`, `py`) (module units) around the outlines, by a ray to the right.
    fn winding(outlines: &[Vec<(usize, usize)>], px: f32, py: f32) -> i32 {
        let mut w = 0;
        for o in outlines {
            for (i, &(x1, y1)) in o.iter().enumerate() {
                let (x2, y2) = o[(i + 1) % o.len()];
                let (x1, y1, x2, y2) = (x1 as f32, y1 as f32, x2 as f32, y2 as f32);
                if x1 == x2 && x1 > px && (y1.min(y2)..y1.max(y2)).contains(&py) {
                    w += if y2 > y1 { 1 } else { -1 };
                }
            }
        }
        w
    }

    #[test]
    fn the_outlines_fill_exactly_the_dark_modules_with_fewer_points_than_rectangles() {
        for text in [
            "https://rd.pds.gov.cn/d/D000001",
            &format!("https://rd.example.gov.cn/d/D000001?v=1&s={}", "Ab-_9z".repeat(15)),
        ] {
            let code = crate::matrix::encode(text, crate::matrix::Ec::M).unwrap();
            let outlines = module_outlines(&code);
            for y in 0..code.size {
                for x in 0..code.size {
                    let w = winding(&outlines, x as f32 + 0.5, y as f32 + 0.5);
                    assert_eq!(w != 0, code.dark(x, y), "module ({x}, {y}): winding {w}");
                }
            }
            // Every side is axis-parallel and every listed point is a corner (the direction turns there).
            for o in &outlines {
                for i in 0..o.len() {
                    let (a, b, c) = (o[(i + o.len() - 1) % o.len()], o[i], o[(i + 1) % o.len()]);
                    assert!(a.0 == b.0 || a.1 == b.1, "{a:?} → {b:?} not axis-parallel");
                    assert!(!((a.0 == b.0 && b.0 == c.0) || (a.1 == b.1 && b.1 == c.1)), "{b:?} is no corner");
                }
            }
            // Versus a rectangle (4 points) per run of dark modules in a row.
            let runs: usize = (0..code.size)
                .map(|row| (0..code.size).filter(|&c| code.dark(c, row) && (c == 0 || !code.dark(c - 1, row))).count())
                .sum();
            let points: usize = outlines.iter().map(Vec::len).sum();
            assert!(points * 10 < runs * 4 * 8, "{points} outline points for {runs} runs");
        }
    }
}
