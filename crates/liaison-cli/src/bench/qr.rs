//! `liaison bench qr`: the QR side's figures on 9,000 codes (the demo city's deputies): encoding alone (the floor
//! every format pays; `qrcode`'s mask selection dominates), PNGs and SVGs drawn on one core, and the zip batch of
//! PNG + SVG per code on every core, unsigned and signed (a signed URL is ~90 characters longer, a larger code).
//!
//! The codes are synthetic (D000001 …) on the example template: the figures depend on the text length, not on
//! the roster, so no database is built.

use std::time::Instant;

use liaison_core::qr_settings::{EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE};
use liaison_print::batch::{self, Item, Options, Watch};
use liaison_print::payload::{Kind, Templates};
use liaison_print::signing::OfficeKey;
use liaison_print::{Ec, encode, png, svg};
use serde::Serialize;

use crate::Failure;

/// Codes in the benchmark: the demo city's deputies.
pub const CODES: usize = 9_000;

/// `liaison bench qr` results (seconds for all [`CODES`] codes).
#[derive(Debug, Clone, Serialize)]
pub struct QrFigures {
    /// Codes timed.
    pub codes: usize,
    /// Encoding the unsigned URLs alone, one core.
    pub encode_seconds: f64,
    /// Encoding the signed URLs alone, one core.
    pub encode_signed_seconds: f64,
    /// Encoding + 1-bit PNG (10 px a module), one core.
    pub png_seconds: f64,
    /// Encoding + SVG, one core.
    pub svg_seconds: f64,
    /// The zip of PNG + SVG per code, every core (`batch::write_zip`), unsigned.
    pub zip_seconds: f64,
    /// The same, signed codes.
    pub zip_signed_seconds: f64,
    /// The signed zip's size, MB.
    pub zip_signed_mb: f64,
    /// Cores used by the batch.
    pub threads: usize,
}

/// Runs the QR benchmark.
pub fn qr_bench() -> Result<QrFigures, Failure> {
    let templates = Templates::new(EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE)?;
    let key = OfficeKey::generate()?;
    let codes: Vec<String> = (1..=CODES).map(|i| format!("D{i:06}")).collect();
    let item =
        |code: &String, text: String| Item { kind: Kind::Deputy, code: code.clone(), name: "张明新".into(), text };
    let plain: Vec<Item> =
        codes.iter().map(|c| Ok(item(c, templates.url(Kind::Deputy, c)?))).collect::<Result<_, Failure>>()?;
    let signed: Vec<Item> = codes
        .iter()
        .map(|c| Ok(item(c, key.signed_url(&templates, Kind::Deputy, c, 1)?)))
        .collect::<Result<_, Failure>>()?;
    let timed = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed().as_secs_f64()
    };
    let enc = |text: &str| encode(text, Ec::M).map_err(|e| Failure::user(e.to_string()));
    let mut check = Ok(());
    let mut each = |items: &[Item], f: &dyn Fn(&str) -> Result<usize, Failure>| {
        timed(&mut || {
            for i in items {
                if let Err(e) = f(&i.text) {
                    check = Err(e);
                }
            }
        })
    };
    let encode_seconds = each(&plain, &|t| enc(t).map(|m| m.size));
    let encode_signed_seconds = each(&signed, &|t| enc(t).map(|m| m.size));
    let png_seconds = each(&plain, &|t| enc(t).map(|m| png::to_png(&m, png::DEFAULT_MODULE_PX).len()));
    let svg_seconds = each(&plain, &|t| enc(t).map(|m| svg::to_svg(&m, svg::DEFAULT_MODULE_MM).len()));
    check?;
    let dir = tempfile::tempdir().map_err(|e| Failure::user(format!("temp dir: {e}")))?;
    let zip = |items: &[Item], name: &str| -> Result<(f64, u64), Failure> {
        let path = dir.path().join(name);
        let file = std::fs::File::create(&path).map_err(|e| Failure::user(e.to_string()))?;
        let start = Instant::now();
        Watch::unwatched(|w| batch::write_zip(file, items, &Options::default(), w))?;
        let seconds = start.elapsed().as_secs_f64();
        Ok((seconds, std::fs::metadata(&path).map_err(|e| Failure::user(e.to_string()))?.len()))
    };
    let (zip_seconds, _) = zip(&plain, "plain.zip")?;
    let (zip_signed_seconds, bytes) = zip(&signed, "signed.zip")?;
    Ok(QrFigures {
        codes: CODES,
        encode_seconds,
        encode_signed_seconds,
        png_seconds,
        svg_seconds,
        zip_seconds,
        zip_signed_seconds,
        zip_signed_mb: bytes as f64 / 1e6,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
    })
}

/// Prints the figures for people.
pub fn print_qr(f: &QrFigures) {
    println!("{} 个二维码 codes ({} 线程 threads for the zip)", f.codes, f.threads);
    println!("  编码 encode only (unsigned / signed): {:.2} s / {:.2} s", f.encode_seconds, f.encode_signed_seconds);
    println!("  PNG, one core: {:.2} s; SVG, one core: {:.2} s", f.png_seconds, f.svg_seconds);
    println!(
        "  zip PNG+SVG (unsigned / signed): {:.2} s / {:.2} s, signed zip {:.1} MB",
        f.zip_seconds, f.zip_signed_seconds, f.zip_signed_mb
    );
}
