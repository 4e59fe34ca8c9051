//! The deputy card (亮身份): CR80, 85.6 × 54 mm. Front: a red band, the name, the levels and terms
//! (平顶山市第十二届人民代表大会代表), the station, the public contact, the photo if there is one, and the code with
//! 扫码联系我. Optional back: the duty pledge (履职承诺), wrapped.
//!
//! Text is measured with the font that draws it and wraps inside its column; when a column still runs out of
//! height (three levels and a long station name next to a photo) the size steps down until it fits.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat};
use krilla::Document;
use krilla::image::Image;
use krilla::surface::Surface;
use liaison_core::roster::kinds::Level;
use liaison_core::roster::query::DeputyView;

use crate::draw::{self, Align, Block, mm};
use crate::fonts::{FontError, FontSet};
use crate::matrix::{Ec, QrMatrix, encode};
use crate::par;
use crate::pdf::{PrintError, finish, page_settings};

/// Card width, mm (ISO/IEC 7810 ID-1, CR80).
pub const CARD_W: f32 = 85.6;
/// Card height, mm.
pub const CARD_H: f32 = 54.0;

/// The line under the code.
pub const SCAN_LINE: &str = "扫码联系我";

/// The pledge printed on the back when the caller gives none.
pub const DEFAULT_PLEDGE: &str = "坚持以人民为中心，密切联系人民群众，认真听取和反映群众的意见和要求；\
按时进站接待选民，依法履行代表职责，自觉接受原选区选民和原选举单位的监督，做人民满意的人大代表。";

/// The names of the places whose congresses a deputy sits in, for the level lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The province, e.g. "河南省"; empty → "省".
    pub province: String,
    /// The city, e.g. "平顶山市" (the installation's city); empty → "市".
    pub city: String,
    /// The county, district or county-level city; empty → "县（区）".
    pub county: String,
    /// The township, town or sub-district; empty → "乡（镇）".
    pub township: String,
}

/// One deputy's card, everything it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// Deputy number (for file names and messages).
    pub code: String,
    /// Name.
    pub name: String,
    /// One line per level, e.g. "平顶山市第十二届人民代表大会代表".
    pub level_lines: Vec<String>,
    /// The station's name.
    pub station: Option<String>,
    /// The public contact.
    pub contact: String,
    /// The photo (JPEG or PNG), centre-cropped to the photo box.
    pub photo: Option<Vec<u8>>,
    /// The back's pledge text; `None` prints no back.
    pub pledge: Option<String>,
    /// The text the code carries, supplied by the caller (the office's URL template, optionally signed).
    pub payload: String,
}

impl Card {
    /// The card of `deputy`, with the places of its levels, its photo (from `roster::photo::photo`) and the code's
    /// payload.
    pub fn from_deputy(deputy: &DeputyView, places: &Places, photo: Option<Vec<u8>>, payload: String) -> Card {
        Card {
            code: deputy.code.clone(),
            name: deputy.name.clone(),
            level_lines: deputy.levels.iter().map(|l| level_line(l.level, l.term, places)).collect(),
            station: deputy.station_name.clone().filter(|s| !s.is_empty()),
            contact: deputy.public_contact.clone(),
            photo,
            pledge: None,
            payload,
        }
    }

    /// "代表 张三": whose card, for messages.
    pub fn whose(&self) -> String {
        format!("代表 {}", self.name)
    }

    fn texts(&self) -> impl Iterator<Item = &str> {
        [self.name.as_str(), self.contact.as_str()]
            .into_iter()
            .chain(self.level_lines.iter().map(String::as_str))
            .chain(self.station.as_deref())
            .chain(self.pledge.as_deref())
    }
}

/// "平顶山市第十二届人民代表大会代表", "第十四届全国人民代表大会代表", "河南省人民代表大会代表" (term unknown).
pub fn level_line(level: Level, term: Option<u16>, places: &Places) -> String {
    let or = |name: &str, generic: &str| if name.is_empty() { generic.to_owned() } else { name.to_owned() };
    let term = term.map(|t| format!("第{}届", chinese_number(t))).unwrap_or_default();
    match level {
        Level::National => format!("{term}全国人民代表大会代表"),
        Level::Province => format!("{}{term}人民代表大会代表", or(&places.province, "省")),
        Level::City => format!("{}{term}人民代表大会代表", or(&places.city, "市")),
        Level::County => format!("{}{term}人民代表大会代表", or(&places.county, "县（区）")),
        Level::Township => format!("{}{term}人民代表大会代表", or(&places.township, "乡（镇）")),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 104 → 一百零四.
pub fn chinese_number(n: u16) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let ones = if n.is_multiple_of(10) { "" } else { D[(n % 10) as usize] };
    match n {
        0..=9 => D[n as usize].to_owned(),
        10..=19 => format!("十{ones}"),
        20..=99 => format!("{}十{ones}", D[(n / 10) as usize]),
        _ => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", D[rest as usize]),
                10..=19 => format!("一{}", chinese_number(rest)),
                _ => chinese_number(rest),
            };
            format!("{}百{tail}", chinese_number(n / 100))
        }
    }
}

/// A card ready to draw: its code encoded, its photo decoded and cropped.
pub(crate) struct Prepared<'a> {
    pub card: &'a Card,
    pub code: QrMatrix,
    pub photo: Option<Image>,
}

// Front layout, mm.
const BAND_H: f32 = 8.5;
const MARGIN: f32 = 3.2;
const QR_SIDE: f32 = 25.0;
const PHOTO_W: f32 = 17.0;
const PHOTO_H: f32 = PHOTO_W * 4.0 / 3.0;
const BODY_TOP: f32 = BAND_H + 2.5;
const GAP: f32 = 2.2;

/// The photo box at 300 dpi, in pixels.
fn photo_pixels() -> (u32, u32) {
    ((PHOTO_W / 25.4 * 300.0).round() as u32, (PHOTO_H / 25.4 * 300.0).round() as u32)
}

/// Encodes the codes (on every core, [`par::map`]: encoding is the largest part of a big sheet), crops the photos and
/// makes sure the fonts cover every character.
pub(crate) fn prepare<'a>(cards: &'a [Card], fonts: &mut FontSet, ec: Ec) -> Result<Vec<Prepared<'a>>, PrintError> {
    for card in cards {
        for text in card.texts() {
            fonts.cover(text, &card.whose())?;
        }
    }
    let encoded = par::map(cards, |c| -> Result<Encoded, PrintError> {
        Ok((encode(&c.payload, ec)?, c.photo.as_deref().map(|p| crop_photo(c, p)).transpose()?))
    });
    cards
        .iter()
        .zip(encoded)
        .map(|(card, r)| {
            let (code, jpeg) = r?;
            let photo = jpeg
                .map(|j| Image::from_jpeg(j.into(), true))
                .transpose()
                .map_err(|reason| PrintError::Photo { name: card.name.clone(), reason })?;
            Ok(Prepared { card, code, photo })
        })
        .collect()
}

/// A card's code and its photo as a cropped JPEG, made on a worker thread.
type Encoded = (QrMatrix, Option<Vec<u8>>);

/// Centre-crops the photo to the card's 3:4 box and resizes it for 300 dpi, as JPEG.
fn crop_photo(card: &Card, bytes: &[u8]) -> Result<Vec<u8>, PrintError> {
    let bad = |reason: String| PrintError::Photo { name: card.name.clone(), reason };
    let img = image::load_from_memory(bytes).map_err(|e| bad(e.to_string()))?;
    let (tw, th) = photo_pixels();
    let out = img.resize_to_fill(tw, th, FilterType::Lanczos3);
    let mut buf = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(out.to_rgb8()).write_to(&mut buf, ImageFormat::Jpeg).map_err(|e| bad(e.to_string()))?;
    Ok(buf.into_inner())
}

/// The front's text column laid out: blocks from top to bottom.
struct Column {
    name_size: f32,
    blocks: Vec<Block>,
}

fn layout_column(fonts: &FontSet, card: &Card, width: f32, height: f32) -> Result<Column, FontError> {
    let name_size = {
        let mut size = 15.0;
        while size > 9.0 && fonts.width(&card.name, size)? > width {
            size -= 0.5;
        }
        size
    };
    let name_h = name_size * 1.25 + mm(1.0);
    let mut size = 7.0;
    loop {
        let mut blocks = Vec::new();
        // A level line reads best on one line: it may shrink a little before it wraps.
        let mut level_size = size;
        while level_size > 5.5 && card.level_lines.iter().any(|l| fonts.width(l, level_size).unwrap_or(0.0) > width) {
            level_size -= 0.25;
        }
        for l in &card.level_lines {
            blocks.push(Block::wrap(fonts, l, level_size, width)?);
        }
        if let Some(station) = &card.station {
            blocks.push(Block::wrap(fonts, &format!("联络站：{station}"), size, width)?);
        }
        if !card.contact.is_empty() {
            blocks.push(Block::wrap(fonts, &format!("联系方式：{}", card.contact), size, width)?);
        }
        let total = name_h + blocks.iter().map(Block::height).sum::<f32>();
        if total <= height || size <= 4.5 {
            return Ok(Column { name_size, blocks });
        }
        size -= 0.25;
    }
}

/// Draws the front of `p` with its top-left corner at (`x`, `y`) points.
pub(crate) fn draw_front(
    surface: &mut Surface<'_>,
    fonts: &FontSet,
    p: &Prepared<'_>,
    x: f32,
    y: f32,
) -> Result<(), PrintError> {
    let card = p.card;
    draw::rect(surface, x, y, mm(CARD_W), mm(BAND_H), draw::RED);
    draw::fill(surface, (255, 255, 255));
    let band_size = 9.0;
    let baseline = y + (mm(BAND_H) - band_size) / 2.0 + fonts.ascender() * band_size;
    draw::line(surface, fonts, "人大代表联系卡", (x + mm(MARGIN), mm(CARD_W)), baseline, band_size, Align::Left)?;
    draw::black(surface);

    let qr_x = x + mm(CARD_W - MARGIN - QR_SIDE) + mm(1.0);
    let qr_y = y + mm(BODY_TOP) - mm(1.5);
    draw::qr(surface, &p.code, qr_x, qr_y, mm(QR_SIDE));
    let scan_size = 7.0;
    draw::line(
        surface,
        fonts,
        SCAN_LINE,
        (qr_x, mm(QR_SIDE)),
        qr_y + mm(QR_SIDE) + scan_size * 0.6,
        scan_size,
        Align::Center,
    )?;

    let mut col_x = x + mm(MARGIN);
    if let Some(img) = &p.photo {
        draw::photo(surface, img, col_x, y + mm(BODY_TOP), mm(PHOTO_W), mm(PHOTO_H));
        col_x += mm(PHOTO_W + GAP);
    }
    let col_w = qr_x - col_x;
    let col_h = y + mm(CARD_H - MARGIN) - (y + mm(BODY_TOP));
    let column = layout_column(fonts, card, col_w, col_h).map_err(|e| e.on(card.whose()))?;
    let mut top = y + mm(BODY_TOP);
    let name = fonts.shape(&card.name).map_err(|e| e.on(card.whose()))?;
    draw::text_at(surface, fonts, &name, col_x, top + fonts.ascender() * column.name_size, column.name_size);
    top += column.name_size * 1.25 + mm(1.0);
    for block in &column.blocks {
        top = block.draw(surface, fonts, (col_x, col_w), top, Align::Left).map_err(|e| e.on(card.whose()))?;
    }
    Ok(())
}

/// Draws the back (the pledge) with its top-left corner at (`x`, `y`) points.
pub(crate) fn draw_back(
    surface: &mut Surface<'_>,
    fonts: &FontSet,
    card: &Card,
    x: f32,
    y: f32,
) -> Result<(), PrintError> {
    let pledge = card.pledge.as_deref().unwrap_or(DEFAULT_PLEDGE);
    draw::rect(surface, x, y, mm(CARD_W), mm(BAND_H), draw::RED);
    draw::fill(surface, (255, 255, 255));
    let band_size = 9.0;
    let baseline = y + (mm(BAND_H) - band_size) / 2.0 + fonts.ascender() * band_size;
    draw::line(surface, fonts, "履职承诺", (x, mm(CARD_W)), baseline, band_size, Align::Center)?;
    draw::black(surface);
    let width = mm(CARD_W - 2.0 * MARGIN);
    let signature = format!("承诺人：{}", card.name);
    let height = mm(CARD_H - BODY_TOP - MARGIN) - 9.0;
    let mut size = 8.0;
    let block = loop {
        let b = Block::wrap(fonts, pledge, size, width).map_err(|e| e.on(card.whose()))?;
        if b.height() <= height || size <= 4.5 {
            break b;
        }
        size -= 0.25;
    };
    block.draw(surface, fonts, (x + mm(MARGIN), width), y + mm(BODY_TOP), Align::Left)?;
    let sig = fonts.shape(&signature).map_err(|e| e.on(card.whose()))?;
    let sig_size = 8.0;
    draw::text_at(
        surface,
        fonts,
        &sig,
        x + mm(CARD_W - MARGIN) - sig.width(sig_size),
        y + mm(CARD_H - MARGIN),
        sig_size,
    );
    Ok(())
}

/// One page per card (85.6 × 54 mm), each followed by its back when `back` is set (print duplex, flip on the
/// short edge).
pub fn cards_pdf(cards: &[Card], fonts: &mut FontSet, ec: Ec, back: bool) -> Result<Vec<u8>, PrintError> {
    let prepared = prepare(cards, fonts, ec)?;
    let mut document = Document::new();
    for p in &prepared {
        let mut page = document.start_page_with(page_settings(mm(CARD_W), mm(CARD_H)));
        let mut surface = page.surface();
        draw_front(&mut surface, fonts, p, 0.0, 0.0)?;
        surface.finish();
        page.finish();
        if back {
            let mut page = document.start_page_with(page_settings(mm(CARD_W), mm(CARD_H)));
            let mut surface = page.surface();
            draw_back(&mut surface, fonts, p.card, 0.0, 0.0)?;
            surface.finish();
            page.finish();
        }
    }
    finish(document)
}

/// The front's text column for `card`, as lines (name first) with their size in points and the column's width
/// and height in points: what [`cards_pdf`] draws, for tests and previews that check nothing overflows.
pub fn front_text_lines(card: &Card, fonts: &FontSet) -> Result<FrontText, FontError> {
    let col_x = mm(MARGIN) + if card.photo.is_some() { mm(PHOTO_W + GAP) } else { 0.0 };
    let qr_x = mm(CARD_W - MARGIN - QR_SIDE) + mm(1.0);
    let width = qr_x - col_x;
    let height = mm(CARD_H - MARGIN - BODY_TOP);
    let column = layout_column(fonts, card, width, height).map_err(|e| e.on(card.whose()))?;
    let mut lines = vec![(card.name.clone(), column.name_size)];
    let mut used = column.name_size * 1.25 + mm(1.0);
    for b in &column.blocks {
        lines.extend(b.lines.iter().map(|l| (l.clone(), b.size)));
        used += b.height();
    }
    Ok(FrontText { lines, width, height, used_height: used })
}

/// The front's text column as laid out ([`front_text_lines`]).
#[derive(Debug, Clone)]
pub struct FrontText {
    /// Each line and its size in points.
    pub lines: Vec<(String, f32)>,
    /// The column's width, points.
    pub width: f32,
    /// The column's height, points.
    pub height: f32,
    /// The height the lines take, points.
    pub used_height: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_as_chinese_numbers() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(14), "十四");
        assert_eq!(chinese_number(104), "一百零四");
        assert_eq!(chinese_number(110), "一百一十");
    }

    #[test]
    fn level_lines_name_the_place_and_term() {
        let places = Places { city: "平顶山市".into(), county: "新华区".into(), ..Places::default() };
        assert_eq!(level_line(Level::City, Some(12), &places), "平顶山市第十二届人民代表大会代表");
        assert_eq!(level_line(Level::National, Some(14), &places), "第十四届全国人民代表大会代表");
        assert_eq!(level_line(Level::County, None, &places), "新华区人民代表大会代表");
        assert_eq!(level_line(Level::Province, Some(14), &places), "省第十四届人民代表大会代表");
    }
}
