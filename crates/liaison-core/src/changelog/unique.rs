//! Why a projected row broke a UNIQUE constraint, in words a clerk can act on.
//!
//! Two records of one kind with the same code and *different* ids cannot both be projected. New roster records
//! cannot get there (their id is derived from their code, [`crate::roster::roster_id`]), but records made before
//! ids were derived, or by an older version, can: the station's 代表 D000009 and the office's are then two
//! entities. Such a change cannot be merged automatically, and the bundle that carries it is refused as a whole;
//! the reason must say which record, not SQLite's "UNIQUE constraint failed: deputies.code".

use rusqlite::ErrorCode;
use serde_json::Value;

use super::{EntityKind, Fields};
use crate::error::Error;

/// `err` as a Chinese [`Error::Conflict`] naming the record of `kind` whose registers are `state`, when it is a
/// UNIQUE violation; any other error unchanged.
pub(super) fn explain(kind: EntityKind, state: &Fields, err: rusqlite::Error) -> Error {
    let unique = matches!(&err, rusqlite::Error::SqliteFailure(e, _)
        if e.code == ErrorCode::ConstraintViolation && e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE);
    if !unique {
        return err.into();
    }
    let label = kind.label();
    match state.get("code").and_then(Value::as_str) {
        Some(code) => Error::Conflict(format!(
            "{label}“{code}”在本机已是另一条记录（两边各自建立，记录标识不同），无法自动合并；请与机关核对该{label}"
        )),
        None => Error::Conflict(format!("本机已有一条相同的{label}（记录标识不同），无法自动合并")),
    }
}
