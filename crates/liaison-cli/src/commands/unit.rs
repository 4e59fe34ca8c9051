//! `liaison unit add|list`: the handling units (承办单位) matters are assigned to.

use liaison_core::Store;
use liaison_core::roster::SaveOutcome;
use liaison_core::workflow::units::{self, UnitInput, UnitView};

use crate::Failure;
use crate::args::UnitCommand;

pub(super) fn run(store: &mut Store, cmd: &UnitCommand, operator: &str, json: bool) -> Result<(), Failure> {
    match cmd {
        UnitCommand::Add { code, name, kind, contact, retired } => {
            let input = UnitInput {
                code: code.clone(),
                name: name.clone(),
                kind: kind.clone(),
                contact: contact.clone(),
                retired: *retired,
            };
            let saved = store.write(operator, |w| units::save(w, &input))?;
            crate::output::emit(json, &saved, |s| {
                let what = match s.outcome {
                    SaveOutcome::Created => "已新增 created",
                    SaveOutcome::Changed => "已更新 changed",
                    SaveOutcome::Unchanged => "无变化 unchanged",
                };
                println!("承办单位 unit {}：{what}", s.code);
            })
        }
        UnitCommand::List => crate::output::emit(json, &units::list(store.conn())?, print_units),
    }
}

fn print_units(units: &Vec<UnitView>) {
    for u in units {
        let kind = if u.kind == "township" { "乡镇" } else { "部门" };
        let retired = if u.status == "retired" { "（已停用 retired）" } else { "" };
        println!("{:<8} {} [{kind}] {}{retired}", u.code, u.name, u.contact);
    }
}
