//! `liaison duty rota add|remove|list|print|due`, `liaison duty activity add|list`, `liaison duty leader-visit
//! add|coverage` and `liaison duty file <deputy>`: duty and activities (进站履职) headless. Dates and "today" are
//! China's calendar dates at the store's clock; periods are written as for the ledgers (2026, 2026-Q3, 2026-07).

use chrono::{Datelike, Days, NaiveDate};
use liaison_core::Store;
use liaison_core::duty::activities::{self, ActivityInput, ActivityView, AttendanceInput};
use liaison_core::duty::leaders::{self, LeaderVisitInput};
use liaison_core::duty::rota::{self, RotaEntry, RotaInput, RotaSpan};
use liaison_core::duty::{Coverage, DutyFile, duty_file, rota_announcement_due};
use liaison_core::ledger::Period;
use liaison_core::workflow::deadlines::china_date;

use crate::Failure;
use crate::args::{ActivityAddArgs, ActivityCommand, DutyCommand, LeaderVisitCommand, RotaCommand, RotaSlotArgs};

pub(super) fn run(store: &mut Store, cmd: &DutyCommand, operator: &str, json: bool) -> Result<(), Failure> {
    let today = china_date(store.deps().clock.now());
    match cmd {
        DutyCommand::Rota(cmd) => run_rota(store, cmd, operator, today, json),
        DutyCommand::Activity(ActivityCommand::Add(args)) => {
            let input = activity_input(args)?;
            let view = store.write(operator, |w| activities::record(w, &input))?;
            crate::output::emit(json, &view, |v| {
                println!("已登记活动 activity recorded: {}", v.id);
                print_activities(std::slice::from_ref(v));
            })
        }
        DutyCommand::Activity(ActivityCommand::List { station, period }) => {
            let period = period_or_this_year(period.as_deref(), today)?;
            let list = activities::list(store.conn(), station.as_deref(), &period)?;
            crate::output::emit(json, &list, |l| print_activities(l))
        }
        DutyCommand::LeaderVisit(LeaderVisitCommand::Add { station, date, leader, post, purpose }) => {
            let input = LeaderVisitInput {
                station_code: station.clone(),
                date: date.clone(),
                leader_name: leader.clone(),
                leader_post: post.clone(),
                purpose: purpose.clone(),
            };
            let view = store.write(operator, |w| leaders::record(w, &input))?;
            crate::output::emit(json, &view, |v| {
                println!(
                    "已登记领导进站 leader visit recorded: {} {} {}{}",
                    v.date, v.station_name, v.leader_post, v.leader_name
                )
            })
        }
        DutyCommand::LeaderVisit(LeaderVisitCommand::Coverage { region, period }) => {
            let period = period_or_this_year(period.as_deref(), today)?;
            let coverage = leaders::coverage(store.conn(), region.as_deref(), &period)?;
            crate::output::emit(json, &coverage, print_coverage)
        }
        DutyCommand::File { deputy, period } => {
            let period = period_or_this_year(period.as_deref(), today)?;
            let file = duty_file(store.conn(), deputy, &period, store.deps().clock.now())?;
            crate::output::emit(json, &file, print_file)
        }
    }
}

fn run_rota(store: &mut Store, cmd: &RotaCommand, operator: &str, today: NaiveDate, json: bool) -> Result<(), Failure> {
    match cmd {
        RotaCommand::Add(args) => {
            let input = slot(args);
            let entries = store.write(operator, |w| rota::add(w, &input))?;
            crate::output::emit(json, &entries, |e| {
                println!("已排班 on the rota:");
                print_rota(e);
            })
        }
        RotaCommand::Remove(args) => {
            let input = slot(args);
            let removed = store.write(operator, |w| rota::remove(w, &input))?;
            crate::output::emit(json, &serde_json::json!({ "removed": removed }), |_| {
                println!("已取消 removed {removed} 个值班安排 slots")
            })
        }
        RotaCommand::List { station, from, to } => {
            let from = from.unwrap_or(today);
            let to = to.unwrap_or(from + Days::new(6));
            let entries = rota::list(store.conn(), station.as_deref(), from, to)?;
            crate::output::emit(json, &entries, |e| {
                if e.is_empty() {
                    println!("{from} 至 {to} 没有值班安排 nobody on the rota");
                }
                print_rota(e);
            })
        }
        RotaCommand::Print { station, week, month, out } => {
            if !out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
                return Err(Failure::user(format!(
                    "{}: 值班表只能导出为 .xlsx 文件 the rota is written as .xlsx",
                    out.display()
                )));
            }
            let span = match (week, month) {
                (_, Some(month)) => parse_month(month)?,
                (Some(day), None) => RotaSpan::Week(*day),
                (None, None) => RotaSpan::Week(rota_announcement_due(today, rota::ANNOUNCE_DAYS_AHEAD).week_start),
            };
            let table = rota::rota_sheet(store.conn(), station, span)?;
            liaison_sheets::write_xlsx_file(out, std::slice::from_ref(&table))?;
            let (first, _) = span.days()?;
            // The posting deadline of what was printed: 3 days before its first day.
            let publish_by = first - Days::new(u64::from(rota::ANNOUNCE_DAYS_AHEAD));
            let (rows, title) = (table.rows.len(), table.title.unwrap_or_default());
            let report = serde_json::json!({ "out": out, "rows": rows, "title": title, "publish_by": publish_by });
            crate::output::emit(json, &report, |_| {
                println!(
                    "{title}\n已导出 exported {rows} 行 rows → {}（应于 {publish_by} 前公示 post by）",
                    out.display()
                )
            })
        }
        RotaCommand::Due { days_ahead } => {
            let due = rota_announcement_due(today, *days_ahead);
            crate::output::emit(json, &due, |d| println!("{}", d.message))
        }
    }
}

fn slot(args: &RotaSlotArgs) -> RotaInput {
    RotaInput {
        station_code: args.station.clone(),
        date: args.date.clone(),
        session: args.session.clone(),
        deputy_codes: args.deputies.clone(),
    }
}

/// The activity the options describe; `--leave CODE:事由` splits at the first colon (ASCII or full-width).
fn activity_input(args: &ActivityAddArgs) -> Result<ActivityInput, Failure> {
    let mut attendance = Vec::new();
    for code in &args.present {
        attendance.push(AttendanceInput { deputy_code: code.clone(), status: "present".into(), reason: String::new() });
    }
    for text in &args.leave {
        let (code, reason) = text.split_once([':', '：']).unwrap_or((text.as_str(), ""));
        attendance.push(AttendanceInput { deputy_code: code.into(), status: "leave".into(), reason: reason.into() });
    }
    for code in &args.absent {
        attendance.push(AttendanceInput { deputy_code: code.clone(), status: "absent".into(), reason: String::new() });
    }
    Ok(ActivityInput {
        station_code: args.station.clone(),
        date: args.date.clone(),
        kind: args.kind.clone(),
        title: args.title.clone(),
        place: args.place.clone(),
        notes: args.notes.clone(),
        planned: args.planned,
        people_received: args.people,
        attendance,
    })
}

/// "2026-12" as a month span.
fn parse_month(text: &str) -> Result<RotaSpan, Failure> {
    let bad = || Failure::user(format!("--month “{text}”：应为 YYYY-MM，如 2026-12"));
    let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
    let (year, month): (i32, u32) = (year.parse().map_err(|_| bad())?, month.parse().map_err(|_| bad())?);
    let span = RotaSpan::Month { year, month };
    span.days().map_err(|_| bad())?;
    Ok(span)
}

/// The period written, or this calendar year in China.
fn period_or_this_year(text: Option<&str>, today: NaiveDate) -> Result<Period, Failure> {
    match text {
        Some(text) => Ok(text.parse::<Period>()?),
        None => Period::year(today.year())
            .ok_or_else(|| Failure { exit_code: 2, message: format!("year {} out of range", today.year()) }),
    }
}

fn print_rota(entries: &[RotaEntry]) {
    for e in entries {
        println!(
            "  {} {} {:<2} {} {}（{}） {}",
            e.date, e.weekday, e.session_label, e.station_name, e.deputy_name, e.deputy_code, e.deputy_levels
        );
    }
}

fn print_activities(list: &[ActivityView]) {
    for a in list {
        println!("{} {} [{}·{}] {} {}", a.date, a.station_name, a.kind_label, a.status_label, a.title, a.place);
        for l in &a.attendance {
            let reason = if l.reason.is_empty() { String::new() } else { format!("（{}）", l.reason) };
            println!("    {}（{}）{}{reason}", l.deputy_name, l.deputy_code, l.status_label);
        }
    }
}

fn print_coverage(c: &Coverage) {
    println!(
        "{} {} 领导干部进站覆盖率 coverage: {}（{}/{} 个联络站，{} 次进站）",
        c.scope, c.period, c.rate_label, c.stations_visited, c.stations_in_scope, c.visits
    );
    if !c.not_visited.is_empty() {
        println!("尚未进站 not yet visited ({}):", c.not_visited.len());
        for s in &c.not_visited {
            println!("  {:<12} {}", s.code, s.name);
        }
    }
}

fn print_file(f: &DutyFile) {
    let t = &f.totals;
    println!("{}（{}）{} 履职档案（{}）", f.deputy_name, f.deputy_code, f.station_name, f.period);
    println!(
        "进站值班 {} 天 {} 个时段；活动 出席 {} 请假 {} 缺席 {}；接待 {} 次 {} 人次；首问事项 {} 件（已办结 {} 件）",
        t.duty_days,
        t.duty_sessions,
        t.present,
        t.leave,
        t.absent,
        t.visits,
        t.people_received,
        t.matters,
        t.matters_closed
    );
    for e in &f.duty {
        println!("  值班 {} {} {} {}", e.date, e.weekday, e.session_label, e.station_name);
    }
    for a in &f.activities {
        let reason = if a.own.reason.is_empty() { String::new() } else { format!("（{}）", a.own.reason) };
        println!(
            "  活动 {} {} {} {}{reason}",
            a.activity.date, a.activity.kind_label, a.activity.title, a.own.status_label
        );
    }
    for v in &f.visits {
        println!("  接待 {} {} {} {} 人 {} 件", v.date, v.station_name, v.channel, v.head_count, v.matters);
    }
    for m in &f.matters {
        println!("  首问 {} {} {} {}", m.code, m.date, m.title, m.state_label);
    }
}

#[cfg(test)]
mod tests {
    //! Duty headless: deputies on the rota, an activity with attendance, a leader's visit and its coverage, the
    //! duty file, the printed rota and the 代表进站履职台账 written to XLSX and read back through `liaison-sheets`
    //! (calamine); user errors exit 1.

    use crate::testing::{deputy, run, station};

    fn setup(db: &std::path::Path) {
        station(db, "平顶山市新华区中兴路街道人大代表联络站");
        deputy(db, "D000001", "张明新");
        deputy(db, "D000002", "单雄");
    }

    fn today() -> chrono::NaiveDate {
        liaison_core::workflow::deadlines::china_date(chrono::Utc::now())
    }

    #[test]
    fn rota_activities_leaders_and_the_duty_file_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("liaison.db");
        setup(&db);
        let day = today().to_string();
        let add = ["duty", "rota", "add", "--station", "XH-01", "--date", &day, "--session", "上午"];
        let with = |extra: &[&'static str]| -> Vec<String> {
            add.iter().map(|s| s.to_string()).chain(extra.iter().map(|s| s.to_string())).collect()
        };
        let run_owned = |args: Vec<String>| run(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(run_owned(with(&["--deputy", "D000001", "--deputy", "D000002", "--json"])), 0);
        assert_eq!(run_owned(with(&["--deputy", "D000001"])), 1, "the slot is taken");
        assert_eq!(run_owned(with(&["--deputy", "D404"])), 1, "unknown deputy");
        assert_eq!(
            run(&db, &["duty", "rota", "add", "--station", "XH-01", "--date", "明天", "--deputy", "D000001"]),
            1
        );
        assert_eq!(run(&db, &["duty", "rota", "list", "--json"]), 0);
        assert_eq!(run(&db, &["duty", "rota", "due"]), 0);
        let store = liaison_core::Store::open(&db).unwrap();
        let on_duty = liaison_core::duty::rota::on_duty(store.conn(), Some("XH-01"), today()).unwrap();
        drop(store);
        assert_eq!(on_duty.iter().map(|e| e.deputy_name.as_str()).collect::<Vec<_>>(), ["张明新", "单雄"]);
        let remove = ["duty", "rota", "remove", "--station", "XH-01", "--date", &day, "--session", "上午"];
        assert_eq!(run(&db, &[&remove[..], &["--deputy", "D000002"]].concat()), 0);
        assert_eq!(run(&db, &[&remove[..], &["--deputy", "D000002"]].concat()), 1, "already removed");

        let activity = [
            "duty",
            "activity",
            "add",
            "--station",
            "XH-01",
            "--date",
            &day,
            "--kind",
            "座谈",
            "--title",
            "民生实事项目座谈",
            "--present",
            "D000001",
            "--leave",
            "D000002:外出学习",
        ];
        assert_eq!(run(&db, &activity), 0);
        let no_reason = [
            "duty",
            "activity",
            "add",
            "--station",
            "XH-01",
            "--date",
            &day,
            "--kind",
            "调研",
            "--title",
            "调研",
            "--leave",
            "D000002",
        ];
        assert_eq!(run(&db, &no_reason), 1, "leave needs a reason");
        assert_eq!(run(&db, &["duty", "activity", "list", "--station", "XH-01", "--json"]), 0);

        let leader = [
            "duty",
            "leader-visit",
            "add",
            "--station",
            "XH-01",
            "--date",
            &day,
            "--leader",
            "李建国",
            "--post",
            "市人大常委会副主任",
        ];
        assert_eq!(run(&db, &leader), 0);
        assert_eq!(run(&db, &["duty", "leader-visit", "coverage"]), 0);
        assert_eq!(run(&db, &["duty", "leader-visit", "coverage", "--region", "999"]), 1);
        let store = liaison_core::Store::open(&db).unwrap();
        let year: liaison_core::ledger::Period = today().format("%Y").to_string().parse().unwrap();
        let coverage = liaison_core::duty::coverage(store.conn(), Some("410402"), &year).unwrap();
        assert_eq!(
            (coverage.stations_in_scope, coverage.stations_visited, coverage.rate_label.as_str()),
            (1, 1, "100.0%")
        );
        let file = liaison_core::duty::duty_file(store.conn(), "D000002", &year, store.deps().clock.now()).unwrap();
        drop(store);
        assert_eq!((file.totals.duty_sessions, file.totals.leave), (0, 1), "removed from the rota; on leave");
        assert_eq!(run(&db, &["duty", "file", "D000001"]), 0);
        assert_eq!(run(&db, &["duty", "file", "D000001", "--json"]), 0);
        assert_eq!(run(&db, &["duty", "file", "D404"]), 1);
    }

    #[test]
    fn the_printed_rota_and_the_duty_ledger_are_written_as_xlsx_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("liaison.db");
        setup(&db);
        let day = today();
        let date = day.to_string();
        let add = ["duty", "rota", "add", "--station", "XH-01", "--date", &date, "--deputy", "D000001"];
        assert_eq!(run(&db, &add), 0);
        let activity = [
            "duty",
            "activity",
            "add",
            "--station",
            "XH-01",
            "--date",
            &date,
            "--kind",
            "接待群众",
            "--title",
            "集中接待日",
            "--people",
            "9",
            "--present",
            "D000001",
            "--absent",
            "D000002",
        ];
        assert_eq!(run(&db, &activity), 0);

        let rota = dir.path().join("值班表.xlsx");
        assert_eq!(
            run(
                &db,
                &["duty", "rota", "print", "--station", "XH-01", "--week", &date, "--out", rota.to_str().unwrap()]
            ),
            0
        );
        let grid = liaison_sheets::read_file(&rota).unwrap().remove(0);
        let week = liaison_core::duty::rota::week_label(liaison_core::duty::rota::week_of(day).0);
        assert_eq!(grid.rows[0][0], format!("平顶山市新华区中兴路街道人大代表联络站代表进站值班表（{week}）"));
        assert_eq!(grid.rows[1][..5], ["序号", "日期", "星期", "时段", "值班代表"]);
        assert_eq!(grid.rows[2][1..5], [date.as_str(), grid.rows[2][2].as_str(), "全天", "张明新"]);
        assert_eq!(
            run(
                &db,
                &["duty", "rota", "print", "--station", "XH-01", "--month", "2026-13", "--out", rota.to_str().unwrap()]
            ),
            1
        );

        let ledger = dir.path().join("代表进站履职台账.xlsx");
        let out = ledger.to_str().unwrap();
        assert_eq!(run(&db, &["ledger", "duty", "--station", "XH-01", "--out", out, "--json"]), 0);
        let grid = liaison_sheets::read_file(&ledger).unwrap().remove(0);
        assert_eq!(grid.name, "代表进站履职台账");
        let year = day.format("%Y");
        assert_eq!(grid.rows[0][0], format!("平顶山市新华区中兴路街道人大代表联络站 代表进站履职台账（{year}年）"));
        assert_eq!(grid.rows[1][..7], ["序号", "日期", "联络站", "代表姓名", "代表编号", "代表身份", "履职形式"]);
        let rows: Vec<(&str, &str, &str, &str)> =
            grid.rows[2..].iter().map(|r| (r[0].as_str(), r[3].as_str(), r[6].as_str(), r[9].as_str())).collect();
        assert_eq!(
            rows,
            [("1", "张明新", "进站接待", ""), ("2", "张明新", "接待群众", "出席"), ("3", "单雄", "接待群众", "缺席")]
        );
        assert_eq!(grid.rows[2][4], "D000001", "the number stays text");
        assert_eq!(grid.rows[3][11], "9");
        let csv = dir.path().join("台账.csv");
        assert_eq!(run(&db, &["ledger", "duty", "--out", csv.to_str().unwrap()]), 1, "xlsx only");
    }
}
