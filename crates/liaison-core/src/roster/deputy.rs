//! Deputies: who they are, their levels and terms, their station group (编组进站), their contacts.
//!
//! Rules enforced on save: a name and at least one level; a serving deputy belongs to exactly one station (and it
//! must exist and be open); phones and ID numbers are valid; no second deputy with the same name, birth month and
//! level (the usual way one person gets entered twice). The private phone and ID number are stored as given but
//! only ever leave the core masked, except through [`reveal_private`], which writes an audit record.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::kinds::{Gender, Level};
use super::{Saved, id_by_code, mask, save_by_code, validate};
use crate::changelog::{EntityKind, Fields};
use crate::error::{Error, FieldIssue, Result};
use crate::search;
use crate::store::Writer;

/// One level a deputy holds, with its term (届次), e.g. city, 12 → 市第十二届.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct LevelTerm {
    /// The congress level.
    pub level: Level,
    /// The term number, when known.
    #[serde(default)]
    pub term: Option<u16>,
}

/// Serving or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeputyStatus {
    /// In office.
    #[default]
    Serving,
    /// Term ended, resigned or removed.
    Ended,
}

impl DeputyStatus {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeputyStatus::Serving => "serving",
            DeputyStatus::Ended => "ended",
        }
    }
}

/// A deputy to save (from a form, a roster file or a sync bundle).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct DeputyInput {
    /// Deputy number; empty means "find by name, birth month and level, or allocate a new number".
    pub code: String,
    /// Name.
    pub name: String,
    /// Gender.
    pub gender: Option<Gender>,
    /// Ethnicity (民族), e.g. "汉族".
    pub ethnicity: String,
    /// Birth year-month, `YYYY-MM`.
    pub birth_month: String,
    /// Levels and terms (at least one).
    pub levels: Vec<LevelTerm>,
    /// Electoral district (选区) or electing unit.
    pub electoral_district: String,
    /// Code of the station group (编组进站); required while serving.
    pub station_code: Option<String>,
    /// Work unit.
    pub work_unit: String,
    /// Title at the work unit.
    pub title: String,
    /// 领导干部代表.
    pub leading_cadre: bool,
    /// 企业家代表.
    pub entrepreneur: bool,
    /// Contact shown publicly (on the QR card).
    pub public_contact: String,
    /// Private phone: stored, never shown unmasked without an audited reveal.
    pub private_phone: String,
    /// Resident ID number (optional, sensitive).
    pub id_number: String,
    /// When the deputy stopped serving; `None` while serving. (`YYYY-MM-DD` over IPC.)
    #[cfg_attr(feature = "ipc", specta(type = Option<String>))]
    pub ended_on: Option<NaiveDate>,
}

/// Checks a deputy against the rules that need no database, normalising phones and IDs in place. Every field
/// that fails is reported ([`Error::InvalidFields`]), so a form can show each message under its field.
pub fn check(input: &mut DeputyInput) -> Result<()> {
    let mut issues = Vec::new();
    input.name = input.name.trim().to_owned();
    if input.name.is_empty() {
        issues.push(FieldIssue::new("name", "代表姓名不能为空"));
    }
    let who = if input.name.is_empty() { "该代表".to_owned() } else { format!("代表“{}”", input.name) };
    if input.levels.is_empty() {
        issues.push(FieldIssue::new("levels", format!("{who}没有填写代表级别")));
    }
    input.levels.sort();
    if input.levels.windows(2).any(|w| w[0].level == w[1].level) {
        issues.push(FieldIssue::new("levels", format!("{who}的同一级别填写了两次")));
    }
    if !input.birth_month.is_empty() {
        normalize(&mut input.birth_month, "birth_month", validate::birth_month, &mut issues);
    }
    normalize(&mut input.public_contact, "public_contact", validate::phone, &mut issues);
    if !is_masked(&input.private_phone) {
        normalize(&mut input.private_phone, "private_phone", validate::phone, &mut issues);
    }
    if !is_masked(&input.id_number) {
        normalize(&mut input.id_number, "id_number", validate::id_number, &mut issues);
    }
    if input.ended_on.is_none() && input.station_code.as_deref().is_none_or(str::is_empty) {
        issues.push(FieldIssue::new("station_code", format!("在任{who}必须编入一个联络站（编组进站）")));
    }
    if issues.is_empty() { Ok(()) } else { Err(Error::InvalidFields(issues)) }
}

/// Replaces a non-empty `value` by its normalised form, or records why it is invalid.
fn normalize(
    value: &mut String,
    field: &str,
    rule: fn(&str) -> std::result::Result<String, String>,
    issues: &mut Vec<FieldIssue>,
) {
    if value.trim().is_empty() {
        value.clear();
        return;
    }
    match rule(value) {
        Ok(normal) => *value = normal,
        Err(reason) => issues.push(FieldIssue::new(field, reason)),
    }
}

/// A masked value (`138****5678`, as every list, export and form shows it) stands for "keep what is stored".
pub fn is_masked(value: &str) -> bool {
    value.contains(['*', '＊'])
}

/// Puts the stored private phone and ID number back where the input carries their masked form, refusing a masked
/// value that does not match what is stored (or a new deputy, who has nothing stored).
fn keep_masked_private(tx: &Transaction<'_>, input: &mut DeputyInput) -> Result<()> {
    if !is_masked(&input.private_phone) && !is_masked(&input.id_number) {
        return Ok(());
    }
    let stored: Option<(String, String)> = tx
        .prepare_cached("SELECT private_phone, id_number FROM deputies WHERE code = ?1")?
        .query_row([&input.code], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (phone, id) = stored.unwrap_or_default();
    let mut issues = Vec::new();
    for (value, stored, masked, field) in [
        (&mut input.private_phone, phone, mask::phone as fn(&str) -> String, "private_phone"),
        (&mut input.id_number, id, mask::id_number, "id_number"),
    ] {
        if !is_masked(value) {
            continue;
        }
        if stored.is_empty() || masked(&stored) != value.replace('＊', "*") {
            issues.push(FieldIssue::new(field, "这是脱敏后的号码，与已存的号码不符；请填写完整号码"));
        } else {
            *value = stored;
        }
    }
    if issues.is_empty() { Ok(()) } else { Err(Error::InvalidFields(issues)) }
}

/// Creates or updates a deputy. See the module docs for the rules.
pub fn save(w: &mut Writer<'_>, input: &DeputyInput) -> Result<Saved> {
    let mut input = input.clone();
    check(&mut input)?;
    keep_masked_private(w.tx(), &mut input)?;
    let station_id = match input.station_code.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => {
            let row: Option<(String, String)> = w
                .tx()
                .prepare_cached("SELECT id, status FROM platforms WHERE code = ?1")?
                .query_row([code], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match row {
                None => {
                    return Err(Error::InvalidFields(vec![FieldIssue::new(
                        "station_code",
                        format!("联络站编码 {code} 不存在"),
                    )]));
                }
                Some((_, status)) if status == "closed" && input.ended_on.is_none() => {
                    return Err(Error::InvalidFields(vec![FieldIssue::new(
                        "station_code",
                        format!("联络站 {code} 已关闭，不能编入在任代表"),
                    )]));
                }
                Some((id, _)) => Some(id),
            }
        }
    };
    let twin = find_twin(w.tx(), &input)?;
    if input.code.is_empty() {
        input.code = match &twin {
            Some((_, code)) => code.clone(),
            None => next_code(w.tx())?,
        };
    } else if let Some((_, code)) = twin.filter(|(_, c)| *c != input.code) {
        return Err(Error::Conflict(format!("已有同名、同出生年月、同级别的代表（编号 {code}），疑似重复录入")));
    }
    keep_known_terms(w.tx(), &mut input)?;
    let mut fields = Fields::new();
    fields.insert("code".into(), json!(input.code));
    fields.insert("name".into(), json!(input.name));
    fields.insert("gender".into(), json!(input.gender.map(Gender::as_str).unwrap_or("")));
    fields.insert("ethnicity".into(), json!(input.ethnicity));
    fields.insert("birth_month".into(), json!(input.birth_month));
    fields.insert("levels".into(), json!(input.levels));
    fields.insert("electoral_district".into(), json!(input.electoral_district));
    fields.insert("station_id".into(), json!(station_id));
    fields.insert("work_unit".into(), json!(input.work_unit));
    fields.insert("title".into(), json!(input.title));
    fields.insert("leading_cadre".into(), json!(input.leading_cadre));
    fields.insert("entrepreneur".into(), json!(input.entrepreneur));
    fields.insert("public_contact".into(), json!(input.public_contact));
    fields.insert("private_phone".into(), json!(input.private_phone));
    fields.insert("id_number".into(), json!(input.id_number));
    let status = if input.ended_on.is_some() { DeputyStatus::Ended } else { DeputyStatus::Serving };
    fields.insert("status".into(), json!(status.as_str()));
    fields.insert("ended_on".into(), json!(input.ended_on.map(|d| d.to_string())));
    save_by_code(w, EntityKind::Deputy, &input.code, fields)
}

/// A level given without its term keeps the term already stored for that level: a roster file without a 届次
/// column must not erase what is known.
fn keep_known_terms(tx: &Transaction<'_>, input: &mut DeputyInput) -> Result<()> {
    if input.levels.iter().all(|l| l.term.is_some()) {
        return Ok(());
    }
    let stored: Option<String> = tx
        .prepare_cached("SELECT levels FROM deputies WHERE code = ?1")?
        .query_row([&input.code], |r| r.get(0))
        .optional()?;
    let stored: Vec<LevelTerm> = stored.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
    for l in input.levels.iter_mut().filter(|l| l.term.is_none()) {
        l.term = stored.iter().find(|s| s.level == l.level).and_then(|s| s.term);
    }
    Ok(())
}

/// Another deputy with the same name and birth month who shares a level: (id, code).
fn find_twin(tx: &Transaction<'_>, input: &DeputyInput) -> Result<Option<(String, String)>> {
    if input.birth_month.is_empty() {
        return Ok(None);
    }
    let mut stmt = tx.prepare_cached(
        "SELECT d.id, d.code, l.level FROM deputies d JOIN deputy_levels l ON l.deputy_id = d.id
         WHERE d.name = ?1 AND d.birth_month = ?2",
    )?;
    let rows = stmt.query_map([&input.name, &input.birth_month], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    for row in rows {
        let (id, code, level) = row?;
        if input.levels.iter().any(|l| l.level.as_str() == level) {
            return Ok(Some((id, code)));
        }
    }
    Ok(None)
}

/// The next free deputy number: `D000001` at the office, `XH-01-D0001` at a station (see
/// [`super::numbering`]).
fn next_code(tx: &Transaction<'_>) -> Result<String> {
    super::numbering::next(tx, "deputies", 'D', 6)
}

/// A deputy's private data, unmasked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct PrivateData {
    /// Private phone.
    pub private_phone: String,
    /// ID number.
    pub id_number: String,
}

/// Reveals a deputy's private phone and ID number, recording who asked and why in the audit log.
/// Whether the operator may see them is the caller's check (roles arrive with operators).
pub fn reveal_private(w: &mut Writer<'_>, deputy_code: &str, reason: &str) -> Result<PrivateData> {
    if reason.trim().is_empty() {
        return Err(Error::Invalid("查看个人信息必须填写事由".into()));
    }
    let id = id_by_code(w.tx(), EntityKind::Deputy, deputy_code)?
        .ok_or_else(|| Error::NotFound(format!("代表编号 {deputy_code} 不存在")))?;
    let data = w.tx().query_row("SELECT private_phone, id_number FROM deputies WHERE id = ?1", [&id], |r| {
        Ok(PrivateData { private_phone: r.get(0)?, id_number: r.get(1)? })
    })?;
    w.audit("reveal", EntityKind::Deputy, &id, reason)?;
    Ok(data)
}

/// Projection hook: rebuild the level rows and the search document.
pub(crate) fn after_project(tx: &Transaction<'_>, id: &str, deleted: bool) -> Result<()> {
    tx.prepare_cached("DELETE FROM deputy_levels WHERE deputy_id = ?1")?.execute([id])?;
    if deleted {
        return search::index::mark_dirty(tx, search::DocKind::Deputy, id);
    }
    let raw: String = tx.prepare_cached("SELECT levels FROM deputies WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    let levels: Vec<LevelTerm> = serde_json::from_str(&raw).unwrap_or_default();
    let mut insert =
        tx.prepare_cached("INSERT OR REPLACE INTO deputy_levels (deputy_id, level, term) VALUES (?1, ?2, ?3)")?;
    for l in levels {
        insert.execute(rusqlite::params![id, l.level.as_str(), l.term])?;
    }
    search::index::mark_dirty(tx, search::DocKind::Deputy, id)
}
