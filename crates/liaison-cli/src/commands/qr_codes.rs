//! `liaison qr verify|keygen|url|codes`: the QR side of `liaison qr` — what a code carries (the URL templates),
//! the office signature (key pair, verification of a scanned text), and zips of PNG + SVG codes ([`write_zip`],
//! also behind `qr cards|posters --png`). The PDF side
//! (`cards|posters|sheet`) is in `qr.rs`; [`handles`] tells `commands::run_with` which module a variant belongs to.

use std::path::Path;
use std::time::Instant;

use liaison_core::Store;
use liaison_core::operators::Session;
use liaison_core::qr_settings::{self, QrSettings};
use liaison_print::Ec;
use liaison_print::batch::{self, BatchProgress, Item, Options, Selection, Watch};
use liaison_print::payload::Templates;
use liaison_print::signing::{self, OfficeKey, PublicKey, Signer, Verdict};
use serde::Serialize;

use super::secrets::Secrets;
use crate::Failure;
use crate::args::{AuthArgs, QrCodesArgs, QrCommand, QrSignArgs, QrUrlCommand};

/// Whether `cmd` is one of this module's variants (the others are the PDF ones in `qr.rs`).
pub(super) fn handles(cmd: &QrCommand) -> bool {
    matches!(cmd, QrCommand::Verify { .. } | QrCommand::Keygen { .. } | QrCommand::Url(_) | QrCommand::Codes(_))
}

pub(super) fn run(
    store: &mut Store,
    cmd: &QrCommand,
    operator: &str,
    secrets: &dyn Secrets,
    json: bool,
) -> Result<(), Failure> {
    match cmd {
        QrCommand::Verify { text, public_key } => verify(store, text, public_key.as_deref(), json),
        QrCommand::Keygen { out, auth } => keygen(store, out, auth, operator, secrets, json),
        QrCommand::Url(QrUrlCommand::Show) => {
            crate::output::emit(json, &qr_settings::load(store.conn())?, print_settings)
        }
        QrCommand::Url(QrUrlCommand::Set { deputy, station, auth }) => {
            if deputy.is_none() && station.is_none() {
                return Err(Failure::user("请给出 --deputy 或 --station 模板 give --deputy and/or --station"));
            }
            let (session, writer) = sign_in(store, auth, operator, secrets)?;
            let saved = store.write(&writer, |w| {
                qr_settings::set_templates(w, session.as_ref(), deputy.as_deref(), station.as_deref())
            })?;
            crate::output::emit(json, &saved, print_settings)
        }
        QrCommand::Codes(args) => codes(store, args, json),
        QrCommand::Cards(_) | QrCommand::Posters(_) | QrCommand::Sheet(_) => {
            unreachable!("the PDF commands are dispatched to qr.rs")
        }
    }
}

/// Before any operator exists the CLI's --operator name is recorded; afterwards the administrator's.
fn sign_in(
    store: &mut Store,
    auth: &AuthArgs,
    operator: &str,
    secrets: &dyn Secrets,
) -> Result<(Option<Session>, String), Failure> {
    let session = super::operator::signed_in(store, auth, secrets)?;
    let writer = session.as_ref().map_or_else(|| operator.to_owned(), Session::operator);
    Ok((session, writer))
}

#[derive(Serialize)]
struct VerifyReport {
    #[serde(flatten)]
    verdict: Verdict,
    label: String,
}

fn verify(store: &Store, text: &str, key_file: Option<&Path>, json: bool) -> Result<(), Failure> {
    let settings = qr_settings::load(store.conn())?;
    let key = match (key_file, &settings.office_public_key) {
        (Some(file), _) => PublicKey::load(file)?,
        (None, Some(text)) => PublicKey::from_text(text)?,
        (None, None) => {
            return Err(Failure::user(
                "本机未设置机关公钥：用 --public-key 指定 office.pub no office public key (give --public-key)",
            ));
        }
    };
    let verdict = signing::verify(text.trim(), &Templates::from_settings(&settings)?, &key);
    let genuine = matches!(verdict, Verdict::Genuine { .. });
    let report = VerifyReport { label: verdict.label(), verdict };
    crate::output::emit(json, &report, |r| println!("{}", r.label))?;
    if genuine { Ok(()) } else { Err(Failure::user(report.label)) }
}

#[derive(Serialize)]
struct KeygenReport {
    private_key: String,
    public_key_file: String,
    public_key: String,
}

fn keygen(
    store: &mut Store,
    out: &Path,
    auth: &AuthArgs,
    operator: &str,
    secrets: &dyn Secrets,
    json: bool,
) -> Result<(), Failure> {
    // Signed in before the key exists: a refused administrator leaves no key files behind.
    let (session, writer) = sign_in(store, auth, operator, secrets)?;
    let key = OfficeKey::generate()?;
    let (private, public) = key.write_to(out)?;
    let text = key.public_key().to_text();
    store.write(&writer, |w| qr_settings::set_office_public_key(w, session.as_ref(), &text))?;
    let report = KeygenReport {
        private_key: private.display().to_string(),
        public_key_file: public.display().to_string(),
        public_key: text,
    };
    crate::output::emit(json, &report, |r| {
        println!("机关私钥 private key: {} (仅机关保存 keep it at the office only)", r.private_key);
        println!("机关公钥 public key: {} ({})", r.public_key_file, r.public_key);
        println!("公钥已记入本机设置 the public key is now in this installation's settings");
    })
}

#[derive(Serialize)]
struct CodesReport {
    out: String,
    codes: u32,
    files: u32,
    signed: bool,
    example_templates: bool,
    seconds: f64,
}

fn codes(store: &Store, args: &QrCodesArgs, json: bool) -> Result<(), Failure> {
    let selection = match (&args.station, args.all, args.deputies.is_empty()) {
        (Some(code), _, _) => Selection::Station(code.clone()),
        (None, true, _) => Selection::All,
        (None, false, false) => Selection::Deputies(args.deputies.clone()),
        (None, false, true) => {
            return Err(Failure::user("请用 --station CODE、--all 或 --deputy CODE 选择 choose what to print"));
        }
    };
    let settings = qr_settings::load(store.conn())?;
    let templates = Templates::from_settings(&settings)?;
    let key = office_key(&args.sign)?;
    let signer = signer(key.as_ref(), &args.sign);
    let items = batch::items(store.conn(), &templates, &selection, args.limit, signer.as_ref())?;
    let options =
        Options { ec: if args.ec_q { Ec::Q } else { Ec::M }, module_px: args.module_px, ..Options::default() };
    write_zip(&items, &options, &args.out, signer.is_some(), settings.is_example(), json)
}

/// Writes the zip of `items` (PNG + SVG each) to `out` with progress on stderr and the summary: `qr codes`, and
/// `qr cards|posters --png` with the codes of the cards or posters they select.
pub(super) fn write_zip(
    items: &[Item],
    options: &Options,
    out: &Path,
    signed: bool,
    example_templates: bool,
    json: bool,
) -> Result<(), Failure> {
    if items.is_empty() {
        return Err(Failure::user("没有要生成的二维码 nothing to draw"));
    }
    // Written beside the target and renamed at the end, so a failed batch never leaves a half zip under its name.
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| Failure::user(format!("{}: 无法写入 cannot write ({e})", dir.display())))?;
    let started = Instant::now();
    let mut last_tenth = 0;
    let mut report = |p: BatchProgress| {
        let tenth = (p.done * 10).checked_div(p.total).unwrap_or(10);
        if !json && tenth > last_tenth {
            eprintln!("{}/{}", p.done, p.total);
            last_tenth = tenth;
        }
    };
    let never = std::sync::atomic::AtomicBool::new(false);
    let summary = batch::write_zip(tmp.as_file(), items, options, &mut Watch::new(&mut report, &never))?;
    tmp.persist(out).map_err(|e| Failure::user(format!("{}: 无法写入 cannot write ({})", out.display(), e.error)))?;
    let report = CodesReport {
        out: out.display().to_string(),
        codes: summary.codes,
        files: summary.files,
        signed,
        example_templates,
        seconds: started.elapsed().as_secs_f64(),
    };
    crate::output::emit(json, &report, |r| {
        let signed = if r.signed { "，已签名 signed" } else { "" };
        println!("{} 个二维码 codes, {} 个文件 files{signed} → {} ({:.1} s)", r.codes, r.files, r.out, r.seconds);
        if r.example_templates {
            println!("注意：网址模板仍是示例 the URL templates are still the examples (`liaison qr url set`)");
        }
    })
}

/// The office key `--sign-key` names, if any (read once per job, not per code).
pub(super) fn office_key(sign: &QrSignArgs) -> Result<Option<OfficeKey>, Failure> {
    Ok(sign.sign_key.as_deref().map(OfficeKey::load).transpose()?)
}

/// The signer of a job: `key` with `--sign-version`.
pub(super) fn signer<'k>(key: Option<&'k OfficeKey>, sign: &QrSignArgs) -> Option<Signer<'k>> {
    key.map(|key| Signer { key, version: sign.sign_version })
}

fn print_settings(s: &QrSettings) {
    println!("代表 deputy: {}", s.deputy_template);
    println!("站点 platform: {}", s.station_template);
    println!("机关公钥 office public key: {}", s.office_public_key.as_deref().unwrap_or("—"));
    if s.is_example() {
        println!("注意：仍是示例网址，请设置本市的网址 still the example URLs (`liaison qr url set`)");
    }
}

#[cfg(test)]
mod tests {
    use liaison_core::Store;
    use liaison_core::qr_settings;
    use liaison_print::payload::{Kind, Templates};
    use liaison_print::signing::OfficeKey;

    use crate::testing::{deputy, run, station};

    #[test]
    fn templates_keys_verification_and_a_station_zip() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        assert_eq!(run(&db, &["qr", "url", "show"]), 0);
        assert_eq!(run(&db, &["qr", "url", "set", "--deputy", "ftp://x/{deputy_code}"]), 1, "refused");
        assert_eq!(run(&db, &["qr", "url", "set"]), 1, "nothing to set");
        let set = [
            "--deputy",
            "https://rd.pds.gov.cn/d/{deputy_code}",
            "--station",
            "https://rd.pds.gov.cn/s/{station_code}",
        ];
        assert_eq!(run(&db, &[&["qr", "url", "set"][..], &set].concat()), 0);
        let keys = dir.path().join("keys");
        assert_eq!(run(&db, &["qr", "keygen", "--out", keys.to_str().unwrap()]), 0);
        assert_eq!(run(&db, &["qr", "keygen", "--out", keys.to_str().unwrap()]), 1, "never overwrites");
        let settings = qr_settings::load(Store::open(&db).unwrap().conn()).unwrap();
        assert!(!settings.is_example());
        let public = std::fs::read_to_string(keys.join("office.pub")).unwrap();
        assert_eq!(settings.office_public_key.as_deref(), Some(public.trim()));

        station(&db, "光明路联络站");
        deputy(&db, "D000001", "张明新");
        deputy(&db, "D000002", "李红");
        let key = OfficeKey::load(&keys.join("office.key")).unwrap();
        let templates = Templates::load(Store::open(&db).unwrap().conn()).unwrap();
        let text = key.signed_url(&templates, Kind::Deputy, "D000001", 1).unwrap();
        assert!(text.starts_with("https://rd.pds.gov.cn/d/D000001?v=1&s="), "{text}");
        assert_eq!(run(&db, &["qr", "verify", &text]), 0, "genuine");
        assert_eq!(run(&db, &["--json", "qr", "verify", &text.replace("D000001", "D000002")]), 1, "altered");
        assert_eq!(run(&db, &["qr", "verify", "https://rd.pds.gov.cn/d/D000001"]), 1, "unsigned");
        let other = dir.path().join("other");
        OfficeKey::generate().unwrap().write_to(&other).unwrap();
        let other_pub = other.join("office.pub");
        assert_eq!(run(&db, &["qr", "verify", &text, "--public-key", other_pub.to_str().unwrap()]), 1, "other key");

        let zip_path = dir.path().join("codes.zip");
        let key_file = keys.join("office.key");
        let args = ["qr", "codes", "--station", "XH-01", "--sign-key", key_file.to_str().unwrap(), "--out"];
        assert_eq!(run(&db, &[&args[..], &[zip_path.to_str().unwrap()]].concat()), 0);
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
        assert_eq!(archive.len(), 6, "PNG and SVG for the station and its two deputies");
        for name in ["联络站点/XH-01-光明路联络站.png", "代表/D000001-张明新.svg", "代表/D000002-李红.png"]
        {
            assert!(archive.by_name(name).is_ok(), "{name}");
        }
        let out = zip_path.to_str().unwrap();
        assert_eq!(run(&db, &["qr", "codes", "--deputy", "D000002", "--limit", "1", "--out", out]), 0);
        assert_eq!(zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap().len(), 2);
        assert_eq!(run(&db, &["qr", "codes", "--out", out]), 1, "nothing chosen");
        assert_eq!(run(&db, &["qr", "codes", "--deputy", "D404", "--out", out]), 1, "unknown deputy");
    }
}
