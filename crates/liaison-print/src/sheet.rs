//! A4 sheets of cards: 2 × 5 cards a page, edge to edge, with crop marks in the margins, in roster order or
//! grouped by station (each station from a new page, its name at the top), so a station or a whole city prints in
//! one job.
//!
//! With [`SheetOptions::back`] each page of fronts is followed by a page of backs (the 履职承诺 pledge), each back
//! in the mirror image of its front's slot ([`back_slot`]): printed duplex and flipped on the long edge, the paper
//! turns about its vertical axis, so the left column's backs must be printed in the right column to land behind
//! their fronts. The grid is centred, so the crop marks of both sides coincide.

use krilla::Document;

use crate::card::{CARD_H, CARD_W, Card, Prepared, draw_back, draw_front, prepare};
use crate::draw::{self, Align, mm};
use crate::fonts::FontSet;
use crate::matrix::Ec;
use crate::pdf::{PrintError, Progress, finish, page_settings};

/// A4, mm.
pub const A4: (f32, f32) = (210.0, 297.0);
/// Cards across and down a page.
pub const GRID: (usize, usize) = (2, 5);
/// Cards a page.
pub const PER_PAGE: usize = GRID.0 * GRID.1;

/// The order of the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SheetOrder {
    /// As given (the roster's order).
    #[default]
    Roster,
    /// Grouped by station, stations in order of first appearance; each station starts a page with its name.
    ByStation,
}

/// How to print a sheet.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    /// Card order.
    pub order: SheetOrder,
    /// Error correction of the codes.
    pub ec: Ec,
    /// A title at the top of every page (e.g. "平顶山市人大代表联系卡"); the station's name when grouped.
    pub title: Option<String>,
    /// After each page of fronts, a page of their backs (each card's pledge, [`crate::card::DEFAULT_PLEDGE`] when it
    /// has none) placed for long-edge duplex printing.
    pub back: bool,
}

fn origin() -> (f32, f32) {
    ((A4.0 - GRID.0 as f32 * CARD_W) / 2.0, (A4.1 - GRID.1 as f32 * CARD_H) / 2.0)
}

/// Where the card in slot `i` (0..10) of a page sits: its top-left corner, points.
pub fn slot(i: usize) -> (f32, f32) {
    let (ox, oy) = origin();
    (mm(ox + (i % GRID.0) as f32 * CARD_W), mm(oy + (i / GRID.0) as f32 * CARD_H))
}

/// Where the back of the card in slot `i` sits on the following page: the same row, the mirrored column, so that
/// after a long-edge flip it is behind its front. Its top-left corner, points.
pub fn back_slot(i: usize) -> (f32, f32) {
    let (col, row) = (i % GRID.0, i / GRID.0);
    slot(row * GRID.0 + (GRID.0 - 1 - col))
}

/// The pages: each a heading and its cards.
fn paginate<'p, 'c>(prepared: &'p [Prepared<'c>], opts: &SheetOptions) -> Vec<(String, Vec<&'p Prepared<'c>>)> {
    let title = opts.title.clone().unwrap_or_default();
    let groups: Vec<(String, Vec<&Prepared<'_>>)> = match opts.order {
        SheetOrder::Roster => vec![(title, prepared.iter().collect())],
        SheetOrder::ByStation => {
            let mut groups: Vec<(String, Vec<&Prepared<'_>>)> = Vec::new();
            for p in prepared {
                let station = p.card.station.clone().unwrap_or_else(|| "未编组进站".into());
                match groups.iter_mut().find(|(s, _)| *s == station) {
                    Some((_, v)) => v.push(p),
                    None => groups.push((station, vec![p])),
                }
            }
            groups
        }
    };
    let mut pages = Vec::new();
    for (heading, cards) in groups {
        let n = cards.len().div_ceil(PER_PAGE);
        for (k, chunk) in cards.chunks(PER_PAGE).enumerate() {
            let head = match (heading.is_empty(), n > 1) {
                (true, _) => String::new(),
                (false, true) => format!("{heading}（{}/{n}）", k + 1),
                (false, false) => heading.clone(),
            };
            pages.push((head, chunk.to_vec()));
        }
    }
    pages
}

/// Crop marks: 5 mm lines 2 mm outside the grid, at every cutting line.
fn crop_marks() -> Vec<(f32, f32, f32, f32)> {
    let (ox, oy) = origin();
    let (right, bottom) = (ox + GRID.0 as f32 * CARD_W, oy + GRID.1 as f32 * CARD_H);
    let (off, len) = (2.0, 5.0);
    let mut lines = Vec::new();
    for i in 0..=GRID.0 {
        let x = ox + i as f32 * CARD_W;
        lines.push((x, oy - off, x, oy - off - len));
        lines.push((x, bottom + off, x, bottom + off + len));
    }
    for j in 0..=GRID.1 {
        let y = oy + j as f32 * CARD_H;
        lines.push((ox - off, y, ox - off - len, y));
        lines.push((right + off, y, right + off + len, y));
    }
    lines.into_iter().map(|(a, b, c, d)| (mm(a), mm(b), mm(c), mm(d))).collect()
}

/// The sheets of `cards` as one PDF. `progress` is called after each page with (cards done, total).
pub fn sheet_pdf(
    cards: &[Card],
    fonts: &mut FontSet,
    opts: &SheetOptions,
    progress: Progress<'_>,
) -> Result<Vec<u8>, PrintError> {
    let prepared = prepare(cards, fonts, opts.ec)?;
    let pages = paginate(&prepared, opts);
    let marks = crop_marks();
    let total = cards.len();
    let mut done = 0;
    if !progress(0, total) {
        return Err(PrintError::Cancelled);
    }
    let mut document = Document::new();
    let page_count = pages.len();
    for (n, (heading, cards)) in pages.iter().enumerate() {
        let mut page = document.start_page_with(page_settings(mm(A4.0), mm(A4.1)));
        let mut surface = page.surface();
        draw::hairlines(&mut surface, &marks, 0.3);
        let (ox, _) = origin();
        // In the top margin, between the crop marks of the first and the middle cutting line.
        let head_size = 10.0;
        let head_box = (mm(ox + 6.0), mm(CARD_W - 12.0));
        if !heading.is_empty() {
            let mut size = head_size;
            while size > 6.0 && fonts.width(heading, size)? > head_box.1 {
                size -= 0.5;
            }
            draw::line(&mut surface, fonts, heading, head_box, mm(8.0), size, Align::Left)?;
        }
        let folio = format!("第 {} / {page_count} 页", n + 1);
        draw::line(
            &mut surface,
            fonts,
            &folio,
            (mm(ox + CARD_W + 6.0), mm(CARD_W - 12.0)),
            mm(8.0),
            8.0,
            Align::Center,
        )?;
        for (i, p) in cards.iter().enumerate() {
            let (x, y) = slot(i);
            draw_front(&mut surface, fonts, p, x, y)?;
        }
        surface.finish();
        page.finish();
        if opts.back {
            let mut page = document.start_page_with(page_settings(mm(A4.0), mm(A4.1)));
            let mut surface = page.surface();
            draw::hairlines(&mut surface, &marks, 0.3);
            for (i, p) in cards.iter().enumerate() {
                let (x, y) = back_slot(i);
                draw_back(&mut surface, fonts, p.card, x, y)?;
            }
            surface.finish();
            page.finish();
        }
        done += cards.len();
        if !progress(done, total) {
            return Err(PrintError::Cancelled);
        }
    }
    finish(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_back_is_the_mirror_image_of_its_front_across_the_page() {
        let page_w = mm(A4.0);
        let card_w = mm(CARD_W);
        for i in 0..PER_PAGE {
            let (fx, fy) = slot(i);
            let (bx, by) = back_slot(i);
            // A long-edge flip maps x to page_w - x: the back's right edge is where the front's left edge was.
            assert!((bx - (page_w - fx - card_w)).abs() < 0.01, "slot {i}: front x {fx}, back x {bx}");
            assert!((by - fy).abs() < 0.01, "slot {i}: same row");
            assert!(bx >= 0.0 && bx + card_w <= page_w, "slot {i}: on the page");
        }
        // Two columns: the backs swap sides, and no two backs share a slot.
        assert_ne!(back_slot(0), slot(0));
        let mut backs: Vec<(i32, i32)> = (0..PER_PAGE).map(back_slot).map(|(x, y)| (x as i32, y as i32)).collect();
        backs.sort_unstable();
        backs.dedup();
        assert_eq!(backs.len(), PER_PAGE);
    }
}
