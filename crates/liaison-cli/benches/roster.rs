//! divan benchmarks of the roster's hot paths on the synthetic city (scale from `LIAISON_BENCH_SCALE`, default 1;
//! `liaison bench search --scale 10` reports the province figures with percentiles).
//! Run: `cargo bench -p liaison-cli --bench roster`.

use std::sync::OnceLock;

use liaison_core::Store;
use liaison_core::search::{SearchFilter, search};

fn main() {
    divan::main();
}

struct Fixture {
    store: std::sync::Mutex<Store>,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let scale = std::env::var("LIAISON_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
        let dir = tempfile::tempdir().unwrap();
        let (store, _, _) = liaison_cli::bench::build_city(dir.path(), scale).unwrap();
        Fixture { store: std::sync::Mutex::new(store), _dir: dir }
    })
}

#[divan::bench(args = ["张明新", "明新", "zhangmingxin", "zmx", "zhang mx", "wang", "D000123", "5678"])]
fn search_as_you_type(bencher: divan::Bencher, query: &str) {
    let store = fixture().store.lock().unwrap();
    let filter = SearchFilter { limit: Some(20), ..SearchFilter::default() };
    bencher.bench_local(|| search(store.conn(), divan::black_box(query), &filter).unwrap());
}

#[divan::bench(args = ["张明新", "尉迟敬德", "阿卜杜热合曼·买买提"])]
fn pinyin_spellings(name: &str) -> Vec<String> {
    liaison_core::search::pinyin::spellings(divan::black_box(name))
}
