//! Every kept summary equals what a fresh fold of the matter's events computes — after random sequences of acts
//! on several matters (assignments with limits and 退办 windows, extensions, 退办, replies, ratings, refusals), after
//! an event imported from another node, and after a rebuild — and the ranking counted from the summaries equals the
//! ranking counted by folding every matter.

use std::collections::BTreeMap;

use chrono::Duration;
use serde_json::json;

use super::*;
use crate::calendar::Calendar;
use crate::changelog::{Change, EntityKind, Fields, Op};
use crate::hlc::Hlc;
use crate::testing::TestStore;
use crate::workflow::deadlines::china_date;
use crate::workflow::model::{Event, Rating};
use crate::workflow::ranking::{figures, ranking};
use crate::workflow::tests::{sample, store, visit_input};
use crate::workflow::{act, register};

/// A small deterministic generator (the test must not depend on a crate's random stream changing).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % n as u64).unwrap()
    }
}

/// The acts drawn from: the sample events, plus assignments and extensions that carry limits and windows.
fn acts() -> Vec<Event> {
    let assigned = |lead: &str, co: &[&str]| Event::Assigned {
        lead: lead.into(),
        co: co.iter().map(|c| (*c).to_owned()).collect(),
        due_on: None,
        reason: "改派".into(),
        limit: Some(Limit::working_days(5)),
        return_window: Some(Limit::working_days(2)),
    };
    let mut out: Vec<Event> = [
        "routed",
        "assigned",
        "accepted",
        "returned",
        "handling",
        "replied",
        "extended",
        "finished",
        "fed_back",
        "rated_ok",
        "rated_bad",
        "looked_back",
        "archived",
        "suggestion",
    ]
    .into_iter()
    .map(sample)
    .collect();
    out.extend([
        assigned("ZJJ", &["JTJ"]),
        assigned("JTJ", &[]),
        assigned("YSZ", &["ZJJ"]),
        Event::Accepted { unit: "JTJ".into() },
        Event::Accepted { unit: "YSZ".into() },
        Event::Returned { unit: "JTJ".into(), reason: "非本单位职责".into(), limit: None },
        Event::Extended { reason: "需招标".into(), approver: "站长".into(), limit: Some(Limit::working_days(3)) },
        Event::Rated { rating: Rating::BasicallySatisfied, reason: String::new(), limit: None },
        Event::Replied { text: "不属本单位".into(), not_competent: true, competent_body: String::new() },
    ]);
    out
}

/// Every matter's kept row against a fresh fold of its events.
fn assert_every_row_is_fresh(ts: &TestStore) {
    let conn = ts.store.conn();
    let all = events::load_all(conn).unwrap();
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM matter_summaries", [], |r| r.get(0)).unwrap();
    assert_eq!(usize::try_from(rows).unwrap(), all.len(), "one row per matter with events");
    for (matter_id, events) in &all {
        assert_eq!(read(conn, matter_id).unwrap().as_ref(), Some(&compute(events)), "matter {matter_id}");
    }
}

/// An event of `matter_id` as another node would send it, stamped after everything here.
fn imported_event(ts: &TestStore, matter_id: &str, event: &Event) -> Change {
    let last: i64 = ts.store.conn().query_row("SELECT MAX(hlc) FROM matter_events", [], |r| r.get(0)).unwrap();
    let mut fields = Fields::new();
    fields.insert("matter_id".into(), json!(matter_id));
    fields.insert("kind".into(), json!(event.kind()));
    fields.insert("at".into(), json!(ts.store.deps().clock.now().to_rfc3339()));
    fields.insert("operator".into(), json!("站点文书"));
    fields.insert("payload".into(), json!(serde_json::to_string(event).unwrap()));
    Change {
        node_id: "station-node".into(),
        hlc: Hlc(last + 1),
        entity: EntityKind::MatterEvent,
        entity_id: format!("imported-{matter_id}"),
        op: Op::Insert,
        fields,
        operator: "站点文书".into(),
        bases: Default::default(),
    }
}

#[test]
fn every_kept_summary_equals_a_fresh_fold_after_random_acts_an_import_and_a_rebuild() {
    let acts = acts();
    for seed in 1..=6u64 {
        let mut ts = store();
        let mut rng = Lcg(seed);
        let matters: Vec<String> = ts
            .store
            .write("clerk", |w| register(w, &visit_input(4)))
            .unwrap()
            .matters
            .into_iter()
            .map(|m| m.id)
            .collect();
        for _ in 0..120 {
            let matter = &matters[rng.below(matters.len())];
            // Mostly an act the matter's state allows (so matters live long), sometimes any act (refused).
            let state = fold(&events::load(ts.store.conn(), matter).unwrap());
            let allowed: Vec<&Event> = acts.iter().filter(|e| state.check(e).is_ok()).collect();
            let event = match rng.below(5) {
                0 => acts[rng.below(acts.len())].clone(),
                _ if allowed.is_empty() => continue,
                _ => allowed[rng.below(allowed.len())].clone(),
            };
            // A refused act writes nothing; the sequence goes on, as a clerk's would.
            let _ = ts.store.write("clerk", |w| act(w, matter, event));
            ts.clock.advance_ms(Duration::hours(i64::try_from(rng.below(40)).unwrap()).num_milliseconds());
        }
        assert_every_row_is_fresh(&ts);

        // A station's reply arrives through sync: the projection refreshes the row in the import's transaction.
        let target = &matters[0];
        let reply = sample("replied");
        let change = imported_event(&ts, target, &reply);
        ts.store.write("sync", |w| w.apply_remote(&change)).unwrap();
        assert_every_row_is_fresh(&ts);
        let events = events::load(ts.store.conn(), target).unwrap();
        assert_eq!(events.last().map(|e| &e.event), Some(&reply), "seed {seed}: the import is the matter's last event");

        // A damaged row is repaired by a rebuild; an emptied table is refilled on open.
        ts.store.conn().execute("UPDATE matter_summaries SET fold = '{}', tally = NULL", []).unwrap();
        let rebuilt = ts.store.write("office", rebuild).unwrap();
        assert_eq!(rebuilt, matters.len());
        assert_every_row_is_fresh(&ts);
        let mut conn = Connection::open(ts.store.path()).unwrap();
        conn.execute("DELETE FROM matter_summaries", []).unwrap();
        fill_if_empty(&mut conn).unwrap();
        assert_every_row_is_fresh(&ts);

        // The ranking counted from the summaries is the ranking counted by folding every matter.
        let now = ts.store.deps().clock.now();
        let year = Period::year(2026).unwrap();
        let all: Vec<_> = events::load_all(ts.store.conn()).unwrap().into_values().collect();
        let calendar = Calendar::load(ts.store.conn()).unwrap();
        let folded = figures(&all, &year, &calendar, china_date(now));
        let kept: BTreeMap<_, _> = ranking(ts.store.conn(), &year, now)
            .unwrap()
            .into_iter()
            .filter(|r| r.figures != Default::default())
            .map(|r| (r.unit_code, r.figures))
            .collect();
        assert!(folded.values().any(|f| f.received > 0), "seed {seed}: the random acts assigned something");
        assert_eq!(kept, folded, "seed {seed}");
    }
}
