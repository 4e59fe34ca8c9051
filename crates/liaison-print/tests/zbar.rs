//! Codes read back by an independent decoder: `zbarimg` (Debian `zbar-tools`, installed here and in CI) must read
//! every PNG we write as exactly the intended text — plain and signed URLs, a long station code, both error
//! correction levels, small and large modules, and the PNGs inside a batch zip.
//!
//! Our own encoder is never used to check itself. Without `zbarimg` the test fails with a message saying what to
//! install, so a CI image that lost the package cannot pass silently.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use liaison_core::qr_settings::{EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE};
use liaison_print::batch::{self, Item, Options, Watch};
use liaison_print::payload::{Kind, Templates};
use liaison_print::signing::{OfficeKey, Verdict, verify};
use liaison_print::{Ec, encode, png};

/// What `zbarimg --raw -q` reads in `file`, without the newline it ends each symbol with.
fn zbarimg(file: &Path) -> String {
    let out = Command::new("zbarimg").args(["--raw", "-q"]).arg(file).output().unwrap_or_else(|e| {
        panic!("cannot run zbarimg ({e}): install the Debian package zbar-tools (apt-get install zbar-tools)")
    });
    assert!(out.status.success(), "zbarimg could not read {}: {:?}", file.display(), out);
    let text = String::from_utf8(out.stdout).expect("zbarimg prints UTF-8");
    text.strip_suffix('\n').unwrap_or(&text).to_owned()
}

fn templates() -> Templates {
    Templates::new(EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE).unwrap()
}

const LONG_STATION: &str = "WDJKFQ-XINHUAQU-GUANGMINGLU-JIEDAO-RENDADAIBIAO-LIANLUOZHAN-0001";

#[test]
fn zbarimg_reads_every_png_as_exactly_its_payload() {
    let dir = tempfile::tempdir().unwrap();
    let t = templates();
    let key = OfficeKey::generate().unwrap();
    let texts = [
        t.url(Kind::Deputy, "D000001").unwrap(),
        key.signed_url(&t, Kind::Deputy, "D000001", 1).unwrap(),
        t.url(Kind::Platform, LONG_STATION).unwrap(),
        key.signed_url(&t, Kind::Platform, LONG_STATION, 12).unwrap(),
    ];
    let mut read = 0;
    for (i, text) in texts.iter().enumerate() {
        for (ec, module_px) in [(Ec::M, 4), (Ec::Q, 4), (Ec::M, png::DEFAULT_MODULE_PX)] {
            let file = dir.path().join(format!("{i}-{ec:?}-{module_px}.png"));
            std::fs::write(&file, png::to_png(&encode(text, ec).unwrap(), module_px)).unwrap();
            assert_eq!(&zbarimg(&file), text, "{}", file.display());
            read += 1;
        }
    }
    assert_eq!(read, 12);
    // What the scanner read is what verify accepts.
    let scanned = zbarimg(&dir.path().join("3-Q-4.png"));
    let verdict = verify(&scanned, &t, &key.public_key());
    assert_eq!(verdict, Verdict::Genuine { kind: Kind::Platform, code: LONG_STATION.into(), version: 12 });
}

#[test]
fn zbarimg_reads_the_pngs_of_a_batch_zip() {
    let dir = tempfile::tempdir().unwrap();
    let t = templates();
    let key = OfficeKey::generate().unwrap();
    let items: Vec<Item> = [(Kind::Platform, "XH-01", "光明路联络站"), (Kind::Deputy, "D000001", "张明新")]
        .into_iter()
        .chain((2..6).map(|i| (Kind::Deputy, ["D000002", "D000003", "D000004", "D000005"][i - 2], "𪚥某")))
        .map(|(kind, code, name)| Item {
            kind,
            code: code.into(),
            name: name.into(),
            text: key.signed_url(&t, kind, code, 1).unwrap(),
        })
        .collect();
    let zip_path = dir.path().join("codes.zip");
    let file = std::fs::File::create(&zip_path).unwrap();
    let options = Options { module_px: 6, ..Options::default() };
    Watch::unwatched(|w| batch::write_zip(file, &items, &options, w)).unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    for item in &items {
        let mut bytes = Vec::new();
        archive.by_name(&format!("{}.png", item.path_stem())).unwrap().read_to_end(&mut bytes).unwrap();
        let png_file = dir.path().join(format!("{}.png", item.code));
        std::fs::write(&png_file, bytes).unwrap();
        assert_eq!(zbarimg(&png_file), item.text);
        assert!(archive.by_name(&format!("{}.svg", item.path_stem())).is_ok());
    }
    assert!(archive.by_name("联络站点/XH-01-光明路联络站.png").is_ok());
    assert!(archive.by_name("代表/D000001-张明新.svg").is_ok());
}
