//! 意见建议办理结果公开清单: the matters published (公开) whose citizens came in the period, with what was published,
//! the units that handled them, when they were finished and published, and the citizen's rating — for the notice
//! board, the website or a standing-committee report.
//!
//! The list carries **no personal data at all**: no citizen's name, phone, address or ID number, and no matter
//! title or detail (a clerk's words may name people). Its text is the summary recorded by the 公开 act, which the
//! recorder checks against the citizens of the matter's visit before accepting it
//! ([`crate::workflow::visits::personal_data_in`]); the other columns are the station, category, units and dates.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::matters::{day, milestones, units_cell};
use super::visits::{matter_ids, visits_in};
use super::{LedgerScope, headers, numbered, station_names, title};
use crate::error::Result;
use crate::tabular::TableOut;
use crate::workflow::state::Outcome;
use crate::workflow::{self, Event, MatterView, units};

/// The sheet and the list's name.
pub const PUBLICATION_LIST: &str = "意见建议办理结果公开清单";

/// The columns.
pub const PUBLICATION_HEADERS: [&str; 8] =
    ["序号", "联络站", "类别", "公开内容", "承办单位", "办结日期", "公开日期", "群众评价"];

/// 意见建议办理结果公开清单 for the scope, as of `now`.
pub fn publication_list(conn: &Connection, scope: &LedgerScope, now: DateTime<Utc>) -> Result<TableOut> {
    let stations = station_names(conn)?;
    let title = title(conn, scope, &stations, PUBLICATION_LIST)?;
    let units: HashMap<String, String> = units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect();
    let mut rows = Vec::new();
    for visit in visits_in(conn, scope)? {
        for id in matter_ids(conn, &visit.id)? {
            let view = workflow::show(conn, &id, now)?;
            if let Some((summary, published_on)) = published(&view) {
                let station = stations.get(&view.summary.station_code).unwrap_or(&view.summary.station_code);
                let m = milestones(&view.timeline);
                rows.push(vec![
                    station.clone(),
                    view.summary.category.clone(),
                    summary,
                    units_cell(view.summary.lead_unit.as_deref(), &view.co_units, &units),
                    day(m.finished.map(|(_, on)| on)),
                    day(Some(published_on)),
                    m.rating.unwrap_or_default().to_owned(),
                ]);
            }
        }
    }
    Ok(TableOut {
        sheet: PUBLICATION_LIST.into(),
        title: Some(title),
        headers: headers(&PUBLICATION_HEADERS),
        rows: numbered(rows),
        text_columns: Vec::new(),
    })
}

/// The last applied publication of the matter: its text and day.
fn published(view: &MatterView) -> Option<(String, NaiveDate)> {
    view.timeline.iter().rev().filter(|t| matches!(t.outcome, Outcome::Applied { .. })).find_map(|t| {
        match &t.recorded.event {
            Event::Published { summary } => Some((summary.trim().to_owned(), t.recorded.on())),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Period;
    use crate::testing::{small_roster, temp_store};
    use crate::workflow::units::UnitInput;
    use crate::workflow::{Rating, act, register};

    #[test]
    fn only_published_matters_are_listed_and_no_personal_data_or_title_appears() {
        let mut t = temp_store();
        small_roster(&mut t.store);
        // Two matters; the first one's title names the citizen, which must never reach the list.
        let mut visit = crate::testing::one_matter_visit("13912345678");
        visit.citizens[0].address = "光明路12号".into();
        visit.matters[0].title = "李秀英家门口路灯不亮".into();
        let mut rubbish = visit.matters[0].clone();
        rubbish.title = "垃圾清运不及时".into();
        visit.matters.push(rubbish);
        let published = "光明路路灯已全部修复";
        t.store
            .write("clerk", |w| {
                units::save(
                    w,
                    &UnitInput {
                        code: "ZJJ".into(), name: "住建局".into(), kind: "部门".into(), ..Default::default()
                    },
                )?;
                let codes: Vec<String> = register(w, &visit)?.matters.into_iter().map(|m| m.code).collect();
                let (lamp, rubbish) = (&codes[0], &codes[1]);
                act(w, lamp, Event::RoutedForAssignment { limit: None })?;
                let assign = Event::Assigned {
                    lead: "ZJJ".into(),
                    co: vec![],
                    due_on: None,
                    reason: String::new(),
                    limit: None,
                    return_window: None,
                };
                act(w, lamp, assign)?;
                act(w, lamp, Event::Accepted { unit: "ZJJ".into() })?;
                act(
                    w,
                    lamp,
                    Event::Replied { text: "已修复".into(), not_competent: false, competent_body: String::new() },
                )?;
                act(w, lamp, Event::Finished { summary: "已修复".into(), limit: None, lookback: None })?;
                let told = Event::FedBack {
                    how: "电话".into(),
                    told_on: None,
                    deputy_told: false,
                    unreachable_reason: String::new(),
                };
                act(w, lamp, told)?;
                act(w, lamp, Event::Rated { rating: Rating::Satisfied, reason: String::new(), limit: None })?;
                // Personal data in the published text is refused before anything is written.
                let leaky = Event::Published { summary: "已电话告知李秀英（13912345678）".into() };
                assert!(act(w, lamp, leaky).is_err());
                act(w, lamp, Event::Published { summary: published.into() })?;
                act(w, rubbish, Event::AnsweredOnSpot { answer: "已通知环卫所".into(), limit: None, lookback: None })?;
                Ok(())
            })
            .unwrap();
        let scope = LedgerScope { station_code: None, period: Period::year(2026).unwrap() };
        let table = publication_list(t.store.conn(), &scope, t.store.deps().clock.now()).unwrap();
        assert_eq!(table.rows.len(), 1, "only the published matter: {:?}", table.rows);
        assert_eq!(
            table.rows[0][1..],
            [
                "新华区光明路街道人大代表联络站".to_owned(),
                "城乡建设".into(),
                published.into(),
                "牵头：住建局".into(),
                "2026-03-02".into(),
                "2026-03-02".into(),
                "满意".into(),
            ]
        );
        let texts = table.rows.iter().flatten().chain(table.title.iter()).chain(&table.headers);
        for text in texts {
            for private in ["李秀英", "13912345678", "光明路12号", "路灯不亮", "张明新"] {
                assert!(!text.contains(private), "{private} in {text:?}");
            }
        }
    }
}
