//! The 工作台 queues: the counts on the home screen (待研判, 待交办, 3个工作日内到期, 已超期 by escalation level,
//! 待反馈, 待评价, 回头看到期) and, through [`super::MatterFilter::queue`], the matters behind each count.
//!
//! # Design
//!
//! - **One definition of membership**: [`QueueKey::holds`] decides from a matter's [`Fold`] and its [`Deadlines`]
//!   as of today. [`queues`] counts with it and [`super::list`] filters with it, so a card's number is always the
//!   length of the list it opens.
//! - **Counted from the kept summaries**: each matter's fold is kept in `matter_summaries`, refreshed in the
//!   transaction of every event ([`super::summary`]); a count reads one row per matter in scope (one station's
//!   filtered in SQL through matters → visits → platforms) and computes the deadlines on read with the calendar
//!   and the rules loaded once per call, so a calendar edit or the passing days change the counts at once. The
//!   lists behind the cards fold the events themselves ([`super::list`]), which a test holds equal.
//! - A queue is a duty the station can act on now: 待评价 leaves out matters whose citizen could not be reached
//!   (no rating may follow), and 回头看到期 needs both the look-back date reached (the fold keeps the date of the
//!   last 办结 and the limit frozen then) and a 回头看 the fold would accept.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::deadlines::{self, Deadlines, china_date};
use super::model::{Event, Rating, State};
use super::rules::Rules;
use super::state::{Fold, fold};
use super::summary::{self, Scope};
use crate::calendar::Calendar;
use crate::error::Result;

/// Whose matters the queues count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum QueueScope {
    /// Every station's (office mode).
    All,
    /// One station's, by its code (station mode).
    Station(String),
}

impl QueueScope {
    /// The station code the scope is limited to, if any.
    pub fn station_code(&self) -> Option<&str> {
        match self {
            QueueScope::All => None,
            QueueScope::Station(code) => Some(code.trim()),
        }
    }
}

/// One 工作台 queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum QueueKey {
    /// 待研判: registered, not yet routed.
    AwaitingRoute,
    /// 待交办: routed (or returned), no unit holds it.
    ToAssign,
    /// 即将到期: due within the ladder's warning window (3 working days by default) and not overdue.
    DueSoon,
    /// 已超期: the running step is past its due date by at least one working day.
    Overdue,
    /// 待反馈: 已办结, the citizen not yet told.
    AwaitingFeedback,
    /// 待评价: the citizen was told and can be asked for a rating.
    AwaitingRating,
    /// 回头看到期: the look-back date is reached and the 回头看 is not done.
    LookBackDue,
}

/// A blank 回头看: [`Fold::check`] decides from the kind alone.
const LOOK_BACK: Event = Event::LookedBack { result: String::new() };
/// A blank rating: [`Fold::check`] refuses it when the citizen could not be reached.
const RATING: Event = Event::Rated { rating: Rating::Satisfied, reason: String::new(), limit: None };

impl QueueKey {
    /// Every queue, in the order a clerk works through them (the cards' order).
    pub const ALL: [QueueKey; 7] = [
        QueueKey::AwaitingRoute,
        QueueKey::ToAssign,
        QueueKey::DueSoon,
        QueueKey::Overdue,
        QueueKey::AwaitingFeedback,
        QueueKey::AwaitingRating,
        QueueKey::LookBackDue,
    ];

    /// The stored (and `--queue`) name.
    pub fn as_str(self) -> &'static str {
        match self {
            QueueKey::AwaitingRoute => "awaiting_route",
            QueueKey::ToAssign => "to_assign",
            QueueKey::DueSoon => "due_soon",
            QueueKey::Overdue => "overdue",
            QueueKey::AwaitingFeedback => "awaiting_feedback",
            QueueKey::AwaitingRating => "awaiting_rating",
            QueueKey::LookBackDue => "look_back_due",
        }
    }

    /// The Chinese label of the card.
    pub fn label(self) -> &'static str {
        match self {
            QueueKey::AwaitingRoute => "待研判",
            QueueKey::ToAssign => "待交办",
            QueueKey::DueSoon => "3个工作日内到期",
            QueueKey::Overdue => "已超期",
            QueueKey::AwaitingFeedback => "待反馈",
            QueueKey::AwaitingRating => "待评价",
            QueueKey::LookBackDue => "回头看到期",
        }
    }

    /// The queue with this stored name or Chinese label.
    pub fn parse(s: &str) -> Option<QueueKey> {
        QueueKey::ALL.into_iter().find(|q| q.as_str() == s || q.label() == s)
    }

    /// Whether a matter belongs to this queue on `today`, from its fold and its deadlines computed for the same
    /// day ([`deadlines::compute`]). The one definition of membership: counts and lists both call it.
    pub fn holds(self, fold: &Fold, deadlines: &Deadlines, today: NaiveDate) -> bool {
        match self {
            QueueKey::AwaitingRoute => fold.state == Some(State::Registered),
            QueueKey::ToAssign => fold.state == Some(State::ToAssign),
            // Due soon and overdue exclude each other: `due_soon` already ends on the due date, and a due date
            // followed only by rest days is neither (no working day is lost yet).
            QueueKey::DueSoon => deadlines.due_soon && deadlines.overdue_working_days == 0,
            QueueKey::Overdue => deadlines.overdue_working_days > 0,
            QueueKey::AwaitingFeedback => fold.state == Some(State::Finished),
            // The state test first: `check` formats a refusal for every other state.
            QueueKey::AwaitingRating => fold.state == Some(State::FedBack) && fold.check(&RATING).is_ok(),
            QueueKey::LookBackDue => {
                deadlines.lookback_due_on.is_some_and(|due| due <= today) && fold.check(&LOOK_BACK).is_ok()
            }
        }
    }
}

/// How many matters one queue holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct QueueCount {
    /// The queue.
    pub queue: QueueKey,
    /// Its matters.
    pub count: u32,
}

/// Overdue matters that reached one escalation level (their highest today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct LevelCount {
    /// The ladder's level (0 = the warning).
    pub level: u8,
    /// Its code (`station_head`, `county`, `city`…): the `escalation` of [`super::MatterFilter`].
    pub code: String,
    /// Who is told, in Chinese.
    pub name: String,
    /// Overdue matters whose highest level reached is this one.
    pub count: u32,
}

/// The 工作台 counts of a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct QueueCounts {
    /// Matters in the scope (those whose registration has arrived).
    pub matters: u32,
    /// Every queue, in [`QueueKey::ALL`] order, empty ones included.
    pub queues: Vec<QueueCount>,
    /// The overdue matters by the highest escalation level each reached, every rung of the ladder in ladder order
    /// (zero counts kept, so the card's rows do not move).
    pub overdue_by_level: Vec<LevelCount>,
    /// Overdue matters that reached no rung yet (only with a configured ladder whose first rung after the due
    /// date comes later than one working day), so that the levels and this add up to the overdue count.
    pub overdue_below_ladder: u32,
}

impl QueueCounts {
    /// The count of one queue.
    pub fn count(&self, queue: QueueKey) -> u32 {
        self.queues.iter().find(|q| q.queue == queue).map_or(0, |q| q.count)
    }
}

/// What reading matters needs once per call, not once per matter: the calendar, the rules and today's date.
pub(crate) struct Reading {
    pub calendar: Calendar,
    pub rules: Rules,
    pub today: NaiveDate,
}

impl Reading {
    pub fn load(conn: &Connection, now: DateTime<Utc>) -> Result<Reading> {
        Ok(Reading { calendar: Calendar::load(conn)?, rules: Rules::load(conn)?, today: china_date(now) })
    }

    /// A matter's fold and its deadlines today: everything queue membership is decided from.
    pub fn fold(&self, events: &[super::state::Recorded]) -> (Fold, Deadlines) {
        let folded = fold(events);
        let deadlines = self.deadlines(&folded);
        (folded, deadlines)
    }

    /// A folded matter's deadlines today.
    pub fn deadlines(&self, folded: &Fold) -> Deadlines {
        deadlines::compute(folded, &self.calendar, &self.rules.ladder, self.today)
    }
}

/// The 工作台 counts of `scope` as of `now`: every matter in scope as its kept summary holds its fold, then counted
/// with [`QueueKey::holds`]. An unknown station code counts nothing (no matter carries it).
pub fn queues(conn: &Connection, scope: &QueueScope, now: DateTime<Utc>) -> Result<QueueCounts> {
    let reading = Reading::load(conn, now)?;
    let mut counts = [0u32; QueueKey::ALL.len()];
    let mut levels = vec![0u32; reading.rules.ladder.len()];
    let (mut matters, mut below_ladder) = (0u32, 0u32);
    summary::for_each_fold(conn, Scope::All(scope.station_code()), |folded| {
        let deadlines = reading.deadlines(&folded);
        matters += 1;
        for (count, queue) in counts.iter_mut().zip(QueueKey::ALL) {
            *count += u32::from(queue.holds(&folded, &deadlines, reading.today));
        }
        if QueueKey::Overdue.holds(&folded, &deadlines, reading.today) {
            let rung = deadlines
                .escalation
                .as_ref()
                .and_then(|e| reading.rules.ladder.iter().position(|r| r.level == e.level));
            match rung {
                Some(i) => levels[i] += 1,
                None => below_ladder += 1,
            }
        }
    })?;
    Ok(QueueCounts {
        matters,
        queues: QueueKey::ALL.into_iter().zip(counts).map(|(queue, count)| QueueCount { queue, count }).collect(),
        overdue_by_level: reading
            .rules
            .ladder
            .iter()
            .zip(levels)
            .map(|(rung, count)| LevelCount {
                level: rung.level,
                code: rung.code.clone(),
                name: rung.name.clone(),
                count,
            })
            .collect(),
        overdue_below_ladder: below_ladder,
    })
}

#[cfg(test)]
mod tests {
    //! Membership on hand-built matters (each queue, each escalation level, a look-back due and not yet due), and
    //! through a real store: every count equals the length of the list its card opens.

    use super::*;
    use crate::workflow::model::Limit;
    use crate::workflow::state::Recorded;
    use crate::workflow::tests::{
        assigned_on, d, default_ladder, do_act, national_day_2025, now, recorded, sample, store, visit_input,
    };
    use crate::workflow::{MatterFilter, list, register};

    use QueueKey::*;

    /// A case: its name, the matter's events, the day, the queues it is in and the escalation level it reached.
    type Case<'a> = (&'a str, &'a [Recorded], &'a str, Vec<QueueKey>, Option<&'a str>);

    /// The queues a matter with `events` is in on `today`, and the escalation code it reached.
    fn placed(events: &[Recorded], today: &str) -> (Vec<QueueKey>, Option<String>) {
        let folded = fold(events);
        let today = d(today);
        let deadlines = deadlines::compute(&folded, &national_day_2025(), &default_ladder(), today);
        let queues = QueueKey::ALL.into_iter().filter(|q| q.holds(&folded, &deadlines, today)).collect();
        (queues, deadlines.escalation.map(|e| e.code))
    }

    /// Appends events after `base`, numbered on from it, all on `day`.
    fn then(base: &[Recorded], day: &str, more: Vec<Event>) -> Vec<Recorded> {
        let mut out = base.to_vec();
        for event in more {
            out.push(recorded(out.len() as i64 + 1, day, event));
        }
        out
    }

    fn finished(lookback: Option<Limit>) -> Event {
        Event::Finished { summary: "已修复".into(), limit: None, lookback }
    }

    fn fed_back(unreachable: &str) -> Event {
        let how = if unreachable.is_empty() { "电话" } else { "" };
        Event::FedBack { how: how.into(), told_on: None, deputy_told: false, unreachable_reason: unreachable.into() }
    }

    fn rated(rating: Rating) -> Event {
        Event::Rated { rating, reason: "没修好".into(), limit: None }
    }

    #[test]
    fn each_queue_and_each_escalation_level_on_hand_built_matters() {
        let month = Some(Limit { amount: 30, unit: crate::workflow::LimitUnit::CalendarDays });
        let registered =
            vec![recorded(1, "2026-03-02", Event::Registered { limit: Some(Limit::working_days(2)), register: None })];
        let routed =
            then(&registered, "2026-03-02", vec![Event::RoutedForAssignment { limit: Some(Limit::working_days(5)) }]);
        // Assigned Friday 26 September 2025, due 23 October after the National Day week (see the deadline test).
        let assigned = assigned_on("2025-09-26");
        let replied = then(&assigned, "2025-10-09", vec![Event::Accepted { unit: "ZJJ".into() }, sample("replied")]);
        // 办结 on Monday 2 March 2026 with a look-back 30 days later: Wednesday 1 April.
        let done = then(&replied, "2026-03-02", vec![finished(month)]);
        let told = then(&done, "2026-03-03", vec![fed_back("")]);
        let rated_ok = then(&told, "2026-03-04", vec![rated(Rating::Satisfied)]);
        let unreachable = then(&done, "2026-03-03", vec![fed_back("电话停机，三次上门无人")]);
        let looked_back = then(&rated_ok, "2026-04-01", vec![Event::LookedBack { result: "未反弹".into() }]);
        let reopened = then(&told, "2026-03-04", vec![rated(Rating::Unsatisfied)]);
        let archived = then(&rated_ok, "2026-03-05", vec![Event::Archived]);

        #[rustfmt::skip]
        let table: Vec<Case<'_>> = vec![
            // A 2-working-day route limit is always within the 3-day warning window.
            ("registered", &registered, "2026-03-02", vec![AwaitingRoute, DueSoon], Some("warn")),
            ("registered, route late", &registered, "2026-03-05", vec![AwaitingRoute, Overdue], Some("station_head")),
            ("routed", &routed, "2026-03-02", vec![ToAssign], None),
            ("assigned, 4 working days left", &assigned, "2025-10-17", vec![], None),
            ("assigned, warning", &assigned, "2025-10-20", vec![DueSoon], Some("warn")),
            ("assigned, due today", &assigned, "2025-10-23", vec![DueSoon], Some("warn")),
            ("assigned, 1 day over", &assigned, "2025-10-24", vec![Overdue], Some("station_head")),
            ("assigned, over a Sunday", &assigned, "2025-10-26", vec![Overdue], Some("station_head")),
            ("assigned, 6 days over", &assigned, "2025-10-31", vec![Overdue], Some("county")),
            ("assigned, 11 days over", &assigned, "2025-11-07", vec![Overdue], Some("city")),
            ("replied, due date passed", &replied, "2025-10-24", vec![Overdue], Some("station_head")),
            ("finished", &done, "2026-03-02", vec![AwaitingFeedback], None),
            // Past the look-back date, but a 回头看 needs the feedback first.
            ("finished, look-back date passed", &done, "2026-04-02", vec![AwaitingFeedback], None),
            ("fed back", &told, "2026-03-03", vec![AwaitingRating], None),
            ("fed back, look-back due", &told, "2026-04-01", vec![AwaitingRating, LookBackDue], None),
            ("citizen unreachable", &unreachable, "2026-04-01", vec![LookBackDue], None),
            ("rated, look-back not yet due", &rated_ok, "2026-03-31", vec![], None),
            ("rated, look-back due", &rated_ok, "2026-04-01", vec![LookBackDue], None),
            ("rated, look-back long due", &rated_ok, "2026-06-01", vec![LookBackDue], None),
            ("looked back", &looked_back, "2026-06-01", vec![], None),
            ("unsatisfied: re-handling, look-back cleared", &reopened, "2026-06-01", vec![], None),
            ("archived without a look-back", &archived, "2026-06-01", vec![], None),
        ];
        for (name, events, today, queues, level) in table {
            assert_eq!(placed(events, today), (queues, level.map(str::to_owned)), "{name} on {today}");
        }
    }

    #[test]
    fn every_count_is_the_length_of_the_list_its_card_opens() {
        let mut ts = store();
        let visit = ts.store.write("clerk", |w| register(w, &visit_input(6))).unwrap();
        let ids: Vec<String> = visit.matters.iter().map(|m| m.id.clone()).collect();
        do_act(&mut ts, &ids[1], sample("routed"));
        for name in ["routed", "assigned"] {
            do_act(&mut ts, &ids[2], sample(name));
        }
        do_act(&mut ts, &ids[3], sample("on_spot"));
        for name in ["on_spot", "fed_back"] {
            do_act(&mut ts, &ids[4], sample(name));
        }
        for name in ["on_spot", "fed_back", "rated_ok"] {
            do_act(&mut ts, &ids[5], sample(name));
        }
        let conn = ts.store.conn();
        let start = now(&ts);
        let at_start = queues(conn, &QueueScope::All, start).unwrap();
        assert_eq!(at_start.matters, 6);
        let counts: Vec<u32> = QueueKey::ALL.iter().map(|q| at_start.count(*q)).collect();
        // Only the route (2 working days) falls inside the 3-working-day warning window on the day of registration;
        // 交办 (5), handling (15) and feedback (5) do not.
        assert_eq!(counts, vec![1, 1, 1, 0, 1, 1, 0], "{at_start:?}");
        for days in [0, 3, 10, 40, 120] {
            let at = start + chrono::Days::new(days);
            for scope in [QueueScope::All, QueueScope::Station("XH-01".into()), QueueScope::Station("LS-01".into())] {
                let counts = queues(conn, &scope, at).unwrap();
                let station_code = scope.station_code().map(str::to_owned);
                for queue in QueueKey::ALL {
                    let filter =
                        MatterFilter { queue: Some(queue), station_code: station_code.clone(), ..Default::default() };
                    let listed = list(conn, &filter, at).unwrap();
                    assert_eq!(counts.count(queue) as usize, listed.len(), "{queue:?} {scope:?} +{days} days");
                }
                let overdue: u32 = counts.overdue_by_level.iter().map(|l| l.count).sum();
                assert_eq!(overdue + counts.overdue_below_ladder, counts.count(Overdue));
                for level in &counts.overdue_by_level {
                    let filter = MatterFilter {
                        queue: Some(Overdue),
                        escalation: Some(level.code.clone()),
                        station_code: station_code.clone(),
                        ..Default::default()
                    };
                    assert_eq!(list(conn, &filter, at).unwrap().len(), level.count as usize, "{} +{days}", level.code);
                }
            }
        }
        let later = queues(conn, &QueueScope::All, start + chrono::Days::new(40)).unwrap();
        assert_eq!(later.count(Overdue), 4, "route, 交办, handling and feedback limits all passed: {later:?}");
        assert_eq!(later.count(LookBackDue), 2, "both fed-back matters' look-backs are due");
        assert_eq!(queues(conn, &QueueScope::Station("LS-01".into()), start).unwrap().matters, 0);
    }

    #[test]
    fn queue_keys_read_back_from_their_names_and_labels() {
        for queue in QueueKey::ALL {
            assert_eq!(QueueKey::parse(queue.as_str()), Some(queue));
            assert_eq!(QueueKey::parse(queue.label()), Some(queue));
            let json = serde_json::to_string(&queue).unwrap();
            assert_eq!(json, format!("\"{}\"", queue.as_str()));
        }
    }
}
