//! `liaison matter list|show|act|similar|merge`: the matters, one matter in full, every act of the workflow, the
//! groups of similar unassigned matters (汇总梳理) and the 并案 of several into one lead. State,
//! deadlines and escalations are computed as of the store's clock, as the desktop app shows them.

use liaison_core::Store;
use liaison_core::workflow::{
    self, Acted, Event, Limit, MatterFilter, MatterSummary, MatterView, MergeOutcome, QueueKey, Rating, SimilarFilter,
    SimilarGroup, State,
};

use crate::Failure;
use crate::args::{ActCommand, MatterCommand, RouteArg};

pub(super) fn run(store: &mut Store, cmd: &MatterCommand, operator: &str, json: bool) -> Result<(), Failure> {
    let now = store.deps().clock.now();
    match cmd {
        MatterCommand::List { state, station, overdue, queue, escalation, county, category, unit, deputy } => {
            let state = state
                .as_deref()
                .map(|s| {
                    State::parse(s).ok_or_else(|| Failure::user(format!("--state {s}: 没有这个状态 unknown state")))
                })
                .transpose()?;
            let queue = queue
                .as_deref()
                .map(|q| {
                    QueueKey::parse(q).ok_or_else(|| Failure::user(format!("--queue {q}: 没有这个队列 unknown queue")))
                })
                .transpose()?;
            let filter = MatterFilter {
                state,
                station_code: station.clone(),
                overdue: *overdue,
                queue,
                escalation: escalation.clone(),
                county: county.clone(),
                category: category.clone(),
                unit: unit.clone(),
                deputy: deputy.clone(),
            };
            crate::output::emit(json, &workflow::list(store.conn(), &filter, now)?, print_list)
        }
        MatterCommand::Similar { county, category } => {
            let filter = SimilarFilter { county: county.clone(), category: category.clone() };
            crate::output::emit(json, &workflow::similar(store.conn(), &filter)?, |g| print_groups(g))
        }
        MatterCommand::Merge { lead, others } => {
            let merged = store.write(operator, |w| workflow::merge(w, lead, others))?;
            crate::output::emit(json, &merged, print_merged)
        }
        MatterCommand::Show { id } => crate::output::emit(json, &workflow::show(store.conn(), id, now)?, print_matter),
        MatterCommand::Act { id, act } => {
            let event = to_event(act)?;
            let acted = store.write(operator, |w| workflow::act(w, id, event))?;
            crate::output::emit(json, &acted, print_acted)
        }
    }
}

/// The event an act records; limits are left to the core, which freezes them from the rules.
fn to_event(act: &ActCommand) -> Result<Event, Failure> {
    let text = |s: &String| s.trim().to_owned();
    Ok(match act {
        ActCommand::Route { to, answer, reason, directed_to, into, note } => match to {
            RouteArg::OnSpot => Event::AnsweredOnSpot { answer: text(answer), limit: None, lookback: None },
            RouteArg::Guided => {
                Event::Guided { reason: text(reason), directed_to: text(directed_to), limit: None, lookback: None }
            }
            RouteArg::Merge => Event::Merged { into: text(into) },
            RouteArg::Suggestion => Event::ConvertedToSuggestion { note: text(note), limit: None },
            RouteArg::Assign => Event::RoutedForAssignment { limit: None },
        },
        ActCommand::Assign { lead, co, due, reason } => Event::Assigned {
            lead: text(lead),
            co: co.iter().map(text).collect(),
            due_on: *due,
            reason: text(reason),
            limit: None,
            return_window: None,
        },
        ActCommand::Accept { unit } => Event::Accepted { unit: text(unit) },
        ActCommand::Return { reason, unit } => Event::Returned { unit: text(unit), reason: text(reason), limit: None },
        ActCommand::Handle { note } => Event::HandlingStarted { note: text(note) },
        ActCommand::Reply { text: reply, not_competent, competent_body } => {
            Event::Replied { text: text(reply), not_competent: *not_competent, competent_body: text(competent_body) }
        }
        ActCommand::Extend { reason, approver, days } => {
            Event::Extended { reason: text(reason), approver: text(approver), limit: days.map(Limit::working_days) }
        }
        ActCommand::Finish { summary } => Event::Finished { summary: text(summary), limit: None, lookback: None },
        ActCommand::Feedback { how, on, deputy_told, unreachable } => Event::FedBack {
            how: text(how),
            told_on: *on,
            deputy_told: *deputy_told,
            unreachable_reason: text(unreachable),
        },
        ActCommand::Rate { rating, reason } => Event::Rated {
            rating: Rating::parse(rating.trim())
                .ok_or_else(|| Failure::user(format!("--rating {rating}: 应为 满意、基本满意 或 不满意")))?,
            reason: text(reason),
            limit: None,
        },
        ActCommand::Lookback { result } => Event::LookedBack { result: text(result) },
        ActCommand::Publish { summary } => Event::Published { summary: text(summary) },
        ActCommand::Archive => Event::Archived,
    })
}

fn print_groups(groups: &[SimilarGroup]) {
    for (i, g) in groups.iter().enumerate() {
        println!("第 {} 组 group {}：{}", i + 1, i + 1, g.reason);
        for m in &g.matters {
            println!("  {}  {}  {}  {}  群众 {} 人", m.code, m.station_code, m.state_label, m.title, m.citizens);
        }
    }
    println!("共 {} 组 groups（文字相似度不低于 {}%）", groups.len(), workflow::similar::THRESHOLD_PERCENT);
}

fn print_merged(merged: &MergeOutcome) {
    let codes: Vec<&str> = merged.merged.iter().map(|m| m.matter_code.as_str()).collect();
    println!("已并案 merged into {}：{}", merged.lead_code, codes.join("、"));
}

fn print_acted(acted: &Acted) {
    println!("事项 matter {}：{}", acted.matter_code, acted.state.label());
}

fn print_list(matters: &Vec<MatterSummary>) {
    for m in matters {
        let due = m.due_on.map(|d| format!(" 期限 due {d}")).unwrap_or_default();
        let late = if m.overdue_working_days > 0 {
            format!(" 逾期 overdue {} 个工作日", m.overdue_working_days)
        } else if m.due_soon {
            " 临期 due soon".to_owned()
        } else {
            String::new()
        };
        let level = m.escalation.as_deref().map(|e| format!(" [{e}]")).unwrap_or_default();
        println!("{}  {}  {}  首问 {}{due}{late}{level}", m.code, m.state_label, m.title, m.first_responder);
    }
    println!("共 {} 件 matters", matters.len());
}

fn print_matter(v: &MatterView) {
    let s = &v.summary;
    println!("事项 {}  {}（{}）", s.code, s.title, s.category);
    println!("状态 state: {}    首问责任人 first responder: {}", s.state_label, s.first_responder);
    println!("当前责任 accountable: {}", v.accountable.join("、"));
    if let Some(lead) = &v.lead {
        println!("已并入 merged into: {}", lead.code);
        if !lead.reply.is_empty() {
            println!("主事项答复 lead's reply（{}）: {}", lead.replied_on, lead.reply);
        }
    }
    for m in &v.merged {
        println!("并入事项 merged here: {}  {}  群众 {} 人", m.code, m.station_code, m.citizens);
    }
    if !v.detail.is_empty() {
        println!("内容 detail: {}", v.detail);
    }
    let d = &v.deadlines;
    if let (Some(step), Some(due)) = (d.step_label, d.due_on) {
        let left = d.working_days_left.unwrap_or(0);
        let when = if d.overdue_working_days > 0 {
            format!("逾期 {} 个工作日 overdue", d.overdue_working_days)
        } else {
            format!("剩余 {left} 个工作日 left")
        };
        println!("期限 deadline: {step} 截止 {due}，{when}");
        if !d.calendar_covers_due {
            println!("  注意：截止日所在年份尚无法定节假日安排，只按周末计算，请更新日历");
        }
        for e in &d.escalations {
            println!("  {} {} {}", if e.reached { "●" } else { "○" }, e.on, e.name);
        }
    }
    if let Some(lookback) = d.lookback_due_on {
        println!("回头看 look-back due: {lookback}");
    }
    let g = &v.signals;
    println!(
        "推诿信号 signals: 退办 {}（超期 {}，无理由 {}），改派 {}，无主管机关的非职责答复 {}，登记延迟 {} 个工作日",
        g.returns,
        g.late_returns,
        g.returns_without_reason,
        g.handler_changes,
        g.incompetence_without_body,
        g.registration_delay_working_days
    );
    if !v.allowed_acts.is_empty() {
        let acts: Vec<&str> = v.allowed_acts.iter().map(|a| a.label).collect();
        println!("可办理 next acts: {}", acts.join("、"));
    }
    println!("经过 timeline (北京时间):");
    let china = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    for t in &v.timeline {
        let refused = match &t.outcome {
            workflow::state::Outcome::Refused { reason } => format!("（未生效 not applied: {reason}）"),
            workflow::state::Outcome::Applied { .. } => String::new(),
        };
        let at = t.recorded.at.with_timezone(&china).format("%Y-%m-%d %H:%M");
        let detail = serde_json::to_value(&t.recorded.event).map(|v| details(&v)).unwrap_or_default();
        println!("  {at} {} {}{detail}{refused}", t.label, t.recorded.operator);
    }
}

/// The event's own fields in one line (`reason=…, unit=…`), without its kind and empty values.
fn details(event: &serde_json::Value) -> String {
    let Some(fields) = event.as_object() else { return String::new() };
    let parts: Vec<String> = fields
        .iter()
        .filter(|(k, v)| {
            *k != "kind" && !v.is_null() && *v != "" && *v != false && v.as_array().is_none_or(|a| !a.is_empty())
        })
        .map(|(k, v)| format!("{k}={}", show_value(v)))
        .collect();
    if parts.is_empty() { String::new() } else { format!("  {}", parts.join(", ")) }
}

/// A payload value for people: a time limit in words ("15个工作日"), text as is, anything else as JSON.
fn show_value(v: &serde_json::Value) -> String {
    if let Ok(limit) = serde_json::from_value::<Limit>(v.clone()) {
        return limit.label();
    }
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}
