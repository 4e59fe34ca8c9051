//! The unit figures of one matter, in two halves: [`digest`] reduces its events to what the figures count (the
//! applied 交办 with the clock and 退办 window frozen in them, extensions, 签收, 退办, replies, ratings, and the units
//! its buck-passing signals are held against), and [`tally`] counts a digest into buckets on a given day with a
//! given calendar.
//!
//! The split is what lets the office's city-wide figures skip the fold: the digest holds no calendar- or
//! day-derived value, so it is kept per matter ([`super::super::summary`]) and the ranking and the dashboard's
//! trends only run [`tally`] over the kept digests, computing due dates on read as the fold-based path does.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::super::deadlines::clock_due_on;
use super::super::model::{Event, Limit, Rating};
use super::super::signals::scan;
use super::super::state::{Fold, Outcome, Recorded, StepClock, fold};
use super::UnitFigures;
use crate::calendar::Calendar;

/// One applied event as the figures read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "snake_case")]
pub enum Counted {
    /// A 交办: its units and day, the running clock it started (its frozen limit or explicit date) and its 退办
    /// window.
    Assigned {
        /// The lead unit.
        lead: String,
        /// The co-handlers.
        co: Vec<String>,
        /// The day (Chinese date).
        on: NaiveDate,
        /// The clock the 交办 started.
        clock: Option<StepClock>,
        /// The 退办 window frozen in it.
        window: Option<Limit>,
    },
    /// An extension: the running clock after it.
    Extended {
        /// The clock.
        clock: Option<StepClock>,
    },
    /// A 签收 by `unit` on `on`.
    Accepted {
        /// The unit.
        unit: String,
        /// The day.
        on: NaiveDate,
    },
    /// A 退办.
    Returned,
    /// A reply on `on`.
    Replied {
        /// The day.
        on: NaiveDate,
    },
    /// A rating.
    Rated {
        /// The rating.
        rating: Rating,
    },
}

/// What the unit figures count of one matter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    /// The applied events that count, in fold order.
    pub counted: Vec<Counted>,
    /// The units the matter's buck-passing signals are held against, one entry per signal.
    pub signals: Vec<String>,
}

impl Digest {
    /// The days of the applied 交办, in order.
    pub fn assigned_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.counted.iter().filter_map(|c| match c {
            Counted::Assigned { on, .. } => Some(*on),
            _ => None,
        })
    }
}

/// The digest of a matter whose events (in fold order) folded into `folded`; `None` when it was never assigned
/// (nothing of it counts for any unit).
pub fn digest(events: &[Recorded], folded: &Fold) -> Option<Digest> {
    let mut counted = Vec::new();
    for (i, (recorded, outcome)) in events.iter().zip(&folded.outcomes).enumerate() {
        if !matches!(outcome, Outcome::Applied { .. }) {
            continue;
        }
        let on = recorded.on();
        // The clock as the events up to this one leave it: what the due date of the assignment is computed from.
        let clock = || fold(&events[..=i]).clock;
        counted.push(match &recorded.event {
            Event::Assigned { lead, co, return_window, .. } => {
                Counted::Assigned { lead: lead.clone(), co: co.clone(), on, clock: clock(), window: *return_window }
            }
            Event::Extended { .. } => Counted::Extended { clock: clock() },
            Event::Accepted { unit } => Counted::Accepted { unit: unit.clone(), on },
            Event::Returned { .. } => Counted::Returned,
            Event::Replied { .. } => Counted::Replied { on },
            Event::Rated { rating, .. } => Counted::Rated { rating: *rating },
            _ => continue,
        });
    }
    if !counted.iter().any(|c| matches!(c, Counted::Assigned { .. })) {
        return None;
    }
    // Which unit a signal is held against does not depend on the calendar (only whether a 退办 was late does, and
    // the figures count signals, not their kinds), so the digest stays calendar-free.
    let signals = scan(events, &folded.outcomes, &Calendar::default())
        .iter()
        .filter_map(|hit| hit.unit().filter(|u| !u.is_empty()).map(str::to_owned))
        .collect();
    Some(Digest { counted, signals })
}

/// The assignment being followed through one matter's digest.
struct Assignment<K> {
    lead: String,
    /// Where its figures go; `None`: not counted (assigned outside what is being tallied).
    bucket: Option<K>,
    due: Option<NaiveDate>,
    window_ends: Option<NaiveDate>,
    answered: bool,
}

/// The due date of the clock an assignment or extension left running.
fn due(clock: &Option<StepClock>, calendar: &Calendar) -> Option<NaiveDate> {
    clock.as_ref().and_then(|c| clock_due_on(c, calendar))
}

/// Adds one matter's figures to `out` (see [`super::tally_by`]).
pub fn tally<K: Ord + Clone>(
    digest: &Digest,
    calendar: &Calendar,
    today: NaiveDate,
    bucket: &dyn Fn(&str, NaiveDate) -> Option<K>,
    out: &mut BTreeMap<K, UnitFigures>,
) {
    let mut current: Option<Assignment<K>> = None;
    // The bucket of the assignment whose reply the next rating judges.
    let mut answered_in: Option<K> = None;
    let mut unsatisfied_pending = false;
    // The first counted assignment's day: the matter's buck-passing signals are counted as of it.
    let mut counted_on: Option<NaiveDate> = None;
    for step in &digest.counted {
        match step {
            Counted::Assigned { lead, co, on, clock, window } => {
                let lead_bucket = bucket(lead, *on);
                if let Some(k) = &lead_bucket {
                    counted_on.get_or_insert(*on);
                    out.entry(k.clone()).or_default().received += 1;
                    for k in co.iter().filter_map(|unit| bucket(unit, *on)) {
                        out.entry(k).or_default().co_handled += 1;
                    }
                }
                current = Some(Assignment {
                    lead: lead.clone(),
                    bucket: lead_bucket,
                    due: due(clock, calendar),
                    window_ends: window.map(|w| w.due_from(calendar, *on)),
                    answered: false,
                });
            }
            Counted::Extended { clock } => {
                if let Some(a) = current.as_mut() {
                    a.due = due(clock, calendar);
                }
            }
            Counted::Accepted { unit, on } => {
                if let Some(a) = current.as_ref().filter(|a| &a.lead == unit)
                    && let Some(k) = &a.bucket
                    && a.window_ends.is_none_or(|end| *on <= end)
                {
                    out.entry(k.clone()).or_default().acknowledged_in_time += 1;
                }
            }
            Counted::Returned => {
                if let Some(k) = current.as_ref().and_then(|a| a.bucket.clone()) {
                    out.entry(k).or_default().returns += 1;
                }
                current = None;
            }
            Counted::Replied { on } => {
                if let Some(a) = current.as_mut()
                    && let Some(k) = a.bucket.clone()
                {
                    let figures = out.entry(k.clone()).or_default();
                    if !a.answered {
                        figures.handled += 1;
                        if a.due.is_none_or(|due| *on <= due) {
                            figures.handled_in_time += 1;
                        }
                    }
                    if unsatisfied_pending {
                        figures.rehandled += 1;
                    }
                    a.answered = true;
                    answered_in = Some(k);
                }
                unsatisfied_pending = false;
            }
            Counted::Rated { rating } => {
                if let Some(k) = &answered_in {
                    let figures = out.entry(k.clone()).or_default();
                    figures.rated += 1;
                    match rating {
                        Rating::Satisfied | Rating::BasicallySatisfied => figures.satisfied += 1,
                        Rating::Unsatisfied => {
                            figures.unsatisfied += 1;
                            unsatisfied_pending = true;
                        }
                    }
                }
            }
        }
    }
    if let Some(a) = current.filter(|a| !a.answered)
        && let Some(k) = a.bucket
        && a.due.is_some_and(|due| due < today)
    {
        out.entry(k).or_default().overdue_open += 1;
    }
    if let Some(on) = counted_on {
        for k in digest.signals.iter().filter_map(|unit| bucket(unit, on)) {
            out.entry(k).or_default().signals += 1;
        }
    }
}
