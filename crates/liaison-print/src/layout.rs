//! A small flowing layout for office documents on A4 portrait: a title, subtitle and meta lines, headings,
//! paragraphs wrapped the Chinese way ([`FontSet::wrap`]), tables whose header row is repeated on every page and
//! whose cells wrap, vector charts ([`crate::chart`]) and the folio 第 n 页 共 N 页 at the foot of every page.
//!
//! Content is laid out first into pages of drawing operations and only then written with krilla, because the folio
//! needs the page count. Every text is passed through [`FontSet::cover`] before it is measured, so a rare character
//! pulls in a fallback font or fails with the document's name ([`crate::fonts::FontError::Missing`]).

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::PathBuilder;
use krilla::paint::Stroke;
use krilla::surface::Surface;

pub use crate::draw::Align;
use crate::draw::{self, mm};
use crate::fonts::{FontError, FontSet, Shaped};
use crate::pdf::{PrintError, finish, page_settings};
use crate::sheet::A4;

/// Page margin on every side, mm.
const MARGIN_MM: f32 = 20.0;
/// Body text, title and heading sizes, points.
const BODY: f32 = 11.0;
const TITLE: f32 = 20.0;
const SUBTITLE: f32 = 14.0;
const HEADING: f32 = 13.0;
const META: f32 = 10.0;
const TABLE: f32 = 9.0;
const FOLIO: f32 = 9.0;
/// Line height as a multiple of the size.
const LEADING: f32 = 1.45;
/// Table cell padding, points.
const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 3.0;
/// The header row's shade and the rules' grey.
const HEADER_FILL: (u8, u8, u8) = (232, 236, 242);
const RULE: (u8, u8, u8) = (110, 110, 110);

/// A colour as red, green, blue.
pub type Rgb = (u8, u8, u8);

/// A table: column headers, their relative widths and the rows (as many cells as headers).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column headers.
    pub headers: Vec<String>,
    /// Relative column widths (any scale), one per header.
    pub weights: Vec<f32>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
}

/// One drawing operation, in points from the page's top-left corner.
#[derive(Debug, Clone)]
enum Op {
    Text { shaped: Shaped, x: f32, baseline: f32, size: f32, color: Rgb },
    Lines { lines: Vec<(f32, f32, f32, f32)>, width: f32, color: Rgb },
    Polyline { points: Vec<(f32, f32)>, width: f32, color: Rgb },
    Rect { x: f32, y: f32, w: f32, h: f32, color: Rgb },
}

/// A document being laid out.
pub struct Layout<'f> {
    fonts: &'f mut FontSet,
    /// What the document is, for font errors ("交办单 住建局").
    whose: String,
    pages: Vec<Vec<Op>>,
    /// The top of the free space on the current page.
    y: f32,
}

impl<'f> Layout<'f> {
    /// An empty document on its first page; `whose` names it in font errors.
    pub fn new(fonts: &'f mut FontSet, whose: impl Into<String>) -> Layout<'f> {
        Layout { fonts, whose: whose.into(), pages: vec![Vec::new()], y: Self::top() }
    }

    fn top() -> f32 {
        mm(MARGIN_MM)
    }

    fn bottom() -> f32 {
        mm(A4.1 - MARGIN_MM)
    }

    /// The left edge of the text column.
    pub(crate) fn left() -> f32 {
        mm(MARGIN_MM)
    }

    /// The width of the text column.
    pub(crate) fn width() -> f32 {
        mm(A4.0 - 2.0 * MARGIN_MM)
    }

    /// Pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = Self::top();
    }

    /// Makes sure `height` points fit below the current position, starting a new page when they do not (a block
    /// taller than a page starts at the top of one). Returns the top of the reserved space and moves below it.
    pub(crate) fn reserve(&mut self, height: f32) -> f32 {
        if self.y + height > Self::bottom() && self.y > Self::top() {
            self.new_page();
        }
        let top = self.y;
        self.y += height;
        top
    }

    /// Vertical space.
    pub fn gap(&mut self, points: f32) {
        self.y = (self.y + points).min(Self::bottom());
    }

    fn shape(&mut self, text: &str) -> Result<Shaped, FontError> {
        self.fonts.cover(text, &self.whose)?;
        self.fonts.shape(text)
    }

    pub(crate) fn text_width(&mut self, text: &str, size: f32) -> Result<f32, FontError> {
        Ok(self.shape(text)?.width(size))
    }

    pub(crate) fn wrap(&mut self, text: &str, size: f32, width: f32) -> Result<Vec<String>, FontError> {
        self.fonts.cover(text, &self.whose)?;
        self.fonts.wrap(text, size, width.max(size))
    }

    /// One line of text in the box `(x, width)` with its baseline at `baseline`.
    pub(crate) fn text(
        &mut self,
        text: &str,
        (x, width): (f32, f32),
        baseline: f32,
        size: f32,
        align: Align,
        color: Rgb,
    ) -> Result<(), FontError> {
        let shaped = self.shape(text)?;
        let w = shaped.width(size);
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.push(Op::Text { shaped, x, baseline, size, color });
        Ok(())
    }

    /// The baseline of a line of `size` whose line box (height `size × LEADING`) starts at `top`.
    pub(crate) fn baseline(&self, top: f32, size: f32) -> f32 {
        top + (LEADING - 1.0) * size / 2.0 + self.fonts.ascender() * size
    }

    pub(crate) fn lines(&mut self, lines: Vec<(f32, f32, f32, f32)>, width: f32, color: Rgb) {
        self.push(Op::Lines { lines, width, color });
    }

    pub(crate) fn polyline(&mut self, points: Vec<(f32, f32)>, width: f32, color: Rgb) {
        self.push(Op::Polyline { points, width, color });
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.push(Op::Rect { x, y, w, h, color });
    }

    fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a document has a page").push(op);
    }

    /// Wrapped text across the column, page by page, then `after` points of space.
    fn block(&mut self, text: &str, size: f32, align: Align, after: f32) -> Result<(), FontError> {
        for line in self.wrap(text, size, Self::width())? {
            let top = self.reserve(size * LEADING);
            let baseline = self.baseline(top, size);
            self.text(&line, (Self::left(), Self::width()), baseline, size, align, (0, 0, 0))?;
        }
        self.gap(after);
        Ok(())
    }

    /// The document's title, centred.
    pub fn title(&mut self, text: &str) -> Result<(), FontError> {
        self.block(text, TITLE, Align::Center, 6.0)
    }

    /// A subtitle under the title, centred.
    pub fn subtitle(&mut self, text: &str) -> Result<(), FontError> {
        self.block(text, SUBTITLE, Align::Center, 4.0)
    }

    /// A small line (number, date, issuer): left, centred or right.
    pub fn meta(&mut self, text: &str, align: Align) -> Result<(), FontError> {
        self.block(text, META, align, 2.0)
    }

    /// A section heading.
    pub fn heading(&mut self, text: &str) -> Result<(), FontError> {
        self.gap(6.0);
        // Keep a heading with at least two lines of what follows it.
        if self.y + HEADING * LEADING + 2.0 * BODY * LEADING > Self::bottom() {
            self.new_page();
        }
        self.block(text, HEADING, Align::Left, 3.0)
    }

    /// A paragraph with the two-character first-line indent of Chinese documents.
    pub fn paragraph(&mut self, text: &str) -> Result<(), FontError> {
        self.block(&format!("\u{3000}\u{3000}{}", text.trim()), BODY, Align::Left, 4.0)
    }

    /// A line of body text without indent (an addressee "住建局：", a 抄送 line).
    pub fn plain(&mut self, text: &str, align: Align) -> Result<(), FontError> {
        self.block(text, BODY, align, 3.0)
    }

    /// A table across the column; its header row starts every page it runs onto. Without rows it shows 无.
    pub fn table(&mut self, table: &Table) -> Result<(), FontError> {
        let total: f32 = table.weights.iter().sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = table.weights.iter().map(|w| w / total * Self::width()).collect();
        let leading = TABLE * LEADING;
        let header = self.wrap_cells(&table.headers, &widths)?;
        let header_h = row_height(&header, leading);
        let empty: [Vec<String>; 1] =
            [std::iter::once("无".to_owned()).chain(table.headers.iter().skip(1).map(|_| String::new())).collect()];
        let rows: &[Vec<String>] = if table.rows.is_empty() { &empty } else { &table.rows };
        // The most lines a cell can show on one page under the header.
        let max_lines = (((Self::bottom() - Self::top() - header_h - 2.0 * PAD_Y) / leading).floor() as usize).max(1);
        let mut header_on_page = false;
        for row in rows {
            let mut cells = self.wrap_cells(row, &widths)?;
            for lines in &mut cells {
                lines.truncate(max_lines);
            }
            let h = row_height(&cells, leading);
            if !header_on_page || self.y + h > Self::bottom() {
                if self.y + header_h + h > Self::bottom() && self.y > Self::top() {
                    self.new_page();
                }
                let top = self.reserve(header_h);
                self.rect(Self::left(), top, Self::width(), header_h, HEADER_FILL);
                self.row(&header, &widths, top, header_h)?;
                header_on_page = true;
            }
            let top = self.reserve(h);
            self.row(&cells, &widths, top, h)?;
        }
        self.gap(6.0);
        Ok(())
    }

    fn wrap_cells(&mut self, cells: &[String], widths: &[f32]) -> Result<Vec<Vec<String>>, FontError> {
        widths
            .iter()
            .enumerate()
            .map(|(i, w)| self.wrap(cells.get(i).map_or("", String::as_str), TABLE, w - 2.0 * PAD_X))
            .collect()
    }

    /// One table row: its cells' lines and its rules.
    fn row(&mut self, cells: &[Vec<String>], widths: &[f32], top: f32, height: f32) -> Result<(), FontError> {
        let mut x = Self::left();
        let mut rules = vec![(x, top, x + Self::width(), top), (x, top + height, x + Self::width(), top + height)];
        for (lines, w) in cells.iter().zip(widths) {
            rules.push((x, top, x, top + height));
            for (k, line) in lines.iter().enumerate() {
                let baseline = self.baseline(top + PAD_Y + k as f32 * TABLE * LEADING, TABLE);
                self.text(line, (x + PAD_X, w - 2.0 * PAD_X), baseline, TABLE, Align::Left, (0, 0, 0))?;
            }
            x += w;
        }
        rules.push((x, top, x, top + height));
        self.lines(rules, 0.5, RULE);
        Ok(())
    }

    /// The PDF, with 第 n 页 共 N 页 at the foot of every page.
    pub fn finish(self) -> Result<Vec<u8>, PrintError> {
        let Layout { fonts, pages, whose, .. } = self;
        let count = pages.len();
        let folios: Vec<String> = (1..=count).map(|n| format!("第 {n} 页 共 {count} 页")).collect();
        for folio in &folios {
            fonts.cover(folio, &whose)?;
        }
        let mut document = Document::new();
        for (ops, folio) in pages.iter().zip(&folios) {
            let mut page = document.start_page_with(page_settings(mm(A4.0), mm(A4.1)));
            let mut surface = page.surface();
            for op in ops {
                render(&mut surface, fonts, op);
            }
            draw::black(&mut surface);
            draw::line(&mut surface, fonts, folio, (0.0, mm(A4.0)), mm(A4.1 - 10.0), FOLIO, Align::Center)?;
            surface.finish();
            page.finish();
        }
        finish(document)
    }
}

fn row_height(cells: &[Vec<String>], leading: f32) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * leading + 2.0 * PAD_Y
}

fn render(surface: &mut Surface<'_>, fonts: &FontSet, op: &Op) {
    match op {
        Op::Text { shaped, x, baseline, size, color } => {
            draw::fill(surface, *color);
            draw::text_at(surface, fonts, shaped, *x, *baseline, *size);
        }
        Op::Lines { lines, width, color } => {
            let mut pb = PathBuilder::new();
            for &(x1, y1, x2, y2) in lines {
                pb.move_to(x1, y1);
                pb.line_to(x2, y2);
            }
            stroke_path(surface, pb, *width, *color);
        }
        Op::Polyline { points, width, color } => {
            let mut pb = PathBuilder::new();
            let mut points = points.iter();
            if let Some(&(x, y)) = points.next() {
                pb.move_to(x, y);
                points.for_each(|&(x, y)| pb.line_to(x, y));
            }
            stroke_path(surface, pb, *width, *color);
        }
        Op::Rect { x, y, w, h, color } => draw::rect(surface, *x, *y, *w, *h, *color),
    }
}

fn stroke_path(surface: &mut Surface<'_>, pb: PathBuilder, width: f32, (r, g, b): Rgb) {
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke { paint: rgb::Color::new(r, g, b).into(), width, ..Stroke::default() }));
        surface.draw_path(&path);
        surface.set_stroke(None);
        draw::black(surface);
    }
}
