//! The workflow rules the office configures: time limits per step (and per category where one differs), the
//! number of extensions a matter may get, the escalation ladder and the list of matter categories.
//!
//! They live in tables (`workflow_time_limits`, `escalation_ladder`, `matter_categories`) seeded with the domain
//! brief's defaults by migration 0005; code never carries a time limit of its own. Rules are read when an event is
//! recorded (and frozen into it) and when deadlines are computed (the ladder).

use std::collections::HashMap;

use serde::Serialize;

use super::model::{Limit, LimitUnit};
use crate::error::{Error, Result};

/// The category key of a rule that applies to every category.
pub const ANY_CATEGORY: &str = "*";

/// A step with a configured time limit (the `step` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleStep {
    /// From reception to registration.
    Register,
    /// From registration to the route.
    Route,
    /// From routing (or a 退办) to 交办.
    Assign,
    /// How long after 交办 a unit may still 退办.
    ReturnWindow,
    /// 办理 after 交办.
    Handle,
    /// One extension of handling.
    Extension,
    /// How many extensions a matter may get (a count).
    MaxExtensions,
    /// A formal deputy suggestion's reply.
    Suggestion,
    /// One extension of a suggestion's reply.
    SuggestionExtension,
    /// 反馈 after 办结.
    Feedback,
    /// 重新办理 after 不满意.
    Rehandle,
    /// 回头看 after 办结.
    Lookback,
}

impl RuleStep {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleStep::Register => "register",
            RuleStep::Route => "route",
            RuleStep::Assign => "assign",
            RuleStep::ReturnWindow => "return_window",
            RuleStep::Handle => "handle",
            RuleStep::Extension => "extension",
            RuleStep::MaxExtensions => "max_extensions",
            RuleStep::Suggestion => "suggestion",
            RuleStep::SuggestionExtension => "suggestion_extension",
            RuleStep::Feedback => "feedback",
            RuleStep::Rehandle => "rehandle",
            RuleStep::Lookback => "lookback",
        }
    }
}

/// One level of the escalation ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rung {
    /// 0 for the warning, then upward.
    pub level: u8,
    /// A stable code (`warn`, `station_head`, `county`, `city`).
    pub code: String,
    /// Who is told, in Chinese.
    pub name: String,
    /// Working days after the due date at which this level is reached (negative: before it).
    pub offset_working_days: i32,
}

/// The rules in force.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    limits: HashMap<(String, String), (u32, String)>,
    /// The escalation ladder, lowest level first.
    pub ladder: Vec<Rung>,
    /// The matter categories, in their configured order.
    pub categories: Vec<String>,
}

impl Rules {
    /// Reads the rules tables.
    pub fn load(conn: &rusqlite::Connection) -> Result<Rules> {
        let mut limits = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT category, step, amount, unit FROM workflow_time_limits")?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))? {
            let (category, step, amount, unit): (String, String, u32, String) = row?;
            limits.insert((category, step), (amount, unit));
        }
        let mut stmt =
            conn.prepare_cached("SELECT level, code, name, offset_working_days FROM escalation_ladder ORDER BY level")?;
        let ladder = stmt
            .query_map([], |r| {
                Ok(Rung { level: r.get(0)?, code: r.get(1)?, name: r.get(2)?, offset_working_days: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare_cached("SELECT name FROM matter_categories ORDER BY position, name")?;
        let categories = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(Rules { limits, ladder, categories })
    }

    /// The configured row for `step`: the category's own, else the default for every category.
    fn row(&self, category: &str, step: RuleStep) -> Result<&(u32, String)> {
        let key = |c: &str| (c.to_owned(), step.as_str().to_owned());
        self.limits
            .get(&key(category))
            .or_else(|| self.limits.get(&key(ANY_CATEGORY)))
            .ok_or_else(|| Error::Invalid(format!("时限规则缺少“{}”一项，请在设置中补充", step.as_str())))
    }

    /// The time limit of `step` for a matter of `category`.
    pub fn limit(&self, category: &str, step: RuleStep) -> Result<Limit> {
        let (amount, unit) = self.row(category, step)?;
        let unit = match unit.as_str() {
            "working_days" => LimitUnit::WorkingDays,
            "calendar_days" => LimitUnit::CalendarDays,
            "months" => LimitUnit::Months,
            other => return Err(Error::Invalid(format!("时限规则“{}”的单位 {other} 不是时长", step.as_str()))),
        };
        Ok(Limit { amount: *amount, unit })
    }

    /// How many extensions a matter of `category` may get.
    pub fn max_extensions(&self, category: &str) -> Result<u32> {
        Ok(self.row(category, RuleStep::MaxExtensions)?.0)
    }

    /// True when `category` is in the configured list.
    pub fn has_category(&self, category: &str) -> bool {
        self.categories.iter().any(|c| c == category)
    }
}
