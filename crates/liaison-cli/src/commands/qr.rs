//! `liaison qr cards|posters|sheet`: deputy cards, platform posters and A4 sheets of cards as PDF (`cards|posters
//! --png`: their codes as the PNG + SVG zip of `qr codes` instead). Each code carries the URL of the office's
//! template for that deputy or platform (`payload`), signed with `--sign-key`; fonts come from the system (or
//! `--font`), with fallbacks for rare characters, and a character no font has stops the job with its name.

use liaison_core::Store;
use liaison_core::qr_settings;
use liaison_print::Ec;
use liaison_print::batch::{Item, Options};
use liaison_print::card::{Card, cards_pdf};
use liaison_print::fonts::{FontChoice, FontSet};
use liaison_print::poster::posters_pdf;
use liaison_print::select::{PlatformSelection, Selection, deputy_cards_signed, platform_posters_signed};
use liaison_print::sheet::{SheetOptions, SheetOrder, sheet_pdf};

use super::qr_codes;
use crate::Failure;
use crate::args::{FontArgs, QrBackArgs, QrCommand, QrDeputiesArgs, QrPdfArgs, QrSignArgs};

pub(super) fn run(store: &Store, cmd: &QrCommand, json: bool) -> Result<(), Failure> {
    let conn = store.conn();
    let (pdf_args, bytes, count) = match cmd {
        QrCommand::Verify { .. } | QrCommand::Keygen { .. } | QrCommand::Url(_) | QrCommand::Codes(_) => {
            unreachable!("dispatched to qr_codes by commands::run_with")
        }
        QrCommand::Cards(args) => {
            let cards = with_pledge(deputy_cards(store, &args.select, &args.sign)?, &args.back);
            if args.png {
                let items: Vec<Item> = cards.iter().map(Item::from).collect();
                return png_zip(store, &items, &args.pdf, &args.sign, json);
            }
            let mut fonts = fonts(&args.pdf)?;
            let pdf = cards_pdf(&cards, &mut fonts, ec(&args.pdf), args.back.back).map_err(print_failure)?;
            (&args.pdf, pdf, cards.len())
        }
        QrCommand::Sheet(args) => {
            let cards = with_pledge(deputy_cards(store, &args.select, &args.sign)?, &args.back);
            let mut fonts = fonts(&args.pdf)?;
            let opts = SheetOptions {
                order: if args.by_station { SheetOrder::ByStation } else { SheetOrder::Roster },
                ec: ec(&args.pdf),
                title: None,
                back: args.back.back,
            };
            let mut last = 0;
            let pdf = sheet_pdf(&cards, &mut fonts, &opts, &mut |done, total| {
                if !json && (done == total || done >= last + 500) {
                    eprintln!("{done}/{total}");
                    last = done;
                }
                true
            })
            .map_err(print_failure)?;
            (&args.pdf, pdf, cards.len())
        }
        QrCommand::Posters(args) => {
            let selection = if args.all {
                PlatformSelection::AllOpen
            } else if args.stations.is_empty() {
                return Err(Failure::user("请用 --station CODE 或 --all 选择平台 choose platforms"));
            } else {
                PlatformSelection::Codes(args.stations.clone())
            };
            let key = qr_codes::office_key(&args.sign)?;
            let posters = platform_posters_signed(
                conn,
                &selection,
                args.limit,
                qr_codes::signer(key.as_ref(), &args.sign).as_ref(),
            )?;
            if args.png {
                let items: Vec<Item> = posters.iter().map(Item::from).collect();
                return png_zip(store, &items, &args.pdf, &args.sign, json);
            }
            let mut fonts = fonts(&args.pdf)?;
            (&args.pdf, posters_pdf(&posters, &mut fonts, ec(&args.pdf)).map_err(print_failure)?, posters.len())
        }
    };
    if count == 0 {
        return Err(Failure::user("没有要打印的代表或平台 nothing to print"));
    }
    std::fs::write(&pdf_args.out, &bytes)
        .map_err(|e| Failure::user(format!("{}: 无法写入 cannot write ({e})", pdf_args.out.display())))?;
    let out = &pdf_args.out;
    crate::output::emit(json, &serde_json::json!({ "out": out, "count": count, "bytes": bytes.len() }), |_| {
        println!("已生成 wrote {count} 份 → {}（{:.1} KB）", out.display(), bytes.len() as f64 / 1024.0)
    })
}

/// `--png`: the selected cards' or posters' codes as the zip `qr codes` writes, at `--out`.
fn png_zip(store: &Store, items: &[Item], pdf: &QrPdfArgs, sign: &QrSignArgs, json: bool) -> Result<(), Failure> {
    let options = Options { ec: ec(pdf), ..Options::default() };
    let example = qr_settings::load(store.conn())?.is_example();
    qr_codes::write_zip(items, &options, &pdf.out, sign.sign_key.is_some(), example, json)
}

fn ec(args: &QrPdfArgs) -> Ec {
    if args.ec_q { Ec::Q } else { Ec::M }
}

fn fonts(args: &QrPdfArgs) -> Result<FontSet, Failure> {
    load_fonts(&args.fonts)
}

/// The system's fonts, or the files given.
pub(super) fn load_fonts(args: &FontArgs) -> Result<FontSet, Failure> {
    let choice =
        FontChoice { primary: args.font.clone(), fallbacks: args.fallback_fonts.clone(), no_system_fonts: false };
    FontSet::load(&choice).map_err(|e| Failure::user(e.to_string()))
}

/// The cards with `--pledge` on their backs (none given: each card keeps its own, or the standard pledge).
fn with_pledge(mut cards: Vec<Card>, back: &QrBackArgs) -> Vec<Card> {
    if let Some(pledge) = &back.pledge {
        for c in &mut cards {
            c.pledge = Some(pledge.clone());
        }
    }
    cards
}

pub(super) fn print_failure(e: liaison_print::pdf::PrintError) -> Failure {
    Failure::user(e.to_string())
}

/// The selected deputies' cards, in roster order, with the URL payload (signed with `--sign-key`) and the places of
/// their levels.
fn deputy_cards(store: &Store, select: &QrDeputiesArgs, sign: &QrSignArgs) -> Result<Vec<Card>, Failure> {
    let selection = if !select.deputies.is_empty() {
        Selection::Deputies(select.deputies.clone())
    } else if select.all {
        Selection::All
    } else if !select.stations.is_empty() {
        Selection::Stations(select.stations.clone())
    } else {
        return Err(Failure::user("请用 --deputy CODE、--station CODE 或 --all 选择代表 choose deputies"));
    };
    let province = select.province.clone().unwrap_or_default();
    let key = qr_codes::office_key(sign)?;
    let signer = qr_codes::signer(key.as_ref(), sign);
    Ok(deputy_cards_signed(store.conn(), &selection, select.limit, &province, signer.as_ref())?)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;
    use std::process::Command;

    use liaison_core::Store;
    use liaison_print::payload::{Kind, Templates};
    use liaison_print::signing::{PublicKey, Verdict, verify};

    use crate::testing;

    /// Every code zbarimg reads on page `page` of `pdf`, rendered by poppler at 300 dpi (print resolution): an
    /// independent decoder, not our encoder checking itself.
    fn decode_page(pdf: &Path, page: u32) -> Vec<String> {
        // pdftoppm -singlefile appends ".png" to the prefix.
        let prefix = pdf.with_file_name(format!("page{page}"));
        let p = page.to_string();
        let status = Command::new("pdftoppm")
            .args(["-r", "300", "-png", "-f", &p, "-l", &p, "-singlefile"])
            .arg(pdf)
            .arg(&prefix)
            .status()
            .expect("pdftoppm (Debian: poppler-utils)");
        assert!(status.success());
        let out = Command::new("zbarimg")
            .args(["--raw", "-q"])
            .arg(prefix.with_extension("png"))
            .output()
            .expect("zbarimg (Debian: zbar-tools)");
        String::from_utf8(out.stdout).unwrap().lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
    }

    /// The text of each page of `pdf`, by poppler's pdftotext.
    fn pdftotext(pdf: &Path) -> Vec<String> {
        let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext (Debian: poppler-utils)");
        let text = String::from_utf8(out.stdout).unwrap();
        text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_owned).collect()
    }

    #[test]
    fn signed_sheets_and_posters_carry_codes_that_verify_as_genuine() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        testing::station(&db, "光明路社区人大代表联络站");
        testing::deputy(&db, "D001", "欧阳娜娜");
        testing::deputy(&db, "D002", "单雄");
        let keys = dir.path().join("keys");
        assert_eq!(testing::run(&db, &["qr", "keygen", "--out", keys.to_str().unwrap()]), 0);
        let key_file = keys.join("office.key");
        let sign = ["--sign-key", key_file.to_str().unwrap(), "--sign-version", "3"];
        let sheet = dir.path().join("sheet.pdf");
        let args = [&["qr", "sheet", "--station", "XH-01", "--out", sheet.to_str().unwrap()][..], &sign].concat();
        assert_eq!(testing::run(&db, &args), 0);
        let poster = dir.path().join("poster.pdf");
        let args = [&["qr", "posters", "--station", "XH-01", "--out", poster.to_str().unwrap()][..], &sign].concat();
        assert_eq!(testing::run(&db, &args), 0);

        let public = PublicKey::load(&keys.join("office.pub")).unwrap();
        let templates = Templates::load(Store::open(&db).unwrap().conn()).unwrap();
        let verdicts = |pdf: &Path| -> BTreeSet<String> {
            decode_page(pdf, 1)
                .iter()
                .map(|text| match verify(text, &templates, &public) {
                    Verdict::Genuine { kind, code, version } => format!("{kind:?} {code} v{version}"),
                    other => panic!("{text}: {other:?}"),
                })
                .collect()
        };
        assert_eq!(verdicts(&sheet), BTreeSet::from(["Deputy D001 v3".to_owned(), "Deputy D002 v3".to_owned()]));
        assert_eq!(verdicts(&poster), BTreeSet::from([format!("{:?} XH-01 v3", Kind::Platform)]));

        // --png: the same signed codes as a zip of PNG + SVG named after whom they are for.
        let zip_path = dir.path().join("cards.zip");
        let args = [&["qr", "cards", "--station", "XH-01", "--png", "--out", zip_path.to_str().unwrap()][..], &sign];
        assert_eq!(testing::run(&db, &args.concat()), 0);
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
        let names: BTreeSet<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
        let expected = ["代表/D001-欧阳娜娜.png", "代表/D001-欧阳娜娜.svg", "代表/D002-单雄.png", "代表/D002-单雄.svg"];
        assert_eq!(names, expected.iter().map(|s| (*s).to_owned()).collect());
        let png = dir.path().join("D002.png");
        std::io::copy(&mut archive.by_name("代表/D002-单雄.png").unwrap(), &mut std::fs::File::create(&png).unwrap())
            .unwrap();
        let read = Command::new("zbarimg").args(["--raw", "-q"]).arg(&png).output().expect("zbarimg").stdout;
        let verdict = verify(String::from_utf8(read).unwrap().trim_end(), &templates, &public);
        assert_eq!(verdict, Verdict::Genuine { kind: Kind::Deputy, code: "D002".into(), version: 3 });
        let posters_zip = dir.path().join("posters.zip");
        let args = ["qr", "posters", "--station", "XH-01", "--png", "--out", posters_zip.to_str().unwrap()];
        assert_eq!(testing::run(&db, &args), 0);
        let archive = zip::ZipArchive::new(std::fs::File::open(&posters_zip).unwrap()).unwrap();
        assert_eq!(archive.len(), 2);
        assert!(archive.file_names().all(|n| n.unwrap().starts_with("联络站点/XH-01-光明路社区人大代表联络站.")));

        // Unsigned by default; a version without a key is refused rather than silently printing unsigned codes.
        let plain = dir.path().join("plain.pdf");
        assert_eq!(testing::run(&db, &["qr", "sheet", "--station", "XH-01", "--out", plain.to_str().unwrap()]), 0);
        assert!(
            decode_page(&plain, 1).iter().all(|t| matches!(verify(t, &templates, &public), Verdict::Unsigned { .. }))
        );
        assert_eq!(decode_page(&plain, 1).len(), 2);
        let no_key = ["qr", "sheet", "--station", "XH-01", "--sign-version", "2", "--out", plain.to_str().unwrap()];
        assert_ne!(testing::run(&db, &no_key), 0);
    }

    #[test]
    fn a_station_sheet_a_card_and_a_poster_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        testing::station(&db, "光明路社区人大代表联络站");
        testing::deputy(&db, "D001", "欧阳娜娜");
        testing::deputy(&db, "D002", "单雄");
        let sheet = dir.path().join("sheet.pdf");
        assert_eq!(testing::run(&db, &["qr", "sheet", "--station", "XH-01", "--out", sheet.to_str().unwrap()]), 0);
        let card = dir.path().join("card.pdf");
        assert_eq!(
            testing::run(&db, &["qr", "cards", "--deputy", "D001", "--back", "--out", card.to_str().unwrap()]),
            0
        );
        let poster = dir.path().join("poster.pdf");
        assert_eq!(testing::run(&db, &["qr", "posters", "--station", "XH-01", "--out", poster.to_str().unwrap()]), 0);
        let duplex = dir.path().join("duplex.pdf");
        let custom = "每月进站接待选民不少于一次";
        let args = ["qr", "sheet", "--station", "XH-01", "--back", "--pledge", custom, "--out"];
        assert_eq!(testing::run(&db, &[&args[..], &[duplex.to_str().unwrap()]].concat()), 0);
        let pages = pdftotext(&duplex);
        assert_eq!(pages.len(), 2, "a page of fronts and a page of backs");
        assert!(!pages[0].contains(custom) && pages[1].contains(custom), "{pages:?}");
        let no_back = ["qr", "sheet", "--station", "XH-01", "--pledge", custom, "--out", duplex.to_str().unwrap()];
        assert_ne!(testing::run(&db, &no_back), 0, "--pledge without --back");
        for f in [&sheet, &card, &poster] {
            assert!(std::fs::read(f).unwrap().starts_with(b"%PDF-"), "{}", f.display());
        }
        assert_ne!(testing::run(&db, &["qr", "sheet", "--out", sheet.to_str().unwrap()]), 0, "no selection");
        assert_ne!(testing::run(&db, &["qr", "cards", "--deputy", "NOPE", "--out", card.to_str().unwrap()]), 0);
    }
}
