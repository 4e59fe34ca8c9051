//! The PDFs checked with real tools, not our own: poppler's `pdftotext` (every name is text), `pdffonts` (fonts
//! embedded and subset), `pdftoppm` + zbar's `zbarimg` (every code on a rendered page decodes to its payload).
//! Debian: `apt-get install poppler-utils zbar-tools fonts-noto-cjk`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use liaison_print::Ec;
use liaison_print::card::{CARD_H, CARD_W, Card, cards_pdf, front_text_lines};
use liaison_print::fonts::{FontChoice, FontError, FontSet};
use liaison_print::pdf::PrintError;
use liaison_print::poster::{Poster, posters_pdf};
use liaison_print::sheet::{PER_PAGE, SheetOptions, SheetOrder, sheet_pdf, slot};

const LONG_STATION: &str =
    "平顶山市新华区西市场街道光明路社区人大代表联络站（立法联系点、基层示范点、代表履职实践基地）";

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("`{tool}` 无法运行（{e}）：请安装 poppler-utils 与 zbar-tools（Debian: apt-get install poppler-utils zbar-tools）")
    });
    assert!(
        out.status.success() || tool == "zbarimg",
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fonts() -> FontSet {
    FontSet::load(&FontChoice::default()).expect("a CJK font (Debian: fonts-noto-cjk)")
}

const SURNAMES: &[&str] = &["王", "李", "欧阳", "单", "尉迟", "张", "赵", "覃", "仇", "司马"];
const GIVEN: &[&str] = &["芳", "建国", "秀英", "雄", "明", "丽娟", "志强", "红梅", "敏", "海燕", "俊杰"];

fn card(i: usize, station: &str) -> Card {
    let name = format!("{}{}", SURNAMES[i % SURNAMES.len()], GIVEN[(i / 3) % GIVEN.len()]);
    Card {
        code: format!("D{i:06}"),
        name,
        level_lines: if i.is_multiple_of(4) {
            vec!["平顶山市第十二届人民代表大会代表".into(), "新华区第十一届人民代表大会代表".into()]
        } else {
            vec!["新华区第十一届人民代表大会代表".into()]
        },
        station: Some(station.into()),
        contact: format!("0375-{:07}", 2_000_000 + i),
        photo: None,
        pledge: None,
        payload: format!("https://rd.pds.gov.cn/d/D{i:06}"),
    }
}

fn cards(n: usize) -> Vec<Card> {
    let stations = ["光明路社区人大代表联络站", LONG_STATION, "曹镇乡人大代表之家"];
    (0..n).map(|i| card(i, stations[(i / 7) % stations.len()])).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Renders page `page` at 150 dpi and returns every code zbarimg reads on it.
fn decode_page(pdf: &Path, page: usize) -> BTreeSet<String> {
    let dir = pdf.parent().unwrap();
    let prefix = dir.join(format!("page{page}"));
    let p = page.to_string();
    run(
        "pdftoppm",
        &["-r", "150", "-png", "-f", &p, "-l", &p, "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    let png = prefix.with_extension("png");
    run("zbarimg", &["--raw", "-q", png.to_str().unwrap()])
        .lines()
        .map(str::to_owned)
        .filter(|l| !l.is_empty())
        .collect()
}

fn assert_fonts_embedded_and_subset(pdf: &Path) -> usize {
    let out = run("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = out.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "no fonts in the PDF:\n{out}");
    for row in &rows {
        // name type encoding emb sub uni object ID — the name may hold no spaces; read the flags from the right.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 7, "odd pdffonts row {row:?}");
        let (emb, sub, uni) = (cols[n - 5], cols[n - 4], cols[n - 3]);
        assert_eq!((emb, sub, uni), ("yes", "yes", "yes"), "font not embedded+subset+unicode: {row}");
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "subset fonts are named ABCDEF+Name: {row}");
    }
    rows.len()
}

#[test]
fn a_sheet_has_every_name_as_text_subset_fonts_and_codes_that_decode() {
    let dir = tempfile::tempdir().unwrap();
    let mut fonts = fonts();
    let cards = cards(23);
    let mut calls = Vec::new();
    let opts = SheetOptions { order: SheetOrder::ByStation, title: None, ..SheetOptions::default() };
    let pdf = sheet_pdf(&cards, &mut fonts, &opts, &mut |done, total| {
        calls.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(calls.first(), Some(&(0, 23)));
    assert_eq!(calls.last(), Some(&(23, 23)));
    let path = write(dir.path(), "sheet.pdf", &pdf);

    let text = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    for c in &cards {
        assert!(text.contains(&c.name), "{} not found in the sheet's text", c.name);
    }
    // Grouped by station: each group starts a page with the station's name at the top.
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), 3, "(7 + 2) + 7 + 7 cards of three stations: a page each");
    assert!(pages[0].contains("光明路社区人大代表联络站"));
    assert_eq!(assert_fonts_embedded_and_subset(&path), 1, "one subset font for the whole sheet");

    // Page 1 holds the first station's 7 cards (roster positions 0..7 and 21..23 are the same station).
    let first_station: Vec<&Card> = cards.iter().filter(|c| c.station == cards[0].station).collect();
    let expected: BTreeSet<String> = first_station.iter().take(PER_PAGE).map(|c| c.payload.clone()).collect();
    assert_eq!(decode_page(&path, 1), expected, "every code on page 1 decodes to exactly its payload");
    let second: BTreeSet<String> =
        cards.iter().filter(|c| c.station.as_deref() == Some(LONG_STATION)).map(|c| c.payload.clone()).collect();
    assert_eq!(decode_page(&path, 2), second);
}

#[test]
fn a_card_with_photo_and_back_prints_and_its_code_decodes() {
    let dir = tempfile::tempdir().unwrap();
    let mut fonts = fonts();
    let img = image::RgbImage::from_fn(600, 900, |x, y| image::Rgb([(x / 3) as u8, (y / 4) as u8, 128]));
    let mut jpeg = std::io::Cursor::new(Vec::new());
    img.write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    let mut c = card(4, LONG_STATION);
    c.photo = Some(jpeg.into_inner());
    c.pledge = Some("依法履职，密切联系群众，每月至少进站接待一次。".into());
    let pdf = cards_pdf(std::slice::from_ref(&c), &mut fonts, Ec::Q, true).unwrap();
    let path = write(dir.path(), "card.pdf", &pdf);
    let text = run("pdftotext", &[path.to_str().unwrap(), "-"]).replace('\n', "");
    for needle in
        [c.name.as_str(), "扫码联系我", "平顶山市第十二届人民代表大会代表", "履职承诺", "每月至少进站接待一次"]
    {
        assert!(text.contains(needle), "{needle} not in the card's text:\n{text}");
    }
    assert_eq!(decode_page(&path, 1), BTreeSet::from([c.payload.clone()]));
    let images = run("pdfimages", &["-list", path.to_str().unwrap()]);
    assert_eq!(images.lines().count(), 3, "one image (the photo), no bitmap code:\n{images}");
}

#[test]
fn a_long_station_name_wraps_inside_the_card() {
    let fonts = fonts();
    for photo in [None, Some(vec![0u8])] {
        let mut c = card(0, LONG_STATION);
        c.photo = photo;
        let front = front_text_lines(&c, &fonts).unwrap();
        let station_lines =
            front.lines.iter().filter(|(l, _)| LONG_STATION.contains(l.trim_start_matches("联络站："))).count();
        assert!(station_lines >= 2, "the long name wraps: {:?}", front.lines);
        for (line, size) in &front.lines {
            let w = fonts.width(line, *size).unwrap();
            assert!(w <= front.width + 0.01, "{line:?} is {w} pt wide in a {} pt column", front.width);
        }
        assert!(front.used_height <= front.height + 0.01, "{} pt of text in {} pt", front.used_height, front.height);
    }

    // And in the PDF, as poppler reads it: no word of the text column reaches the code.
    let dir = tempfile::tempdir().unwrap();
    let mut fonts = fonts;
    let pdf = cards_pdf(&[card(0, LONG_STATION)], &mut fonts, Ec::M, false).unwrap();
    let path = write(dir.path(), "long.pdf", &pdf);
    let html = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    let column_right = (CARD_W - 3.2 - 25.0 + 1.0) * 72.0 / 25.4;
    let mut seen = 0;
    for l in html.lines().filter(|l| l.contains("<word")) {
        let attr = |name: &str| -> f32 {
            let start = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            l[start..].split('"').next().unwrap().parse().unwrap()
        };
        let word = l.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("");
        if word.contains("扫码联系我") || word.contains("人大代表联系卡") {
            continue;
        }
        seen += 1;
        assert!(
            attr("xMax") <= column_right + 1.0,
            "{word} reaches x = {} (column ends at {column_right})",
            attr("xMax")
        );
        assert!(attr("yMax") <= 54.0 * 72.0 / 25.4, "{word} falls off the card");
    }
    assert!(seen >= 5, "{html}");
}

#[test]
fn a_rare_character_renders_with_a_fallback_or_fails_naming_it() {
    let mut c = card(1, "光明路社区人大代表联络站");
    c.name = "张𪚥".into();
    let mut fonts = fonts();
    match cards_pdf(std::slice::from_ref(&c), &mut fonts, Ec::M, false) {
        Ok(pdf) => {
            let dir = tempfile::tempdir().unwrap();
            let path = write(dir.path(), "rare.pdf", &pdf);
            assert!(run("pdftotext", &[path.to_str().unwrap(), "-"]).contains("张𪚥"));
            assert!(assert_fonts_embedded_and_subset(&path) >= 2, "the fallback font is embedded too");
        }
        Err(e) => assert_eq!(
            e.to_string(),
            "“𪚥”（U+2A6A5，代表 张𪚥）在已安装的字体中都没有，无法打印；请在设置中选择包含该字的字体"
        ),
    }

    // With only a font that lacks it, always the clear error.
    let noto = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    assert!(noto.exists(), "fonts-noto-cjk is needed for this test (apt-get install fonts-noto-cjk)");
    let mut only =
        FontSet::load(&FontChoice { primary: Some(noto.into()), fallbacks: vec![], no_system_fonts: true }).unwrap();
    let err = cards_pdf(&[c], &mut only, Ec::M, false).unwrap_err();
    assert!(
        matches!(&err, PrintError::Font(FontError::Missing { ch: '𪚥', whose: Some(w) }) if w == "代表 张𪚥"),
        "{err:?}"
    );
}

#[test]
fn a_character_the_main_font_lacks_is_drawn_with_a_fallback_font() {
    // Noto Sans CJK has no Georgian; DejaVu Sans (fonts-dejavu-core, on every Debian) has: the same path a
    // CJK Extension B name takes when HanaMinB or BabelStone Han is installed.
    let mut fonts = fonts();
    let mut c = card(2, "光明路社区人大代表联络站");
    c.contact = "თბილისი 0375-1234567".into();
    let pdf = cards_pdf(std::slice::from_ref(&c), &mut fonts, Ec::M, false).unwrap();
    assert!(fonts.families().len() >= 2, "a fallback was added: {:?}", fonts.families());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "fallback.pdf", &pdf);
    let text = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(text.contains("თბილისი 0375-1234567"), "{text}");
    assert_eq!(assert_fonts_embedded_and_subset(&path), 2, "main font and fallback, both subset");
    assert_eq!(decode_page(&path, 1), BTreeSet::from([c.payload]));
}

#[test]
fn a_poster_is_a4_with_a_large_code_that_decodes() {
    let dir = tempfile::tempdir().unwrap();
    let mut fonts = fonts();
    let poster = Poster {
        code: "S0101".into(),
        name: "新华区西市场街道光明路社区人大代表联络站".into(),
        kind: "代表联络站".into(),
        address: "平顶山市新华区光明路 18 号社区服务中心二楼".into(),
        reception: "每周一、周三".into(),
        payload: "https://rd.pds.gov.cn/s/S0101".into(),
    };
    let pdf = posters_pdf(std::slice::from_ref(&poster), &mut fonts, Ec::Q).unwrap();
    let path = write(dir.path(), "poster.pdf", &pdf);
    let text = run("pdftotext", &[path.to_str().unwrap(), "-"]).replace('\n', "");
    for needle in ["光明路社区人大代表联络站", "扫码反映意见建议", "每周一、周三", "代表联络站"]
    {
        assert!(text.contains(needle), "{needle} not in:\n{text}");
    }
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
    assert_eq!(decode_page(&path, 1), BTreeSet::from([poster.payload]));
    assert_fonts_embedded_and_subset(&path);
}

/// The text pdftotext finds on page `page`, in the box `(x, y, w, h)` in points when given.
fn page_text(pdf: &Path, page: usize, bbox: Option<(f32, f32, f32, f32)>) -> String {
    let p = page.to_string();
    let mut args = vec!["-f".to_owned(), p.clone(), "-l".to_owned(), p];
    if let Some((x, y, w, h)) = bbox {
        for (flag, v) in [("-x", x), ("-y", y), ("-W", w), ("-H", h)] {
            args.extend([flag.to_owned(), (v.round() as i64).to_string()]);
        }
    }
    args.extend([pdf.to_str().unwrap().to_owned(), "-".to_owned()]);
    run("pdftotext", &args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn duplex_backs_follow_each_page_mirrored_behind_their_fronts() {
    let dir = tempfile::tempdir().unwrap();
    let mut fonts = fonts();
    let mut cards = cards(PER_PAGE + 3);
    cards[PER_PAGE].pledge = Some("自定义承诺：每月进站接待一次。".into());
    let opts = SheetOptions { back: true, ..SheetOptions::default() };
    let pdf = sheet_pdf(&cards, &mut fonts, &opts, &mut |_, _| true).unwrap();
    let path = write(dir.path(), "duplex.pdf", &pdf);
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 4")), "two fronts, two backs: {info}");
    // The default pledge starts 坚持以人民为中心; a card's own pledge replaces it.
    for page in 1..=4 {
        let text = page_text(&path, page, None);
        let is_back = page % 2 == 0;
        assert_eq!(text.contains("履职承诺"), is_back, "page {page}:\n{text}");
        assert_eq!(text.contains("坚持以人民为中心"), is_back, "page {page}");
    }
    assert!(page_text(&path, 4, None).contains("自定义承诺"));
    assert!(!page_text(&path, 2, None).contains("自定义承诺"));
    // Slot 0 (top left) on the front; its back in the top right of the next page, and slot 1's in the top left.
    let cell = |(x, y): (f32, f32)| Some((x, y, CARD_W * 72.0 / 25.4, CARD_H * 72.0 / 25.4));
    let front_cell = page_text(&path, 1, cell(slot(0)));
    assert!(front_cell.contains(&cards[0].name) && !front_cell.contains(&cards[1].name), "{front_cell}");
    let top_right = page_text(&path, 2, cell(slot(1)));
    assert!(top_right.contains(&format!("承诺人：{}", cards[0].name)), "{top_right}");
    assert!(!top_right.contains(&cards[1].name), "{top_right}");
    let top_left = page_text(&path, 2, cell(slot(0)));
    assert!(top_left.contains(&format!("承诺人：{}", cards[1].name)), "{top_left}");
}

#[test]
fn cancelling_a_sheet_stops_it() {
    let mut fonts = fonts();
    let err = sheet_pdf(&cards(30), &mut fonts, &SheetOptions::default(), &mut |done, _| done < 10).unwrap_err();
    assert!(matches!(err, PrintError::Cancelled));
}

/// `cargo test -p liaison-print --release --test pdf_tools -- --ignored --nocapture measure`: time and size of 100,
/// 1,000 and 9,000 cards on A4 sheets (by station) and of encoding their codes alone, left with samples (a card,
/// a duplex sheet, a poster) in `$TMPDIR/liaison-print-measure/` to look at.
#[test]
#[ignore]
fn measure_sheets() {
    let out = std::env::temp_dir().join("liaison-print-measure");
    std::fs::create_dir_all(&out).unwrap();
    let mut fonts = fonts();
    for n in [100, 1_000, 9_000] {
        let cards = cards(n);
        let started = Instant::now();
        for c in &cards {
            liaison_print::encode(&c.payload, Ec::M).unwrap();
        }
        let one_core = started.elapsed().as_secs_f64();
        let payloads: Vec<&str> = cards.iter().map(|c| c.payload.as_str()).collect();
        let started = Instant::now();
        assert!(liaison_print::encode_all(&payloads, Ec::M).iter().all(Result::is_ok));
        let floor = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let opts = SheetOptions { order: SheetOrder::ByStation, ..SheetOptions::default() };
        let pdf = sheet_pdf(&cards, &mut fonts, &opts, &mut |_, _| true).unwrap();
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{n} cards: {secs:.2} s, {:.2} MB (encoding the codes alone: {floor:.2} s on every core, {one_core:.2} s \
             on one)",
            pdf.len() as f64 / 1e6
        );
        write(&out, &format!("sheet-{n}.pdf"), &pdf);
    }
    let img = image::RgbImage::from_fn(600, 900, |x, y| image::Rgb([(x / 3) as u8, (y / 4) as u8, 128]));
    let mut jpeg = std::io::Cursor::new(Vec::new());
    img.write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    let mut c = card(4, LONG_STATION);
    c.photo = Some(jpeg.into_inner());
    let pdf = cards_pdf(&[c, card(5, "光明路社区人大代表联络站")], &mut fonts, Ec::M, true).unwrap();
    write(&out, "cards.pdf", &pdf);
    let duplex = SheetOptions { back: true, ..SheetOptions::default() };
    write(&out, "sheet-duplex.pdf", &sheet_pdf(&cards(13), &mut fonts, &duplex, &mut |_, _| true).unwrap());
    let poster = Poster {
        code: "S0101".into(),
        name: "新华区西市场街道光明路社区人大代表联络站".into(),
        kind: "代表联络站".into(),
        address: "平顶山市新华区光明路 18 号社区服务中心二楼".into(),
        reception: "每周一、周三".into(),
        payload: "https://rd.pds.gov.cn/s/S0101".into(),
    };
    write(&out, "poster.pdf", &posters_pdf(&[poster], &mut fonts, Ec::Q).unwrap());
}
