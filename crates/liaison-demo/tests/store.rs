//! Writing the scale-1 demo city into a real store: the roster's numbers come out as the city reports them, and
//! search finds 张明新 by his initials.

use std::time::Instant;

use liaison_core::Store;
use liaison_core::search::{self, DocKind};
use liaison_core::stats::roster_stats;
use liaison_demo::{DemoOptions, OPERATOR, generate, plan, write};

#[test]
fn the_demo_city_in_a_store_has_the_reported_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    let opts = DemoOptions { seed: 1, scale: 1, visits: false };
    let city = plan(&opts);

    let started = Instant::now();
    let summary = write(&mut store, &city, OPERATOR).unwrap();
    eprintln!(
        "wrote {} regions, {} platforms, {} deputies in {:.2?}",
        summary.regions,
        summary.platforms,
        summary.deputies,
        started.elapsed()
    );
    assert_eq!(
        (summary.regions, summary.platforms, summary.deputies),
        (city.regions.len(), city.platforms.len(), city.deputies.len())
    );

    let stats = roster_stats(store.conn()).unwrap();
    assert!(stats.deputies_serving >= 9_000, "{}", stats.deputies_serving);
    let planned_serving = city.deputies.iter().filter(|d| d.ended_on.is_none()).count();
    assert_eq!(stats.deputies_serving, planned_serving as i64);
    assert_eq!(stats.coverage_percent, 100.0);
    assert_eq!(stats.deputies_assigned, stats.deputies_serving);
    assert_eq!(stats.star_city, 52);
    assert_eq!(stats.star_province, 10);
    assert_eq!(stats.platforms_open, 273);
    assert!(stats.platforms_by_kind.iter().all(|k| k.count > 0), "{:?}", stats.platforms_by_kind);
    assert_eq!(stats.counties.len(), 13);
    assert!(stats.counties.iter().all(|c| c.platforms > 0 && c.deputies > 0), "{:?}", stats.counties);
    let leading = stats.leading_cadres as f64 / stats.deputies_serving as f64;
    assert!((0.13..=0.17).contains(&leading), "{leading}");

    let hits = search::search(store.conn(), "zmx", &Default::default()).unwrap();
    assert!(hits.iter().any(|h| h.kind == DocKind::Deputy && h.name == "张明新"), "{hits:?}");
    eprintln!("search \"zmx\": {} hits", hits.len());
    for (typed, surname) in [("shan", "单"), ("zeng", "曾"), ("ou", "区"), ("yuchi", "尉迟"), ("moqi", "万俟")] {
        let hits = search::search(store.conn(), typed, &Default::default()).unwrap();
        assert!(hits.iter().any(|h| h.name.starts_with(surname)), "{typed} finds no {surname}…: {hits:?}");
    }

    // The same plan again changes nothing (and breaks no rule): generate() is safe to re-run.
    let changes =
        |store: &Store| -> i64 { store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap() };
    let before = changes(&store);
    let started = Instant::now();
    generate(&mut store, &opts).unwrap();
    eprintln!("re-ran generate (no changes) in {:.2?}", started.elapsed());
    assert_eq!(changes(&store), before);
}
