//! `liaison sync keys|enroll|join|export|import|inbox|status`: sync through bundle files for scripts and scheduled
//! jobs (an office importing a shared folder every night), the same operations as the app's 同步 screen, all in
//! `liaison-exchange`. Enrolling and joining need a signed-in administrator (`--as`); exports and imports record
//! the signed-in operator, or `--operator`.

use liaison_core::Store;
use liaison_core::operators::Session;
use liaison_core::sync::{self, ImportReceipt, ImportResult, PeerRole, PeerStatus, peers};
use liaison_exchange::inbox::{self, Folders};
use liaison_exchange::{enrollment, export, identity, import};
use serde::Serialize;

use super::secrets::Secrets;
use crate::Failure;
use crate::args::{AuthArgs, SyncCommand};

pub(super) fn run(
    store: &mut Store,
    cmd: &SyncCommand,
    operator: &str,
    secrets: &dyn Secrets,
    json: bool,
) -> Result<(), Failure> {
    let keys = identity::load_or_create(store)?;
    match cmd {
        SyncCommand::Keys => {
            let public = keys.public();
            let report = serde_json::json!({
                "node_id": public.node_id(),
                "signing_key_id": public.signing_key_id().to_string(),
                "public_keys": serde_json::from_str::<serde_json::Value>(&public.to_json()).unwrap_or_default(),
                "keys_dir": identity::keys_dir(store),
            });
            crate::output::emit(json, &report, |r| {
                println!("节点 node {}", r["node_id"].as_str().unwrap_or_default());
                println!("签名密钥编号 signing key id {}", r["signing_key_id"].as_str().unwrap_or_default());
                println!("密钥目录 keys folder {}", identity::keys_dir(store).display());
            })
        }
        SyncCommand::Enroll { station, out, reenroll, auth } => {
            let session = admin(store, auth, secrets)?;
            let file = enrollment::create(store, &session, &keys, station, *reenroll)?;
            enrollment::write(&file, out)?;
            let report = serde_json::json!({ "station": file.station_code, "out": out });
            crate::output::emit(json, &report, |_| {
                println!("已生成登记文件 enrollment file for {} → {}", file.station_code, out.display());
                println!("该文件含一次性口令，请当面交给联络站 it holds a one-time secret: hand it over in person");
            })
        }
        SyncCommand::Join { file, auth } => {
            let session = admin(store, auth, secrets)?;
            let read = enrollment::read(file)?;
            enrollment::accept(store, &session, &read)?;
            let report = serde_json::json!({ "station": read.station_code, "office": read.office.node_id() });
            crate::output::emit(json, &report, |_| {
                println!("已登记到机关 joined office {}（联络站 station {}）", read.office.node_id(), read.station_code)
            })
        }
        SyncCommand::Export { to, all_stations, out, full, auth } => {
            let op = operator_of(store, auth, operator, secrets)?;
            std::fs::create_dir_all(out).map_err(|e| Failure::user(format!("{}: {e}", out.display())))?;
            let written = if *all_stations {
                let stations: Vec<String> = peers::list(store.conn())?
                    .into_iter()
                    .filter(|p| p.role == PeerRole::Station && p.status == PeerStatus::Pinned)
                    .filter_map(|p| p.node_id)
                    .collect();
                stations
                    .iter()
                    .map(|node| export::export_to(store, &keys, &op, node, *full, out))
                    .collect::<Result<Vec<_>, _>>()?
            } else if let Some(to) = to {
                vec![export::export_to(store, &keys, &op, to, *full, out)?]
            } else {
                vec![export::export_to_office(store, &keys, &op, *full, out)?]
            };
            crate::output::emit(json, &written, |list| {
                for e in list {
                    println!(
                        "已导出 wrote {}（第 {} 号 bundle #{}，{} 条变更 changes，{} 字节 bytes）",
                        e.path.display(),
                        e.bundle,
                        e.bundle,
                        e.changes,
                        e.bytes
                    );
                }
            })
        }
        SyncCommand::Import { files, auth } => {
            let op = operator_of(store, auth, operator, secrets)?;
            let mut results = Vec::new();
            for file in files {
                let outcome = import::import_file(store, &keys, &op, file);
                results.push(FileResult {
                    file: file.display().to_string(),
                    receipt: outcome.as_ref().ok().cloned(),
                    refused: outcome.err().map(|e| e.to_string()),
                });
            }
            let failed = results.iter().filter(|r| !r.applied()).count();
            crate::output::emit(json, &results, |list| list.iter().for_each(print_result))?;
            if failed > 0 {
                return Err(Failure::user(format!("{failed} 个文件未导入 file(s) not imported")));
            }
            Ok(())
        }
        SyncCommand::Inbox { inbox: dir, archive, outbox, auth } => {
            let op = operator_of(store, auth, operator, secrets)?;
            for d in [archive, outbox] {
                std::fs::create_dir_all(d).map_err(|e| Failure::user(format!("{}: {e}", d.display())))?;
            }
            let folders = Folders { inbox: dir.clone(), archive: archive.clone(), outbox: outbox.clone() };
            let report = inbox::process(store, &keys, &op, &folders, &mut |done, total| {
                if !json && total > 0 && done < total {
                    eprintln!("{}/{total}", done + 1);
                }
                true
            })?;
            crate::output::emit(json, &report, |r| {
                for f in &r.files {
                    print_result(&FileResult {
                        file: f.file.clone(),
                        receipt: f.receipt.clone(),
                        refused: f.refused.clone(),
                    });
                }
                for e in &r.returns {
                    println!("回执 return → {}（{} 条变更 changes）", e.path.display(), e.changes);
                }
                if r.files.is_empty() {
                    println!("收件箱为空 the inbox is empty");
                }
            })
        }
        SyncCommand::Status { limit } => status(store, *limit, json),
    }
}

/// One file's result, as printed and as `--json` gives it.
#[derive(Debug, Serialize)]
struct FileResult {
    file: String,
    receipt: Option<ImportReceipt>,
    refused: Option<String>,
}

impl FileResult {
    fn applied(&self) -> bool {
        self.receipt.as_ref().is_some_and(|r| r.result == ImportResult::Ok)
    }
}

fn print_result(r: &FileResult) {
    match (&r.receipt, &r.refused) {
        (Some(receipt), _) if receipt.result == ImportResult::Ok => println!(
            "已导入 imported {}：来自 from {} 第 {} 号，{} 条变更 changes（新 applied {}，重复 duplicates {}，冲突 conflicts {}）",
            r.file,
            receipt.sender,
            receipt.bundle,
            receipt.changes,
            receipt.applied,
            receipt.duplicates,
            receipt.conflicts
        ),
        (Some(receipt), _) => println!("已拒绝 rejected {}：{}", r.file, receipt.reason),
        (None, Some(reason)) => println!("未通过验证 refused {}：{reason}", r.file),
        (None, None) => {}
    }
}

fn status(store: &Store, limit: u32, json: bool) -> Result<(), Failure> {
    let conn = store.conn();
    let peers = peers::list(conn)?;
    let mut missing = Vec::new();
    for p in &peers {
        if let Some(node) = &p.node_id {
            for bundle in sync::missing_bundles(conn, node)? {
                missing.push(serde_json::json!({ "from": node, "station": p.station_code, "bundle": bundle }));
            }
        }
    }
    let report = serde_json::json!({
        "node_id": store.node_id(),
        "peers": peers.iter().map(|p| serde_json::json!({
            "node_id": p.node_id, "role": p.role, "station": p.station_code, "status": p.status,
            "acked_seq": p.acked_seq, "sent_seq": p.sent_seq, "next_bundle": p.next_bundle,
        })).collect::<Vec<_>>(),
        "missing": missing,
        "receipts": sync::receipts(conn, limit)?,
        "unresolved_conflicts": sync::unresolved(conn)?.len(),
    });
    crate::output::emit(json, &report, |r| {
        println!("本节点 node {}", store.node_id());
        for p in &peers {
            println!(
                "{:<8} {:<10} {:<8} 已确认 acked ≤{}  已发送 sent ≤{}  {}",
                p.role.label(),
                p.station_code.as_deref().unwrap_or("—"),
                p.status.label(),
                p.acked_seq,
                p.sent_seq,
                p.node_id.as_deref().unwrap_or("（待首个数据包 awaiting the first bundle）")
            );
        }
        for m in r["missing"].as_array().into_iter().flatten() {
            println!("缺少 missing：{} 的第 {} 号数据包", m["station"].as_str().unwrap_or_default(), m["bundle"]);
        }
        println!("未处理冲突 unresolved conflicts: {}", r["unresolved_conflicts"]);
    })
}

/// The signed-in administrator `--as` names; enrolling needs one.
fn admin(store: &mut Store, auth: &AuthArgs, secrets: &dyn Secrets) -> Result<Session, Failure> {
    super::operator::signed_in(store, auth, secrets)?
        .ok_or_else(|| Failure::user("请用 --as 以管理员身份登录 sign in with --as as an administrator"))
}

/// Who the imports and exports are recorded as: the signed-in operator, else `--operator`.
fn operator_of(store: &mut Store, auth: &AuthArgs, operator: &str, secrets: &dyn Secrets) -> Result<String, Failure> {
    Ok(super::operator::signed_in(store, auth, secrets)?.map_or_else(|| operator.to_owned(), |s| s.operator()))
}

#[cfg(test)]
mod tests {
    //! An office and a station database driven only through `liaison sync …`: enroll, join, export, the office's
    //! inbox with its return bundle, import, status; a garbage file refused with exit 1.

    use std::path::{Path, PathBuf};

    use liaison_core::Store;
    use liaison_core::operators::account;
    use liaison_core::setup::{self, InstallationSetup};

    use crate::Failure;
    use crate::commands::secrets::Secrets;
    use crate::testing::{deputy, station};

    /// The administrator's password, handed in directly (environment variables are process-wide).
    struct Admin;

    impl Secrets for Admin {
        fn new_password(&self) -> Result<String, Failure> {
            Ok("admin2026".into())
        }
        fn sign_in_password(&self, _login: &str) -> Result<String, Failure> {
            Ok("admin2026".into())
        }
    }

    fn run(db: &Path, args: &[&str]) -> i32 {
        let db = db.to_str().unwrap();
        let all = ["liaison", "--db", db, "--operator", "王芳"].into_iter().chain(args.iter().copied());
        crate::commands::main_with_secrets(all, &Admin)
    }

    fn installation(db: &Path, setup: InstallationSetup) {
        let mut store = Store::open(db).unwrap();
        store
            .write("安装员", |w| {
                setup::save(w, None, &setup)?;
                account::create_first_admin(w, "wangfang", "王芳", "admin2026").map(drop)
            })
            .unwrap();
    }

    fn bundles(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "lzb"))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_station_joins_sends_its_bundle_to_the_inbox_and_imports_the_return() {
        let dir = tempfile::tempdir().unwrap();
        let (office, desk) = (dir.path().join("office.db"), dir.path().join("station.db"));
        station(&office, "光明路联络站");
        deputy(&office, "D001", "张明新");
        installation(&office, InstallationSetup::office("平顶山市"));
        installation(&desk, InstallationSetup::station(Some("XH-01".into()), "光明路联络站", "平顶山市"));
        let p = |name: &str| dir.path().join(name);
        let s = |path: &PathBuf| path.to_str().unwrap().to_owned();

        assert_eq!(
            run(&office, &["sync", "enroll", "--station", "XH-01", "--out", &s(&p("XH-01.lze"))]),
            1,
            "--as needed"
        );
        assert_eq!(
            run(&office, &["sync", "enroll", "--station", "XH-01", "--out", &s(&p("XH-01.lze")), "--as", "wangfang"]),
            0
        );
        assert_eq!(run(&desk, &["sync", "join", &s(&p("XH-01.lze")), "--as", "wangfang"]), 0);
        assert_eq!(run(&desk, &["sync", "export", "--out", &s(&p("inbox"))]), 0);
        assert_eq!(bundles(&p("inbox")).len(), 1);
        let inbox =
            ["sync", "inbox", "--inbox", &s(&p("inbox")), "--archive", &s(&p("archive")), "--outbox", &s(&p("outbox"))];
        assert_eq!(run(&office, &inbox), 0);
        assert!(bundles(&p("inbox")).is_empty(), "moved to the archive");
        let returns = bundles(&p("outbox"));
        assert_eq!(returns.len(), 1, "one return bundle for the station");
        assert_eq!(run(&desk, &["sync", "import", &s(&returns[0])]), 0);
        let roster = liaison_core::roster::query::deputy_by_code(Store::open(&desk).unwrap().conn(), "D001").unwrap();
        assert_eq!(roster.map(|d| d.name).as_deref(), Some("张明新"), "the roster came down");
        assert_eq!(run(&desk, &["sync", "import", &s(&returns[0])]), 0, "the same bundle again is harmless");
        assert_eq!(run(&desk, &["--json", "sync", "status"]), 0);

        std::fs::write(p("garbage.lzb"), b"not a bundle").unwrap();
        assert_eq!(run(&office, &["sync", "import", &s(&p("garbage.lzb"))]), 1);
    }
}
