//! 交办单: what one handling unit has been given and still owes an answer on — each matter it leads (主办) or
//! co-handles (协办) that is 已交办, 已签收, 办理中 or 重新办理 — with the issuing office and the day, for the
//! office to print and send with its letter. No citizen data: titles and details are redacted.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::held::{HeldMatter, awaiting_reply, held};
use super::office_name;
use crate::error::{Error, Result};
use crate::workflow::deadlines::china_date;
use crate::workflow::units;

/// One matter on a unit's sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DispatchLine {
    /// The matter.
    pub matter: HeldMatter,
    /// 主办 or 协办.
    pub role: &'static str,
    /// The other units on it, by name: the lead unit (for a co-handler) and the co-handlers.
    pub partners: Vec<String>,
}

/// One unit's 交办单.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DispatchSheet {
    /// The issuing office.
    pub office: String,
    /// The unit's code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// The day the sheet is made (China's date).
    pub date: NaiveDate,
    /// Its matters, oldest 交办 first.
    pub lines: Vec<DispatchLine>,
}

/// The 交办单 of the unit with this code (or name) as of `now`.
pub fn dispatch_sheet(conn: &Connection, unit: &str, now: DateTime<Utc>) -> Result<DispatchSheet> {
    let names: BTreeMap<String, String> = units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect();
    let unit_code = names
        .iter()
        .find(|(code, name)| *code == unit.trim() || *name == unit.trim())
        .map(|(code, _)| code.clone())
        .ok_or_else(|| Error::NotFound(format!("承办单位 {unit}")))?;
    let holds = |code: &Option<String>, co: &[String]| code.as_deref() == Some(&unit_code) || co.contains(&unit_code);
    let matters = held(conn, now, |folded, _| awaiting_reply(folded) && holds(&folded.lead, &folded.co))?;
    let name_of = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_owned());
    let mut lines: Vec<DispatchLine> = matters
        .into_iter()
        .map(|matter| {
            let lead = matter.lead.as_deref() == Some(unit_code.as_str());
            let partners = matter
                .lead
                .iter()
                .chain(&matter.co)
                .filter(|code| **code != unit_code)
                .map(|code| {
                    if matter.lead.as_ref() == Some(code) {
                        format!("{}（主办）", name_of(code))
                    } else {
                        name_of(code)
                    }
                })
                .collect();
            DispatchLine { role: if lead { "主办" } else { "协办" }, partners, matter }
        })
        .collect();
    lines.sort_by(|a, b| {
        a.matter.assigned_on.cmp(&b.matter.assigned_on).then_with(|| a.matter.code.cmp(&b.matter.code))
    });
    Ok(DispatchSheet {
        office: office_name(conn)?,
        unit_name: name_of(&unit_code),
        unit_code,
        date: china_date(now),
        lines,
    })
}
