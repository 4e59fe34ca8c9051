//! `liaison stats`: the roster's numbers.

use liaison_core::Store;
use liaison_core::stats::roster_stats;

use crate::Failure;

pub(super) fn run(store: &Store, json: bool) -> Result<(), Failure> {
    let stats = roster_stats(store.conn())?;
    crate::output::emit(json, &stats, |s| {
        println!("在任代表 serving deputies: {}", s.deputies_serving);
        for c in &s.deputies_by_level {
            println!("  {:<6} {:>6}", c.label, c.count);
        }
        println!("  领导干部代表 leading cadres: {}   企业家代表 entrepreneurs: {}", s.leading_cadres, s.entrepreneurs);
        println!(
            "编组进站 station coverage: {} / {} = {:.1}%",
            s.deputies_assigned, s.deputies_serving, s.coverage_percent
        );
        println!("平台 open platforms: {}", s.platforms_open);
        for c in &s.platforms_by_kind {
            println!("  {:<8} {:>5}", c.label, c.count);
        }
        println!("星级联络站 star stations: 市级 city {}，省级 province {}", s.star_city, s.star_province);
        println!("县（市、区） counties:");
        for c in &s.counties {
            println!("  {:<14} 平台 {:>4}  代表 {:>6}", c.county, c.platforms, c.deputies);
        }
    })
}
