//! `liaison unit add|list|signals|ranking|evaluations`: the handling units (承办单位) matters are assigned to, the
//! buck-passing signals held against each, the 满意度测评 ranking (with the re-evaluation of the units flagged
//! before), recording a ranking and the re-evaluation schedule of the recorded ones.

use liaison_core::Store;
use liaison_core::ledger::period::Period;
use liaison_core::roster::SaveOutcome;
use liaison_core::workflow::ranking::{self, Evaluation, FlaggedChange, RankedUnit};
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
        UnitCommand::Ranking { period, since, out, record } => {
            let options = RankingOptions { since: since.as_deref(), out: out.as_deref(), record: *record };
            ranking(store, operator, period, &options, json)
        }
        UnitCommand::Evaluations => crate::output::emit(json, &ranking::evaluations(store.conn())?, print_evaluations),
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

/// What `unit ranking` does beside showing the ranking.
struct RankingOptions<'a> {
    since: Option<&'a str>,
    out: Option<&'a std::path::Path>,
    record: bool,
}

fn ranking(
    store: &mut Store,
    operator: &str,
    period: &str,
    options: &RankingOptions<'_>,
    json: bool,
) -> Result<(), Failure> {
    let RankingOptions { since, out, record } = *options;
    let period: Period = period.parse()?;
    let now = store.deps().clock.now();
    let rows = if record {
        store.write(operator, |w| ranking::record(w, &period))?.rows
    } else {
        ranking::ranking(store.conn(), &period, now)?
    };
    let changes = match since {
        Some(before) => Some(ranking::flagged_changes(&ranking::ranking(store.conn(), &before.parse()?, now)?, &rows)),
        None => None,
    };
    if let Some(out) = out {
        liaison_sheets::write_xlsx_file(out, &[ranking::table(&rows, &period)])?;
    }
    let report = serde_json::json!({
        "period": period.label,
        "reevaluate_on": ranking::reevaluation_day(&period),
        "units": rows,
        "flagged_changes": changes,
    });
    crate::output::emit(json, &report, |_| {
        print_ranking(&rows, &period);
        if let Some(changes) = &changes {
            print_changes(changes);
        }
        if let Some(out) = out {
            println!("已写入 wrote {}", out.display());
        }
        if record {
            println!("已记录 recorded the ranking of {} (liaison unit evaluations lists the schedule)", period.label);
        }
    })
}

fn print_evaluations(evaluations: &Vec<Evaluation>) {
    if evaluations.is_empty() {
        println!("尚未记录测评 no ranking recorded yet (liaison unit ranking --period P --record)");
    }
    for e in evaluations {
        println!(
            "{}（{}..{}）recorded {} by {}: {} units, re-evaluation on {}",
            e.label,
            e.period_start,
            e.period_end,
            e.recorded_at,
            e.operator,
            e.rows.len(),
            e.reevaluation_day
        );
        if e.flagged.is_empty() {
            println!("  无末位单位 nobody flagged");
        }
        for f in &e.flagged {
            print!("  末位 flagged #{} {:<18} 复评 re-evaluate on {}", f.rank, f.unit_name, f.reevaluation_day);
            match &f.change {
                Some(change) => {
                    println!();
                    print_change(change);
                }
                None => println!("  （复评期测评未记录 re-evaluation not recorded yet）"),
            }
        }
    }
}

fn pct(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

fn print_ranking(rows: &[RankedUnit], period: &Period) {
    println!("承办单位满意度测评 unit ranking（{}）", period.label);
    println!(
        "名次 rank  承办单位 unit          受理 got 按时答复 on-time  满意率 satisfied  不满意 unsat 退办 ret 信号 sig"
    );
    for r in rows {
        let f = &r.figures;
        println!(
            "{:>4}  {:<18} {:>6} {:>14} {:>14} {:>8} {:>6} {:>6}{}",
            r.rank.map_or_else(|| "—".to_owned(), |n| n.to_string()),
            r.unit_name,
            f.received,
            pct(r.on_time_rate),
            pct(r.satisfaction_rate),
            f.unsatisfied,
            f.returns,
            f.signals,
            if r.flagged { "  末位 flagged" } else { "" }
        );
    }
    if rows.iter().any(|r| r.flagged) {
        println!("末位单位复评日期 flagged units are re-evaluated on {}", ranking::reevaluation_day(period));
    }
}

fn print_changes(changes: &[FlaggedChange]) {
    println!("上次末位单位的变化 change of the units flagged before:");
    for c in changes {
        print_change(c);
    }
}

fn print_change(c: &FlaggedChange) {
    println!(
        "  {:<18} 名次 rank {} → {}  满意率 {} → {}  按时 {} → {}{}",
        c.unit_name,
        c.rank_before.map_or_else(|| "—".into(), |n| n.to_string()),
        c.rank_after.map_or_else(|| "—".into(), |n| n.to_string()),
        pct(c.satisfaction_before),
        pct(c.satisfaction_after),
        pct(c.on_time_before),
        pct(c.on_time_after),
        if c.still_flagged { "  仍为末位 still flagged" } else { "" }
    );
}

#[cfg(test)]
mod ranking_tests {
    //! The ranking command writes a sheet a spreadsheet reader opens, with its title and headers, and refuses a bad
    //! period.

    use crate::testing::run;

    #[test]
    fn the_ranking_sheet_opens_with_its_title_and_a_bad_period_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let out = dir.path().join("测评.xlsx");
        let out_arg = out.to_str().unwrap();
        assert_eq!(run(&db, &["unit", "add", "--code", "ZJJ", "--name", "住建局", "--kind", "department"]), 0);
        assert_eq!(run(&db, &["unit", "ranking", "--period", "2026-Q3", "--since", "2026-Q2", "--out", out_arg]), 0);
        let grid = liaison_sheets::read_file(&out).unwrap().remove(0);
        assert_eq!(grid.cell(0, 0), "承办单位满意度测评（2026年第三季度）");
        assert_eq!((grid.cell(1, 0), grid.cell(1, 14)), ("名次", "满意率"));
        assert_eq!(
            (grid.cell(2, 0), grid.cell(2, 1)),
            ("未参评", "住建局"),
            "a unit given nothing is listed, unranked"
        );
        assert_ne!(run(&db, &["unit", "ranking", "--period", "2026-Q5"]), 0);
    }

    #[test]
    fn a_recorded_ranking_is_filed_audited_and_listed_with_its_reevaluation_day() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        assert_eq!(run(&db, &["unit", "add", "--code", "ZJJ", "--name", "住建局", "--kind", "department"]), 0);
        assert_eq!(run(&db, &["unit", "evaluations"]), 0, "nothing recorded yet");
        assert_eq!(run(&db, &["unit", "ranking", "--period", "2026-Q3", "--record"]), 0);
        assert_eq!(run(&db, &["unit", "evaluations"]), 0);
        let store = liaison_core::Store::open(&db).unwrap();
        let listed = liaison_core::workflow::ranking::evaluations(store.conn()).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].label.as_str(), listed[0].reevaluation_day.to_string()),
            ("2026年第三季度", "2026-12-31".into())
        );
        assert_eq!((listed[0].rows[0].unit_code.as_str(), listed[0].rows[0].rank), ("ZJJ", None));
        assert!(listed[0].flagged.is_empty(), "one unit given nothing: nobody flagged");
        let audit = liaison_core::audit::recent(store.conn(), Some("ranking_record"), 5).unwrap();
        assert_eq!(audit.len(), 1);
    }
}
