//! Codes for many deputies and platforms at once: a zip of one PNG and one SVG each (`代表/D000001-张明新.png`,
//! `联络站点/XH-01-光明路联络站.svg`), for a station or the whole city, with progress and cancel.
//!
//! Encoding dominates (≈0.05 ms a code, ≈0.11 ms for a signed URL's larger code; then the PNG ≈0.02 ms), so codes
//! are encoded and drawn on every core in chunks, the next chunk while the zip is written on the calling thread;
//! progress is reported and the cancel switch read after each chunk, so a 9,000-code batch sends a few dozen
//! reports and stops within a chunk's time. The zip is written to the caller's writer: a cancelled or failed batch
//! leaves a partial file that the caller deletes (the CLI writes to a temporary file and renames it only on
//! success).
//!
//! PNGs are stored, not deflated: they are compressed already and deflating them again costs time for nothing.

use std::io::{Seek, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use liaison_core::roster::query;
use liaison_core::{Error, Result};
use rusqlite::Connection;
use serde::Serialize;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::card::Card;
use crate::matrix::{Ec, encode};
use crate::payload::{Kind, Templates};
use crate::poster::Poster;
// Where it always was for callers of the batch; defined with the signing it configures.
pub use crate::signing::Signer;
use crate::{file_name, par, png, signing, svg};

/// Codes drawn between two progress reports (and cancel checks).
pub const CHUNK: usize = 256;

/// One code to draw: whom it is for and the exact text it carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Deputy or platform.
    pub kind: Kind,
    /// Deputy number or platform code.
    pub code: String,
    /// Name, for the file name.
    pub name: String,
    /// The payload (URL, signed or not).
    pub text: String,
}

impl Item {
    /// The file's path in the archive, without extension: a folder per kind, then [`file_name::stem`].
    pub fn path_stem(&self) -> String {
        let folder = match self.kind {
            Kind::Deputy => "代表",
            Kind::Platform => "联络站点",
        };
        format!("{folder}/{}", file_name::stem(&self.code, &self.name))
    }
}

/// A card's code as a batch item: the zip of `qr cards --png` holds exactly the codes the cards would print.
impl From<&Card> for Item {
    fn from(card: &Card) -> Self {
        Item { kind: Kind::Deputy, code: card.code.clone(), name: card.name.clone(), text: card.payload.clone() }
    }
}

/// A poster's code as a batch item (`qr posters --png`).
impl From<&Poster> for Item {
    fn from(poster: &Poster) -> Self {
        Item {
            kind: Kind::Platform,
            code: poster.code.clone(),
            name: poster.name.clone(),
            text: poster.payload.clone(),
        }
    }
}

/// Which codes a batch holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// One platform and the serving deputies grouped at it.
    Station(String),
    /// Every open platform and every serving deputy.
    All,
    /// These deputies (any status: asked for by number).
    Deputies(Vec<String>),
}

/// The items of `selection` in roster order (platform first, then deputies by station and number), at most `limit`,
/// with their payloads from `templates`, signed when `signer` is given. An unknown code is an error, so a batch
/// never silently lacks a card that was asked for.
pub fn items(
    conn: &Connection,
    templates: &Templates,
    selection: &Selection,
    limit: Option<usize>,
    signer: Option<&Signer<'_>>,
) -> Result<Vec<Item>> {
    let mut out: Vec<(Kind, String, String)> = Vec::new();
    match selection {
        Selection::Station(code) => {
            let p = query::platform_by_code(conn, code.trim())?
                .ok_or_else(|| Error::NotFound(format!("联络站编码 {code}")))?;
            out.push((Kind::Platform, p.code.clone(), p.name));
            for d in query::all_deputies(conn)? {
                if d.station_code.as_deref() == Some(p.code.as_str()) && d.status == "serving" {
                    out.push((Kind::Deputy, d.code, d.name));
                }
            }
        }
        Selection::All => {
            for p in query::all_platforms(conn)?.into_iter().filter(|p| p.status == "active") {
                out.push((Kind::Platform, p.code, p.name));
            }
            for d in query::all_deputies(conn)?.into_iter().filter(|d| d.status == "serving") {
                out.push((Kind::Deputy, d.code, d.name));
            }
        }
        Selection::Deputies(codes) => {
            for code in codes {
                let d = query::deputy_by_code(conn, code.trim())?
                    .ok_or_else(|| Error::NotFound(format!("代表编号 {code}")))?;
                out.push((Kind::Deputy, d.code, d.name));
            }
        }
    }
    out.truncate(limit.unwrap_or(usize::MAX));
    out.into_iter()
        .map(|(kind, code, name)| {
            let text = signing::payload(templates, kind, &code, signer)?;
            Ok(Item { kind, code, name, text })
        })
        .collect()
}

/// How to draw the codes of a batch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Error correction.
    pub ec: Ec,
    /// PNG pixels per module (the PNG says 300 dpi; the SVG gets the same physical size).
    pub module_px: u32,
    /// Write a PNG per code.
    pub png: bool,
    /// Write an SVG per code.
    pub svg: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { ec: Ec::M, module_px: png::DEFAULT_MODULE_PX, png: true, svg: true }
    }
}

/// How far a batch is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BatchProgress {
    /// Codes drawn and written.
    pub done: u32,
    /// Codes in the batch.
    pub total: u32,
}

/// The watcher of a running batch: where progress goes and the switch that stops it (the shape of the core's
/// `import::progress::Watch`, whose methods are private to the core).
pub struct Watch<'a> {
    report: &'a mut dyn FnMut(BatchProgress),
    cancel: Option<&'a AtomicBool>,
}

impl<'a> Watch<'a> {
    /// Reports to `report`; stops with [`Error::Cancelled`] once `cancel` is true.
    pub fn new(report: &'a mut dyn FnMut(BatchProgress), cancel: &'a AtomicBool) -> Self {
        Watch { report, cancel: Some(cancel) }
    }

    /// Runs `f` with a watch that reports nowhere and cannot be cancelled.
    pub fn unwatched<T>(f: impl FnOnce(&mut Watch<'_>) -> T) -> T {
        let mut ignore = |_: BatchProgress| {};
        f(&mut Watch { report: &mut ignore, cancel: None })
    }

    fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// What a finished batch wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Codes drawn.
    pub codes: u32,
    /// Files in the archive.
    pub files: u32,
}

/// One code's files.
struct Drawn {
    png: Option<Vec<u8>>,
    svg: Option<String>,
}

/// Draws every item and writes the zip to `out`. Fails with [`Error::Cancelled`] when the watch's switch is set
/// (the partial archive is the caller's to delete), and with [`Error::Invalid`] naming the code whose text is too
/// long for a QR code.
pub fn write_zip<W: Write + Seek>(out: W, items: &[Item], options: &Options, watch: &mut Watch<'_>) -> Result<Summary> {
    let total = u32::try_from(items.len()).unwrap_or(u32::MAX);
    let mut zip = zip::ZipWriter::new(out);
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).unix_permissions(0o644);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).unix_permissions(0o644);
    let mut files = 0u32;
    let mut done = 0u32;
    (watch.report)(BatchProgress { done, total });
    std::thread::scope(|s| -> Result<()> {
        // The next chunk is drawn while this one is written (a channel of one chunk): the zip writer (deflating the
        // SVGs) is serial, and without the overlap it left the cores idle for a third of the batch. When this loop
        // ends early (cancel, error) the receiver is dropped and the drawer stops at its next send.
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        s.spawn(move || {
            for chunk in items.chunks(CHUNK) {
                if tx.send(draw_parallel(chunk, options)).is_err() {
                    break;
                }
            }
        });
        for (chunk, drawn) in items.chunks(CHUNK).zip(rx) {
            if watch.cancelled() {
                return Err(Error::Cancelled);
            }
            for (item, drawn) in chunk.iter().zip(drawn?) {
                let stem = item.path_stem();
                if let Some(bytes) = drawn.png {
                    zip.start_file(format!("{stem}.png"), stored).map_err(zip_error)?;
                    zip.write_all(&bytes).map_err(|e| zip_error(e.into()))?;
                    files += 1;
                }
                if let Some(text) = drawn.svg {
                    zip.start_file(format!("{stem}.svg"), deflated).map_err(zip_error)?;
                    zip.write_all(text.as_bytes()).map_err(|e| zip_error(e.into()))?;
                    files += 1;
                }
            }
            done += u32::try_from(chunk.len()).unwrap_or(u32::MAX);
            (watch.report)(BatchProgress { done, total });
        }
        Ok(())
    })?;
    zip.finish().map_err(zip_error)?;
    Ok(Summary { codes: total, files })
}

/// Encodes and draws `chunk` on every core.
fn draw_parallel(chunk: &[Item], options: &Options) -> Result<Vec<Drawn>> {
    let draw = |item: &Item| -> Result<Drawn> {
        let matrix =
            encode(&item.text, options.ec).map_err(|e| Error::Invalid(format!("{} {}：{e}", item.code, item.name)))?;
        let module_mm = f64::from(options.module_px.max(1)) * 25.4 / f64::from(png::DPI);
        Ok(Drawn {
            png: options.png.then(|| png::to_png(&matrix, options.module_px)),
            svg: options.svg.then(|| svg::to_svg(&matrix, module_mm)),
        })
    };
    par::map(chunk, draw).into_iter().collect()
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::Invalid(format!("无法写入压缩包：{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use liaison_core::qr_settings::{EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE};

    fn items(n: usize) -> Vec<Item> {
        let t = Templates::new(EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE).unwrap();
        (0..n)
            .map(|i| {
                let code = format!("D{i:06}");
                Item { kind: Kind::Deputy, text: t.url(Kind::Deputy, &code).unwrap(), code, name: "张明新".into() }
            })
            .collect()
    }

    #[test]
    fn a_zip_holds_a_png_and_an_svg_per_code_in_order_with_progress() {
        let items = items(CHUNK + 3);
        let mut reports = Vec::new();
        let mut report = |p: BatchProgress| reports.push(p);
        let cancel = AtomicBool::new(false);
        let mut cursor = std::io::Cursor::new(Vec::new());
        let summary =
            write_zip(&mut cursor, &items, &Options::default(), &mut Watch::new(&mut report, &cancel)).unwrap();
        assert_eq!(summary, Summary { codes: CHUNK as u32 + 3, files: 2 * (CHUNK as u32 + 3) });
        assert_eq!(reports.first(), Some(&BatchProgress { done: 0, total: summary.codes }));
        assert_eq!(reports.last(), Some(&BatchProgress { done: summary.codes, total: summary.codes }));
        let mut archive = zip::ZipArchive::new(cursor).unwrap();
        assert_eq!(archive.len(), summary.files as usize);
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "代表/D000000-张明新.png");
        assert_eq!(archive.by_index(3).unwrap().name().unwrap(), "代表/D000001-张明新.svg");
        // Each PNG is the drawing of its own item's text (the parallel drawing kept the order).
        let last = items.last().unwrap();
        let mut png_bytes = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_name(&format!("{}.png", last.path_stem())).unwrap(), &mut png_bytes)
            .unwrap();
        assert_eq!(png_bytes, png::to_png(&encode(&last.text, Ec::M).unwrap(), png::DEFAULT_MODULE_PX));
    }

    #[test]
    fn a_cancelled_batch_stops_with_cancelled() {
        let cancel = AtomicBool::new(true);
        let mut report = |_: BatchProgress| {};
        let err = write_zip(
            std::io::Cursor::new(Vec::new()),
            &items(5),
            &Options::default(),
            &mut Watch::new(&mut report, &cancel),
        )
        .unwrap_err();
        assert!(matches!(err, Error::Cancelled));
        let too_long = Item { text: "x".repeat(4000), ..items(1).remove(0) };
        let err =
            Watch::unwatched(|w| write_zip(std::io::Cursor::new(Vec::new()), &[too_long], &Options::default(), w))
                .unwrap_err();
        assert!(matches!(&err, Error::Invalid(m) if m.contains("D000000")), "{err}");
    }
}
