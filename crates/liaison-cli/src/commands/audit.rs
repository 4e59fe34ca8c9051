//! `liaison audit`: the latest audited actions (reveals of personal data, setup changes, operator management),
//! newest first, for the office to answer who looked at what and why.

use liaison_core::Store;
use liaison_core::audit::recent;

use crate::Failure;

pub(super) fn run(store: &Store, action: Option<&str>, limit: u32, json: bool) -> Result<(), Failure> {
    let records = recent(store.conn(), action, limit)?;
    crate::output::emit(json, &records, |records| {
        if records.is_empty() {
            println!("没有审计记录 no audit records");
        }
        for r in records {
            println!("{}  {}  {}  {} {}  {}", r.at, r.operator, r.action, r.entity, r.entity_id, r.detail);
        }
    })
}
