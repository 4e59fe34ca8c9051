//! Buck-passing (推诿) signals of one matter, read from its event log: every 退办, 退办 outside the window or without a
//! written reason, every change of handler, replies of "not our competence" that name no competent body, and the
//! delay from reception to registration. [`scan`] finds them once, each held against the unit concerned; a matter's
//! counts and a unit's ([`UnitSignals`], summed by [`super::unit_signals`]) are both read from it.

use chrono::NaiveDate;
use serde::Serialize;

use super::model::{Event, LimitUnit};
use super::state::{Outcome, Recorded};
use crate::calendar::Calendar;

/// A matter's buck-passing signals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Signals {
    /// 退办 count.
    pub returns: u32,
    /// 退办 made after the window frozen in the assignment.
    pub late_returns: u32,
    /// 退办 without a written reason (only possible in data from elsewhere: the recorder refuses them).
    pub returns_without_reason: u32,
    /// Reassignments: every 交办 after the first.
    pub handler_changes: u32,
    /// Replies of "not our competence" that name no competent body.
    pub incompetence_without_body: u32,
    /// Working days from reception to registration.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub registration_delay_working_days: i64,
    /// Registration came later than the rule allows.
    pub late_registration: bool,
}

impl Signals {
    /// How many signals in all (the registration delay counts once when late).
    pub fn total(&self) -> u32 {
        self.returns
            + self.late_returns
            + self.returns_without_reason
            + self.handler_changes
            + self.incompetence_without_body
            + u32::from(self.late_registration)
    }
}

/// One buck-passing signal found in a matter's applied events, with the unit it is held against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    /// A 退办 by `unit`: `late` when outside the window frozen in the assignment, `bare` without a written reason.
    Returned {
        /// The returning unit's code.
        unit: String,
        /// Outside the 退办 window.
        late: bool,
        /// Without a written reason.
        bare: bool,
    },
    /// A new 交办 after the first: the matter was taken from `from` (the lead unit before it, if one held it).
    Reassigned {
        /// The lead unit it was taken from.
        from: Option<String>,
    },
    /// A "not our competence" reply naming no competent body, while `unit` led the matter.
    BareIncompetence {
        /// The lead unit at the time.
        unit: Option<String>,
    },
}

impl Hit {
    /// The unit the signal is held against.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Hit::Returned { unit, .. } => Some(unit),
            Hit::Reassigned { from: unit } | Hit::BareIncompetence { unit } => unit.as_deref(),
        }
    }
}

/// Every signal in the events the fold applied (`outcomes` parallel to `events`), in order. The one place the rules
/// of 推诿 live: [`compute`] counts them per matter, [`super::unit_signals`] per handling unit.
pub fn scan(events: &[Recorded], outcomes: &[Outcome], calendar: &Calendar) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut assignment: Option<(NaiveDate, Option<u32>)> = None; // (day of 交办, 退办 window in working days)
    let mut lead: Option<String> = None;
    let applied = events.iter().zip(outcomes).filter(|(_, o)| matches!(o, Outcome::Applied { .. })).map(|(e, _)| e);
    for recorded in applied {
        let on = recorded.on();
        match &recorded.event {
            Event::Assigned { lead: new_lead, return_window, .. } => {
                if assignment.is_some() {
                    hits.push(Hit::Reassigned { from: lead.clone() });
                }
                let window = return_window.filter(|l| l.unit == LimitUnit::WorkingDays).map(|l| l.amount);
                assignment = Some((on, window));
                lead = Some(new_lead.clone());
            }
            Event::Returned { unit, reason, .. } => {
                let late = matches!(assignment, Some((assigned_on, Some(window)))
                    if calendar.working_days_between(assigned_on, on) > i64::from(window));
                let unit = if unit.trim().is_empty() { lead.clone().unwrap_or_default() } else { unit.clone() };
                hits.push(Hit::Returned { unit, late, bare: reason.trim().is_empty() });
                lead = None; // returned: no unit holds it until the next 交办
            }
            Event::Replied { not_competent: true, competent_body, .. } if competent_body.trim().is_empty() => {
                hits.push(Hit::BareIncompetence { unit: lead.clone() });
            }
            _ => {}
        }
    }
    hits
}

/// Computes a matter's signals from the events that the fold applied (`outcomes` parallel to `events`).
pub fn compute(events: &[Recorded], outcomes: &[Outcome], calendar: &Calendar, received_on: NaiveDate) -> Signals {
    let mut out = Signals::default();
    for hit in scan(events, outcomes, calendar) {
        match hit {
            Hit::Returned { late, bare, .. } => {
                out.returns += 1;
                out.late_returns += u32::from(late);
                out.returns_without_reason += u32::from(bare);
            }
            Hit::Reassigned { .. } => out.handler_changes += 1,
            Hit::BareIncompetence { .. } => out.incompetence_without_body += 1,
        }
    }
    let registered = events
        .iter()
        .zip(outcomes)
        .filter(|(_, o)| matches!(o, Outcome::Applied { .. }))
        .find(|(e, _)| matches!(e.event, Event::Registered { .. }));
    if let Some((recorded, _)) = registered
        && let Event::Registered { register, .. } = &recorded.event
    {
        out.registration_delay_working_days = calendar.working_days_between(received_on, recorded.on()).max(0);
        let allowed = register.filter(|l| l.unit == LimitUnit::WorkingDays).map_or(0, |l| l.amount);
        out.late_registration = out.registration_delay_working_days > i64::from(allowed);
    }
    out
}

/// A handling unit's buck-passing signals, summed over matters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct UnitSignals {
    /// 退办.
    pub returns: u32,
    /// 退办 outside the window.
    pub late_returns: u32,
    /// 退办 without a written reason.
    pub returns_without_reason: u32,
    /// Matters taken from the unit and given to another (改派).
    pub reassigned_away: u32,
    /// "Not our competence" replies naming no competent body.
    pub incompetence_without_body: u32,
}

impl UnitSignals {
    /// All signals.
    pub fn total(&self) -> u32 {
        self.returns
            + self.late_returns
            + self.returns_without_reason
            + self.reassigned_away
            + self.incompetence_without_body
    }

    /// Adds one signal held against this unit.
    pub fn add(&mut self, hit: &Hit) {
        match hit {
            Hit::Returned { late, bare, .. } => {
                self.returns += 1;
                self.late_returns += u32::from(*late);
                self.returns_without_reason += u32::from(*bare);
            }
            Hit::Reassigned { .. } => self.reassigned_away += 1,
            Hit::BareIncompetence { .. } => self.incompetence_without_body += 1,
        }
    }
}
