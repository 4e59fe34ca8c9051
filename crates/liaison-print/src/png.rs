//! A code as a PNG: black and white modules at a whole number of pixels each, with the quiet zone, 1 bit per pixel
//! and a pHYs chunk saying 300 dpi, so an office printer or a layout program places it at its intended size.
//!
//! Written with the `png` crate directly (the encoder the `image` crate wraps): `image`'s PNG encoder writes neither
//! 1-bit grayscale nor pHYs. 1 bit per pixel keeps a city's 9,000 PNGs small (≈1 KB each) and means no grey
//! anti-aliased edge ever reaches a scanner.

use crate::matrix::{QUIET_ZONE, QrMatrix};

/// The print resolution written into every PNG.
pub const DPI: u32 = 300;

/// Pixels per module for print at 300 dpi: 10 px = 0.85 mm a module, so a version-7 code with its quiet zone
/// (53 modules) is 4.5 cm wide — large enough for a poster, and cards scale it down in the PDF instead.
pub const DEFAULT_MODULE_PX: u32 = 10;

/// Encodes `matrix` with its quiet zone as a 1-bit PNG, `module_px` pixels per module (at least 1).
pub fn to_png(matrix: &QrMatrix, module_px: u32) -> Vec<u8> {
    let module_px = module_px.max(1) as usize;
    let modules = matrix.size_with_quiet_zone();
    let side = modules * module_px;
    let row_bytes = side.div_ceil(8);
    // Grayscale 1-bit: a set bit is white. Every pixel row of one module row is the same, so build it once.
    let mut data = vec![0xFFu8; row_bytes * side];
    for my in 0..matrix.size {
        let row_start = (QUIET_ZONE + my) * module_px * row_bytes;
        let first = &mut data[row_start..row_start + row_bytes];
        for mx in (0..matrix.size).filter(|&mx| matrix.dark(mx, my)) {
            let x0 = (QUIET_ZONE + mx) * module_px;
            for x in x0..x0 + module_px {
                first[x / 8] &= !(0x80 >> (x % 8));
            }
        }
        let (head, tail) = data[row_start..row_start + module_px * row_bytes].split_at_mut(row_bytes);
        for copy in tail.chunks_exact_mut(row_bytes) {
            copy.copy_from_slice(head);
        }
    }
    let mut out = Vec::with_capacity(data.len() / 4 + 128);
    let side = u32::try_from(side).expect("a QR code's pixel side fits u32");
    let mut encoder = ::png::Encoder::new(&mut out, side, side);
    encoder.set_color(::png::ColorType::Grayscale);
    encoder.set_depth(::png::BitDepth::One);
    // 300 dots per inch = 11,811 per metre (pHYs counts per metre).
    let ppm = (f64::from(DPI) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(::png::PixelDimensions { xppu: ppm, yppu: ppm, unit: ::png::Unit::Meter }));
    encoder.set_compression(::png::Compression::Fast);
    // Writing into a Vec cannot fail, and the header matches the data's length by construction.
    let mut writer = encoder.write_header().expect("PNG header into memory");
    writer.write_image_data(&data).expect("PNG data of the declared size into memory");
    writer.finish().expect("PNG end into memory");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::{Ec, encode};

    #[test]
    fn pixels_follow_the_modules_with_a_white_quiet_zone_at_300_dpi() {
        let m = encode("https://rd.example.gov.cn/d/D000001", Ec::M).unwrap();
        let bytes = to_png(&m, 3);
        let decoder = ::png::Decoder::new(std::io::Cursor::new(&bytes));
        let mut reader = decoder.read_info().unwrap();
        let info = reader.info();
        let side = (m.size + 2 * QUIET_ZONE) * 3;
        assert_eq!((info.width as usize, info.height as usize), (side, side));
        assert_eq!((info.bit_depth, info.color_type), (::png::BitDepth::One, ::png::ColorType::Grayscale));
        assert_eq!(info.pixel_dims.unwrap().xppu, 11_811);
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        let row_bytes = side.div_ceil(8);
        let white = |x: usize, y: usize| buf[y * row_bytes + x / 8] & (0x80 >> (x % 8)) != 0;
        assert!(white(0, 0) && white(QUIET_ZONE * 3 - 1, QUIET_ZONE * 3 - 1), "quiet zone");
        for (mx, my) in [(0, 0), (3, 3), (1, 1), (m.size - 1, 0), (8, m.size - 8)] {
            for (dx, dy) in [(0, 0), (2, 2)] {
                let (x, y) = ((QUIET_ZONE + mx) * 3 + dx, (QUIET_ZONE + my) * 3 + dy);
                assert_eq!(!white(x, y), m.dark(mx, my), "module ({mx}, {my})");
            }
        }
    }
}
