//! Registering a visit (接待登记) with its matters, and finding a matter again.
//!
//! One visit, its matters and each matter's registration event are written in one transaction through the change
//! log. Every field that fails is reported at once ([`Error::InvalidFields`], field names such as
//! `matters[1].first_responder`), so the form can show each message under its field. The first responder is
//! mandatory on every matter: nothing leaves the station without a named owner.

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::acts::freeze_limits;
use super::deadlines::china_date;
use super::events;
use super::model::{Channel, Event};
use super::rules::Rules;
use crate::changelog::{EntityKind, Fields, Op};
use crate::error::{Error, FieldIssue, Result};
use crate::roster::{id_by_code, validate};
use crate::store::Writer;

/// A citizen who came (or called, or wrote).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct CitizenInput {
    /// Name; may be empty when `anonymous`.
    #[serde(default)]
    pub name: String,
    /// The citizen did not give a name.
    #[serde(default)]
    pub anonymous: bool,
    /// Phone (optional).
    #[serde(default)]
    pub phone: String,
    /// Address (optional).
    #[serde(default)]
    pub address: String,
    /// Resident ID number (optional, sensitive).
    #[serde(default)]
    pub id_number: String,
}

/// One matter raised in the visit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct MatterInput {
    /// Title.
    pub title: String,
    /// What the citizen said.
    #[serde(default)]
    pub detail: String,
    /// One of the configured categories.
    pub category: String,
    /// Where (village, street, estate).
    #[serde(default)]
    pub place: String,
    /// 首问责任人: mandatory.
    #[serde(default)]
    pub first_responder: String,
}

/// A visit to register.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct VisitInput {
    /// The station's code.
    pub station_code: String,
    /// 来访 / 来电 / 来信 / 扫码 / 代表走访 / 网上 (or the stored names).
    pub channel: String,
    /// When the citizen came; `None` means now. (RFC 3339, e.g. `2026-03-02T09:30:00+08:00`.)
    #[serde(default)]
    pub received_at: Option<DateTime<FixedOffset>>,
    /// Receiving deputies' codes.
    #[serde(default)]
    pub deputies: Vec<String>,
    /// The clerk who recorded it; empty means the operator.
    #[serde(default)]
    pub clerk: String,
    /// The citizens (at least one).
    #[serde(default)]
    pub citizens: Vec<CitizenInput>,
    /// How many people came (group visits); `None` means the number of citizens listed.
    #[serde(default)]
    pub head_count: Option<u32>,
    /// The matters raised (at least one).
    #[serde(default)]
    pub matters: Vec<MatterInput>,
}

/// A registered matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RegisteredMatter {
    /// Its id.
    pub id: String,
    /// Its code, e.g. `XH-01-20260302-01`.
    pub code: String,
}

/// A registered visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct RegisteredVisit {
    /// The visit's id.
    pub visit_id: String,
    /// Its matters, in input order.
    pub matters: Vec<RegisteredMatter>,
}

/// Registers a visit with its matters; each matter gets its registration event (the triage clock starts).
pub fn register(w: &mut Writer<'_>, input: &VisitInput) -> Result<RegisteredVisit> {
    let rules = Rules::load(w.tx())?;
    let now = w.deps().clock.now();
    let checked = check(w.tx(), input, &rules, now)?;
    let visit_id = w.new_id().to_string();
    let clerk = if input.clerk.trim().is_empty() { w.operator().to_owned() } else { input.clerk.trim().to_owned() };
    let mut fields = Fields::new();
    fields.insert("station_id".into(), json!(checked.station_id));
    fields.insert("received_at".into(), json!(checked.received_at.to_rfc3339()));
    fields.insert("channel".into(), json!(checked.channel.as_str()));
    fields.insert("deputies".into(), json!(input.deputies));
    fields.insert("clerk".into(), json!(clerk));
    fields.insert("citizens".into(), json!(checked.citizens));
    fields.insert("head_count".into(), json!(checked.head_count));
    w.change(EntityKind::Visit, &visit_id, Op::Insert, fields)?;

    let prefix = format!("{}-{}", input.station_code.trim(), china_date(checked.received_at).format("%Y%m%d"));
    let series = code_series(w.tx())?;
    let mut number = count_codes(w.tx(), &prefix, series)?;
    let mut matters = Vec::new();
    for m in &input.matters {
        number += 1;
        let id = w.new_id().to_string();
        let code = format!("{prefix}-{series}{number:02}");
        let mut fields = Fields::new();
        fields.insert("code".into(), json!(code));
        fields.insert("visit_id".into(), json!(visit_id));
        fields.insert("title".into(), json!(m.title.trim()));
        fields.insert("detail".into(), json!(m.detail.trim()));
        fields.insert("category".into(), json!(m.category.trim()));
        fields.insert("place".into(), json!(m.place.trim()));
        fields.insert("first_responder".into(), json!(m.first_responder.trim()));
        w.change(EntityKind::Matter, &id, Op::Insert, fields)?;
        let mut registered = Event::Registered { limit: None, register: None };
        freeze_limits(&rules, m.category.trim(), &mut registered)?;
        events::append(w, &id, &registered)?;
        matters.push(RegisteredMatter { id, code });
    }
    Ok(RegisteredVisit { visit_id, matters })
}

/// A visit's input after checking.
struct Checked {
    station_id: String,
    channel: Channel,
    received_at: DateTime<Utc>,
    citizens: Vec<CitizenInput>,
    head_count: u32,
}

/// Checks every field of the visit and its matters, reporting all problems at once.
fn check(conn: &Connection, input: &VisitInput, rules: &Rules, now: DateTime<Utc>) -> Result<Checked> {
    let mut issues = Vec::new();
    let station_id = id_by_code(conn, EntityKind::Platform, input.station_code.trim())?;
    if station_id.is_none() {
        let message = if input.station_code.trim().is_empty() {
            "请选择接待的联络站".to_owned()
        } else {
            format!("联络站编码 {} 不存在", input.station_code.trim())
        };
        issues.push(FieldIssue::new("station_code", message));
    }
    let channel = Channel::parse(input.channel.trim());
    if channel.is_none() {
        issues.push(FieldIssue::new("channel", "接待方式必须是来访、来电、来信、扫码、代表走访或网上"));
    }
    let received_at = input.received_at.map_or(now, |t| t.with_timezone(&Utc));
    if received_at > now {
        issues.push(FieldIssue::new("received_at", "接待时间不能晚于现在"));
    }
    for (i, code) in input.deputies.iter().enumerate() {
        if id_by_code(conn, EntityKind::Deputy, code.trim())?.is_none() {
            issues.push(FieldIssue::new(&format!("deputies[{i}]"), format!("代表编号 {code} 不存在")));
        }
    }
    if input.citizens.is_empty() {
        issues.push(FieldIssue::new("citizens", "请至少登记一位群众（可匿名）"));
    }
    let mut citizens = input.citizens.clone();
    for (i, c) in citizens.iter_mut().enumerate() {
        c.name = c.name.trim().to_owned();
        if c.name.is_empty() && !c.anonymous {
            issues.push(FieldIssue::new(&format!("citizens[{i}].name"), "请填写群众姓名，或选择匿名"));
        }
        for (value, field, rule) in [
            (&mut c.phone, "phone", validate::phone as fn(&str) -> std::result::Result<String, String>),
            (&mut c.id_number, "id_number", validate::id_number),
        ] {
            if value.trim().is_empty() {
                value.clear();
                continue;
            }
            match rule(value) {
                Ok(normal) => *value = normal,
                Err(reason) => issues.push(FieldIssue::new(&format!("citizens[{i}].{field}"), reason)),
            }
        }
    }
    let head_count = input.head_count.unwrap_or(citizens.len().max(1) as u32);
    if head_count == 0 || (head_count as usize) < citizens.len() {
        issues.push(FieldIssue::new("head_count", "来访人数不能少于登记的群众人数"));
    }
    if input.matters.is_empty() {
        issues.push(FieldIssue::new("matters", "请至少登记一件反映事项"));
    }
    for (i, m) in input.matters.iter().enumerate() {
        // The same message under every matter of a form would not say which one: name it.
        let which = if input.matters.len() > 1 { format!("第{}件事项：", i + 1) } else { String::new() };
        if m.title.trim().is_empty() {
            issues.push(FieldIssue::new(&format!("matters[{i}].title"), format!("{which}事项标题不能为空")));
        }
        if !rules.has_category(m.category.trim()) {
            issues.push(FieldIssue::new(
                &format!("matters[{i}].category"),
                format!("{which}事项类别必须是：{}", rules.categories.join("、")),
            ));
        }
        if m.first_responder.trim().is_empty() {
            issues
                .push(FieldIssue::new(&format!("matters[{i}].first_responder"), format!("{which}首问责任人不能为空")));
        }
    }
    match (station_id, channel, issues.is_empty()) {
        (Some(station_id), Some(channel), true) => {
            Ok(Checked { station_id, channel, received_at, citizens, head_count })
        }
        _ => Err(Error::InvalidFields(issues)),
    }
}

/// The series this installation mints matter codes in. Codes are minted per station and day by counting, and two
/// nodes counting the same station's day apart would mint the same code (and the second bundle to arrive would
/// be refused for it): the station's own PC numbers `XH-01-20260302-01`, `-02`…; the city office, which also
/// registers matters for a station (a call or letter to the office), numbers `XH-01-20260302-B01`, `-B02`… —
/// 「B」 for 机关. A store not yet set up (the demo, benchmarks) mints as the station does.
fn code_series(conn: &Connection) -> Result<&'static str> {
    let office = crate::setup::load(conn)?.is_some_and(|s| s.mode == crate::setup::Mode::Office);
    Ok(if office { "B" } else { "" })
}

/// How many matters already have a code of `series` starting with `prefix-` (minted per station and day).
pub(super) fn count_codes(conn: &Connection, prefix: &str, series: &str) -> Result<u32> {
    let pattern = if series.is_empty() { format!("{prefix}-[0-9]*") } else { format!("{prefix}-{series}*") };
    Ok(conn.query_row("SELECT COUNT(*) FROM matters WHERE code GLOB ?1", [pattern], |r| r.get(0))?)
}

/// The fields of a matter that acts need.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct MatterRef {
    /// Id.
    pub id: String,
    /// Code.
    pub code: String,
    /// Category (selects the time limits).
    pub category: String,
    /// The visit it was raised in.
    pub visit_id: String,
}

/// The matter with this id or code.
pub fn find_matter(conn: &Connection, id_or_code: &str) -> Result<MatterRef> {
    conn.prepare_cached("SELECT id, code, category, visit_id FROM matters WHERE id = ?1 OR code = ?1")?
        .query_row([id_or_code.trim()], |r| {
            Ok(MatterRef { id: r.get(0)?, code: r.get(1)?, category: r.get(2)?, visit_id: r.get(3)? })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("事项 {id_or_code}")))
}

/// The visit's citizens as stored (unmasked: callers mask before showing them).
pub(crate) fn citizens(conn: &Connection, visit_id: &str) -> Result<Vec<CitizenInput>> {
    let raw: String = conn.query_row("SELECT citizens FROM visits WHERE id = ?1", [visit_id], |r| r.get(0))?;
    serde_json::from_str(&raw).map_err(|e| Error::Internal(format!("visit {visit_id} citizens: {e}")))
}

/// Names the personal data of the visit's citizens found in `text` (a name, a phone number or an ID number), or
/// any run of 11 or more digits, which is a phone or ID number of someone.
pub(crate) fn personal_data_in(conn: &Connection, visit_id: &str, text: &str) -> Result<Option<String>> {
    for c in citizens(conn, visit_id)? {
        if c.name.chars().count() >= 2 && text.contains(&c.name) {
            return Ok(Some(format!("群众姓名“{}”", c.name)));
        }
    }
    let longest_digits = text.split(|ch: char| !ch.is_ascii_digit()).map(str::len).max().unwrap_or(0);
    Ok((longest_digits >= 11).then(|| "电话或身份证号码".to_owned()))
}
