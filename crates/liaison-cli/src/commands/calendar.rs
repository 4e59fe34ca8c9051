//! `liaison calendar show|import|set|add`: the official working-day calendar, for the office's yearly file and
//! for clerks checking a deadline.

use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
use liaison_core::Store;
use liaison_core::calendar::{self, Calendar, CalendarDay};
use serde::Serialize;

use crate::Failure;
use crate::args::CalendarCommand;

/// The name a hand-set day gets when `--name` is left out.
const DEFAULT_NAME: &str = "手动调整";

pub(super) fn run(store: &mut Store, cmd: &CalendarCommand, operator: &str, json: bool) -> Result<(), Failure> {
    match cmd {
        CalendarCommand::Show { year } => {
            let year = year.unwrap_or_else(|| chrono::Local::now().year());
            show(store, year, json)
        }
        CalendarCommand::Import { file } => {
            let text = read_text(file)?;
            let summary = store.write(operator, |w| calendar::import_year(w, &text))?;
            crate::output::emit(json, &summary, |s| {
                println!(
                    "已导入 {} 年法定工作日历 imported: 休息日 {} 天，调休上班 {} 天（替换原有 {} 天）",
                    s.year, s.holidays, s.make_up_days, s.replaced
                )
            })
        }
        CalendarCommand::Set { date, kind, name } => {
            let name = name.as_deref().unwrap_or(DEFAULT_NAME);
            store.write(operator, |w| calendar::set_day(w, *date, kind.off(), name))?;
            let cal = Calendar::load(store.conn())?;
            let day = DayOut::new(&cal, *date);
            crate::output::emit(json, &day, |d| println!("{}", d.line()))
        }
        CalendarCommand::Add { date, n } => {
            let cal = Calendar::load(store.conn())?;
            let deadline = cal.add_working_days(*date, *n);
            // The first of the two dates whose year has no official calendar, for the warning.
            let uncovered = [*date, deadline].into_iter().find(|d| !cal.covers(*d)).map(|d| d.year());
            let out = AddOut { start: *date, working_days: *n, deadline, covered: uncovered.is_none() };
            crate::output::emit(json, &out, |o| {
                println!(
                    "{} + {} 个工作日 working days = {}（{}）",
                    o.start,
                    o.working_days,
                    o.deadline,
                    weekday_zh(o.deadline)
                );
                if let Some(year) = uncovered {
                    println!("注意：{year} 年尚无官方日历，{WEEKENDS_ONLY}");
                }
            })
        }
    }
}

fn show(store: &Store, year: i32, json: bool) -> Result<(), Failure> {
    let cal = Calendar::load(store.conn())?;
    let days = calendar::list_year(store.conn(), year)?;
    let out = ShowOut { year, covered: cal.years().contains(&year), days, years: cal.years() };
    crate::output::emit(json, &out, |o| {
        if o.covered {
            println!("{} 年法定节假日与调休 official calendar:", o.year);
        } else {
            println!("{} 年尚无官方日历 no official calendar：{WEEKENDS_ONLY}", o.year);
        }
        for day in &o.days {
            println!("  {}（{}）{}  {}", day.date, weekday_zh(day.date), if day.off { "休" } else { "班" }, day.name);
        }
        let years: Vec<String> = o.years.iter().map(i32::to_string).collect();
        println!("已有官方日历的年份 covered years: {}", years.join(", "));
    })
}

fn read_text(file: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(file).map_err(|e| Failure::user(format!("{}: 无法读取 cannot read: {e}", file.display())))
}

/// What a year without an official calendar means for a deadline.
const WEEKENDS_ONLY: &str = "仅按周一至周五上班、周六周日休息计算，官方日历公布后期限可能变动";

fn weekday_zh(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

#[derive(Serialize)]
struct ShowOut {
    year: i32,
    covered: bool,
    days: Vec<CalendarDay>,
    years: Vec<i32>,
}

#[derive(Serialize)]
struct AddOut {
    start: NaiveDate,
    working_days: u32,
    deadline: NaiveDate,
    /// False when the start or the deadline lies in a year without an official calendar.
    covered: bool,
}

/// One day as the calendar now sees it.
#[derive(Serialize)]
struct DayOut {
    date: NaiveDate,
    working: bool,
    /// The holiday's name when the calendar lists the day.
    name: Option<String>,
}

impl DayOut {
    fn new(cal: &Calendar, date: NaiveDate) -> Self {
        DayOut { date, working: cal.is_working_day(date), name: cal.day(date).map(|d| d.name.clone()) }
    }

    fn line(&self) -> String {
        let state = if self.working { "上班 working day" } else { "休息 rest day" };
        let name = self.name.as_deref().map(|n| format!("（{n}）")).unwrap_or_default();
        format!("{}（{}）{state}{name}", self.date, weekday_zh(self.date))
    }
}

#[cfg(test)]
mod tests {
    use liaison_core::calendar::Calendar;

    use crate::testing::run;

    fn date(s: &str) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_calendar_commands_edit_import_and_refuse() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("liaison.db");
        assert_eq!(run(&db, &["calendar", "show", "--year", "2025", "--json"]), 0);
        assert_eq!(run(&db, &["calendar", "add", "2025-09-30", "2", "--json"]), 0);
        assert_eq!(run(&db, &["calendar", "set", "2026-03-09", "--off", "--name", "防汛"]), 0);
        assert_eq!(run(&db, &["calendar", "set", "2026-03-07", "--work"]), 0);
        assert!(
            !Calendar::load(liaison_core::Store::open(&db).unwrap().conn()).unwrap().is_working_day(date("2026-03-09"))
        );
        assert_eq!(run(&db, &["calendar", "set", "2026-03-09", "--default"]), 0);

        let file = dir.path().join("2027.json");
        std::fs::write(&file, r#"{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#)
            .unwrap();
        assert_eq!(run(&db, &["calendar", "import", file.to_str().unwrap()]), 0);
        let cal = Calendar::load(liaison_core::Store::open(&db).unwrap().conn()).unwrap();
        assert!(cal.is_working_day(date("2026-03-09")) && cal.is_working_day(date("2026-03-07")));
        assert!(cal.covers(date("2027-01-01")) && !cal.is_working_day(date("2027-01-01")));

        // User errors exit 1: a bad file, a weekday make-up day, a bad date, a missing or doubled kind.
        std::fs::write(&file, r#"{"year": 2028, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#)
            .unwrap();
        assert_eq!(run(&db, &["calendar", "import", file.to_str().unwrap()]), 1);
        assert_eq!(run(&db, &["calendar", "import", "/nonexistent/2028.json"]), 1);
        assert_eq!(run(&db, &["calendar", "set", "2026-03-09", "--work"]), 1);
        assert_eq!(run(&db, &["calendar", "add", "2026-02-30", "1"]), 1);
        assert_eq!(run(&db, &["calendar", "set", "2026-03-09"]), 1);
        assert_eq!(run(&db, &["calendar", "set", "2026-03-09", "--off", "--work"]), 1);
    }
}
