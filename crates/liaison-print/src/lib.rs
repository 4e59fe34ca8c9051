//! QR codes for every deputy and platform, and what is printed with them.
//!
//! Tauri-free, like every crate under `crates/`: the `liaison qr …` commands and the desktop app's 二维码 screen
//! both call it. Modules:
//! - [`matrix`] — a text to a QR module matrix (error correction M or Q for print, a quiet zone that survives
//!   cutting); the one encoder every output format draws from (`qrcode`, with the mask scored by `mask`);
//!   [`par`] — work on every core, results in order.
//! - [`payload`] — the text a code carries: a URL from the office's template, stable codes only;
//!   [`signing`] — the office's optional Ed25519 signature on it, and [`signing::verify`].
//! - [`png`] (1-bit, 300 dpi) and [`svg`] (one vector path) — a code as an image; [`file_name`] — names that say
//!   who a file is for, safe on Windows; [`batch`] — a zip of them for a station or the city, with progress and
//!   cancel.
//! - [`fonts`] — the system's CJK font (or the one picked in 设置) with fallbacks for rare characters, text split
//!   into runs by glyph coverage, a clear error naming a character no font has.
//! - [`card`] (CR80 deputy card, front and back), [`poster`] (A4 platform poster), [`sheet`] (A4, 2 × 5 cards
//!   with crop marks, by station, progress and cancel) — PDFs written with krilla: subset fonts, vector codes;
//!   [`select`] — which deputies' cards, shared by the CLI and the app.
//! - [`layout`] — office documents on A4 (title, paragraphs, tables with repeated headers, 第 n 页 共 N 页) and
//!   [`chart`] (bar and line charts); [`documents`] (交办单, 催办/督办通知) and [`report`] (the period report).

pub mod batch;
pub mod card;
pub mod chart;
pub mod documents;
mod draw;
pub mod file_name;
pub mod fonts;
pub mod layout;
mod mask;
pub mod matrix;
pub mod par;
pub mod payload;
pub mod pdf;
pub mod png;
pub mod poster;
pub mod report;
pub mod select;
pub mod sheet;
pub mod signing;
pub mod svg;

pub use matrix::{Ec, QrMatrix, encode, encode_all};
