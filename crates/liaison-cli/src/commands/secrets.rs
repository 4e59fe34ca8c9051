//! Where passwords come from: never the command line (argv is visible to every user of the PC through the process
//! list and stays in the shell's history), but an environment variable or a line on stdin. The [`Secrets`] trait
//! lets tests hand passwords in directly: environment variables are process-wide, and tests run in parallel.

use std::io::{BufRead, IsTerminal, Write};

use crate::Failure;

/// The environment variable holding the password of the operator being created.
pub const PASSWORD_VAR: &str = "LIAISON_PASSWORD";

/// The environment variable holding the password of the administrator named by `--as`.
pub const AS_PASSWORD_VAR: &str = "LIAISON_AS_PASSWORD";

/// A source of passwords.
pub trait Secrets {
    /// The password of the operator being created.
    fn new_password(&self) -> Result<String, Failure>;
    /// The password of `login`, who signs in to run the command (`--as`).
    fn sign_in_password(&self, login: &str) -> Result<String, Failure>;
}

/// The real source: the environment variable, else one line of stdin (with a prompt when stdin is a terminal —
/// where, without a terminal library, the typed password is echoed; scripts should use the variables).
#[derive(Debug, Default, Clone, Copy)]
pub struct EnvOrStdin;

impl Secrets for EnvOrStdin {
    fn new_password(&self) -> Result<String, Failure> {
        from_env_or_stdin(PASSWORD_VAR, "new operator's password")
    }

    fn sign_in_password(&self, login: &str) -> Result<String, Failure> {
        from_env_or_stdin(AS_PASSWORD_VAR, &format!("password of {login}"))
    }
}

fn from_env_or_stdin(var: &str, what: &str) -> Result<String, Failure> {
    if let Some(value) = std::env::var_os(var) {
        return value.into_string().map_err(|_| Failure::user(format!("${var} is not valid UTF-8")));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("{what}: ");
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line).map_err(|e| Failure::user(format!("cannot read the {what} from stdin: {e}")))?;
    if line.is_empty() {
        return Err(Failure::user(format!("no {what}: set ${var} or give it as a line on stdin")));
    }
    // Only the line ending goes: spaces may be part of a password.
    let trimmed = line.strip_suffix('\n').unwrap_or(&line);
    Ok(trimmed.strip_suffix('\r').unwrap_or(trimmed).to_owned())
}
