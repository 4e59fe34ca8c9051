//! The typed IPC gateway: the one error type every command returns, and the tauri-specta builder that both
//! registers the commands with Tauri and generates `ui/src/ipc/bindings.ts` from the same Rust types.
//!
//! The bindings are committed. A test renders them in memory and fails when the committed file differs;
//! regenerate with `cargo test -p liaison-desk --lib -- --ignored write_bindings` (see [`BINDINGS_PATH`]).

use liaison_core::{Error, ErrorCode};
use serde::Serialize;
use tauri_specta::{Builder, collect_commands};

use crate::commands;

/// The generated TypeScript bindings, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

/// The command line that rewrites [`BINDINGS_PATH`] from the Rust types.
pub const REGENERATE: &str = "cargo test -p liaison-desk --lib -- --ignored write_bindings";

/// What a failed command sends to the UI: a stable code to switch on and a Chinese message to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct IpcError {
    /// The stable error kind (the core's [`ErrorCode`]).
    pub code: ErrorCode,
    /// A Chinese sentence a clerk can read. Internal details are logged, never shown.
    pub message: String,
}

impl IpcError {
    /// An internal error: the details go to the log, the UI gets a generic Chinese message.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        eprintln!("联络站工作台：内部错误：{detail}");
        IpcError {
            code: ErrorCode::Internal, message: "程序内部错误，详情已记入日志，请联系技术支持".into()
        }
    }
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        let code = error.code();
        let message = match &error {
            // User errors already carry a Chinese reason.
            Error::Invalid(m) | Error::NotFound(m) | Error::Conflict(m) | Error::Forbidden(m) => m.clone(),
            Error::SchemaTooNew { found, known, .. } => format!(
                "数据库由更新版本的联络站工作台写入（数据库版本 {found}，本程序支持到 {known}），请安装新版本；数据库未被改动"
            ),
            Error::Sqlite(_) | Error::Migration(_) | Error::Io { .. } => {
                eprintln!("联络站工作台：存储错误：{error}");
                "数据库或文件读写失败，详情已记入日志".into()
            }
            Error::Internal(_) => return IpcError::internal(&error),
        };
        IpcError { code, message }
    }
}

/// The result every command returns.
pub type IpcResult<T> = Result<T, IpcError>;

/// Every command the UI may call, for Tauri's invoke handler and for the bindings (generic over the runtime so
/// that tests can drive the commands on Tauri's mock runtime).
pub fn builder<R: tauri::Runtime>() -> Builder<R> {
    Builder::<R>::new()
        .commands(collect_commands![
            commands::app::app_info,
            commands::roster::roster_stats,
            commands::roster::search_roster,
            commands::roster::deputy_detail,
            commands::session::first_run_status,
            commands::session::complete_first_run,
            commands::session::sign_in,
            commands::session::sign_out,
            commands::session::current_session,
        ])
        // One TypeScript type per Rust type (not `_Serialize` / `_Deserialize` twins): every type crosses in one
        // direction only, and an optional value is always sent as `null`, never omitted.
        .disable_serde_phases()
}

/// The exporter configuration of the committed bindings.
fn typescript() -> specta_typescript::Typescript {
    specta_typescript::Typescript::default()
        .header("// Generated from the Rust types by tauri-specta: do not edit. Regenerate with\n// `cargo test -p liaison-desk --lib -- --ignored write_bindings`.\n")
}

/// Writes the bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), specta_typescript::Error> {
    builder::<tauri::Wry>().export(typescript(), path)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn committed_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH)
    }

    fn render() -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bindings.ts");
        export_bindings(&path).unwrap_or_else(|e| panic!("exporting the bindings failed: {e}"));
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn committed_bindings_are_fresh() {
        let fresh = render();
        let committed = std::fs::read_to_string(committed_path()).unwrap_or_default();
        assert!(
            committed == fresh,
            "{BINDINGS_PATH} is stale (or missing): the Rust commands or types changed.\nRegenerate it with\n    {REGENERATE}\nand commit the result."
        );
    }

    /// Rewrites the committed bindings: `cargo test -p liaison-desk --lib -- --ignored write_bindings`.
    #[test]
    #[ignore = "writes ui/src/ipc/bindings.ts; run on purpose"]
    fn write_bindings() {
        std::fs::write(committed_path(), render()).unwrap();
        eprintln!("wrote {}", committed_path().display());
    }

    #[test]
    fn user_errors_keep_their_chinese_reason() {
        let e = IpcError::from(Error::Invalid("联络站模式须填写联络站编码或名称".into()));
        assert_eq!(e.code, ErrorCode::Invalid);
        assert_eq!(e.message, "联络站模式须填写联络站编码或名称");
        let e = IpcError::from(Error::NotFound("代表编号 X 不存在".into()));
        assert_eq!((e.code, e.message.as_str()), (ErrorCode::NotFound, "代表编号 X 不存在"));
    }

    #[test]
    fn internal_and_storage_errors_get_a_generic_chinese_message() {
        let e = IpcError::from(Error::Internal("invariant broke at row 7".into()));
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(e.message.contains("程序内部错误") && !e.message.contains("row 7"), "{}", e.message);
        let e = IpcError::from(Error::Migration("near \"x\": syntax error".into()));
        assert_eq!(e.code, ErrorCode::Storage);
        assert!(e.message.contains("读写失败") && !e.message.contains("syntax"), "{}", e.message);
        let e = IpcError::from(Error::SchemaTooNew { path: "a.db".into(), found: 9, known: 2 });
        assert_eq!(e.code, ErrorCode::SchemaTooNew);
        assert!(e.message.contains("新版本"), "{}", e.message);
    }

    #[test]
    fn errors_serialize_as_code_and_message() {
        let e = IpcError { code: ErrorCode::NotFound, message: "没有".into() };
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"code":"not_found","message":"没有"}"#);
    }
}
