//! The scan behind the documents: every matter folded once as of `now`, the ones a document wants kept with what
//! it prints about them — redacted title and detail, station, place, units, the day of 交办, the due date, how far
//! overdue and the escalation level reached.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::redact::{redact, shorten};
use crate::error::{Error, Result};
use crate::workflow::deadlines::{Deadlines, EscalationTime};
use crate::workflow::events;
use crate::workflow::queues::Reading;
use crate::workflow::state::{Fold, Outcome, Recorded, Step};
use crate::workflow::{CitizenInput, Event, State, units};

/// How much of a matter's detail a document prints.
pub const DETAIL_CHARS: usize = 60;

/// One matter as a document shows it (no citizen data: title and detail are redacted).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HeldMatter {
    /// The matter's code.
    pub code: String,
    /// Title, redacted.
    pub title: String,
    /// Category.
    pub category: String,
    /// The station's name.
    pub station: String,
    /// Where.
    pub place: String,
    /// The first [`DETAIL_CHARS`] characters of what was said, redacted.
    pub detail: String,
    /// Its state.
    pub state: Option<State>,
    /// The step whose clock runs.
    pub step: Option<Step>,
    /// The lead unit's code.
    pub lead: Option<String>,
    /// Its name (the code when the roster of units does not know it).
    pub lead_name: Option<String>,
    /// The co-handlers' codes.
    pub co: Vec<String>,
    /// The day of the last 交办.
    pub assigned_on: Option<NaiveDate>,
    /// The running step's due date.
    pub due_on: Option<NaiveDate>,
    /// Working days past it.
    pub overdue_working_days: i64,
    /// The highest escalation level reached today.
    pub escalation: Option<EscalationTime>,
}

/// Every matter for which `keep` says yes (given its fold and deadlines today), in code order.
pub fn held(
    conn: &Connection,
    now: DateTime<Utc>,
    keep: impl Fn(&Fold, &Deadlines) -> bool + Sync,
) -> Result<Vec<HeldMatter>> {
    let reading = Reading::load(conn, now)?;
    let mut kept: Vec<(String, Fold, Deadlines, Option<NaiveDate>)> = Vec::new();
    events::for_each_matter(conn, None, |matter_id, events| {
        let (folded, deadlines) = reading.fold(events);
        if keep(&folded, &deadlines) {
            let assigned_on = last_assigned_on(events, &folded);
            kept.push((matter_id.to_owned(), folded, deadlines, assigned_on));
        }
        Ok(())
    })?;
    let mut stmt = conn.prepare_cached(
        "SELECT m.code, m.title, m.category, p.name, m.place, m.detail, v.citizens
           FROM matters m JOIN visits v ON v.id = m.visit_id JOIN platforms p ON p.id = v.station_id
          WHERE m.id = ?1",
    )?;
    let unit_names: HashMap<String, String> = units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect();
    let mut out = Vec::with_capacity(kept.len());
    for (id, folded, deadlines, assigned_on) in kept {
        let row = stmt.query_row([&id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get::<_, String>(6)?))
        });
        // Events whose matter row has not arrived from sync yet: nothing to print about them.
        let (code, title, category, station, place, detail, citizens): (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        ) = match row {
            Ok(row) => row,
            Err(rusqlite::Error::QueryReturnedNoRows) => continue,
            Err(e) => return Err(e.into()),
        };
        let citizens: Vec<CitizenInput> =
            serde_json::from_str(&citizens).map_err(|e| Error::Internal(format!("matter {code} citizens: {e}")))?;
        out.push(HeldMatter {
            title: redact(&title, &citizens),
            detail: shorten(&redact(&detail, &citizens), DETAIL_CHARS),
            place: redact(&place, &citizens),
            code,
            category,
            station,
            state: folded.state,
            step: folded.clock.as_ref().map(|c| c.step),
            lead_name: folded.lead.as_ref().map(|code| unit_names.get(code).unwrap_or(code).clone()),
            lead: folded.lead,
            co: folded.co,
            assigned_on,
            due_on: deadlines.due_on,
            overdue_working_days: deadlines.overdue_working_days,
            escalation: deadlines.escalation,
        });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// The day of the last applied 交办, while units hold the matter.
fn last_assigned_on(events: &[Recorded], folded: &Fold) -> Option<NaiveDate> {
    folded.lead.as_ref()?;
    events
        .iter()
        .zip(&folded.outcomes)
        .rev()
        .find(|(e, outcome)| matches!(outcome, Outcome::Applied { .. }) && matches!(e.event, Event::Assigned { .. }))
        .map(|(e, _)| e.on())
}

/// Whether units hold the matter and owe it an answer: 已交办, 已签收, 办理中 or 重新办理.
pub fn awaiting_reply(folded: &Fold) -> bool {
    folded.lead.is_some()
        && matches!(folded.state, Some(State::Assigned | State::Accepted | State::Handling | State::Rehandling))
}
