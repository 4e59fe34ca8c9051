//! Where the database file lives.
//!
//! One database per installation, in the OS app-data folder (`~/.local/share/liaison-desk` on Linux,
//! `%APPDATA%\liaison-desk` on Windows). `--db PATH` wins, then the `LIAISON_DB` environment variable.

use std::path::PathBuf;

/// The environment variable that overrides the database path.
pub const DB_ENV: &str = "LIAISON_DB";

/// The database file name inside the app-data folder.
pub const DB_FILE_NAME: &str = "liaison.db";

/// The database path: `explicit` if given, else `$LIAISON_DB`, else the OS app-data folder.
pub fn resolve_db_path(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| std::env::var_os(DB_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(|| app_data_dir().join(DB_FILE_NAME))
}

/// The per-user app-data folder (falls back to the working directory when the OS gives none).
pub fn app_data_dir() -> PathBuf {
    directories::ProjectDirs::from("cn", "liaisondesk", "liaison-desk")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
}
