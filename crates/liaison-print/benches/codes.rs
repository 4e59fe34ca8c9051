//! divan benchmarks of one code's costs, the units `liaison bench qr` multiplies by 9,000: encoding a deputy's URL
//! plain and signed (a longer text, a larger code), encoding with `qrcode`'s own mask selection for comparison, and
//! drawing the 300-dpi PNG and the SVG. Run: `cargo bench -p liaison-print --bench codes`.

use liaison_core::qr_settings::{EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE};
use liaison_print::payload::{Kind, Templates};
use liaison_print::signing::OfficeKey;
use liaison_print::{Ec, encode, png, svg};

fn main() {
    divan::main();
}

/// The deputy URL, plain or signed.
fn text(signed: bool) -> String {
    let t = Templates::new(EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE).unwrap();
    if signed {
        OfficeKey::generate().unwrap().signed_url(&t, Kind::Deputy, "D004321", 1).unwrap()
    } else {
        t.url(Kind::Deputy, "D004321").unwrap()
    }
}

#[divan::bench(args = [false, true])]
fn encode_url(bencher: divan::Bencher, signed: bool) {
    let text = text(signed);
    bencher.bench(|| encode(divan::black_box(&text), Ec::M).unwrap());
}

/// The same code through `QrCode::with_error_correction_level` (its own mask scoring): what `mask` saves.
#[divan::bench(args = [false, true])]
fn encode_url_qrcode_masking(bencher: divan::Bencher, signed: bool) {
    let text = text(signed);
    bencher.bench(|| qrcode::QrCode::with_error_correction_level(divan::black_box(&text), qrcode::EcLevel::M).unwrap());
}

#[divan::bench]
fn draw_png_300_dpi(bencher: divan::Bencher) {
    let code = encode(&text(false), Ec::M).unwrap();
    bencher.bench(|| png::to_png(divan::black_box(&code), png::DEFAULT_MODULE_PX));
}

#[divan::bench]
fn draw_svg(bencher: divan::Bencher) {
    let code = encode(&text(false), Ec::M).unwrap();
    bencher.bench(|| svg::to_svg(divan::black_box(&code), svg::DEFAULT_MODULE_MM));
}
