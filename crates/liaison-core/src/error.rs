//! The core's error type.
//!
//! Every error carries a stable [`ErrorCode`] that callers (CLI exit codes, the desktop UI's Chinese messages)
//! switch on; the `Display` text is English for logs and the CLI. Errors that come from a person's input
//! (`Invalid`, `NotFound`, `Conflict`, ...) are *user* errors; the rest are internal.

use std::path::PathBuf;

/// A stable, machine-readable error kind. Never rename a variant: the UI maps these to messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Input failed validation.
    Invalid,
    /// A referenced record does not exist.
    NotFound,
    /// The write would break a uniqueness or consistency rule.
    Conflict,
    /// The database was written by a newer Liaison Desk.
    SchemaTooNew,
    /// The operator may not do this.
    Forbidden,
    /// A database or file-system failure.
    Storage,
    /// A bug: an invariant did not hold.
    Internal,
    /// The operator stopped a long job; nothing was written.
    Cancelled,
}

/// One field of a form that failed validation: which field (the input type's field name) and why, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct FieldIssue {
    /// The field's name in the input type, e.g. `private_phone`.
    pub field: String,
    /// Why, in Chinese.
    pub message: String,
}

impl FieldIssue {
    /// An issue with `field`.
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldIssue { field: field.to_owned(), message: message.into() }
    }
}

/// Joins issues into one sentence for places that show a single message (the CLI, logs).
fn join_issues(issues: &[FieldIssue]) -> String {
    issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("；")
}

/// The core's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input failed validation; the message says which field and why.
    #[error("{0}")]
    Invalid(String),
    /// A form failed validation in one or more fields; each issue names its field.
    #[error("{}", join_issues(.0))]
    InvalidFields(Vec<FieldIssue>),
    /// The operator cancelled a long job; its transaction was rolled back.
    #[error("cancelled by the operator; nothing was written")]
    Cancelled,
    /// A referenced record does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// A uniqueness or consistency rule would break.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The operator may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The database file was written by a newer schema than this program knows.
    #[error(
        "the database {path} has schema version {found}, newer than this program's {known}; \
         install the newer Liaison Desk instead (the database is left untouched)"
    )]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// The version found in the file.
        found: i64,
        /// The newest version this program knows.
        known: i64,
    },
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A bug.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) | Error::InvalidFields(_) => ErrorCode::Invalid,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::Sqlite(_) | Error::Migration(_) | Error::Io { .. } => ErrorCode::Storage,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// True when the error comes from what a person asked for, not from the program or the machine.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self.code(),
            ErrorCode::Invalid
                | ErrorCode::NotFound
                | ErrorCode::Conflict
                | ErrorCode::Forbidden
                | ErrorCode::SchemaTooNew
                | ErrorCode::Cancelled
        )
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
