//! 催办通知 and 督办通知: one notice per handling unit for the matters it leads that are past their handling due
//! date, copied (抄送) to the bodies of the escalation ladder's levels those matters reached.
//!
//! As a Chinese office words it: at the ladder's first level after the due date (the station head by default) the
//! office **urges** (催办); once any of the unit's matters went further up (the county's or the city's standing
//! committee) the notice is a **supervision notice** (督办) — one notice per unit either way, so a unit reads one
//! letter with all its overdue matters and each matter's level beside it.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::held::{HeldMatter, held};
use super::office_name;
use crate::error::Result;
use crate::workflow::deadlines::china_date;
use crate::workflow::queues::QueueKey;
use crate::workflow::rules::Rules;
use crate::workflow::state::Step;
use crate::workflow::units;

/// Which notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NoticeKind {
    /// 催办通知: the matters reached no level above the first one after their due date.
    Urge,
    /// 督办通知: at least one matter reached a higher level.
    Supervise,
}

impl NoticeKind {
    /// "催办通知" or "督办通知".
    pub fn title(self) -> &'static str {
        match self {
            NoticeKind::Urge => "催办通知",
            NoticeKind::Supervise => "督办通知",
        }
    }
}

/// One unit's notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupervisionNotice {
    /// 催办 or 督办.
    pub kind: NoticeKind,
    /// The issuing office.
    pub office: String,
    /// The unit's code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// The day of the notice (China's date).
    pub date: NaiveDate,
    /// Its overdue matters, most overdue first.
    pub matters: Vec<HeldMatter>,
    /// 抄送: the bodies of the levels its matters reached, lowest first.
    pub copy_to: Vec<String>,
}

impl SupervisionNotice {
    /// The most working days any of its matters is overdue.
    pub fn most_overdue(&self) -> i64 {
        self.matters.iter().map(|m| m.overdue_working_days).max().unwrap_or(0)
    }

    /// The notice's text, addressed to the unit.
    pub fn body(&self) -> String {
        let (n, days) = (self.matters.len(), self.most_overdue());
        let ask = match self.kind {
            NoticeKind::Urge => {
                "请你单位抓紧办理，于收到本通知后3个工作日内将办理情况书面答复我办，并做好群众解释工作。"
            }
            NoticeKind::Supervise => {
                "现予督办。请你单位主要负责同志亲自过问，明确专人限时办结，于收到本通知后3个工作日内将办理情况和未按期办结的原因书面报送我办，并做好群众解释工作。"
            }
        };
        format!("经查，我办交由你单位主办的以下{n}件群众意见建议已超过办理期限，最长超期{days}个工作日。{ask}")
    }
}

/// The notices due today: one per unit leading a matter whose handling (or re-handling) is overdue, units in code
/// order. Overdue matters no unit holds are the station's or the office's own delay and get no notice.
pub fn supervision_notices(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<SupervisionNotice>> {
    let today = china_date(now);
    let overdue = held(conn, now, |folded, deadlines| {
        folded.lead.is_some()
            && matches!(folded.clock.as_ref().map(|c| c.step), Some(Step::Handle | Step::Rehandle))
            && QueueKey::Overdue.holds(folded, deadlines, today)
    })?;
    let ladder = Rules::load(conn)?.ladder;
    // The first level reached after the due date: 催办 there, 督办 above it.
    let urge_level = ladder.iter().find(|r| r.offset_working_days >= 0).map(|r| r.level);
    let names: BTreeMap<String, String> = units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect();
    let office = office_name(conn)?;
    let mut by_unit: BTreeMap<String, Vec<HeldMatter>> = BTreeMap::new();
    for m in overdue {
        by_unit.entry(m.lead.clone().unwrap_or_default()).or_default().push(m);
    }
    Ok(by_unit
        .into_iter()
        .map(|(unit_code, mut matters)| {
            matters
                .sort_by(|a, b| b.overdue_working_days.cmp(&a.overdue_working_days).then_with(|| a.code.cmp(&b.code)));
            let levels: Vec<u8> = matters.iter().filter_map(|m| m.escalation.as_ref().map(|e| e.level)).collect();
            let supervise = levels.iter().any(|l| urge_level.is_some_and(|u| *l > u));
            let copy_to = ladder
                .iter()
                .filter(|r| r.offset_working_days >= 0 && levels.contains(&r.level))
                .map(|r| r.name.clone())
                .collect();
            SupervisionNotice {
                kind: if supervise { NoticeKind::Supervise } else { NoticeKind::Urge },
                office: office.clone(),
                unit_name: names.get(&unit_code).cloned().unwrap_or_else(|| unit_code.clone()),
                unit_code,
                date: today,
                matters,
                copy_to,
            }
        })
        .collect())
}
