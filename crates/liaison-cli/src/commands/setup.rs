//! `liaison setup show|station|office`.

use liaison_core::Store;
use liaison_core::operators::Session;
use liaison_core::setup::{self, InstallationSetup};

use super::secrets::Secrets;
use crate::Failure;
use crate::args::{SetupArgs, SetupCommand};

pub(super) fn run(
    store: &mut Store,
    cmd: &SetupCommand,
    operator: &str,
    secrets: &dyn Secrets,
    json: bool,
) -> Result<(), Failure> {
    let saved = setup::load(store.conn())?;
    let (wanted, common) = match cmd {
        SetupCommand::Show => return crate::output::emit(json, &saved, print_setup),
        SetupCommand::Station { code, name, common } => {
            let name = name.clone().unwrap_or_default();
            (InstallationSetup::station(code.clone(), name, String::new()), common)
        }
        SetupCommand::Office { common } => (InstallationSetup::office(String::new()), common),
    };
    let wanted = keep_saved(wanted, common, saved.as_ref());
    let session = super::operator::signed_in(store, &common.auth, secrets)?;
    // Before any operator exists the CLI's --operator name is recorded; afterwards the administrator's.
    let writer = session.as_ref().map_or_else(|| operator.to_owned(), Session::operator);
    let saved = store.write(&writer, |w| setup::save(w, session.as_ref(), &wanted))?;
    crate::output::emit(json, &Some(saved), print_setup)
}

/// Options left out keep their saved values.
fn keep_saved(
    mut wanted: InstallationSetup,
    common: &SetupArgs,
    saved: Option<&InstallationSetup>,
) -> InstallationSetup {
    wanted.city_name = common.city.clone().or_else(|| saved.map(|s| s.city_name.clone())).unwrap_or_default();
    wanted.idle_lock_minutes = common
        .idle_lock_minutes
        .or_else(|| saved.map(|s| s.idle_lock_minutes))
        .unwrap_or(InstallationSetup::DEFAULT_IDLE_LOCK_MINUTES);
    wanted
}

fn print_setup(setup: &Option<InstallationSetup>) {
    let Some(s) = setup else {
        println!("尚未完成首次设置 first-run setup not done (use `liaison setup station` or `liaison setup office`)");
        return;
    };
    println!("模式 mode: {}", s.mode.label());
    if let Some(code) = &s.station_code {
        println!("联络站编码 station code: {code}");
    }
    if !s.station_name.is_empty() {
        println!("联络站名称 station name: {}", s.station_name);
    }
    if !s.city_name.is_empty() {
        println!("城市 city: {}", s.city_name);
    }
    println!("自动锁定 idle lock: {} 分钟 minutes", s.idle_lock_minutes);
}
