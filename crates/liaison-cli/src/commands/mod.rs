//! One module per subcommand; [`run`] opens the store and dispatches.

mod attachment;
mod audit;
mod calendar;
mod demo;
mod dispatch;
#[cfg(test)]
mod documents_tests;
mod duty;
mod ledger;
mod matter;
mod operator;
mod qr;
mod qr_codes;
mod report;
mod roster;
mod search;
pub mod secrets;
mod setup;
mod stats;
mod sync;
mod unit;
mod visit;

use liaison_core::Store;
use liaison_core::paths::resolve_db_path;

use crate::Failure;
use crate::args::{Cli, Command};

/// Like [`crate::main_with_args`], with passwords from `secrets` instead of the environment or stdin: how tests
/// drive the commands that take passwords (environment variables are process-wide and tests run in parallel).
pub fn main_with_secrets<I, T>(args: I, secrets: &dyn secrets::Secrets) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match <Cli as clap::Parser>::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 1 } else { 0 };
        }
    };
    match run_with(&cli, secrets) {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("liaison: {}", f.message);
            f.exit_code
        }
    }
}

/// Runs the parsed command, reading passwords from the environment or stdin.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    run_with(cli, &secrets::EnvOrStdin)
}

/// Runs the parsed command with passwords from `secrets` (tests pass them in directly).
pub fn run_with(cli: &Cli, secrets: &dyn secrets::Secrets) -> Result<(), Failure> {
    if let Command::Bench { what, scale, queries, runs } = &cli.command {
        return crate::bench::run(*what, *scale, *queries, *runs, cli.db.as_deref(), cli.json);
    }
    let path = resolve_db_path(cli.db.clone());
    let (deps, test_clock) = liaison_core::store::Deps::for_process();
    if let Some(file) = test_clock {
        eprintln!("test clock: the time comes from {}", file.display());
    }
    let mut store = Store::open_with(&path, deps)?;
    let operator = operator(cli);
    match &cli.command {
        Command::Init => {
            crate::output::emit(cli.json, &serde_json::json!({ "db": path, "node_id": store.node_id() }), |_| {
                println!("数据库 database: {}\n节点 node: {}", path.display(), store.node_id())
            })
        }
        Command::Demo { seed, scale, no_visits } => demo::run(&mut store, *seed, *scale, !*no_visits, cli.json),
        Command::Roster(cmd) => roster::run(&mut store, cmd, &operator, secrets, cli.json),
        Command::Search(args) => search::run(&store, args, cli.json),
        Command::Stats => stats::run(&store, cli.json),
        Command::Calendar(cmd) => calendar::run(&mut store, cmd, &operator, cli.json),
        Command::Visit(cmd) => visit::run(&mut store, cmd, &operator, cli.json),
        Command::Matter(cmd) => matter::run(&mut store, cmd, &operator, cli.json),
        Command::Attachment(cmd) => attachment::run(&mut store, cmd, &operator, cli.json),
        Command::Ledger(cmd) => ledger::run(&store, cmd, cli.json),
        Command::Unit(cmd) => unit::run(&mut store, cmd, &operator, cli.json),
        Command::Duty(cmd) => duty::run(&mut store, cmd, &operator, cli.json),
        // verify, keygen, url and codes (the QR side) write settings or a zip; the PDF ones are in `qr`.
        Command::Qr(cmd) if qr_codes::handles(cmd) => qr_codes::run(&mut store, cmd, &operator, secrets, cli.json),
        Command::Qr(cmd) => qr::run(&store, cmd, cli.json),
        Command::Dispatch(cmd) => dispatch::run(&store, cmd, cli.json),
        Command::Report(args) => report::run(&store, args, cli.json),
        Command::Sync(cmd) => sync::run(&mut store, cmd, &operator, secrets, cli.json),
        Command::Audit { action, limit } => audit::run(&store, action.as_deref(), *limit, cli.json),
        Command::Operator(cmd) => operator::run(&mut store, cmd, secrets, cli.json),
        Command::Setup(cmd) => setup::run(&mut store, cmd, &operator, secrets, cli.json),
        Command::Bench { .. } => unreachable!("handled above"),
    }
}

/// The operator recorded in the change log.
fn operator(cli: &Cli) -> String {
    cli.operator
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "cli".to_owned())
}
