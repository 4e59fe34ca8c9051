//! The `liaison` binary: parse arguments, run, exit 0 (ok), 1 (user error) or 2 (internal error).

fn main() {
    std::process::exit(liaison_cli::main_with_args(std::env::args_os()));
}
