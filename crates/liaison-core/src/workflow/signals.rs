//! Buck-passing (推诿) signals of one matter, read from its event log: every 退办, 退办 outside the window or without a
//! written reason, every change of handler, replies of "not our competence" that name no competent body, and the
//! delay from reception to registration. The ranking of handling units (a later part) sums these per unit.

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

/// Computes the signals from the events that the fold applied (`outcomes` parallel to `events`).
pub fn compute(events: &[Recorded], outcomes: &[Outcome], calendar: &Calendar, received_on: NaiveDate) -> Signals {
    let mut out = Signals::default();
    let mut assignment: Option<(NaiveDate, Option<u32>)> = None; // (day of 交办, 退办 window in working days)
    let mut assignments = 0u32;
    let applied = events.iter().zip(outcomes).filter(|(_, o)| matches!(o, Outcome::Applied { .. })).map(|(e, _)| e);
    for recorded in applied {
        let on = recorded.on();
        match &recorded.event {
            Event::Registered { register, .. } => {
                out.registration_delay_working_days = calendar.working_days_between(received_on, on).max(0);
                let allowed = register.filter(|l| l.unit == LimitUnit::WorkingDays).map_or(0, |l| l.amount);
                out.late_registration = out.registration_delay_working_days > i64::from(allowed);
            }
            Event::Assigned { return_window, .. } => {
                assignments += 1;
                let window = return_window.filter(|l| l.unit == LimitUnit::WorkingDays).map(|l| l.amount);
                assignment = Some((on, window));
            }
            Event::Returned { reason, .. } => {
                out.returns += 1;
                if reason.trim().is_empty() {
                    out.returns_without_reason += 1;
                }
                if let Some((assigned_on, Some(window))) = assignment
                    && calendar.working_days_between(assigned_on, on) > i64::from(window)
                {
                    out.late_returns += 1;
                }
            }
            Event::Replied { not_competent: true, competent_body, .. } if competent_body.trim().is_empty() => {
                out.incompetence_without_body += 1;
            }
            _ => {}
        }
    }
    out.handler_changes = assignments.saturating_sub(1);
    out
}
