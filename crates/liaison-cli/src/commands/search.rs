//! `liaison search`: find deputies and platforms.

use liaison_core::Store;
use liaison_core::changelog::EntityKind;
use liaison_core::roster::id_by_code;
use liaison_core::search::{DocKind, SearchFilter, search};

use crate::Failure;
use crate::args::SearchArgs;

pub(super) fn run(store: &Store, args: &SearchArgs, json: bool) -> Result<(), Failure> {
    let lookup = |kind: EntityKind, code: &Option<String>, what: &str| -> Result<Option<String>, Failure> {
        match code {
            None => Ok(None),
            Some(code) => id_by_code(store.conn(), kind, code)?
                .map(Some)
                .ok_or_else(|| Failure::user(format!("unknown {what} code {code}"))),
        }
    };
    let filter = SearchFilter {
        kinds: Vec::new(),
        level: args.level.map(Into::into),
        region_id: lookup(EntityKind::Region, &args.region, "region")?,
        station_id: lookup(EntityKind::Platform, &args.station, "station")?,
        leading_cadre: args.leading_cadre,
        entrepreneur: args.entrepreneur,
        include_inactive: args.all,
        limit: Some(args.limit),
    };
    let hits = search(store.conn(), &args.query, &filter)?;
    crate::output::emit(json, &hits, |hits| {
        if hits.is_empty() {
            println!("没有找到 no match for “{}”", args.query);
        }
        for h in hits {
            let kind = match h.kind {
                DocKind::Deputy => "代表",
                DocKind::Platform => "平台",
            };
            println!("{kind} {:<10} {:<8} {:<28} {} {}", h.code, h.name, h.context, h.phone, h.private_phone_masked);
        }
    })
}
