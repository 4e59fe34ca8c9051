//! A code as SVG: a white square and one `<path>` of dark rectangles, so it stays sharp at any size (a poster, a
//! banner) and a designer can recolour it in one click.
//!
//! Horizontal runs of dark modules become one rectangle each (`M x y h n v1 h-n z`), which keeps the file about a
//! third the size of one rectangle per module. `shape-rendering="crispEdges"` stops viewers from anti-aliasing the
//! seams between rows into faint grey lines that some scanners read as light modules.

use std::fmt::Write;

use crate::matrix::{QUIET_ZONE, QrMatrix};

/// The module size that fixes the SVG's physical size: 0.85 mm (10 px at 300 dpi, the PNG default).
pub const DEFAULT_MODULE_MM: f64 = 0.8467;

/// The SVG of `matrix` with its quiet zone, `module_mm` millimetres per module (its `width`/`height`); the
/// `viewBox` counts modules, so a path coordinate is a module.
pub fn to_svg(matrix: &QrMatrix, module_mm: f64) -> String {
    let n = matrix.size_with_quiet_zone();
    let mm = n as f64 * module_mm;
    let mut path = String::with_capacity(matrix.size * matrix.size * 4);
    for y in 0..matrix.size {
        let mut x = 0;
        while x < matrix.size {
            if !matrix.dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < matrix.size && matrix.dark(x, y) {
                x += 1;
            }
            let run = x - start;
            // Writing into a String cannot fail.
            let _ = write!(path, "M{} {}h{run}v1h-{run}z", start + QUIET_ZONE, y + QUIET_ZONE);
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{mm:.2}mm\" height=\"{mm:.2}mm\" \
         viewBox=\"0 0 {n} {n}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::{Ec, encode};

    #[test]
    fn one_path_whose_runs_cover_exactly_the_dark_modules() {
        let m = encode("https://rd.example.gov.cn/s/XH-01", Ec::Q).unwrap();
        let svg = to_svg(&m, 1.0);
        assert_eq!(svg.matches("<path").count(), 1);
        let n = m.size_with_quiet_zone();
        assert!(svg.contains(&format!("viewBox=\"0 0 {n} {n}\"")) && svg.contains(&format!("width=\"{n}.00mm\"")));
        let d = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut covered = vec![false; m.size * m.size];
        for rect in d.split('z').filter(|r| !r.is_empty()) {
            let (xy, rest) = rect.trim_start_matches('M').split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            for dx in 0..run {
                covered[(y - QUIET_ZONE) * m.size + x - QUIET_ZONE + dx] = true;
            }
        }
        assert_eq!(covered, m.modules);
    }
}
