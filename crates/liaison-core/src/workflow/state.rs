//! The state machine of a matter and the fold that derives its current state from its events.
//!
//! [`next`] is the whole transition table: which event may follow which state, and the Chinese reason when it may
//! not. [`fold`] replays a matter's events in their change-log order (HLC, then node id) and keeps what the
//! deadline and signal computations need: the running clock, the units holding the matter, the look-back date.
//! The fold never fails: an event that is illegal where it lands (two nodes acted on the same matter while
//! offline) is kept in the timeline as refused and changes nothing, so every node derives the same state from the
//! same set of events, whatever order they arrived in.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::deadlines::china_date;
use super::model::{Event, Limit, Rating, State};
use crate::hlc::Hlc;

/// An event as recorded: who, when, where, and its order in the change log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Recorded {
    /// The event's id.
    pub id: String,
    /// When it was recorded (UTC).
    pub at: DateTime<Utc>,
    /// Who recorded it.
    pub operator: String,
    /// The node where it was recorded.
    pub node_id: String,
    /// Its change-log stamp: the fold's order. Not in the TypeScript type: a 64-bit stamp does not fit a JS number,
    /// and the window only needs the order, which the timeline already has.
    #[cfg_attr(feature = "ipc", specta(skip))]
    pub hlc: Hlc,
    /// What happened.
    #[serde(flatten)]
    pub event: Event,
}

impl Recorded {
    /// The day it was recorded, in China's time zone (working days are Chinese dates).
    pub fn on(&self) -> NaiveDate {
        china_date(self.at)
    }
}

/// The state `event` leads to from `current` (`None`: nothing recorded yet), or why it may not happen there.
pub fn next(current: Option<State>, event: &Event) -> Result<State, String> {
    use State::*;
    let Some(state) = current else {
        return match event {
            Event::Registered { .. } => Ok(Registered),
            _ => Err(format!("事项尚未登记，不能{}", event.label())),
        };
    };
    let to = match (state, event) {
        (Registered, Event::AnsweredOnSpot { .. } | Event::Guided { .. }) => Finished,
        // 并案 before any unit holds the matter: a station's triage or the office's 汇总梳理 after import.
        (Registered | ToAssign, Event::Merged { .. }) => Merged,
        (Registered, Event::ConvertedToSuggestion { .. }) => Suggestion,
        (Registered, Event::RoutedForAssignment { .. }) => ToAssign,
        (ToAssign | Assigned | Accepted | Handling | Rehandling, Event::Assigned { .. }) => Assigned,
        (Assigned, Event::Accepted { .. }) => Accepted,
        (Assigned | Accepted | Handling, Event::Returned { .. }) => ToAssign,
        (Accepted | Rehandling, Event::HandlingStarted { .. }) => Handling,
        (Accepted | Handling | Suggestion | Rehandling | Replied, Event::Replied { .. }) => Replied,
        (Assigned | Accepted | Handling | Suggestion | Rehandling, Event::Extended { .. }) => state,
        (Replied, Event::Finished { .. }) => Finished,
        (Finished | Merged, Event::FedBack { .. }) => FedBack,
        (FedBack, Event::Rated { rating: Rating::Unsatisfied, .. }) => Rehandling,
        (FedBack, Event::Rated { .. }) => Rated,
        (FedBack | Rated, Event::LookedBack { .. }) => LookedBack,
        (FedBack | Rated | LookedBack, Event::Published { .. }) => Published,
        (FedBack | Rated | LookedBack | Published, Event::Archived) => Archived,
        _ => return Err(refusal(state, event)),
    };
    Ok(to)
}

/// Why `event` cannot follow `state`, in the words a clerk needs.
fn refusal(state: State, event: &Event) -> String {
    let act = event.label();
    let after_feedback =
        matches!(event, Event::Rated { .. } | Event::LookedBack { .. } | Event::Published { .. } | Event::Archived);
    let is_route = matches!(
        event,
        Event::AnsweredOnSpot { .. }
            | Event::Guided { .. }
            | Event::Merged { .. }
            | Event::ConvertedToSuggestion { .. }
            | Event::RoutedForAssignment { .. }
    );
    match state {
        State::Archived => format!("事项已归档，不能再{act}"),
        State::Finished if after_feedback => format!("办结后未反馈不能{act}"),
        State::Merged if after_feedback => format!("并案事项未反馈不能{act}"),
        _ if state.is_open() && (after_feedback || matches!(event, Event::FedBack { .. })) => {
            format!("事项尚未办结，不能{act}")
        }
        State::Assigned | State::Accepted | State::Handling | State::Suggestion | State::Rehandling
            if matches!(event, Event::Finished { .. }) =>
        {
            "尚未答复，不能办结".to_owned()
        }
        State::Registered if matches!(event, Event::Assigned { .. }) => "请先研判为交办，再交办承办单位".to_owned(),
        _ if state.is_open() && matches!(event, Event::Merged { .. }) => {
            format!("事项已进入办理（当前：{}），交办后不能再并案", state.label())
        }
        _ if is_route => format!("事项已研判（当前：{}），不能再{act}", state.label()),
        _ => format!("事项当前状态为「{}」，不能{act}", state.label()),
    }
}

/// Which step's clock is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 研判 after registration.
    Route,
    /// 交办 after routing (or after a 退办).
    Assign,
    /// 办理 by the units.
    Handle,
    /// The formal suggestion's reply.
    Suggestion,
    /// 反馈 after 办结.
    Feedback,
    /// 重新办理 after 不满意.
    Rehandle,
}

impl Step {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Step::Route => "研判",
            Step::Assign => "交办",
            Step::Handle => "办理",
            Step::Suggestion => "代表建议答复",
            Step::Feedback => "反馈",
            Step::Rehandle => "重新办理",
        }
    }
}

/// The running clock of the current step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct StepClock {
    /// The step.
    pub step: Step,
    /// The day the clock started.
    pub started_on: NaiveDate,
    /// The limit frozen in the starting event (none for an event recorded without one).
    pub limit: Option<Limit>,
    /// An explicit deadline given instead of the limit.
    pub due_on: Option<NaiveDate>,
    /// Extensions granted since, in order.
    pub extensions: Vec<Limit>,
}

impl StepClock {
    fn start(step: Step, on: NaiveDate, limit: Option<Limit>) -> Option<StepClock> {
        Some(StepClock { step, started_on: on, limit, due_on: None, extensions: Vec::new() })
    }
}

/// What one event did in the fold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// It moved the matter to `state`.
    Applied {
        /// The state after it.
        state: State,
    },
    /// It was illegal where it landed (a concurrent act from another node) and changed nothing.
    Refused {
        /// Why.
        reason: String,
    },
}

/// An act that may be recorded next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct AllowedAct {
    /// The event kind it records.
    pub kind: &'static str,
    /// Its Chinese name.
    pub label: &'static str,
}

/// Everything derived from a matter's events.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Fold {
    /// The current state (`None` before the registration event arrived).
    pub state: Option<State>,
    /// The running clock, if the current step has a time limit.
    pub clock: Option<StepClock>,
    /// The lead unit's code, while units hold the matter.
    pub lead: Option<String>,
    /// The co-handlers' codes.
    pub co: Vec<String>,
    /// The day of the last 办结 and the look-back limit frozen then; cleared by the look-back.
    pub lookback: Option<(NaiveDate, Limit)>,
    /// Extensions granted over the matter's life.
    pub extensions: u32,
    /// The last feedback said the citizen cannot be reached (so no rating can follow).
    pub unreachable: bool,
    /// What each event did, in fold order.
    pub outcomes: Vec<Outcome>,
}

impl Fold {
    /// The state `event` would lead to after these events, or why it is refused (the transition table plus the
    /// rules that need the matter's history).
    pub fn check(&self, event: &Event) -> Result<State, String> {
        if self.unreachable && matches!(event, Event::Rated { .. }) {
            return Err("群众无法联系，不能评价满意度".to_owned());
        }
        next(self.state, event)
    }

    /// The acts that may be recorded next (each event kind once, the registration excluded): the buttons a detail
    /// view offers. Only the state decides, so blank templates of each act are enough to ask [`Fold::check`].
    pub fn allowed_acts(&self) -> Vec<AllowedAct> {
        let blank = String::new;
        let templates = [
            Event::AnsweredOnSpot { answer: blank(), limit: None, lookback: None },
            Event::Guided { reason: blank(), directed_to: blank(), limit: None, lookback: None },
            Event::Merged { into: blank() },
            Event::ConvertedToSuggestion { note: blank(), limit: None },
            Event::RoutedForAssignment { limit: None },
            Event::Assigned {
                lead: blank(),
                co: vec![],
                due_on: None,
                reason: blank(),
                limit: None,
                return_window: None,
            },
            Event::Accepted { unit: blank() },
            Event::Returned { unit: blank(), reason: blank(), limit: None },
            Event::HandlingStarted { note: blank() },
            Event::Replied { text: blank(), not_competent: false, competent_body: blank() },
            Event::Extended { reason: blank(), approver: blank(), limit: None },
            Event::Finished { summary: blank(), limit: None, lookback: None },
            Event::FedBack { how: blank(), told_on: None, deputy_told: false, unreachable_reason: blank() },
            Event::Rated { rating: Rating::Satisfied, reason: blank(), limit: None },
            Event::LookedBack { result: blank() },
            Event::Published { summary: blank() },
            Event::Archived,
        ];
        templates
            .iter()
            .filter(|e| self.check(e).is_ok())
            .map(|e| AllowedAct { kind: e.kind(), label: e.label() })
            .collect()
    }

    /// Applies one event (already in fold order).
    fn push(&mut self, recorded: &Recorded) {
        let to = match self.check(&recorded.event) {
            Ok(to) => to,
            Err(reason) => {
                self.outcomes.push(Outcome::Refused { reason });
                return;
            }
        };
        let on = recorded.on();
        match &recorded.event {
            Event::Registered { limit, .. } => self.clock = StepClock::start(Step::Route, on, *limit),
            Event::RoutedForAssignment { limit } | Event::Returned { limit, .. } => {
                self.clock = StepClock::start(Step::Assign, on, *limit);
                self.lead = None;
                self.co.clear();
            }
            Event::ConvertedToSuggestion { limit, .. } => self.clock = StepClock::start(Step::Suggestion, on, *limit),
            Event::Assigned { lead, co, due_on, limit, .. } => {
                self.clock = StepClock::start(Step::Handle, on, *limit);
                if let Some(clock) = &mut self.clock {
                    clock.due_on = *due_on;
                }
                self.lead = Some(lead.clone());
                self.co = co.clone();
            }
            Event::Extended { limit, .. } => {
                self.extensions += 1;
                if let (Some(clock), Some(limit)) = (&mut self.clock, limit) {
                    clock.extensions.push(*limit);
                }
            }
            Event::AnsweredOnSpot { limit, lookback, .. }
            | Event::Guided { limit, lookback, .. }
            | Event::Finished { limit, lookback, .. } => {
                self.clock = StepClock::start(Step::Feedback, on, *limit);
                self.lookback = lookback.map(|l| (on, l));
            }
            Event::Merged { .. } => self.clock = None,
            Event::FedBack { unreachable_reason, .. } => {
                self.clock = None;
                self.unreachable = !unreachable_reason.trim().is_empty();
            }
            Event::Rated { rating: Rating::Unsatisfied, limit, .. } => {
                self.clock = StepClock::start(Step::Rehandle, on, *limit);
                self.lookback = None; // the fix did not hold: the look-back counts from the next 办结
            }
            Event::Rated { .. } => self.clock = None,
            Event::LookedBack { .. } => self.lookback = None,
            Event::Archived => self.lookback = None,
            Event::Accepted { .. }
            | Event::HandlingStarted { .. }
            | Event::Replied { .. }
            | Event::Published { .. } => {}
        }
        self.state = Some(to);
        self.outcomes.push(Outcome::Applied { state: to });
    }
}

/// Folds events that are already in change-log order ([`crate::workflow::events::load`] returns them so).
pub fn fold(events: &[Recorded]) -> Fold {
    let mut out = Fold::default();
    for e in events {
        out.push(e);
    }
    out
}
