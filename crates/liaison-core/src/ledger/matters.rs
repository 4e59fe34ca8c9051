//! 意见建议办理台账: one row per matter raised in the period, in the order of its visit then its code: route, units,
//! the dates of 交办, 办结 and 反馈, the handling deadline and whether it was met, the rating, the state today and
//! the buck-passing signals. Everything comes from [`workflow::show`]'s view of the matter as of `now`; the only
//! thing computed here is the handling deadline a finished matter was held to, which the view no longer shows
//! (after 办结 its running clock is the feedback one).
//!
//! No citizen data appears in this ledger: it names matters, units and the first responder only.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::visits::{matter_ids, visits_in};
use super::{LedgerScope, headers, numbered, station_names, title};
use crate::calendar::Calendar;
use crate::error::Result;
use crate::tabular::TableOut;
use crate::workflow::deadlines;
use crate::workflow::query::TimelineEntry;
use crate::workflow::signals::Signals;
use crate::workflow::state::{Outcome, Step, fold};
use crate::workflow::{self, Event, MatterView, Rating, units};

/// The sheet and the ledger's name.
pub const MATTERS_LEDGER: &str = "意见建议办理台账";

/// The columns, in the order of the office's handling register.
pub const MATTER_HEADERS: [&str; 18] = [
    "序号",
    "事项编号",
    "登记日期",
    "联络站",
    "类别",
    "事项标题",
    "首问责任人",
    "办理方式",
    "承办单位（牵头/协办）",
    "交办日期",
    "办理期限",
    "办结日期",
    "是否按期",
    "反馈日期",
    "满意度",
    "当前状态",
    "超期工作日",
    "推诿信号",
];

/// The matter code stays text in Excel.
const TEXT_COLUMNS: [usize; 1] = [1];

/// The steps whose deadline is the handling deadline (办理期限): handling by the units, the formal suggestion's
/// reply, and re-handling after 不满意.
const HANDLING_STEPS: [Step; 3] = [Step::Handle, Step::Suggestion, Step::Rehandle];

/// 意见建议办理台账 for the scope, with states and deadlines as of `now` (the store's clock).
pub fn matters_ledger(conn: &Connection, scope: &LedgerScope, now: DateTime<Utc>) -> Result<TableOut> {
    let stations = station_names(conn)?;
    let title = title(conn, scope, &stations, MATTERS_LEDGER)?;
    let calendar = Calendar::load(conn)?;
    // Loaded once for the whole ledger: `workflow::show` would reload the calendar and rules for every matter.
    let reading = workflow::queues::Reading::load(conn, now)?;
    let units: HashMap<String, String> = units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect();
    let mut rows = Vec::new();
    for visit in visits_in(conn, scope)? {
        for id in matter_ids(conn, &visit.id)? {
            let view = workflow::query::show_with(conn, &reading, &id)?;
            let station = stations.get(&view.summary.station_code).unwrap_or(&view.summary.station_code);
            rows.push(matter_row(&view, visit.received_on, station, &units, &calendar));
        }
    }
    Ok(TableOut {
        sheet: MATTERS_LEDGER.into(),
        title: Some(title),
        headers: headers(&MATTER_HEADERS),
        rows: numbered(rows),
        text_columns: TEXT_COLUMNS.to_vec(),
    })
}

/// The dates and outcomes a ledger row reads from a matter's applied events.
#[derive(Debug, Default)]
pub(super) struct Milestones {
    /// 办理方式: the route chosen at 研判.
    pub(super) route: Option<&'static str>,
    /// The day of the 交办 in force (a reassignment restarts the handling clock, so the last one).
    pub(super) assigned_on: Option<NaiveDate>,
    /// The last 办结 (or on-the-spot answer / guidance) not reopened by 不满意: its timeline index and day.
    pub(super) finished: Option<(usize, NaiveDate)>,
    /// When the citizen was told.
    pub(super) fed_back_on: Option<NaiveDate>,
    /// 满意度, or 无法联系 when the feedback recorded that the citizen could not be reached.
    pub(super) rating: Option<&'static str>,
}

pub(super) fn milestones(timeline: &[TimelineEntry]) -> Milestones {
    let mut m = Milestones::default();
    let applied = timeline.iter().enumerate().filter(|(_, t)| matches!(t.outcome, Outcome::Applied { .. }));
    for (index, entry) in applied {
        let on = entry.recorded.on();
        match &entry.recorded.event {
            Event::RoutedForAssignment { .. } => m.route = m.route.or(Some("交办")),
            e @ (Event::Merged { .. } | Event::ConvertedToSuggestion { .. }) => m.route = m.route.or(Some(e.label())),
            e @ (Event::AnsweredOnSpot { .. } | Event::Guided { .. }) => {
                m.route = m.route.or(Some(e.label()));
                m.finished = Some((index, on));
            }
            Event::Assigned { .. } => m.assigned_on = Some(on),
            Event::Finished { .. } => m.finished = Some((index, on)),
            Event::FedBack { told_on, unreachable_reason, .. } => {
                m.fed_back_on = Some(told_on.unwrap_or(on));
                // A new feedback awaits a new rating: the previous one (不满意) no longer describes the matter.
                m.rating = (!unreachable_reason.trim().is_empty()).then_some("无法联系");
            }
            Event::Rated { rating, .. } => {
                m.rating = Some(rating.label());
                if *rating == Rating::Unsatisfied {
                    m.finished = None; // handling reopened: the matter is not finished any more
                }
            }
            _ => {}
        }
    }
    m
}

/// The handling deadline: the one a finished matter was held to when it was finished (replaying its events up to
/// that 办结), or the running one of an open matter. `None` when no handling clock applies (on the spot, guided,
/// merged, not yet assigned).
fn handling_due(view: &MatterView, finished: Option<(usize, NaiveDate)>, calendar: &Calendar) -> Option<NaiveDate> {
    let Some((index, _)) = finished else {
        let step = view.deadlines.step?;
        return HANDLING_STEPS.contains(&step).then_some(view.deadlines.due_on).flatten();
    };
    let before: Vec<_> = view.timeline[..index].iter().map(|t| t.recorded.clone()).collect();
    let folded = fold(&before);
    let step = folded.clock.as_ref()?.step;
    HANDLING_STEPS.contains(&step).then(|| deadlines::due_on(&folded, calendar)).flatten()
}

/// 是否按期 and 超期工作日: a finished matter against the deadline it was held to; an open one as of today.
fn timeliness(
    view: &MatterView,
    finished_on: Option<NaiveDate>,
    due: Option<NaiveDate>,
    calendar: &Calendar,
) -> (&'static str, i64) {
    match (finished_on, due) {
        (Some(finished), Some(due)) => {
            let late = calendar.working_days_between(due, finished).max(0);
            (if finished <= due { "是" } else { "否" }, late)
        }
        // Answered on the spot or guided: no handling deadline to miss.
        (Some(_), None) => ("是", 0),
        (None, _) => {
            let overdue = view.summary.overdue_working_days;
            let open = view.summary.state.is_some_and(|s| s.is_open());
            let flag = if overdue > 0 {
                "否"
            } else if open {
                "未到期"
            } else {
                "—" // merged into another matter: judged there
            };
            (flag, overdue)
        }
    }
}

/// One matter's cells after 序号.
fn matter_row(
    view: &MatterView,
    received_on: NaiveDate,
    station: &str,
    units: &HashMap<String, String>,
    calendar: &Calendar,
) -> Vec<String> {
    let s = &view.summary;
    let m = milestones(&view.timeline);
    let finished_on = m.finished.map(|(_, on)| on);
    let due = handling_due(view, m.finished, calendar);
    let (on_time, late_days) = timeliness(view, finished_on, due, calendar);
    vec![
        s.code.clone(),
        day(Some(received_on)),
        station.to_owned(),
        s.category.clone(),
        s.title.clone(),
        s.first_responder.clone(),
        m.route.unwrap_or("待研判").to_owned(),
        units_cell(s.lead_unit.as_deref(), &view.co_units, units),
        day(m.assigned_on),
        day(due),
        day(finished_on),
        on_time.to_owned(),
        day(m.fed_back_on),
        m.rating.unwrap_or_default().to_owned(),
        s.state_label.clone(),
        late_days.to_string(),
        signals_cell(&view.signals),
    ]
}

pub(super) fn day(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// "牵头：住建局；协办：交通局、尧山镇" (unit names; a code the roster does not know is shown as is).
pub(super) fn units_cell(lead: Option<&str>, co: &[String], units: &HashMap<String, String>) -> String {
    let name = |code: &str| units.get(code).map_or(code, String::as_str).to_owned();
    let mut parts = Vec::new();
    if let Some(lead) = lead {
        parts.push(format!("牵头：{}", name(lead)));
    }
    if !co.is_empty() {
        parts.push(format!("协办：{}", co.iter().map(|c| name(c)).collect::<Vec<_>>().join("、")));
    }
    parts.join("；")
}

/// The buck-passing signals in words ("退办2次、变更承办1次"), or 无.
fn signals_cell(signals: &Signals) -> String {
    let counts = [
        (signals.returns, "退办"),
        (signals.late_returns, "逾期退办"),
        (signals.returns_without_reason, "无理由退办"),
        (signals.handler_changes, "变更承办"),
        (signals.incompetence_without_body, "答复非职责未指明主管单位"),
    ];
    let mut parts: Vec<String> =
        counts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{what}{n}次")).collect();
    if signals.late_registration {
        parts.push(format!("登记延迟{}个工作日", signals.registration_delay_working_days));
    }
    if parts.is_empty() { "无".to_owned() } else { parts.join("、") }
}
