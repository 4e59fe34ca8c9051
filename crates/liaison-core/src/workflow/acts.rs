//! Recording an act on a matter (route, assign, 签收, 退办, reply, extension, 办结, 反馈, rating, look-back,
//! publication, archiving): check the act's fields, freeze the time limits it starts from the rules, check that
//! the matter's current state allows it, and append it as an event. One use case, one transaction.
//!
//! [`act_as`] adds who may record what ([`may_record`]): acts that commit the station beyond the clerk's desk
//! (an extension of a unit's deadline, publication, archiving) need a station head, office staff or an
//! administrator; [`show_for`] offers each role only the acts it may record.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::deadlines::china_date;
use super::events;
use super::model::{Event, Rating, State};
use super::query::MatterView;
use super::rules::{RuleStep, Rules};
use super::state::{Fold, fold};
use super::units;
use super::visits::{self, MatterRef};
use crate::error::{Error, FieldIssue, Result};
use crate::operators::permit::authorize;
use crate::operators::{Role, Session};
use crate::store::Writer;

/// What recording an act did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Acted {
    /// The matter's id.
    pub matter_id: String,
    /// The matter's code.
    pub matter_code: String,
    /// The new event's id.
    pub event_id: String,
    /// The matter's state after it.
    pub state: State,
}

/// Whether `role` may record acts of `kind`. An extension moves a unit's deadline and needs an approver's
/// authority; publication puts text before the public; archiving ends the record: not a clerk's call alone.
pub fn may_record(role: Role, kind: &str) -> bool {
    match kind {
        "extended" | "published" | "archived" => role != Role::Clerk,
        _ => true,
    }
}

/// Records `event` for a signed-in session, refusing an act its role may not record ([`may_record`]); the role is
/// read from the operator's current row.
pub fn act_as(w: &mut Writer<'_>, session: &Session, matter: &str, event: Event) -> Result<Acted> {
    let role = authorize(w, session, |_| true, "")?;
    if !may_record(role, event.kind()) {
        return Err(Error::Forbidden(format!("{}无权{}（需站长、机关工作人员或管理员）", role.label(), event.label())));
    }
    act(w, matter, event)
}

/// The matter in full as `role` sees it: only the acts the role may record are offered.
pub fn show_for(conn: &rusqlite::Connection, matter: &str, now: DateTime<Utc>, role: Role) -> Result<MatterView> {
    let mut view = super::query::show(conn, matter, now)?;
    view.allowed_acts.retain(|a| may_record(role, a.kind));
    Ok(view)
}

/// Records `event` on the matter with this id or code. Limits left `None` are filled from the rules in force.
pub fn act(w: &mut Writer<'_>, matter: &str, event: Event) -> Result<Acted> {
    let matter = visits::find_matter(w.tx(), matter)?;
    let history = fold(&events::load(w.tx(), &matter.id)?);
    let rules = Rules::load(w.tx())?;
    let today = china_date(w.deps().clock.now());
    let mut event = event;
    check_fields(w, &matter, &history, &rules, today, &mut event)?;
    freeze_limits(&rules, &matter.category, &mut event)?;
    let state = history.check(&event).map_err(Error::Invalid)?;
    let event_id = events::append(w, &matter.id, &event)?;
    super::merge::after_act(w, &matter, &event)?;
    Ok(Acted { matter_id: matter.id, matter_code: matter.code, event_id, state })
}

/// Fills every limit the event starts from the rules for the matter's category (explicit ones are kept).
pub(crate) fn freeze_limits(rules: &Rules, category: &str, event: &mut Event) -> Result<()> {
    let limit = |step| rules.limit(category, step).map(Some);
    match event {
        Event::Registered { limit: l, register } => {
            fill(l, || limit(RuleStep::Route))?;
            fill(register, || limit(RuleStep::Register))?;
        }
        Event::AnsweredOnSpot { limit: l, lookback, .. }
        | Event::Guided { limit: l, lookback, .. }
        | Event::Finished { limit: l, lookback, .. } => {
            fill(l, || limit(RuleStep::Feedback))?;
            fill(lookback, || limit(RuleStep::Lookback))?;
        }
        Event::ConvertedToSuggestion { limit: l, .. } => fill(l, || limit(RuleStep::Suggestion))?,
        Event::RoutedForAssignment { limit: l } | Event::Returned { limit: l, .. } => {
            fill(l, || limit(RuleStep::Assign))?;
        }
        Event::Assigned { limit: l, return_window, .. } => {
            fill(l, || limit(RuleStep::Handle))?;
            fill(return_window, || limit(RuleStep::ReturnWindow))?;
        }
        Event::Rated { rating: Rating::Unsatisfied, limit: l, .. } => fill(l, || limit(RuleStep::Rehandle))?,
        // An extension's length depends on the step it extends; it is filled in `check_fields`, which knows it.
        _ => {}
    }
    Ok(())
}

fn fill<T>(slot: &mut Option<T>, value: impl FnOnce() -> Result<Option<T>>) -> Result<()> {
    if slot.is_none() {
        *slot = value()?;
    }
    Ok(())
}

/// Checks the act's own fields (every problem at once, by field name) and normalises them.
fn check_fields(
    w: &Writer<'_>,
    matter: &MatterRef,
    history: &Fold,
    rules: &Rules,
    today: NaiveDate,
    event: &mut Event,
) -> Result<()> {
    let mut issues = Vec::new();
    match event {
        Event::Registered { .. } => return Err(Error::Invalid("事项在接待登记时已登记".into())),
        Event::AnsweredOnSpot { answer, .. } => required(&mut issues, "answer", answer, "当场答复必须填写答复内容"),
        Event::Guided { reason, directed_to, .. } => {
            required(&mut issues, "reason", reason, "不予受理必须填写原因");
            required(&mut issues, "directed_to", directed_to, "请填写引导群众前往的机关或途径");
        }
        Event::ConvertedToSuggestion { .. }
        | Event::RoutedForAssignment { .. }
        | Event::HandlingStarted { .. }
        | Event::Archived => {}
        Event::Merged { into } => match visits::find_matter(w.tx(), into) {
            Err(Error::NotFound(_)) => issues.push(FieldIssue::new("into", format!("并入的事项 {into} 不存在"))),
            Err(other) => return Err(other),
            Ok(target) if target.id == matter.id => issues.push(FieldIssue::new("into", "不能并入本事项自身")),
            Ok(target) => {
                let state = fold(&events::load(w.tx(), &target.id)?).state;
                if !state.is_some_and(State::is_open) || state == Some(State::Merged) {
                    issues.push(FieldIssue::new("into", format!("事项 {} 已办结或已并案，不能并入", target.code)));
                }
                *into = target.id;
            }
        },
        Event::Assigned { lead, co, due_on, reason, .. } => {
            let reassigning = history.lead.is_some();
            if reassigning {
                required(&mut issues, "reason", reason, "改派必须填写原因");
            }
            match units::find_active(w.tx(), lead)? {
                Some(code) => *lead = code,
                None if lead.trim().is_empty() => issues.push(FieldIssue::new("lead", "请选择主办单位")),
                None => issues.push(FieldIssue::new("lead", format!("承办单位 {lead} 不存在或已停用"))),
            }
            for unit in co.iter_mut() {
                match units::find_active(w.tx(), unit)? {
                    Some(code) => *unit = code,
                    None => issues.push(FieldIssue::new("co", format!("协办单位 {unit} 不存在或已停用"))),
                }
            }
            if co.contains(lead) {
                issues.push(FieldIssue::new("co", "主办单位不能同时作为协办单位"));
            }
            co.sort();
            co.dedup();
            if due_on.is_some_and(|d| d < today) {
                issues.push(FieldIssue::new("due_on", "办理期限不能早于今天"));
            }
        }
        Event::Accepted { unit } => check_holder(history, unit, &mut issues),
        Event::Returned { unit, reason, .. } => {
            check_holder(history, unit, &mut issues);
            required(&mut issues, "reason", reason, "退办必须填写书面理由");
        }
        Event::Replied { text, .. } => required(&mut issues, "text", text, "答复内容不能为空"),
        Event::Extended { reason, approver, limit } => {
            required(&mut issues, "reason", reason, "延期必须填写理由");
            required(&mut issues, "approver", approver, "延期必须填写批准人");
            let max = rules.max_extensions(&matter.category)?;
            if history.extensions >= max {
                issues.push(FieldIssue::new("reason", format!("每件事项最多延期 {max} 次，已用完")));
            }
            let step = if history.state == Some(State::Suggestion) {
                RuleStep::SuggestionExtension
            } else {
                RuleStep::Extension
            };
            fill(limit, || rules.limit(&matter.category, step).map(Some))?;
        }
        Event::Finished { .. } => {}
        Event::FedBack { how, told_on, unreachable_reason, .. } => {
            if how.trim().is_empty() && unreachable_reason.trim().is_empty() {
                issues.push(FieldIssue::new("how", "请填写反馈方式，或填写无法联系群众的原因"));
            }
            match told_on {
                Some(d) if *d > today => issues.push(FieldIssue::new("told_on", "反馈日期不能晚于今天")),
                Some(_) => {}
                None => *told_on = Some(today),
            }
        }
        Event::Rated { rating, reason, .. } => {
            if *rating == Rating::Unsatisfied {
                required(&mut issues, "reason", reason, "不满意必须填写原因");
            }
        }
        Event::LookedBack { result } => required(&mut issues, "result", result, "请填写回头看的结果"),
        Event::Published { summary } => {
            required(&mut issues, "summary", summary, "公开内容不能为空");
            if let Some(problem) = visits::personal_data_in(w.tx(), &matter.visit_id, summary)? {
                issues.push(FieldIssue::new("summary", format!("公开内容不能含个人信息：{problem}")));
            }
        }
    }
    if issues.is_empty() { Ok(()) } else { Err(Error::InvalidFields(issues)) }
}

/// Records an issue when a required text is blank.
fn required(issues: &mut Vec<FieldIssue>, field: &str, value: &str, message: &str) {
    if value.trim().is_empty() {
        issues.push(FieldIssue::new(field, message));
    }
}

/// 签收 and 退办 are the lead unit's acts: an empty unit means the lead unit, any other unit is refused.
fn check_holder(history: &Fold, unit: &mut String, issues: &mut Vec<FieldIssue>) {
    let holder = history.lead.clone().unwrap_or_default();
    if unit.trim().is_empty() {
        unit.clone_from(&holder);
    }
    if *unit != holder {
        issues.push(FieldIssue::new("unit", format!("事项的主办单位是 {holder}，不是 {unit}")));
    }
}

#[cfg(test)]
mod role_tests {
    use super::*;
    use crate::testing::{signed_in_as, small_roster, temp_store};
    use crate::workflow::register;
    use crate::workflow::units::{self, UnitInput};

    /// A store with one matter assigned to 住建局 (so an extension is possible), and its code.
    fn assigned_matter() -> (crate::testing::TestStore, String) {
        let mut t = temp_store();
        small_roster(&mut t.store);
        let visit = crate::testing::one_matter_visit("");
        let code = t
            .store
            .write("clerk", |w| {
                let unit =
                    UnitInput {
                        code: "ZJJ".into(), name: "住建局".into(), kind: "部门".into(), ..Default::default()
                    };
                units::save(w, &unit)?;
                let code = register(w, &visit)?.matters[0].code.clone();
                act(w, &code, Event::RoutedForAssignment { limit: None })?;
                let assign = Event::Assigned {
                    lead: "ZJJ".into(),
                    co: vec![],
                    due_on: None,
                    reason: String::new(),
                    limit: None,
                    return_window: None,
                };
                act(w, &code, assign)?;
                act(w, &code, Event::Accepted { unit: "ZJJ".into() })?;
                Ok(code)
            })
            .unwrap();
        (t, code)
    }

    fn extension() -> Event {
        Event::Extended { reason: "需协调多个部门".into(), approver: "刘站长".into(), limit: None }
    }

    #[test]
    fn a_clerk_may_not_extend_but_a_station_head_may() {
        let (mut t, code) = assigned_matter();
        let clerk = signed_in_as(&mut t.store, Role::Clerk);
        let err = t.store.write(&clerk.operator(), |w| act_as(w, &clerk, &code, extension())).unwrap_err();
        assert!(matches!(&err, Error::Forbidden(m) if m.contains("延期")), "{err:?}");
        let now = t.store.deps().clock.now();
        let offered = |role| -> Vec<&str> {
            show_for(t.store.conn(), &code, now, role).unwrap().allowed_acts.iter().map(|a| a.kind).collect()
        };
        assert!(!offered(Role::Clerk).contains(&"extended"));
        assert!(offered(Role::StationHead).contains(&"extended"));
        let head = signed_in_as(&mut t.store, Role::StationHead);
        t.store.write(&head.operator(), |w| act_as(w, &head, &code, extension())).unwrap();
        // A clerk still records the everyday acts.
        let reply = Event::Replied { text: "已修复".into(), not_competent: false, competent_body: String::new() };
        t.store.write(&clerk.operator(), |w| act_as(w, &clerk, &code, reply)).unwrap();
    }
}
