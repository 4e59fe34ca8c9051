//! The `liaison` command line: a thin layer over `liaison-core` that does every job headless.
//!
//! Each subcommand lives in [`commands`]; it opens the store, calls the core, and prints either a human-readable
//! report (Chinese labels, English messages) or, with `--json`, one JSON document for scripts. Errors print one
//! line on stderr; the exit code is 1 when the user's input was at fault and 2 otherwise.

pub mod args;
pub mod bench;
pub mod commands;
pub mod output;
#[cfg(test)]
mod testing;

/// A CLI failure with its exit code.
#[derive(Debug)]
pub struct Failure {
    /// 1 for user errors, 2 for internal ones.
    pub exit_code: i32,
    /// One line for stderr.
    pub message: String,
}

impl From<liaison_core::Error> for Failure {
    fn from(e: liaison_core::Error) -> Self {
        Failure { exit_code: if e.is_user_error() { 1 } else { 2 }, message: e.to_string() }
    }
}

impl From<liaison_sheets::SheetsError> for Failure {
    fn from(e: liaison_sheets::SheetsError) -> Self {
        Failure { exit_code: 1, message: e.to_string() }
    }
}

impl Failure {
    /// A user error.
    pub fn user(message: impl Into<String>) -> Self {
        Failure { exit_code: 1, message: message.into() }
    }
}

/// Parses `args` (program name first), runs the command, prints, and returns the exit code. Passwords come from
/// the environment or stdin (see [`commands::secrets`]).
pub fn main_with_args<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    commands::main_with_secrets(args, &commands::secrets::EnvOrStdin)
}
