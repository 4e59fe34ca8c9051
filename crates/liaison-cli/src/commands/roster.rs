//! `liaison roster import|export|template|reveal`.

use std::path::Path;

use liaison_core::Store;
use liaison_core::export::{deputies_table, platforms_table};
use liaison_core::import::{self, ImportReport, RosterKind};
use liaison_core::operators::permit::reveal_private_as;
use liaison_core::roster::photo::set_photo;
use liaison_core::tabular::TableOut;

use super::secrets::Secrets;
use crate::Failure;
use crate::args::{ExportKind, RosterCommand};

pub(super) fn run(
    store: &mut Store,
    cmd: &RosterCommand,
    operator: &str,
    secrets: &dyn Secrets,
    json: bool,
) -> Result<(), Failure> {
    match cmd {
        RosterCommand::Import { file, commit } => {
            let grids = liaison_sheets::read_file(file)?;
            let report = if *commit {
                import::commit(store, &grids, operator)?
            } else {
                import::preview(store, &grids, operator)?
            };
            crate::output::emit(json, &report, print_import)
        }
        RosterCommand::Export { out, kind } => {
            let tables = export_tables(store, *kind)?;
            write_tables(out, &tables)?;
            let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
            crate::output::emit(json, &serde_json::json!({ "out": out, "rows": rows }), |_| {
                println!("已导出 exported {rows} 行 rows → {}（个人信息已脱敏 personal data masked）", out.display());
            })
        }
        RosterCommand::Template { out } => {
            std::fs::create_dir_all(out).map_err(|e| Failure::user(format!("{}: {e}", out.display())))?;
            let mut written = Vec::new();
            for (kind, table) in import::templates() {
                let name = match kind {
                    RosterKind::Deputies => "代表名册导入模板.xlsx",
                    RosterKind::Platforms => "联络站名册导入模板.xlsx",
                };
                let path = out.join(name);
                liaison_sheets::write_xlsx_file(&path, &[table])?;
                written.push(path);
            }
            crate::output::emit(json, &written, |w| {
                for p in w {
                    println!("{}", p.display());
                }
            })
        }
        RosterCommand::Photo { code, file } => {
            let bytes = std::fs::read(file).map_err(|e| Failure::user(format!("{}: {e}", file.display())))?;
            let hash = store.write(operator, |w| set_photo(w, code, &bytes))?;
            crate::output::emit(json, &serde_json::json!({ "code": code, "sha256": hash }), |_| {
                println!("已保存代表 {code} 的照片 photo saved ({hash})");
            })
        }
        RosterCommand::Reveal { code, reason, auth } => {
            let session = super::operator::signed_in(store, auth, secrets)?.ok_or_else(|| {
                Failure::user("revealing personal data needs a signed-in operator allowed to see it: --as LOGIN")
            })?;
            let data = store.write(&session.operator(), |w| reveal_private_as(w, &session, code, reason))?;
            crate::output::emit(json, &data, |d| {
                println!(
                    "手机号码 private phone: {}\n身份证号码 ID number: {}\n（本次查看已记入审计日志 this reveal is audited）",
                    d.private_phone, d.id_number
                );
            })
        }
    }
}

fn export_tables(store: &Store, kind: ExportKind) -> Result<Vec<TableOut>, Failure> {
    let conn = store.conn();
    Ok(match kind {
        ExportKind::All => vec![deputies_table(conn)?, platforms_table(conn)?],
        ExportKind::Deputies => vec![deputies_table(conn)?],
        ExportKind::Platforms => vec![platforms_table(conn)?],
    })
}

fn write_tables(out: &Path, tables: &[TableOut]) -> Result<(), Failure> {
    let is_csv = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let [table] = tables else {
            return Err(Failure::user("CSV holds one table: pass --kind deputies or --kind platforms"));
        };
        std::fs::write(out, liaison_sheets::write_csv(table))
            .map_err(|e| Failure::user(format!("{}: {e}", out.display())))
    } else {
        Ok(liaison_sheets::write_xlsx_file(out, tables)?)
    }
}

fn print_import(report: &ImportReport) {
    let verb = if report.committed {
        "已导入 imported"
    } else {
        "预览 preview（未写入 nothing written; add --commit）"
    };
    println!("{verb}");
    for s in &report.sheets {
        println!(
            "工作表 sheet “{}” — {}，表头在第 {} 行 header on row {}",
            s.sheet,
            s.kind.label(),
            s.header_row,
            s.header_row
        );
        println!(
            "  数据行 rows {}：新增 new {}，变更 changed {}，未变 unchanged {}，拒绝 rejected {}{}",
            s.rows,
            s.created,
            s.changed,
            s.unchanged,
            s.rejected.len(),
            if s.regions_created > 0 {
                format!("，新增区域 new regions {}", s.regions_created)
            } else {
                String::new()
            }
        );
        for e in &s.rejected {
            let column = if e.column.is_empty() { String::new() } else { format!("【{}】", e.column) };
            let value = if e.value.is_empty() { String::new() } else { format!("“{}”", e.value) };
            println!("  第 {} 行 row {}{}{}：{}", e.row, e.row, column, value, e.reason);
        }
    }
    for s in &report.skipped_sheets {
        println!("  跳过工作表 skipped sheet “{s}”（未找到名册表头 no roster header）");
    }
}
