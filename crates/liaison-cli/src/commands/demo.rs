//! `liaison demo`: fill the database with the synthetic city.

use liaison_core::Store;
use liaison_demo::{DemoOptions, generate};

use crate::Failure;

/// The demo city is always recorded as made by the operator "demo", whoever runs the command.
pub(super) fn run(store: &mut Store, seed: u64, scale: u32, json: bool) -> Result<(), Failure> {
    if scale == 0 {
        return Err(Failure::user("--scale must be at least 1"));
    }
    let started = std::time::Instant::now();
    let summary = generate(store, &DemoOptions { seed, scale })?;
    let seconds = started.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "regions": summary.regions, "platforms": summary.platforms, "deputies": summary.deputies, "seconds": seconds
    });
    crate::output::emit(json, &report, |_| {
        println!(
            "演示数据已生成 demo city written: {} 个区域 regions, {} 个平台 platforms, {} 名代表 deputies ({seconds:.1} s)",
            summary.regions, summary.platforms, summary.deputies
        );
    })
}
