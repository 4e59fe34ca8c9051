//! 并案: several matters about the same issue — often raised at different stations — merged into one lead matter
//! that carries the handling, every citizen kept on their own matter.
//!
//! # Design
//!
//! - [`merge`] records a [`Event::Merged`] on each other matter, through [`super::act`] (so each is checked as a
//!   single 并案 is: not yet assigned, the lead open and not itself merged), all inside the caller's one write: one
//!   refusal and nothing is merged.
//! - A merged matter's station must still tell its own citizen the result, but a station never receives another
//!   station's matters (their visits carry citizens' personal data). So the merged matter carries a **copy** of
//!   what its station needs, as synced fields of its own record (migration 0011): the lead's code, written with
//!   the 并案, and the lead's latest reply with its day, written whenever a reply is recorded on the lead
//!   ([`after_act`]) — and at the 并案 itself when the lead already replied. Being the merged matter's own fields,
//!   they travel down to its station in the return bundle like its events do ([`crate::sync::outgoing`]).
//! - The copies are made where the lead's reply is recorded. Dispatch (派单) and the units' replies are recorded by
//!   the office, which holds every station's matters; a reply recorded at the lead's own station reaches the
//!   merged matters when the office records it (a reply recorded again replaces the copy).

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;

use super::acts::{Acted, act};
use super::deadlines::china_date;
use super::events;
use super::model::{Event, State};
use super::state::{Outcome, fold};
use super::visits::{self, MatterRef};
use crate::changelog::{EntityKind, Fields, Op};
use crate::error::{Error, FieldIssue, Result};
use crate::operators::Session;
use crate::operators::permit::authorize;
use crate::store::Writer;

/// What a 并案 did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct MergeOutcome {
    /// The lead matter's code.
    pub lead_code: String,
    /// The matters merged into it now, in the order given.
    pub merged: Vec<Acted>,
}

/// A matter merged into a lead matter, as the lead's view lists it: no citizen's name or phone, only how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct MergedMatter {
    /// Its code.
    pub code: String,
    /// Its station's code.
    pub station_code: String,
    /// How many citizens came with it (the visit's head count).
    pub citizens: u32,
}

/// The lead matter a merged matter follows, as its own record carries it (so its station sees it too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct LeadOfMerged {
    /// The lead matter's code.
    pub code: String,
    /// The lead's latest reply (empty until it replied).
    pub reply: String,
    /// The day of that reply (`YYYY-MM-DD`, empty until it replied).
    pub replied_on: String,
}

/// Merges `others` (ids or codes) into `lead` in the caller's write: every one or none.
pub fn merge(w: &mut Writer<'_>, lead: &str, others: &[String]) -> Result<MergeOutcome> {
    let lead = visits::find_matter(w.tx(), lead)?;
    let mut seen: Vec<String> = Vec::new();
    for other in others {
        let m = visits::find_matter(w.tx(), other)?;
        if m.id == lead.id {
            return Err(Error::InvalidFields(vec![FieldIssue::new("others", "主事项不能并入自身")]));
        }
        if !seen.contains(&m.id) {
            seen.push(m.id);
        }
    }
    if seen.is_empty() {
        return Err(Error::InvalidFields(vec![FieldIssue::new("others", "请至少选择一件要并入的事项")]));
    }
    let mut merged = Vec::new();
    for id in seen {
        merged.push(act(w, &id, Event::Merged { into: lead.id.clone() })?);
    }
    Ok(MergeOutcome { lead_code: lead.code, merged })
}

/// [`merge`] for a signed-in session (every role may record a 并案, as with [`super::acts::act_as`]; the role is
/// read from the operator's current row, so a deactivated operator is refused).
pub fn merge_as(w: &mut Writer<'_>, session: &Session, lead: &str, others: &[String]) -> Result<MergeOutcome> {
    authorize(w, session, |_| true, "")?;
    merge(w, lead, others)
}

/// After an act was appended to `matter`: a 并案 writes the lead's code (and its latest reply) on the merged
/// matter; a reply on a lead is copied to every matter merged into it. `event` is as recorded (a 并案 names the
/// lead by id).
pub(crate) fn after_act(w: &mut Writer<'_>, matter: &MatterRef, event: &Event) -> Result<()> {
    match event {
        Event::Merged { into } => {
            if has_merged(w.tx(), &matter.code)? {
                return Err(Error::Invalid(format!(
                    "已有事项并入 {}，请把它选为主事项，而不是再并入其他事项",
                    matter.code
                )));
            }
            let lead = visits::find_matter(w.tx(), into)?;
            let (reply, on) = latest_reply(w.tx(), &lead.id)?.unwrap_or_default();
            write_copy(w, &matter.id, Some(lead.code.as_str()), &reply, &on)
        }
        Event::Replied { text, .. } => {
            let on = china_date(w.deps().clock.now()).to_string();
            for follower in merged_ids(w.tx(), &matter.code)? {
                write_copy(w, &follower, None, text, &on)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Writes the copy fields of a merged matter (the lead's code only when given).
fn write_copy(w: &mut Writer<'_>, matter_id: &str, lead_code: Option<&str>, reply: &str, on: &str) -> Result<()> {
    let mut fields = Fields::new();
    if let Some(code) = lead_code {
        fields.insert("lead_code".into(), json!(code));
    }
    fields.insert("lead_reply".into(), json!(reply));
    fields.insert("lead_replied_on".into(), json!(on));
    w.change(EntityKind::Matter, matter_id, Op::Update, fields)?;
    Ok(())
}

/// The text and day of the last reply the fold applied on this matter.
fn latest_reply(conn: &Connection, matter_id: &str) -> Result<Option<(String, String)>> {
    let events = events::load(conn, matter_id)?;
    let folded = fold(&events);
    Ok(events.iter().zip(&folded.outcomes).rev().find_map(|(e, outcome)| match (&e.event, outcome) {
        (Event::Replied { text, .. }, Outcome::Applied { .. }) => Some((text.clone(), e.on().to_string())),
        _ => None,
    }))
}

/// True when some matter names `code` as its lead.
fn has_merged(conn: &Connection, code: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM matters WHERE lead_code = ?1 LIMIT 1")?
        .query_row([code], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The ids of the matters merged into the matter with this code: those naming it as lead whose fold is still
/// 已并案 or past it (a 并案 refused in the fold, two nodes acting at once, does not count).
fn merged_ids(conn: &Connection, code: &str) -> Result<Vec<String>> {
    let ids: Vec<String> = conn
        .prepare_cached("SELECT id FROM matters WHERE lead_code = ?1 ORDER BY code")?
        .query_map([code], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        if was_merged(&events::load(conn, &id)?) {
            out.push(id);
        }
    }
    Ok(out)
}

/// True when the fold applied a 并案 among these events.
pub(crate) fn was_merged(events: &[super::state::Recorded]) -> bool {
    let folded = fold(events);
    events.iter().zip(&folded.outcomes).any(|(e, outcome)| {
        matches!((&e.event, outcome), (Event::Merged { .. }, Outcome::Applied { state: State::Merged }))
    })
}

/// The matters merged into the matter with this code, by code, without personal data.
pub(crate) fn merged_into(conn: &Connection, code: &str) -> Result<Vec<MergedMatter>> {
    let ids = merged_ids(conn, code)?;
    let mut stmt = conn.prepare_cached(
        "SELECT m.code, p.code, v.head_count FROM matters m JOIN visits v ON v.id = m.visit_id
           JOIN platforms p ON p.id = v.station_id WHERE m.id = ?1",
    )?;
    let mut out = Vec::new();
    for id in ids {
        out.push(stmt.query_row([&id], |r| {
            Ok(MergedMatter { code: r.get(0)?, station_code: r.get(1)?, citizens: r.get(2)? })
        })?);
    }
    Ok(out)
}

/// The lead a merged matter follows, from its own copy fields (`None` for a matter never merged).
pub(crate) fn lead_of(
    conn: &Connection,
    matter_id: &str,
    events: &[super::state::Recorded],
) -> Result<Option<LeadOfMerged>> {
    if !was_merged(events) {
        return Ok(None);
    }
    let (code, reply, replied_on): (String, String, String) = conn
        .prepare_cached("SELECT lead_code, lead_reply, lead_replied_on FROM matters WHERE id = ?1")?
        .query_row([matter_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok((!code.is_empty()).then_some(LeadOfMerged { code, reply, replied_on }))
}
