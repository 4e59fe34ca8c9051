//! Buck-passing (推诿) signals per handling unit: for every unit, how many matters it was given (as lead or
//! co-handler) and the signals held against it — 退办 (late, without reason), matters taken from it and given to
//! another, bare "not our competence" replies — summed over the matters of one station or all of them, with the
//! signals found by [`super::signals::scan`], the same rules a matter's own signals use.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::events;
use super::model::Event;
use super::queues::Reading;
use super::signals::{UnitSignals, scan};
use super::state::Outcome;
use super::units;
use crate::error::Result;

/// One unit's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct UnitSignalRow {
    /// The unit's code.
    pub unit_code: String,
    /// Its name (the code when the roster does not know it).
    pub unit_name: String,
    /// Matters it was given, as lead or co-handler.
    pub matters: u32,
    /// Its signals.
    pub signals: UnitSignals,
    /// All of them.
    pub total: u32,
}

/// Every unit that was given a matter or has a signal, most signals first (then by name), over the matters of
/// `station_code` (or every station's).
pub fn unit_signals(conn: &Connection, station_code: Option<&str>, now: DateTime<Utc>) -> Result<Vec<UnitSignalRow>> {
    let reading = Reading::load(conn, now)?;
    let mut matters: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut signals: BTreeMap<String, UnitSignals> = BTreeMap::new();
    events::for_each_matter(conn, station_code, |matter_id, events| {
        let folded = super::state::fold(events);
        let applied = events.iter().zip(&folded.outcomes).filter(|(_, o)| matches!(o, Outcome::Applied { .. }));
        for (recorded, _) in applied {
            if let Event::Assigned { lead, co, .. } = &recorded.event {
                for unit in std::iter::once(lead).chain(co) {
                    matters.entry(unit.clone()).or_default().insert(matter_id.to_owned());
                }
            }
        }
        for hit in scan(events, &folded.outcomes, &reading.calendar) {
            if let Some(unit) = hit.unit().filter(|u| !u.is_empty()) {
                signals.entry(unit.to_owned()).or_default().add(&hit);
            }
        }
        Ok(())
    })?;
    let names: BTreeMap<String, String> = units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect();
    let codes: BTreeSet<&String> = matters.keys().chain(signals.keys()).collect();
    let mut rows: Vec<UnitSignalRow> = codes
        .into_iter()
        .map(|code| {
            let signals = signals.get(code).cloned().unwrap_or_default();
            UnitSignalRow {
                unit_code: code.clone(),
                unit_name: names.get(code).cloned().unwrap_or_else(|| code.clone()),
                matters: matters.get(code).map_or(0, |m| u32::try_from(m.len()).unwrap_or(u32::MAX)),
                total: signals.total(),
                signals,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.unit_name.cmp(&b.unit_name)));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::register;
    use crate::workflow::tests::{do_act, now, store, visit_input};

    fn assign(lead: &str, reason: &str) -> Event {
        Event::Assigned {
            lead: lead.into(),
            co: vec![],
            due_on: None,
            reason: reason.into(),
            limit: None,
            return_window: None,
        }
    }

    #[test]
    fn each_signal_is_held_against_the_unit_that_caused_it() {
        let mut ts = store();
        let code = ts.store.write("clerk", |w| register(w, &visit_input(1))).unwrap().matters[0].code.clone();
        do_act(&mut ts, &code, Event::RoutedForAssignment { limit: None });
        do_act(&mut ts, &code, assign("ZJJ", ""));
        let back = Event::Returned { unit: "ZJJ".into(), reason: "不属于本单位职责".into(), limit: None };
        do_act(&mut ts, &code, back);
        do_act(&mut ts, &code, assign("JTJ", ""));
        do_act(&mut ts, &code, Event::Accepted { unit: "JTJ".into() });
        do_act(&mut ts, &code, assign("YSZ", "属地管理，改由乡镇办理"));
        do_act(&mut ts, &code, Event::Accepted { unit: "YSZ".into() });
        let bare =
            Event::Replied { text: "非我单位职责".into(), not_competent: true, competent_body: String::new() };
        do_act(&mut ts, &code, bare);

        let rows = unit_signals(ts.store.conn(), None, now(&ts)).unwrap();
        let row = |code: &str| rows.iter().find(|r| r.unit_code == code).unwrap_or_else(|| panic!("{code}: {rows:?}"));
        assert_eq!((row("ZJJ").matters, row("ZJJ").signals.returns, row("ZJJ").total), (1, 1, 1));
        assert_eq!((row("JTJ").signals.reassigned_away, row("JTJ").total), (1, 1), "taken from JTJ after it accepted");
        assert_eq!((row("YSZ").signals.incompetence_without_body, row("YSZ").total), (1, 1));
        assert_eq!(row("ZJJ").unit_name, "住建局");
        assert_eq!(rows.len(), 3, "the unit that was never given a matter is not listed");
        assert!(unit_signals(ts.store.conn(), Some("NOPE"), now(&ts)).unwrap().is_empty());
    }
}
