//! `liaison demo`: fill the database with the synthetic city.

use liaison_core::Store;
use liaison_demo::{DemoOptions, generate};

use crate::Failure;

pub(super) fn run(store: &mut Store, seed: u64, scale: u32, operator: &str, json: bool) -> Result<(), Failure> {
    if scale == 0 {
        return Err(Failure::user("--scale must be at least 1"));
    }
    let _ = operator; // the demo city is always recorded as made by "demo"
    let started = std::time::Instant::now();
    let summary = generate(store, &DemoOptions { seed, scale })?;
    let seconds = started.elapsed().as_secs_f64();
    crate::output::emit(json, &serde_json::json!({ "summary": summary, "seconds": seconds }), |_| {
        println!(
            "演示数据已生成 demo city written: {} 个区域 regions, {} 个平台 platforms, {} 名代表 deputies ({seconds:.1} s)",
            summary.regions, summary.platforms, summary.deputies
        );
    })
}
