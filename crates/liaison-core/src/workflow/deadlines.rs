//! Deadlines, computed on read: the current step's due date, "due soon", how many working days overdue, and the
//! escalation ladder's level and every date at which a level is reached.
//!
//! Nothing here is stored: the inputs are the fold of the matter's events (whose clock-starting events carry their
//! frozen limits), the official calendar and today's date from the injected clock. So a matter imported at the
//! office shows the same deadline there as at its station, and moving the clock in a test moves every answer.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use super::rules::Rung;
use super::state::{Fold, Step, StepClock};
use crate::calendar::Calendar;

/// China's time zone (UTC+8, no daylight saving): working days are Chinese dates, whatever the PC's zone.
const CHINA_OFFSET_SECONDS: i32 = 8 * 3600;

/// The Chinese calendar date of an instant.
pub fn china_date(at: DateTime<Utc>) -> NaiveDate {
    let china = FixedOffset::east_opt(CHINA_OFFSET_SECONDS).expect("UTC+8 is a valid offset");
    at.with_timezone(&china).date_naive()
}

/// One rung of the escalation ladder as it applies to a matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct EscalationTime {
    /// Its level (0 = the warning before due).
    pub level: u8,
    /// Its code (`warn`, `station_head`, `county`, `city`).
    pub code: String,
    /// Who is told, in Chinese.
    pub name: String,
    /// The day the matter reaches it if still open.
    pub on: NaiveDate,
    /// Already reached today.
    pub reached: bool,
}

/// The deadlines of a matter today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct Deadlines {
    /// The step whose clock is running.
    pub step: Option<Step>,
    /// Its Chinese label.
    pub step_label: Option<&'static str>,
    /// When it started.
    pub started_on: Option<NaiveDate>,
    /// When it is due (after extensions).
    pub due_on: Option<NaiveDate>,
    /// Working days from today to the due date (0 on the due date; negative when overdue).
    #[cfg_attr(feature = "ipc", specta(type = Option<i32>))]
    pub working_days_left: Option<i64>,
    /// Due within the warning window (the ladder's levels before the due date).
    pub due_soon: bool,
    /// Working days past the due date (0 when not overdue).
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub overdue_working_days: i64,
    /// The highest level reached today.
    pub escalation: Option<EscalationTime>,
    /// Every level with the day it is (or was) reached.
    pub escalations: Vec<EscalationTime>,
    /// When the look-back is due (counted from the last 办结).
    pub lookback_due_on: Option<NaiveDate>,
    /// False when the due date lies in a year without an official calendar (weekends only: warn).
    pub calendar_covers_due: bool,
}

/// The due date of the running clock: the explicit date or the limit from the start, then each extension.
pub fn due_on(fold: &Fold, calendar: &Calendar) -> Option<NaiveDate> {
    clock_due_on(fold.clock.as_ref()?, calendar)
}

/// The due date of a clock (see [`due_on`]); `None` for a clock without a limit or date.
pub fn clock_due_on(clock: &StepClock, calendar: &Calendar) -> Option<NaiveDate> {
    let base = match (clock.due_on, clock.limit) {
        (Some(date), _) => date,
        (None, Some(limit)) => limit.due_from(calendar, clock.started_on),
        (None, None) => return None,
    };
    Some(clock.extensions.iter().fold(base, |due, extra| extra.due_from(calendar, due)))
}

/// The day a ladder rung is reached for a matter due on `due`: `offset` working days after it (before it when
/// negative; the warning rung is the working day from which no more than `-offset` working days remain).
pub fn rung_date(calendar: &Calendar, due: NaiveDate, offset: i32) -> NaiveDate {
    if offset >= 0 {
        return calendar.add_working_days(due, offset.unsigned_abs());
    }
    let wanted = i64::from(offset.unsigned_abs());
    let mut day = due;
    // Walk back to the working day that leaves exactly `wanted` working days up to the due date.
    while let Some(prev) = day.pred_opt() {
        day = prev;
        if calendar.is_working_day(day) && calendar.working_days_between(day, due) >= wanted {
            break;
        }
    }
    day
}

/// Computes the deadlines of a folded matter on `today`.
pub fn compute(fold: &Fold, calendar: &Calendar, ladder: &[Rung], today: NaiveDate) -> Deadlines {
    let lookback_due_on = fold.lookback.map(|(finished, limit)| limit.due_from(calendar, finished));
    let Some(due) = due_on(fold, calendar) else {
        return Deadlines {
            step: fold.clock.as_ref().map(|c| c.step),
            step_label: fold.clock.as_ref().map(|c| c.step.label()),
            started_on: fold.clock.as_ref().map(|c| c.started_on),
            due_on: None,
            working_days_left: None,
            due_soon: false,
            overdue_working_days: 0,
            escalation: None,
            escalations: Vec::new(),
            lookback_due_on,
            calendar_covers_due: true,
        };
    };
    let clock = fold.clock.as_ref().expect("a due date comes from a running clock");
    let escalations: Vec<EscalationTime> = ladder
        .iter()
        .map(|rung| {
            let on = rung_date(calendar, due, rung.offset_working_days);
            EscalationTime {
                level: rung.level,
                code: rung.code.clone(),
                name: rung.name.clone(),
                on,
                reached: on <= today,
            }
        })
        .collect();
    let escalation = escalations.iter().filter(|e| e.reached).max_by_key(|e| e.level).cloned();
    let warning_levels: Vec<u8> = ladder.iter().filter(|r| r.offset_working_days < 0).map(|r| r.level).collect();
    Deadlines {
        step: Some(clock.step),
        step_label: Some(clock.step.label()),
        started_on: Some(clock.started_on),
        due_on: Some(due),
        working_days_left: Some(calendar.working_days_between(today, due)),
        due_soon: today <= due && escalation.as_ref().is_some_and(|e| warning_levels.contains(&e.level)),
        overdue_working_days: calendar.working_days_between(due, today).max(0),
        escalation,
        escalations,
        lookback_due_on,
        calendar_covers_due: calendar.covers(due),
    }
}
