//! One module per subcommand; [`run`] opens the store and dispatches.

mod demo;
mod roster;
mod search;
mod stats;

use liaison_core::Store;
use liaison_core::paths::resolve_db_path;

use crate::Failure;
use crate::args::{Cli, Command};

/// Runs the parsed command.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    if let Command::Bench { what, scale, queries } = &cli.command {
        return crate::bench::run(*what, *scale, *queries, cli.json);
    }
    let path = resolve_db_path(cli.db.clone());
    let mut store = Store::open(&path)?;
    let operator = operator(cli);
    match &cli.command {
        Command::Init => {
            crate::output::emit(cli.json, &serde_json::json!({ "db": path, "node_id": store.node_id() }), |_| {
                println!("数据库 database: {}\n节点 node: {}", path.display(), store.node_id())
            })
        }
        Command::Demo { seed, scale } => demo::run(&mut store, *seed, *scale, cli.json),
        Command::Roster(cmd) => roster::run(&mut store, cmd, &operator, cli.json),
        Command::Search(args) => search::run(&store, args, cli.json),
        Command::Stats => stats::run(&store, cli.json),
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
