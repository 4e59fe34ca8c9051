//! QR codes for every deputy and platform, and what is printed with them.
//!
//! Tauri-free, like every crate under `crates/`: the `liaison qr …` commands and the desktop app's 二维码 screen
//! both call it. Modules:
//! - [`matrix`] — a text to a QR module matrix (error correction M or Q for print, a quiet zone that survives
//!   cutting); the one encoder every output format draws from.

pub mod matrix;

pub use matrix::{Ec, QrMatrix, encode};
