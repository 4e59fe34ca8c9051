//! `liaison qr cards|posters|sheet`: deputy cards, platform posters and A4 sheets of cards as PDF. Each code
//! carries the URL of the office's template for that deputy or platform (`payload`); fonts come from the system
//! (or `--font`), with fallbacks for rare characters, and a character no font has stops the job with its name.

use liaison_core::Store;
use liaison_print::Ec;
use liaison_print::card::{Card, cards_pdf};
use liaison_print::fonts::{FontChoice, FontSet};
use liaison_print::poster::posters_pdf;
use liaison_print::select::{PlatformSelection, Selection, platform_posters};
use liaison_print::sheet::{SheetOptions, SheetOrder, sheet_pdf};

use crate::Failure;
use crate::args::{QrCommand, QrDeputiesArgs, QrPdfArgs};

pub(super) fn run(store: &Store, cmd: &QrCommand, json: bool) -> Result<(), Failure> {
    let conn = store.conn();
    let (pdf_args, bytes, count) = match cmd {
        QrCommand::Verify { .. } | QrCommand::Keygen { .. } | QrCommand::Url(_) | QrCommand::Codes(_) => {
            unreachable!("dispatched to qr_codes by commands::run_with")
        }
        QrCommand::Cards(args) => {
            let mut cards = deputy_cards(store, &args.select)?;
            if args.back {
                for c in &mut cards {
                    c.pledge = args.pledge.clone();
                }
            }
            let mut fonts = fonts(&args.pdf)?;
            (&args.pdf, cards_pdf(&cards, &mut fonts, ec(&args.pdf), args.back).map_err(print_failure)?, cards.len())
        }
        QrCommand::Sheet(args) => {
            let cards = deputy_cards(store, &args.select)?;
            let mut fonts = fonts(&args.pdf)?;
            let opts = SheetOptions {
                order: if args.by_station { SheetOrder::ByStation } else { SheetOrder::Roster },
                ec: ec(&args.pdf),
                title: None,
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
            let posters = platform_posters(conn, &selection, args.limit)?;
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

fn ec(args: &QrPdfArgs) -> Ec {
    if args.ec_q { Ec::Q } else { Ec::M }
}

fn fonts(args: &QrPdfArgs) -> Result<FontSet, Failure> {
    let choice =
        FontChoice { primary: args.font.clone(), fallbacks: args.fallback_fonts.clone(), no_system_fonts: false };
    FontSet::load(&choice).map_err(|e| Failure::user(e.to_string()))
}

fn print_failure(e: liaison_print::pdf::PrintError) -> Failure {
    Failure::user(e.to_string())
}

/// The selected deputies' cards, in roster order, with the URL payload and the places of their levels.
fn deputy_cards(store: &Store, select: &QrDeputiesArgs) -> Result<Vec<Card>, Failure> {
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
    Ok(liaison_print::select::deputy_cards(store.conn(), &selection, select.limit, &province)?)
}

#[cfg(test)]
mod tests {
    use crate::testing;

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
        for f in [&sheet, &card, &poster] {
            assert!(std::fs::read(f).unwrap().starts_with(b"%PDF-"), "{}", f.display());
        }
        assert_ne!(testing::run(&db, &["qr", "sheet", "--out", sheet.to_str().unwrap()]), 0, "no selection");
        assert_ne!(testing::run(&db, &["qr", "cards", "--deputy", "NOPE", "--out", card.to_str().unwrap()]), 0);
    }
}
