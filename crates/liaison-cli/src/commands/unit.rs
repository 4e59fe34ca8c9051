//! `liaison unit add|list|signals`: the handling units (承办单位) matters are assigned to, and the buck-passing
//! signals held against each.

use liaison_core::Store;
use liaison_core::roster::SaveOutcome;
use liaison_core::workflow::unit_signals::{UnitSignalRow, unit_signals};
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
        UnitCommand::Signals { station } => {
            let rows = unit_signals(store.conn(), station.as_deref(), store.deps().clock.now())?;
            crate::output::emit(json, &rows, print_signals)
        }
    }
}

fn print_signals(rows: &Vec<UnitSignalRow>) {
    println!(
        "承办单位 unit                受理 matters 退办 returns 超时退办 late 无理由 bare 被改派 taken 非职责未指明 bare-incompetence 合计 total"
    );
    for r in rows {
        let s = &r.signals;
        println!(
            "{:<8} {:<16} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            r.unit_code,
            r.unit_name,
            r.matters,
            s.returns,
            s.late_returns,
            s.returns_without_reason,
            s.reassigned_away,
            s.incompetence_without_body,
            r.total
        );
    }
}

fn print_units(units: &Vec<UnitView>) {
    for u in units {
        let kind = if u.kind == "township" { "乡镇" } else { "部门" };
        let retired = if u.status == "retired" { "（已停用 retired）" } else { "" };
        println!("{:<8} {} [{kind}] {}{retired}", u.code, u.name, u.contact);
    }
}
