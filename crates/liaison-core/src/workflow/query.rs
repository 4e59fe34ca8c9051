//! Reading matters: the list (with state and deadline per matter; filtered by station, county, category and
//! deputy in SQL, by state, queue, escalation and holding unit after the fold) and one matter in full (timeline,
//! deadlines, escalations, buck-passing signals, who is accountable, the matters merged into it or the lead it
//! follows). Everything is derived on read from the events, the
//! calendar and the rules, at the instant `now` the caller passes (the store's injected clock). Citizens' phones
//! and ID numbers leave here masked.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;
use serde::Serialize;

use super::deadlines::{Deadlines, china_date};
use super::events;
use super::merge::{self, LeadOfMerged, MergedMatter};
use super::model::State;
use super::queues::{QueueKey, Reading};
use super::signals::{self, Signals};
use super::state::{AllowedAct, Fold, Outcome, Recorded};
use super::visits::{self, CitizenInput};
use crate::error::{Error, Result};
use crate::roster::mask;

/// One line of the matter list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct MatterSummary {
    /// Id.
    pub id: String,
    /// Code.
    pub code: String,
    /// Station code.
    pub station_code: String,
    /// Title.
    pub title: String,
    /// Category.
    pub category: String,
    /// 首问责任人.
    pub first_responder: String,
    /// Current state (`None` only while the registration event has not arrived from sync).
    pub state: Option<State>,
    /// Its Chinese label.
    pub state_label: String,
    /// The lead unit holding it.
    pub lead_unit: Option<String>,
    /// The current step's due date.
    pub due_on: Option<NaiveDate>,
    /// Due within the warning window.
    pub due_soon: bool,
    /// Working days overdue.
    #[cfg_attr(feature = "ipc", specta(type = i32))]
    pub overdue_working_days: i64,
    /// The escalation level reached (its code).
    pub escalation: Option<String>,
    /// How many buck-passing signals.
    pub signal_count: u32,
}

/// One event in a matter's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct TimelineEntry {
    /// The event as recorded.
    #[serde(flatten)]
    pub recorded: Recorded,
    /// Its Chinese name.
    pub label: &'static str,
    /// What it did in the fold (applied, or refused as a concurrent act that came too late).
    pub outcome: Outcome,
}

/// A citizen as shown: phone and ID number masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct CitizenView {
    /// Name (empty when anonymous).
    pub name: String,
    /// Anonymous.
    pub anonymous: bool,
    /// Masked phone.
    pub phone: String,
    /// Address.
    pub address: String,
    /// Masked ID number.
    pub id_number: String,
}

/// One matter in full.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct MatterView {
    /// The list line.
    #[serde(flatten)]
    pub summary: MatterSummary,
    /// What the citizen said.
    pub detail: String,
    /// Where.
    pub place: String,
    /// When the citizen came.
    pub received_at: String,
    /// Channel.
    pub channel: String,
    /// Receiving deputies' codes.
    pub deputies: Vec<String>,
    /// The citizens, masked.
    pub citizens: Vec<CitizenView>,
    /// Co-handling units.
    pub co_units: Vec<String>,
    /// Who is accountable now: the first responder always, then the units holding the matter (by name).
    pub accountable: Vec<String>,
    /// Deadlines and escalations today.
    pub deadlines: Deadlines,
    /// Buck-passing signals.
    pub signals: Signals,
    /// Every event, in fold order.
    pub timeline: Vec<TimelineEntry>,
    /// The acts that may be recorded next.
    pub allowed_acts: Vec<AllowedAct>,
    /// The matters merged into this one (并案), without personal data.
    pub merged: Vec<MergedMatter>,
    /// For a merged matter: the lead it follows and the lead's latest reply, which its station feeds back.
    pub lead: Option<LeadOfMerged>,
}

/// What to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct MatterFilter {
    /// Only matters in this state.
    pub state: Option<State>,
    /// Only matters of this station (code).
    pub station_code: Option<String>,
    /// Only overdue matters (the same as `queue: overdue`).
    pub overdue: bool,
    /// Only the members of this 工作台 queue: exactly the matters `workflow::queues` counts in it.
    #[serde(default)]
    #[cfg_attr(feature = "ipc", specta(optional))]
    pub queue: Option<QueueKey>,
    /// Only matters whose highest escalation level reached today has this code (`station_head`, `county`…); with
    /// `queue: overdue`, one row of the overdue card's levels.
    #[serde(default)]
    #[cfg_attr(feature = "ipc", specta(optional))]
    pub escalation: Option<String>,
    /// Only matters of stations in this county-level region or below (the region's code or id; office mode).
    #[serde(default)]
    #[cfg_attr(feature = "ipc", specta(optional))]
    pub county: Option<String>,
    /// Only matters of this category.
    #[serde(default)]
    #[cfg_attr(feature = "ipc", specta(optional))]
    pub category: Option<String>,
    /// Only matters this handling unit holds now, as lead or co-handler (the unit's code).
    #[serde(default)]
    #[cfg_attr(feature = "ipc", specta(optional))]
    pub unit: Option<String>,
    /// Only matters this deputy received (a receiving deputy of the visit) or first responded to (the deputy's
    /// number, or the deputy's name at the deputy's own station group, as the duty file matches them).
    #[serde(default)]
    #[cfg_attr(feature = "ipc", specta(optional))]
    pub deputy: Option<String>,
}

impl MatterFilter {
    /// Whether a folded matter passes the filter's state, queue, escalation and unit tests (the station, county,
    /// category and deputy are chosen in SQL: [`MatterFilter::sql`]).
    fn passes(&self, folded: &Fold, deadlines: &Deadlines, today: NaiveDate) -> bool {
        let unit = self.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
        unit.is_none_or(|u| folded.lead.as_deref() == Some(u) || folded.co.iter().any(|c| c == u))
            && self.state.is_none_or(|s| folded.state == Some(s))
            && (!self.overdue || QueueKey::Overdue.holds(folded, deadlines, today))
            && self.queue.is_none_or(|q| q.holds(folded, deadlines, today))
            && self
                .escalation
                .as_deref()
                .is_none_or(|code| deadlines.escalation.as_ref().is_some_and(|e| e.code == code))
    }
}

/// A filter's text, trimmed; blank means no filter.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl MatterFilter {
    /// `select` (over `matters m`, `visits v`, `platforms p`) limited to the filter's station, county, category
    /// and deputy, in matter-id order, and its parameters: the list's query, and the scope of
    /// [`super::similar`].
    pub(crate) fn scoped_sql(&self, select: &str) -> (String, Vec<SqlValue>) {
        let mut params: Vec<SqlValue> = Vec::new();
        let mut bind = |value: &str| {
            params.push(SqlValue::Text(value.to_owned()));
            params.len()
        };
        let mut cte = String::new();
        let mut conditions = Vec::new();
        if let Some(code) = given(&self.station_code) {
            conditions.push(format!("p.code = ?{}", bind(code)));
        }
        if let Some(county) = given(&self.county) {
            let n = bind(county);
            cte = format!(
                "WITH RECURSIVE tree(id) AS (SELECT id FROM regions WHERE code = ?{n} OR id = ?{n}
                   UNION ALL SELECT r.id FROM regions r JOIN tree t ON r.parent_id = t.id) "
            );
            conditions.push("p.region_id IN (SELECT id FROM tree)".to_owned());
        }
        if let Some(category) = given(&self.category) {
            conditions.push(format!("m.category = ?{}", bind(category)));
        }
        if let Some(deputy) = given(&self.deputy) {
            let n = bind(deputy);
            conditions.push(format!(
                "(EXISTS (SELECT 1 FROM json_each(v.deputies) j WHERE j.value = ?{n})
                  OR trim(m.first_responder) = ?{n}
                  OR EXISTS (SELECT 1 FROM deputies d WHERE d.code = ?{n} AND d.name = trim(m.first_responder)
                                AND d.station_id IS v.station_id))"
            ));
        }
        let filter = if conditions.is_empty() { String::new() } else { format!(" WHERE {}", conditions.join(" AND ")) };
        (format!("{cte}{select}{filter} ORDER BY m.id"), params)
    }
}

/// The stored columns of a matter and its visit.
struct MatterRow {
    id: String,
    code: String,
    station_code: String,
    title: String,
    category: String,
    first_responder: String,
    detail: String,
    place: String,
    received_at: String,
    channel: String,
    deputies: String,
    visit_id: String,
}

const MATTER_SQL: &str = "SELECT m.id, m.code, p.code, m.title, m.category, m.first_responder, m.detail, m.place,
        v.received_at, v.channel, v.deputies, v.id
   FROM matters m JOIN visits v ON v.id = m.visit_id JOIN platforms p ON p.id = v.station_id";

fn read_matter(r: &rusqlite::Row<'_>) -> rusqlite::Result<MatterRow> {
    Ok(MatterRow {
        id: r.get(0)?,
        code: r.get(1)?,
        station_code: r.get(2)?,
        title: r.get(3)?,
        category: r.get(4)?,
        first_responder: r.get(5)?,
        detail: r.get(6)?,
        place: r.get(7)?,
        received_at: r.get(8)?,
        channel: r.get(9)?,
        deputies: r.get(10)?,
        visit_id: r.get(11)?,
    })
}

/// What the list and the detail share: the fold and everything computed from it.
struct Derived {
    summary: MatterSummary,
    co_units: Vec<String>,
    deadlines: Deadlines,
    signals: Signals,
    outcomes: Vec<Outcome>,
}

/// The list line and the rest of the view, from a fold and its deadlines ([`Reading::fold`]).
fn derive(row: &MatterRow, events: &[Recorded], folded: Fold, deadlines: Deadlines, reading: &Reading) -> Derived {
    let received_on = DateTime::parse_from_rfc3339(&row.received_at).map_or(reading.today, |t| china_date(t.to_utc()));
    let signals = signals::compute(events, &folded.outcomes, &reading.calendar, received_on);
    let summary = MatterSummary {
        id: row.id.clone(),
        code: row.code.clone(),
        station_code: row.station_code.clone(),
        title: row.title.clone(),
        category: row.category.clone(),
        first_responder: row.first_responder.clone(),
        state: folded.state,
        state_label: folded.state.map_or("待同步登记", State::label).to_owned(),
        lead_unit: folded.lead.clone(),
        due_on: deadlines.due_on,
        due_soon: deadlines.due_soon,
        overdue_working_days: deadlines.overdue_working_days,
        escalation: deadlines.escalation.as_ref().map(|e| e.code.clone()),
        signal_count: signals.total(),
    };
    Derived { summary, co_units: folded.co, deadlines, signals, outcomes: folded.outcomes }
}

/// Every matter that passes `filter`, newest first, as of `now`.
///
/// The matters in scope are read in id order and merged with their events streamed in the same order
/// ([`events::for_each_matter`]); a matter is summarised (signals included) only once it passed the filter.
pub fn list(conn: &Connection, filter: &MatterFilter, now: DateTime<Utc>) -> Result<Vec<MatterSummary>> {
    let reading = Reading::load(conn, now)?;
    let station = given(&filter.station_code);
    let (sql, params) = filter.scoped_sql(MATTER_SQL);
    let rows: Vec<MatterRow> = conn
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(params), read_matter)?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<(usize, MatterSummary)> = Vec::new();
    let mut keep = |i: usize, events: &[Recorded]| {
        let (folded, deadlines) = reading.fold(events);
        if filter.passes(&folded, &deadlines, reading.today) {
            out.push((i, derive(&rows[i], events, folded, deadlines, &reading).summary));
        }
    };
    // Both sides are in matter-id order (SQLite's text order is Rust's byte order): a merge join. Events of a
    // matter not in `rows` (another station's, or one whose matter row has not arrived from sync) are skipped.
    let mut next = 0;
    events::for_each_matter(conn, station, |matter_id, events| {
        while rows.get(next).is_some_and(|r| r.id.as_str() < matter_id) {
            keep(next, &[]);
            next += 1;
        }
        if rows.get(next).is_some_and(|r| r.id == matter_id) {
            keep(next, events);
            next += 1;
        }
        Ok(())
    })?;
    for i in next..rows.len() {
        keep(i, &[]);
    }
    // Newest first, as the list always was: by the visit's stored reception time, then the code, both descending.
    out.sort_by(|(a, x), (b, y)| rows[*b].received_at.cmp(&rows[*a].received_at).then_with(|| y.code.cmp(&x.code)));
    Ok(out.into_iter().map(|(_, summary)| summary).collect())
}

/// The matter with this id or code in full, as of `now`.
pub fn show(conn: &Connection, id_or_code: &str, now: DateTime<Utc>) -> Result<MatterView> {
    show_with(conn, &Reading::load(conn, now)?, id_or_code)
}

/// [`show`] with the calendar and rules already loaded: for readers of many matters (the matters ledger), which
/// would otherwise reload them for every matter.
pub(crate) fn show_with(conn: &Connection, reading: &Reading, id_or_code: &str) -> Result<MatterView> {
    let matter = visits::find_matter(conn, id_or_code)?;
    let row = conn.prepare_cached(&format!("{MATTER_SQL} WHERE m.id = ?1"))?.query_row([&matter.id], read_matter)?;
    let events = events::load(conn, &matter.id)?;
    let lead = merge::lead_of(conn, &matter.id, &events)?;
    let (folded, deadlines) = reading.fold(&events);
    let allowed_acts = folded.allowed_acts();
    let derived = derive(&row, &events, folded, deadlines, reading);
    // People read names: the first responder, then the units holding the matter by name.
    let mut accountable = vec![row.first_responder.clone()];
    for unit in derived.summary.lead_unit.iter().chain(&derived.co_units) {
        accountable.push(super::units::display_name(conn, unit)?);
    }
    let timeline = events
        .into_iter()
        .zip(derived.outcomes)
        .map(|(recorded, outcome)| TimelineEntry { label: recorded.event.label(), recorded, outcome })
        .collect();
    Ok(MatterView {
        detail: row.detail.clone(),
        place: row.place.clone(),
        received_at: row.received_at.clone(),
        channel: row.channel.clone(),
        deputies: serde_json::from_str(&row.deputies).map_err(|e| Error::Internal(e.to_string()))?,
        citizens: visits::citizens(conn, &row.visit_id)?.iter().map(masked).collect(),
        co_units: derived.co_units,
        accountable,
        deadlines: derived.deadlines,
        signals: derived.signals,
        timeline,
        allowed_acts,
        merged: merge::merged_into(conn, &row.code)?,
        lead,
        summary: derived.summary,
    })
}

fn masked(c: &CitizenInput) -> CitizenView {
    let mask_if = |v: &str, f: fn(&str) -> String| if v.is_empty() { String::new() } else { f(v) };
    CitizenView {
        name: c.name.clone(),
        anonymous: c.anonymous,
        phone: mask_if(&c.phone, mask::phone),
        address: c.address.clone(),
        id_number: mask_if(&c.id_number, mask::id_number),
    }
}
