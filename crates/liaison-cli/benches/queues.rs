//! divan benchmarks of the 工作台 queues and the matter list on the demo city's year ([`Volume::DEMO`], ≈2,600
//! matters: quick to build, so these run in seconds). `liaison bench queues` reports the city-year figures
//! (≈80,000 matters) with percentiles and the targets. Run: `cargo bench -p liaison-cli --bench queues`.
//!
//! [`Volume::DEMO`]: liaison_demo::visits::Volume::DEMO

use std::sync::{Arc, Mutex, OnceLock};

use liaison_cli::bench::queues::city_year_now;
use liaison_core::Store;
use liaison_core::clock::{FakeClock, SeededEntropy};
use liaison_core::store::Deps;
use liaison_core::workflow::{self, MatterFilter, QueueKey, QueueScope};
use liaison_demo::DemoOptions;

fn main() {
    divan::main();
}

struct Fixture {
    store: Mutex<Store>,
    busiest: String,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let deps = Deps { clock: Arc::new(FakeClock::at(city_year_now())), entropy: Arc::new(SeededEntropy::new(1)) };
        let mut store = Store::open_with(&dir.path().join("queues.db"), deps).unwrap();
        liaison_demo::generate(&mut store, &DemoOptions::default()).unwrap();
        let busiest = store
            .conn()
            .query_row(
                "SELECT p.code FROM matters m JOIN visits v ON v.id = m.visit_id JOIN platforms p ON p.id = v.station_id
                  GROUP BY p.code ORDER BY COUNT(*) DESC, p.code LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        Fixture { store: Mutex::new(store), busiest, _dir: dir }
    })
}

#[divan::bench]
fn queues_whole_city(bencher: divan::Bencher) {
    let store = fixture().store.lock().unwrap();
    bencher.bench_local(|| workflow::queues(store.conn(), &QueueScope::All, city_year_now()).unwrap());
}

#[divan::bench]
fn queues_busiest_station(bencher: divan::Bencher) {
    let f = fixture();
    let store = f.store.lock().unwrap();
    let scope = QueueScope::Station(f.busiest.clone());
    bencher.bench_local(|| workflow::queues(store.conn(), &scope, city_year_now()).unwrap());
}

#[divan::bench(args = [None, Some(QueueKey::Overdue)])]
fn list_busiest_station(bencher: divan::Bencher, queue: Option<QueueKey>) {
    let f = fixture();
    let store = f.store.lock().unwrap();
    let filter = MatterFilter { station_code: Some(f.busiest.clone()), queue, ..MatterFilter::default() };
    bencher.bench_local(|| workflow::list(store.conn(), &filter, city_year_now()).unwrap());
}
