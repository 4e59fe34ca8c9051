//! The vocabulary of visits and matters: channels, unit kinds, ratings, time limits, the matter's states and the
//! events that move it. Pure data with stored names and Chinese labels; no rules and no I/O live here.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;

/// How a citizen reached the station.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 来访
    Visit,
    /// 来电
    Phone,
    /// 来信
    Letter,
    /// 扫码
    Qr,
    /// 代表走访
    DeputyVisit,
    /// 网上
    Online,
}

impl Channel {
    /// Every channel, in the order forms list them.
    pub const ALL: [Channel; 6] =
        [Channel::Visit, Channel::Phone, Channel::Letter, Channel::Qr, Channel::DeputyVisit, Channel::Online];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Visit => "visit",
            Channel::Phone => "phone",
            Channel::Letter => "letter",
            Channel::Qr => "qr",
            Channel::DeputyVisit => "deputy_visit",
            Channel::Online => "online",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Visit => "来访",
            Channel::Phone => "来电",
            Channel::Letter => "来信",
            Channel::Qr => "扫码",
            Channel::DeputyVisit => "代表走访",
            Channel::Online => "网上",
        }
    }

    /// The channel with this stored name or Chinese label.
    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s || c.label() == s)
    }
}

/// What kind of body a handling unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A government department (职能部门).
    Department,
    /// A township or sub-district government (乡镇街道).
    Township,
}

impl UnitKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Department => "department",
            UnitKind::Township => "township",
        }
    }

    /// The kind with this stored name or Chinese label.
    pub fn parse(s: &str) -> Option<UnitKind> {
        match s {
            "department" | "部门" | "职能部门" => Some(UnitKind::Department),
            "township" | "乡镇" | "乡镇街道" | "街道" => Some(UnitKind::Township),
            _ => None,
        }
    }
}

/// The citizen's satisfaction with the result (the default three-level scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 满意
    Satisfied,
    /// 基本满意
    BasicallySatisfied,
    /// 不满意: needs a reason and reopens handling.
    Unsatisfied,
}

impl Rating {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Satisfied => "满意",
            Rating::BasicallySatisfied => "基本满意",
            Rating::Unsatisfied => "不满意",
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Satisfied => "satisfied",
            Rating::BasicallySatisfied => "basically_satisfied",
            Rating::Unsatisfied => "unsatisfied",
        }
    }

    /// The rating with this stored name or Chinese label.
    pub fn parse(s: &str) -> Option<Rating> {
        [Rating::Satisfied, Rating::BasicallySatisfied, Rating::Unsatisfied]
            .into_iter()
            .find(|r| r.as_str() == s || r.label() == s)
    }
}

/// The unit a time limit is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    /// Working days on the official calendar.
    WorkingDays,
    /// Calendar days.
    CalendarDays,
    /// Calendar months.
    Months,
}

/// A time limit such as "15 working days": frozen into the event that starts the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Limit {
    /// How many.
    pub amount: u32,
    /// Of what.
    pub unit: LimitUnit,
}

impl Limit {
    /// `n` working days.
    pub fn working_days(n: u32) -> Limit {
        Limit { amount: n, unit: LimitUnit::WorkingDays }
    }

    /// The date this limit ends when counted from `start`. A limit in calendar days or months that ends on a rest
    /// day moves to the next working day, as offices do; a working-day count always ends on a working day.
    pub fn due_from(self, calendar: &Calendar, start: NaiveDate) -> NaiveDate {
        let end = match self.unit {
            LimitUnit::WorkingDays => return calendar.add_working_days(start, self.amount),
            LimitUnit::CalendarDays => start + chrono::Days::new(u64::from(self.amount)),
            LimitUnit::Months => start.checked_add_months(Months::new(self.amount)).unwrap_or(start),
        };
        calendar.add_working_days(end, 0)
    }

    /// The Chinese wording, e.g. "15个工作日".
    pub fn label(self) -> String {
        match self.unit {
            LimitUnit::WorkingDays => format!("{}个工作日", self.amount),
            LimitUnit::CalendarDays => format!("{}天", self.amount),
            LimitUnit::Months => format!("{}个月", self.amount),
        }
    }
}

/// Where a matter stands, derived from its events (never stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// 待研判: registered, not yet routed.
    Registered,
    /// 待交办: routed for assignment (or returned), no unit holds it.
    ToAssign,
    /// 已交办: a unit was assigned and has not acknowledged it.
    Assigned,
    /// 已签收.
    Accepted,
    /// 办理中.
    Handling,
    /// 代表建议办理中: converted to a formal deputy suggestion.
    Suggestion,
    /// 重新办理: reopened after 不满意.
    Rehandling,
    /// 已答复: the unit replied; 办结 is next.
    Replied,
    /// 已办结，待反馈.
    Finished,
    /// 已并案: follows another matter; the citizen is still told the result.
    Merged,
    /// 已反馈，待评价.
    FedBack,
    /// 已评价.
    Rated,
    /// 已回头看.
    LookedBack,
    /// 已公开.
    Published,
    /// 已归档.
    Archived,
}

impl State {
    /// Every state, in workflow order.
    pub const ALL: [State; 15] = [
        State::Registered,
        State::ToAssign,
        State::Assigned,
        State::Accepted,
        State::Handling,
        State::Suggestion,
        State::Rehandling,
        State::Replied,
        State::Finished,
        State::Merged,
        State::FedBack,
        State::Rated,
        State::LookedBack,
        State::Published,
        State::Archived,
    ];

    /// The stored (and `--state`) name.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Registered => "registered",
            State::ToAssign => "to_assign",
            State::Assigned => "assigned",
            State::Accepted => "accepted",
            State::Handling => "handling",
            State::Suggestion => "suggestion",
            State::Rehandling => "rehandling",
            State::Replied => "replied",
            State::Finished => "finished",
            State::Merged => "merged",
            State::FedBack => "fed_back",
            State::Rated => "rated",
            State::LookedBack => "looked_back",
            State::Published => "published",
            State::Archived => "archived",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            State::Registered => "待研判",
            State::ToAssign => "待交办",
            State::Assigned => "已交办待签收",
            State::Accepted => "已签收",
            State::Handling => "办理中",
            State::Suggestion => "转代表建议办理中",
            State::Rehandling => "重新办理",
            State::Replied => "已答复",
            State::Finished => "已办结待反馈",
            State::Merged => "已并案",
            State::FedBack => "已反馈待评价",
            State::Rated => "已评价",
            State::LookedBack => "已回头看",
            State::Published => "已公开",
            State::Archived => "已归档",
        }
    }

    /// The state with this stored name or Chinese label.
    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|st| st.as_str() == s || st.label() == s)
    }

    /// True while the matter is still being handled (a 并案 target must be open).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            State::Registered
                | State::ToAssign
                | State::Assigned
                | State::Accepted
                | State::Handling
                | State::Suggestion
                | State::Rehandling
                | State::Replied
        )
    }
}

/// One step of a matter. Stored as JSON (`kind` plus the fields) in `matter_events.payload`.
///
/// Fields named `limit` (and `lookback`) are frozen by the recorder from the rules in force when the event is
/// recorded (leave them `None` when building an event): the deadline a unit was given never moves when the office
/// edits its rules, and reads the same at every node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// 登记: the matter was recorded; the triage clock starts.
    Registered {
        /// Time to route (frozen).
        #[serde(default)]
        limit: Option<Limit>,
        /// The registration rule, from reception to record (frozen; the same day by default).
        #[serde(default)]
        register: Option<Limit>,
    },
    /// 当场答复: answered at reception.
    AnsweredOnSpot {
        /// The answer given.
        answer: String,
        /// Time to record feedback (frozen).
        #[serde(default)]
        limit: Option<Limit>,
        /// Days until the look-back (frozen).
        #[serde(default)]
        lookback: Option<Limit>,
    },
    /// 不予受理·引导: litigation, arbitration, review matters; the citizen is told where to go.
    Guided {
        /// Why it is not accepted here.
        reason: String,
        /// Where the citizen was directed.
        directed_to: String,
        /// Time to record feedback (frozen).
        #[serde(default)]
        limit: Option<Limit>,
        /// Days until the look-back (frozen).
        #[serde(default)]
        lookback: Option<Limit>,
    },
    /// 并案: the same issue as an open matter, which carries the handling.
    Merged {
        /// The open matter's id.
        into: String,
    },
    /// 转代表建议: becomes a formal deputy suggestion with its statutory clock.
    ConvertedToSuggestion {
        /// Why (policy or general matter).
        #[serde(default)]
        note: String,
        /// Time to reply (frozen).
        #[serde(default)]
        limit: Option<Limit>,
    },
    /// 研判为交办: to be assigned to handling units.
    RoutedForAssignment {
        /// Time to assign (frozen).
        #[serde(default)]
        limit: Option<Limit>,
    },
    /// 交办 (or a reassignment): one lead unit, optional co-handlers; the handling clock restarts.
    Assigned {
        /// The lead unit's code (主办).
        lead: String,
        /// Co-handlers' codes (协办).
        #[serde(default)]
        co: Vec<String>,
        /// An explicit deadline instead of the rule's limit.
        #[serde(default)]
        due_on: Option<NaiveDate>,
        /// Why the matter changes hands (required for a reassignment).
        #[serde(default)]
        reason: String,
        /// Time to handle (frozen).
        #[serde(default)]
        limit: Option<Limit>,
        /// The 退办 window (frozen).
        #[serde(default)]
        return_window: Option<Limit>,
    },
    /// 签收.
    Accepted {
        /// The unit acknowledging (the lead unit's code).
        unit: String,
    },
    /// 退办: the unit says it is not theirs.
    Returned {
        /// The returning unit's code.
        unit: String,
        /// The written reason.
        reason: String,
        /// Time to reassign (frozen).
        #[serde(default)]
        limit: Option<Limit>,
    },
    /// 办理中.
    HandlingStarted {
        /// What is being done.
        #[serde(default)]
        note: String,
    },
    /// 答复: the unit's (or the suggestion's) reply.
    Replied {
        /// The reply.
        text: String,
        /// The reply only says "not our competence".
        #[serde(default)]
        not_competent: bool,
        /// The competent body such a reply must name.
        #[serde(default)]
        competent_body: String,
    },
    /// 延期.
    Extended {
        /// Why.
        reason: String,
        /// Who approved it.
        approver: String,
        /// How much longer (frozen from the rules unless given).
        #[serde(default)]
        limit: Option<Limit>,
    },
    /// 办结.
    Finished {
        /// The result in a sentence.
        #[serde(default)]
        summary: String,
        /// Time to record feedback (frozen).
        #[serde(default)]
        limit: Option<Limit>,
        /// Time until the look-back (frozen).
        #[serde(default)]
        lookback: Option<Limit>,
    },
    /// 反馈: the citizen (and the deputy) were told, or cannot be reached.
    FedBack {
        /// How (电话, 上门, 短信...). Empty when the citizen cannot be reached.
        #[serde(default)]
        how: String,
        /// When they were told (defaults to the day it is recorded).
        #[serde(default)]
        told_on: Option<NaiveDate>,
        /// The receiving deputy was told too.
        #[serde(default)]
        deputy_told: bool,
        /// Why the citizen cannot be reached (instead of `how`).
        #[serde(default)]
        unreachable_reason: String,
    },
    /// 满意度.
    Rated {
        /// The rating.
        rating: Rating,
        /// Required for 不满意.
        #[serde(default)]
        reason: String,
        /// Time to re-handle after 不满意 (frozen).
        #[serde(default)]
        limit: Option<Limit>,
    },
    /// 回头看.
    LookedBack {
        /// Whether the fix held.
        result: String,
    },
    /// 公开: the published summary carries no personal data.
    Published {
        /// The published text.
        summary: String,
    },
    /// 归档.
    Archived,
}

impl Event {
    /// The stored kind (`matter_events.kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Registered { .. } => "registered",
            Event::AnsweredOnSpot { .. } => "answered_on_spot",
            Event::Guided { .. } => "guided",
            Event::Merged { .. } => "merged",
            Event::ConvertedToSuggestion { .. } => "converted_to_suggestion",
            Event::RoutedForAssignment { .. } => "routed_for_assignment",
            Event::Assigned { .. } => "assigned",
            Event::Accepted { .. } => "accepted",
            Event::Returned { .. } => "returned",
            Event::HandlingStarted { .. } => "handling_started",
            Event::Replied { .. } => "replied",
            Event::Extended { .. } => "extended",
            Event::Finished { .. } => "finished",
            Event::FedBack { .. } => "fed_back",
            Event::Rated { .. } => "rated",
            Event::LookedBack { .. } => "looked_back",
            Event::Published { .. } => "published",
            Event::Archived => "archived",
        }
    }

    /// The Chinese name of the act, for timelines and refusals ("不能{label}").
    pub fn label(&self) -> &'static str {
        match self {
            Event::Registered { .. } => "登记",
            Event::AnsweredOnSpot { .. } => "当场答复",
            Event::Guided { .. } => "不予受理·引导",
            Event::Merged { .. } => "并案",
            Event::ConvertedToSuggestion { .. } => "转代表建议",
            Event::RoutedForAssignment { .. } => "研判交办",
            Event::Assigned { .. } => "交办",
            Event::Accepted { .. } => "签收",
            Event::Returned { .. } => "退办",
            Event::HandlingStarted { .. } => "开始办理",
            Event::Replied { .. } => "答复",
            Event::Extended { .. } => "延期",
            Event::Finished { .. } => "办结",
            Event::FedBack { .. } => "反馈",
            Event::Rated { .. } => "满意度评价",
            Event::LookedBack { .. } => "回头看",
            Event::Published { .. } => "公开",
            Event::Archived => "归档",
        }
    }
}
