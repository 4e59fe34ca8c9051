//! `liaison bench qr`: the QR side's figures on 9,000 codes (the demo city's deputies), as the issue asks for them:
//! (a) encoding the codes alone on every core — the floor every format pays; (b) the zip batch of a 300-dpi PNG and
//! an SVG per code (`qr codes`, `qr cards --png`); (c) all 9,000 cards on A4 sheets as one PDF (target ≤ 5 s and
//! ≤ 30 MB on 2 cores); (d) the same zip and sheet with signed codes (a signed URL is ~90 characters longer, so a
//! larger code).
//!
//! The codes are synthetic (D000001 …) on the example template and the cards synthetic deputies at 30 stations:
//! the figures depend on the text lengths and the cards' layout, not on the roster, so no database is built. The
//! fonts are loaded once before timing (a system font scan, the same for any job size). Each figure is the best of
//! a few runs: on a shared machine the best is the one least disturbed by other processes.

use std::time::Instant;

use liaison_core::qr_settings::{EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE};
use liaison_print::batch::{self, Item, Options, Watch};
use liaison_print::card::Card;
use liaison_print::fonts::{FontChoice, FontSet};
use liaison_print::payload::{Kind, Templates};
use liaison_print::sheet::{SheetOptions, SheetOrder, sheet_pdf};
use liaison_print::signing::{self, OfficeKey, Signer};
use liaison_print::{Ec, encode, encode_all, par};
use serde::Serialize;

use crate::Failure;

/// Codes in the benchmark: the demo city's deputies.
pub const CODES: usize = 9_000;
/// The targets for the city's sheet PDF.
pub const SHEET_TARGET_SECONDS: f64 = 5.0;
/// Megabytes.
pub const SHEET_TARGET_MB: f64 = 30.0;

/// `liaison bench qr` results (seconds for all [`CODES`] codes, sizes in MB of 10⁶ bytes).
#[derive(Debug, Clone, Serialize)]
pub struct QrFigures {
    /// Codes timed.
    pub codes: usize,
    /// Threads of the parallel figures.
    pub threads: usize,
    /// Runs of each figure (the best is reported).
    pub runs: usize,
    /// (a) Encoding the unsigned URLs alone, every core: the floor.
    pub encode_seconds: f64,
    /// The same on one core.
    pub encode_one_core_seconds: f64,
    /// (b) The zip of PNG + SVG per code, every core (`batch::write_zip`).
    pub zip_seconds: f64,
    /// Its size.
    pub zip_mb: f64,
    /// (c) Every card on A4 sheets (2 × 5, by station) as one PDF.
    pub sheet_seconds: f64,
    /// Its size.
    pub sheet_mb: f64,
    /// Whether the sheet met ≤ [`SHEET_TARGET_SECONDS`] and ≤ [`SHEET_TARGET_MB`].
    pub sheet_target_met: bool,
    /// (d) Encoding the signed URLs alone, every core.
    pub encode_signed_seconds: f64,
    /// The zip with signed codes.
    pub zip_signed_seconds: f64,
    /// Its size.
    pub zip_signed_mb: f64,
    /// The sheet with signed codes.
    pub sheet_signed_seconds: f64,
    /// Its size.
    pub sheet_signed_mb: f64,
}

/// Runs the QR benchmark, each figure the best of `runs` (at least 1).
pub fn qr_bench(runs: usize) -> Result<QrFigures, Failure> {
    let runs = runs.max(1);
    let templates = Templates::new(EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE)?;
    let key = OfficeKey::generate()?;
    let signer = Signer { key: &key, version: 1 };
    let codes: Vec<String> = (1..=CODES).map(|i| format!("D{i:06}")).collect();
    let texts = |signer: Option<&Signer<'_>>| -> Result<Vec<String>, Failure> {
        Ok(codes.iter().map(|c| signing::payload(&templates, Kind::Deputy, c, signer)).collect::<Result<_, _>>()?)
    };
    let (plain, signed) = (texts(None)?, texts(Some(&signer))?);
    let mut fonts = FontSet::load(&FontChoice::default())
        .map_err(|e| Failure::user(format!("{e}（基准测试需要系统中文字体 the benchmark needs a CJK font）")))?;

    let encode_one_core_seconds = best(runs, || {
        plain.iter().try_for_each(|t| encode(t, Ec::M).map(drop)).map_err(|e| Failure::user(e.to_string()))
    })?;
    let encode_every_core = |texts: &[String]| {
        best(runs, || {
            encode_all(texts, Ec::M).into_iter().try_for_each(|r| r.map(drop)).map_err(|e| Failure::user(e.to_string()))
        })
    };
    let encode_seconds = encode_every_core(&plain)?;
    let encode_signed_seconds = encode_every_core(&signed)?;

    let dir = tempfile::tempdir().map_err(|e| Failure::user(format!("temp dir: {e}")))?;
    let zip = |texts: &[String], name: &str| -> Result<(f64, f64), Failure> {
        let items: Vec<Item> = codes
            .iter()
            .zip(texts)
            .map(|(code, text)| Item {
                kind: Kind::Deputy,
                code: code.clone(),
                name: "张明新".into(),
                text: text.clone(),
            })
            .collect();
        let path = dir.path().join(name);
        let seconds = best(runs, || {
            let file = std::fs::File::create(&path).map_err(|e| Failure::user(e.to_string()))?;
            Watch::unwatched(|w| batch::write_zip(file, &items, &Options::default(), w))?;
            Ok(())
        })?;
        Ok((seconds, std::fs::metadata(&path).map_err(|e| Failure::user(e.to_string()))?.len() as f64 / 1e6))
    };
    let (zip_seconds, zip_mb) = zip(&plain, "plain.zip")?;
    let (zip_signed_seconds, zip_signed_mb) = zip(&signed, "signed.zip")?;

    let mut sheet = |texts: &[String]| -> Result<(f64, f64), Failure> {
        let cards = cards(texts);
        let opts = SheetOptions { order: SheetOrder::ByStation, ..SheetOptions::default() };
        let mut bytes = 0;
        let seconds = best(runs, || {
            let pdf =
                sheet_pdf(&cards, &mut fonts, &opts, &mut |_, _| true).map_err(|e| Failure::user(e.to_string()))?;
            bytes = pdf.len();
            Ok(())
        })?;
        Ok((seconds, bytes as f64 / 1e6))
    };
    let (sheet_seconds, sheet_mb) = sheet(&plain)?;
    let (sheet_signed_seconds, sheet_signed_mb) = sheet(&signed)?;

    Ok(QrFigures {
        codes: CODES,
        threads: par::threads(),
        runs,
        encode_seconds,
        encode_one_core_seconds,
        zip_seconds,
        zip_mb,
        sheet_seconds,
        sheet_mb,
        sheet_target_met: sheet_seconds <= SHEET_TARGET_SECONDS && sheet_mb <= SHEET_TARGET_MB,
        encode_signed_seconds,
        zip_signed_seconds,
        zip_signed_mb,
        sheet_signed_seconds,
        sheet_signed_mb,
    })
}

/// The shortest of `runs` timings of `f`.
fn best(runs: usize, mut f: impl FnMut() -> Result<(), Failure>) -> Result<f64, Failure> {
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let start = Instant::now();
        f()?;
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(best)
}

/// Synthetic deputies' cards carrying `texts`: varied names, one or two level lines, 30 stations (some with long
/// names that wrap), so the layout does the work a real roster asks of it.
fn cards(texts: &[String]) -> Vec<Card> {
    const SURNAMES: [&str; 10] = ["王", "李", "欧阳", "单", "尉迟", "张", "赵", "覃", "仇", "司马"];
    const GIVEN: [&str; 11] = ["芳", "建国", "秀英", "雄", "明", "丽娟", "志强", "红梅", "敏", "海燕", "俊杰"];
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let station = if i % 30 < 10 {
                format!("平顶山市新华区西市场街道光明路第{}社区人大代表联络站", i % 30)
            } else {
                format!("第{}人大代表之家", i % 30)
            };
            Card {
                code: format!("D{:06}", i + 1),
                name: format!("{}{}", SURNAMES[i % SURNAMES.len()], GIVEN[(i / 3) % GIVEN.len()]),
                level_lines: if i % 4 == 0 {
                    vec!["平顶山市第十二届人民代表大会代表".into(), "新华区第十一届人民代表大会代表".into()]
                } else {
                    vec!["新华区第十一届人民代表大会代表".into()]
                },
                station: Some(station),
                contact: format!("0375-{:07}", 2_000_000 + i),
                photo: None,
                pledge: None,
                payload: text.clone(),
            }
        })
        .collect()
}

/// Prints the figures for people.
pub fn print_qr(f: &QrFigures) {
    println!("{} 个二维码 codes, {} 线程 threads, best of {} runs", f.codes, f.threads, f.runs);
    println!(
        "  (a) 编码 encode only: {:.2} s every core ({:.2} s one core)",
        f.encode_seconds, f.encode_one_core_seconds
    );
    println!("  (b) zip PNG (300 dpi) + SVG: {:.2} s, {:.1} MB", f.zip_seconds, f.zip_mb);
    let met = if f.sheet_target_met { "达标 target met" } else { "未达标 target missed" };
    println!(
        "  (c) A4 卡片页 sheet PDF: {:.2} s, {:.1} MB (≤ {SHEET_TARGET_SECONDS} s, ≤ {SHEET_TARGET_MB} MB: {met})",
        f.sheet_seconds, f.sheet_mb
    );
    println!(
        "  (d) 签名 signed: encode {:.2} s; zip {:.2} s, {:.1} MB; sheet {:.2} s, {:.1} MB",
        f.encode_signed_seconds, f.zip_signed_seconds, f.zip_signed_mb, f.sheet_signed_seconds, f.sheet_signed_mb
    );
}
