//! Editing the workflow rules (设置 → 办理规则) and previewing what they mean for a new matter.
//!
//! The office owns the rules (time limits per step and category, the escalation ladder, the category list with
//! the route each one suggests); until sync sends the office's rules, an operator whose role may configure them
//! edits them locally. Every edit is checked against the operator's current row ([`authorize`]), validated with a
//! Chinese reason and audited with its before and after. Edits never move a deadline already given: events freeze
//! the limit they used ([`super::model::Event`]).
//!
//! [`preview`] answers 接待登记's question "if I register this matter today, what route does its category suggest
//! and what deadlines will it get?" from the same [`Rules`] and calendar the recorder uses.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::model::Limit;
use super::rules::{ANY_CATEGORY, RuleStep, Rules, Rung};
use crate::calendar::Calendar;
use crate::error::{Error, FieldIssue, Result};
use crate::operators::permit::authorize;
use crate::operators::{Role, Session};
use crate::store::Writer;

/// The audit log's entity name for rule edits.
const AUDIT_ENTITY: &str = "workflow_rules";

/// The longest time limit accepted, in its unit's terms: beyond it a typo is more likely than an intent.
const MAX_AMOUNT: u32 = 366;

/// A route a category suggests for its matters in 接待登记.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// 当场答复.
    OnSpot,
    /// 不予受理·引导.
    Guided,
    /// 转代表建议.
    Suggestion,
    /// 交办.
    Assign,
}

impl Route {
    /// Every route, in the order forms list them.
    pub const ALL: [Route; 4] = [Route::OnSpot, Route::Guided, Route::Suggestion, Route::Assign];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Route::OnSpot => "on_spot",
            Route::Guided => "guided",
            Route::Suggestion => "suggestion",
            Route::Assign => "assign",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Route::OnSpot => "当场答复",
            Route::Guided => "不予受理·引导",
            Route::Suggestion => "转代表建议",
            Route::Assign => "交办",
        }
    }

    /// The route with this stored name or Chinese label.
    pub fn parse(s: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.as_str() == s || r.label() == s)
    }
}

/// Every configurable step, in the order 设置 lists them, with its Chinese name.
pub const STEPS: [(RuleStep, &str); 12] = [
    (RuleStep::Register, "登记（接待到登记）"),
    (RuleStep::Route, "研判分流"),
    (RuleStep::Assign, "交办"),
    (RuleStep::ReturnWindow, "退办期限"),
    (RuleStep::Handle, "办理"),
    (RuleStep::Extension, "延期（每次）"),
    (RuleStep::MaxExtensions, "延期次数上限"),
    (RuleStep::Suggestion, "代表建议答复"),
    (RuleStep::SuggestionExtension, "代表建议延期"),
    (RuleStep::Feedback, "反馈群众"),
    (RuleStep::Rehandle, "不满意重新办理"),
    (RuleStep::Lookback, "回头看（办结后）"),
];

/// The step with this stored name.
fn step_named(name: &str) -> Option<RuleStep> {
    STEPS.iter().map(|(s, _)| *s).find(|s| s.as_str() == name)
}

/// One row of the time-limit table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct LimitRule {
    /// `*` for every category, else the category it overrides the default for.
    pub category: String,
    /// The step's stored name (`handle`, `feedback`, …).
    pub step: String,
    /// The step's Chinese name (ignored on input).
    #[serde(default)]
    pub step_label: String,
    /// How many (for `max_extensions`: how many extensions).
    pub amount: u32,
    /// `working_days`, `calendar_days`, `months`, or `count` (only `max_extensions`).
    pub unit: String,
}

/// A category and the route it suggests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct CategoryRule {
    /// The category's name.
    pub name: String,
    /// The route 接待登记 proposes for it.
    pub suggested_route: Route,
}

/// One level of the escalation ladder, as 设置 shows and edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RungRule {
    /// 0 for the warning, then upward.
    pub level: u8,
    /// A stable code (`warn`, `station_head`, …; new levels get `level<n>`).
    #[serde(default)]
    pub code: String,
    /// Who is told.
    pub name: String,
    /// Working days after the due date at which the level is reached (negative: before it).
    pub offset_working_days: i32,
}

/// The rules in force, as 设置 shows them (and as the office sends them to its stations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RulesView {
    /// The time limits: the defaults (`*`) first, then each category's overrides.
    pub limits: Vec<LimitRule>,
    /// The escalation ladder, lowest level first.
    pub ladder: Vec<RungRule>,
    /// The categories in their configured order.
    pub categories: Vec<CategoryRule>,
}

/// Reads the rules for 设置.
pub fn view(conn: &Connection) -> Result<RulesView> {
    let mut stmt = conn.prepare_cached(
        "SELECT category, step, amount, unit FROM workflow_time_limits ORDER BY category <> '*', category, step",
    )?;
    let mut limits: Vec<LimitRule> = stmt
        .query_map([], |r| {
            Ok(LimitRule {
                category: r.get(0)?,
                step: r.get(1)?,
                step_label: String::new(),
                amount: r.get(2)?,
                unit: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let position = |name: &str| STEPS.iter().position(|(s, _)| s.as_str() == name).unwrap_or(STEPS.len());
    limits.sort_by(|a, b| {
        (a.category != ANY_CATEGORY, &a.category, position(&a.step)).cmp(&(
            b.category != ANY_CATEGORY,
            &b.category,
            position(&b.step),
        ))
    });
    for rule in &mut limits {
        rule.step_label = STEPS.iter().find(|(s, _)| s.as_str() == rule.step).map_or("", |(_, l)| l).to_owned();
    }
    let ladder = Rules::load(conn)?
        .ladder
        .into_iter()
        .map(|r: Rung| RungRule {
            level: r.level,
            code: r.code,
            name: r.name,
            offset_working_days: r.offset_working_days,
        })
        .collect();
    Ok(RulesView { limits, ladder, categories: categories(conn)? })
}

fn categories(conn: &Connection) -> Result<Vec<CategoryRule>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, suggested_route FROM matter_categories ORDER BY position, name")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|row| {
        let (name, route) = row?;
        let suggested_route = Route::parse(&route).ok_or_else(|| Error::Internal(format!("unknown route {route}")))?;
        Ok(CategoryRule { name, suggested_route })
    })
    .collect()
}

const REFUSAL: &str = "当前角色无权修改办理规则（需机关工作人员或管理员）";

/// Sets one time limit (a category override when `category` is not `*`).
pub fn set_limit_as(w: &mut Writer<'_>, session: &Session, rule: &LimitRule) -> Result<()> {
    authorize(w, session, Role::may_configure_rules, REFUSAL)?;
    let step = step_named(&rule.step).ok_or_else(|| Error::Invalid(format!("没有“{}”这一办理环节", rule.step)))?;
    let mut issues = Vec::new();
    if rule.category != ANY_CATEGORY && !categories(w.tx())?.iter().any(|c| c.name == rule.category) {
        issues.push(FieldIssue::new("category", format!("没有“{}”这一类别", rule.category)));
    }
    let counted = step == RuleStep::MaxExtensions;
    let unit_ok = match rule.unit.as_str() {
        "count" => counted,
        "working_days" | "calendar_days" | "months" => !counted,
        _ => false,
    };
    if !unit_ok {
        let reason =
            if counted { "延期次数的单位只能是“次”" } else { "单位应为工作日、自然日或月" };
        issues.push(FieldIssue::new("unit", reason));
    }
    if rule.amount > MAX_AMOUNT {
        issues.push(FieldIssue::new("amount", format!("时限不能超过 {MAX_AMOUNT}")));
    }
    if !issues.is_empty() {
        return Err(Error::InvalidFields(issues));
    }
    let before = limit_row(w.tx(), &rule.category, &rule.step)?;
    w.tx().execute(
        "INSERT INTO workflow_time_limits (category, step, amount, unit) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (category, step) DO UPDATE SET amount = excluded.amount, unit = excluded.unit",
        params![rule.category, rule.step, rule.amount, rule.unit],
    )?;
    let after = limit_row(w.tx(), &rule.category, &rule.step)?;
    audit(w, "rules_set_limit", &format!("{}/{}", rule.category, rule.step), before, after)
}

/// Removes a category's override of one step, so the default applies again. The defaults themselves stay.
pub fn clear_limit_as(w: &mut Writer<'_>, session: &Session, category: &str, step: &str) -> Result<()> {
    authorize(w, session, Role::may_configure_rules, REFUSAL)?;
    if category == ANY_CATEGORY {
        return Err(Error::Invalid("默认时限不能删除，只能修改".into()));
    }
    let before = limit_row(w.tx(), category, step)?;
    if before.is_none() {
        return Err(Error::NotFound(format!("类别“{category}”没有单独设置“{step}”的时限")));
    }
    w.tx().execute("DELETE FROM workflow_time_limits WHERE category = ?1 AND step = ?2", params![category, step])?;
    audit(w, "rules_clear_limit", &format!("{category}/{step}"), before, None::<LimitRule>)
}

fn limit_row(conn: &Connection, category: &str, step: &str) -> Result<Option<LimitRule>> {
    Ok(conn
        .query_row(
            "SELECT amount, unit FROM workflow_time_limits WHERE category = ?1 AND step = ?2",
            params![category, step],
            |r| {
                Ok(LimitRule {
                    category: category.to_owned(),
                    step: step.to_owned(),
                    step_label: String::new(),
                    amount: r.get(0)?,
                    unit: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// Replaces the escalation ladder. Levels are renumbered in the given order; each must be reached strictly later
/// than the one below it, so the ladder only ever climbs.
pub fn set_ladder_as(w: &mut Writer<'_>, session: &Session, ladder: &[RungRule]) -> Result<()> {
    authorize(w, session, Role::may_configure_rules, REFUSAL)?;
    let mut issues = Vec::new();
    if ladder.is_empty() {
        issues.push(FieldIssue::new("ladder", "督办层级至少要有一级"));
    }
    for (i, rung) in ladder.iter().enumerate() {
        if rung.name.trim().is_empty() {
            issues.push(FieldIssue::new(&format!("ladder[{i}].name"), "请填写督办对象"));
        }
        if i > 0 && rung.offset_working_days <= ladder[i - 1].offset_working_days {
            issues.push(FieldIssue::new(&format!("ladder[{i}].offset_working_days"), "每一级的时间应晚于上一级"));
        }
    }
    if !issues.is_empty() {
        return Err(Error::InvalidFields(issues));
    }
    let before = view(w.tx())?.ladder;
    w.tx().execute("DELETE FROM escalation_ladder", [])?;
    for (i, rung) in ladder.iter().enumerate() {
        // A level keeps its code (the queues and the UI key on it); a new level gets one from its position.
        let code = if rung.code.trim().is_empty() { format!("level{i}") } else { rung.code.trim().to_owned() };
        w.tx()
            .execute(
                "INSERT INTO escalation_ladder (level, code, name, offset_working_days) VALUES (?1, ?2, ?3, ?4)",
                params![i as i64, code, rung.name.trim(), rung.offset_working_days],
            )
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                    Error::InvalidFields(vec![FieldIssue::new(
                        &format!("ladder[{i}].code"),
                        format!("层级代码 {code} 重复"),
                    )])
                }
                other => other.into(),
            })?;
    }
    let after = view(w.tx())?.ladder;
    audit(w, "rules_set_ladder", "ladder", Some(before), Some(after))
}

/// Replaces the category list (order and suggested routes). A category that disappears from the list is no longer
/// offered for new matters; matters already filed under it keep it, and so do its time-limit overrides.
pub fn set_categories_as(w: &mut Writer<'_>, session: &Session, list: &[CategoryRule]) -> Result<()> {
    authorize(w, session, Role::may_configure_rules, REFUSAL)?;
    let mut issues = Vec::new();
    if list.is_empty() {
        issues.push(FieldIssue::new("categories", "至少要有一个类别"));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, category) in list.iter().enumerate() {
        let name = category.name.trim();
        if name.is_empty() {
            issues.push(FieldIssue::new(&format!("categories[{i}].name"), "请填写类别名称"));
        } else if name == ANY_CATEGORY {
            issues.push(FieldIssue::new(&format!("categories[{i}].name"), "“*”是保留字，不能作类别名称"));
        } else if !seen.insert(name) {
            issues.push(FieldIssue::new(&format!("categories[{i}].name"), format!("类别“{name}”重复")));
        }
    }
    if !issues.is_empty() {
        return Err(Error::InvalidFields(issues));
    }
    let before = categories(w.tx())?;
    w.tx().execute("DELETE FROM matter_categories", [])?;
    for (i, category) in list.iter().enumerate() {
        w.tx().execute(
            "INSERT INTO matter_categories (name, position, suggested_route) VALUES (?1, ?2, ?3)",
            params![category.name.trim(), i as i64 + 1, category.suggested_route.as_str()],
        )?;
    }
    let after = categories(w.tx())?;
    audit(w, "rules_set_categories", "categories", Some(before), Some(after))
}

/// Replaces every rule with the office's (a sync bundle from the office; see [`crate::sync`]). The office checked
/// them when it edited them and signed the bundle; the tables' own constraints still refuse a malformed row.
pub(crate) fn replace_from_office(conn: &Connection, rules: &RulesView) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM workflow_time_limits; DELETE FROM escalation_ladder; DELETE FROM matter_categories;",
    )?;
    for rule in &rules.limits {
        conn.execute(
            "INSERT INTO workflow_time_limits (category, step, amount, unit) VALUES (?1, ?2, ?3, ?4)",
            params![rule.category, rule.step, rule.amount, rule.unit],
        )?;
    }
    for rung in &rules.ladder {
        conn.execute(
            "INSERT INTO escalation_ladder (level, code, name, offset_working_days) VALUES (?1, ?2, ?3, ?4)",
            params![rung.level, rung.code, rung.name, rung.offset_working_days],
        )?;
    }
    for (i, category) in rules.categories.iter().enumerate() {
        conn.execute(
            "INSERT INTO matter_categories (name, position, suggested_route) VALUES (?1, ?2, ?3)",
            params![category.name, i as i64 + 1, category.suggested_route.as_str()],
        )?;
    }
    Ok(())
}

fn audit<T: Serialize>(w: &mut Writer<'_>, action: &str, id: &str, before: Option<T>, after: Option<T>) -> Result<()> {
    let detail = serde_json::json!({ "before": before, "after": after }).to_string();
    w.audit_local(action, AUDIT_ENTITY, id, &detail)
}

/// One deadline a new matter would get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct PreviewStep {
    /// What must happen (研判分流, 办理, 反馈群众…).
    pub step_label: String,
    /// The limit, in words ("15个工作日").
    pub limit_label: String,
    /// When it falls due if the clock starts today (steps after routing assume the route is taken today).
    pub due_on: NaiveDate,
}

/// What 接待登记 shows under a matter before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct DeadlinePreview {
    /// The route the category suggests.
    pub suggested_route: Route,
    /// Its Chinese label.
    pub route_label: String,
    /// The deadlines: routing first, then the suggested route's own clock.
    pub steps: Vec<PreviewStep>,
    /// False when a date falls past the last calendar year: it counts weekends only and 设置 must import the
    /// next year's calendar.
    pub calendar_covers: bool,
}

/// The route `category` suggests and the deadlines a matter registered on `today` would get.
pub fn preview(conn: &Connection, category: &str, today: NaiveDate) -> Result<DeadlinePreview> {
    let rules = Rules::load(conn)?;
    let calendar = Calendar::load(conn)?;
    let route = categories(conn)?
        .into_iter()
        .find(|c| c.name == category)
        .map(|c| c.suggested_route)
        .ok_or_else(|| Error::Invalid(format!("没有“{category}”这一类别")))?;
    let mut steps = Vec::new();
    let mut add = |step: RuleStep| -> Result<()> {
        let limit: Limit = rules.limit(category, step)?;
        let label = STEPS.iter().find(|(s, _)| *s == step).map_or("", |(_, l)| l);
        steps.push(PreviewStep {
            step_label: label.to_owned(),
            limit_label: limit.label(),
            due_on: limit.due_from(&calendar, today),
        });
        Ok(())
    };
    match route {
        Route::OnSpot | Route::Guided => add(RuleStep::Feedback)?,
        Route::Suggestion => {
            add(RuleStep::Route)?;
            add(RuleStep::Suggestion)?;
        }
        Route::Assign => {
            add(RuleStep::Route)?;
            add(RuleStep::Handle)?;
        }
    }
    let calendar_covers = steps.iter().all(|s| calendar.covers(s.due_on));
    Ok(DeadlinePreview { suggested_route: route, route_label: route.label().to_owned(), steps, calendar_covers })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{signed_in_as, temp_store};

    #[test]
    fn every_stored_step_has_a_name_and_the_defaults_are_durations() {
        let t = temp_store();
        let store = &t.store;
        let view = view(store.conn()).unwrap();
        assert_eq!(view.limits.iter().filter(|l| l.category == ANY_CATEGORY).count(), STEPS.len());
        assert!(view.limits.iter().all(|l| !l.step_label.is_empty()));
        let rules = Rules::load(store.conn()).unwrap();
        assert_eq!(rules.limit("教育", RuleStep::Handle).unwrap(), Limit::working_days(15));
        assert_eq!(view.ladder.len(), 4);
        assert_eq!(view.categories.iter().find(|c| c.name == "其他").unwrap().suggested_route, Route::OnSpot);
        assert_eq!(view.categories[0].suggested_route, Route::Assign);
    }

    #[test]
    fn a_category_override_changes_its_preview_and_clearing_it_restores_the_default() {
        let mut t = temp_store();
        let store = &mut t.store;
        let admin = signed_in_as(store, Role::Admin);
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let before = preview(store.conn(), "教育", monday).unwrap();
        assert_eq!(before.suggested_route, Route::Assign);
        assert_eq!(before.steps[1].limit_label, "15个工作日");
        assert_eq!(before.steps[1].due_on, NaiveDate::from_ymd_opt(2026, 12, 14).unwrap());
        let rule = LimitRule {
            category: "教育".into(),
            step: "handle".into(),
            step_label: String::new(),
            amount: 10,
            unit: "working_days".into(),
        };
        store.write(&admin.operator(), |w| set_limit_as(w, &admin, &rule)).unwrap();
        let after = preview(store.conn(), "教育", monday).unwrap();
        assert_eq!(after.steps[1].due_on, NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        assert_eq!(preview(store.conn(), "医疗卫生", monday).unwrap().steps[1].limit_label, "15个工作日");
        store.write(&admin.operator(), |w| clear_limit_as(w, &admin, "教育", "handle")).unwrap();
        assert_eq!(preview(store.conn(), "教育", monday).unwrap(), before);
        let audited = crate::audit::recent(store.conn(), Some("rules_set_limit"), 10).unwrap();
        assert_eq!(audited.len(), 1);
    }

    #[test]
    fn bad_limits_are_refused_field_by_field_and_change_nothing() {
        let mut t = temp_store();
        let store = &mut t.store;
        let admin = signed_in_as(store, Role::Admin);
        let before = view(store.conn()).unwrap();
        let rule = LimitRule {
            category: "不存在".into(),
            step: "max_extensions".into(),
            step_label: String::new(),
            amount: 999,
            unit: "working_days".into(),
        };
        let err = store.write(&admin.operator(), |w| set_limit_as(w, &admin, &rule)).unwrap_err();
        let Error::InvalidFields(issues) = err else { panic!("{err:?}") };
        let fields: Vec<_> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["category", "unit", "amount"]);
        assert_eq!(view(store.conn()).unwrap(), before);
    }

    #[test]
    fn a_clerk_may_not_edit_the_rules() {
        let mut t = temp_store();
        let store = &mut t.store;
        let clerk = signed_in_as(store, Role::Clerk);
        let ladder = view(store.conn()).unwrap().ladder;
        let err = store.write(&clerk.operator(), |w| set_ladder_as(w, &clerk, &ladder)).unwrap_err();
        assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
    }

    #[test]
    fn the_ladder_must_climb_and_keeps_its_codes() {
        let mut t = temp_store();
        let store = &mut t.store;
        let admin = signed_in_as(store, Role::OfficeStaff);
        let mut ladder = view(store.conn()).unwrap().ladder;
        ladder[2].offset_working_days = 0; // below the station head's +1
        let err = store.write(&admin.operator(), |w| set_ladder_as(w, &admin, &ladder)).unwrap_err();
        assert!(matches!(&err, Error::InvalidFields(i) if i[0].field == "ladder[2].offset_working_days"), "{err:?}");
        ladder[2].offset_working_days = 4;
        ladder.push(RungRule {
            level: 9, code: String::new(), name: "市人大常委会".into(), offset_working_days: 20
        });
        store.write(&admin.operator(), |w| set_ladder_as(w, &admin, &ladder)).unwrap();
        let rules = Rules::load(store.conn()).unwrap();
        let codes: Vec<_> = rules.ladder.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["warn", "station_head", "county", "city", "level4"]);
        assert_eq!(rules.ladder[2].offset_working_days, 4);
    }

    #[test]
    fn categories_are_replaced_in_order_with_their_routes() {
        let mut t = temp_store();
        let store = &mut t.store;
        let admin = signed_in_as(store, Role::Admin);
        let list = vec![
            CategoryRule { name: "物业管理".into(), suggested_route: Route::Assign },
            CategoryRule { name: "政策咨询".into(), suggested_route: Route::OnSpot },
        ];
        store.write(&admin.operator(), |w| set_categories_as(w, &admin, &list)).unwrap();
        assert_eq!(view(store.conn()).unwrap().categories, list);
        let preview = preview(store.conn(), "政策咨询", NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
        assert_eq!(preview.route_label, "当场答复");
        assert_eq!(preview.steps.len(), 1);
        let dup = vec![list[0].clone(), list[0].clone()];
        let err = store.write(&admin.operator(), |w| set_categories_as(w, &admin, &dup)).unwrap_err();
        assert!(matches!(err, Error::InvalidFields(_)));
    }

    #[test]
    fn a_preview_past_the_last_calendar_year_says_so() {
        let t = temp_store();
        let store = &t.store;
        let late = NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
        let preview = preview(store.conn(), "教育", late).unwrap();
        assert!(!preview.calendar_covers, "15 working days from 28 Dec 2026 end in 2027, not yet published");
    }
}
