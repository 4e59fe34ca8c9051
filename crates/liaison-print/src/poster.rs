//! The platform poster for the door: A4 portrait, the platform's name and kind, address, reception days, the code
//! large (120 mm) and 扫码反映意见建议.

use krilla::Document;
use liaison_core::roster::query::PlatformView;

use crate::draw::{self, Align, Block, mm};
use crate::fonts::FontSet;
use crate::matrix::{Ec, encode};
use crate::pdf::{PrintError, finish, page_settings};
use crate::sheet::A4;

/// The line under the code.
pub const SCAN_LINE: &str = "扫码反映意见建议";

/// One platform's poster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poster {
    /// Platform code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind, as people read it ("代表联络站").
    pub kind: String,
    /// Address.
    pub address: String,
    /// Reception days as text ("每周一、周三").
    pub reception: String,
    /// The text the code carries, supplied by the caller (the office's URL template, optionally signed).
    pub payload: String,
}

impl Poster {
    /// The poster of `platform` with the code's payload.
    pub fn from_platform(platform: &PlatformView, payload: String) -> Poster {
        Poster {
            code: platform.code.clone(),
            name: platform.name.clone(),
            kind: platform.kind.label().to_owned(),
            address: platform.address.clone(),
            reception: reception_days(&platform.reception_days),
            payload,
        }
    }

    fn whose(&self) -> String {
        format!("{} {}", self.kind, self.name)
    }
}

/// `[1, 3]` → "每周一、周三"; empty → "".
pub fn reception_days(days: &[u8]) -> String {
    const NAMES: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
    let names: Vec<String> =
        days.iter().filter(|d| (1..=7).contains(*d)).map(|d| format!("周{}", NAMES[usize::from(*d) - 1])).collect();
    if names.is_empty() { String::new() } else { format!("每{}", names.join("、")) }
}

/// One A4 page per poster.
pub fn posters_pdf(posters: &[Poster], fonts: &mut FontSet, ec: Ec) -> Result<Vec<u8>, PrintError> {
    for p in posters {
        for t in [&p.name, &p.kind, &p.address, &p.reception] {
            fonts.cover(t, &p.whose())?;
        }
    }
    let mut document = Document::new();
    let (w, h) = (mm(A4.0), mm(A4.1));
    let margin = mm(20.0);
    let width = w - 2.0 * margin;
    for p in posters {
        let code = encode(&p.payload, ec)?;
        let mut page = document.start_page_with(page_settings(w, h));
        let mut surface = page.surface();
        draw::rect(&mut surface, 0.0, 0.0, w, mm(12.0), draw::RED);
        let on = |e: crate::fonts::FontError| e.on(p.whose());
        let mut top = mm(24.0);
        let mut size = 30.0;
        let title = loop {
            let b = Block::wrap(fonts, &p.name, size, width).map_err(on)?;
            if b.lines.len() <= 2 || size <= 18.0 {
                break b;
            }
            size -= 2.0;
        };
        // The name in the band's red, everything else black.
        draw::fill(&mut surface, draw::RED);
        top = title.draw(&mut surface, fonts, (margin, width), top, Align::Center).map_err(on)?;
        draw::black(&mut surface);
        top = Block::wrap(fonts, &p.kind, 16.0, width)
            .map_err(on)?
            .draw(&mut surface, fonts, (margin, width), top + mm(2.0), Align::Center)
            .map_err(on)?;
        let side = mm(120.0);
        let qr_top = top + mm(8.0);
        draw::qr(&mut surface, &code, (w - side) / 2.0, qr_top, side);
        top = qr_top + side;
        top = Block::wrap(fonts, SCAN_LINE, 28.0, width)?.draw(
            &mut surface,
            fonts,
            (margin, width),
            top,
            Align::Center,
        )?;
        top += mm(8.0);
        if !p.address.is_empty() {
            top = Block::wrap(fonts, &format!("地址：{}", p.address), 13.0, width)
                .map_err(on)?
                .draw(&mut surface, fonts, (margin, width), top, Align::Center)
                .map_err(on)?;
        }
        if !p.reception.is_empty() {
            Block::wrap(fonts, &format!("接待日：{}", p.reception), 13.0, width)
                .map_err(on)?
                .draw(&mut surface, fonts, (margin, width), top, Align::Center)
                .map_err(on)?;
        }
        surface.finish();
        page.finish();
    }
    finish(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reception_days_read_as_weekdays() {
        assert_eq!(reception_days(&[1, 3]), "每周一、周三");
        assert_eq!(reception_days(&[7]), "每周日");
        assert_eq!(reception_days(&[]), "");
    }
}
