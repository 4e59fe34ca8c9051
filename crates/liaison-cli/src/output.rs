//! Printing results: one JSON document with `--json`, otherwise a human-readable report.

use serde::Serialize;

/// Prints `value` as pretty JSON when `json`, else runs `human`.
pub fn emit<T: Serialize>(json: bool, value: &T, human: impl FnOnce(&T)) -> Result<(), crate::Failure> {
    if json {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| crate::Failure { exit_code: 2, message: format!("cannot encode JSON: {e}") })?;
        println!("{text}");
    } else {
        human(value);
    }
    Ok(())
}
