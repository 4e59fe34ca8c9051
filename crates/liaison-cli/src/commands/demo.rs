//! `liaison demo`: fill the database with the synthetic city and (unless `--no-visits`) a year of its stations'
//! work: handling units, visits, matters and their events, then the duty rota, activities and leaders' visits.

use liaison_core::Store;
use liaison_demo::{DemoOptions, generate};

use crate::Failure;

/// The demo city is always recorded as made by the operator "demo", whoever runs the command.
pub(super) fn run(store: &mut Store, seed: u64, scale: u32, visits: bool, json: bool) -> Result<(), Failure> {
    if scale == 0 {
        return Err(Failure::user("--scale must be at least 1"));
    }
    let started = std::time::Instant::now();
    let summary = generate(store, &DemoOptions { seed, scale, visits })?;
    let seconds = started.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "regions": summary.regions, "platforms": summary.platforms, "deputies": summary.deputies,
        "units": summary.units, "visits": summary.visits, "matters": summary.matters, "events": summary.events,
        "rota": summary.rota, "activities": summary.activities, "attendance": summary.attendance,
        "leader_visits": summary.leader_visits, "seconds": seconds
    });
    crate::output::emit(json, &report, |_| {
        println!(
            "演示数据已生成 demo city written: {} 个区域 regions, {} 个平台 platforms, {} 名代表 deputies ({seconds:.1} s)",
            summary.regions, summary.platforms, summary.deputies
        );
        if visits {
            println!(
                "一年接待 a year of station work: {} 个承办单位 units, {} 次接待 visits, {} 件事项 matters, {} 个事件 events",
                summary.units, summary.visits, summary.matters, summary.events
            );
            println!(
                "进站履职 duty: {} 个值班安排 rota slots, {} 次活动 activities ({} 人次出勤记录 attendance), {} 次领导进站 leader visits",
                summary.rota, summary.activities, summary.attendance, summary.leader_visits
            );
        }
    })
}
