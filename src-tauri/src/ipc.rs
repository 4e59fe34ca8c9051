//! The typed IPC gateway: the one error type every command returns, and the tauri-specta builder that both
//! registers the commands with Tauri and generates `ui/src/ipc/bindings.ts` from the same Rust types.
//!
//! The bindings are committed. A test renders them in memory and fails when the committed file differs;
//! regenerate with `cargo test -p liaison-desk --lib -- --ignored write_bindings` (see [`BINDINGS_PATH`]).

use liaison_core::error::FieldIssue;
use liaison_core::{Error, ErrorCode};
use liaison_sheets::SheetsError;
use serde::Serialize;
use tauri_specta::{Builder, collect_commands, collect_events};

use crate::commands;

/// The generated TypeScript bindings, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

/// The command line that rewrites [`BINDINGS_PATH`] from the Rust types.
pub const REGENERATE: &str = "cargo test -p liaison-desk --lib -- --ignored write_bindings";

/// What a failed command sends to the UI: a stable code to switch on, a Chinese message to show, and for a form
/// that failed validation the fields at fault (each with its own message, shown under the field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct IpcError {
    /// The stable error kind (the core's [`ErrorCode`]).
    pub code: ErrorCode,
    /// A Chinese sentence a clerk can read. Internal details are logged, never shown.
    pub message: String,
    /// The form fields that failed validation (empty unless `code` is `invalid` and the input was a form).
    pub fields: Vec<FieldIssue>,
}

impl IpcError {
    /// An error with a code and a Chinese message, naming no field.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError { code, message: message.into(), fields: Vec::new() }
    }

    /// An internal error: the details go to the log, the UI gets a generic Chinese message.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        log::error!("内部错误 internal error: {detail}");
        IpcError::new(ErrorCode::Internal, "程序内部错误，详情已记入日志，请联系技术支持")
    }
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        let code = error.code();
        let message = match &error {
            // User errors already carry a Chinese reason.
            Error::Invalid(m) | Error::NotFound(m) | Error::Conflict(m) | Error::Forbidden(m) => m.clone(),
            Error::InvalidFields(issues) => {
                return IpcError { code, message: error.to_string(), fields: issues.clone() };
            }
            Error::Cancelled => "已取消，未写入任何数据".into(),
            Error::SchemaTooNew { found, known, .. } => format!(
                "数据库由更新版本的联络站工作台写入（数据库版本 {found}，本程序支持到 {known}），请安装新版本；数据库未被改动"
            ),
            Error::Sqlite(_) | Error::Migration(_) | Error::Io { .. } => {
                log::error!("存储错误 storage error: {error}");
                "数据库或文件读写失败，详情已记入日志".into()
            }
            Error::Internal(_) => return IpcError::internal(&error),
        };
        IpcError::new(code, message)
    }
}

impl From<SheetsError> for IpcError {
    fn from(error: SheetsError) -> Self {
        log::warn!("表格文件 spreadsheet: {error}");
        let message = match &error {
            SheetsError::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
                format!("找不到文件 {}", path.display())
            }
            SheetsError::Io { path, .. } => format!("无法读写文件 {}（可能被其他程序占用或没有权限）", path.display()),
            SheetsError::UnsupportedFormat { ext } => {
                format!("不支持“.{ext}”文件，请选择 Excel（.xlsx/.xls）、WPS/ODS 或 CSV 文件")
            }
            SheetsError::Workbook(_) => "无法读取该表格文件：文件可能已损坏、加密或格式与扩展名不符".into(),
            SheetsError::Write(_) => "无法写入表格文件，详情已记入日志".into(),
            SheetsError::Encoding { .. } => "无法识别该文本文件的编码，请在 Excel 中另存为“CSV UTF-8”后再导入".into(),
            SheetsError::Csv { .. } => "无法读取该 CSV 文件，请检查文件内容".into(),
        };
        IpcError::new(ErrorCode::Invalid, message)
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
            commands::app::clock_now,
            commands::roster::roster_stats,
            commands::roster::search_roster,
            commands::roster::deputy_detail,
            commands::roster::deputy_page,
            commands::roster::save_deputy,
            commands::roster::reveal_deputy_private,
            commands::roster::platform_list,
            commands::roster::platform_detail,
            commands::roster::save_platform,
            commands::roster::region_list,
            commands::roster_files::choose_import_file,
            commands::roster_files::choose_export_file,
            commands::roster_files::import_preview,
            commands::roster_files::import_commit,
            commands::roster_files::cancel_import,
            commands::roster_files::export_roster,
            commands::roster_files::import_template,
            commands::settings::save_setup,
            commands::settings::list_operators,
            commands::settings::create_operator,
            commands::settings::set_operator_role,
            commands::settings::set_operator_active,
            commands::settings::reset_operator_password,
            commands::settings::change_own_password,
            commands::workflow::register_visit,
            commands::workflow::matter_list,
            commands::workflow::matter_queues,
            commands::workflow::matter_detail,
            commands::workflow::matter_act,
            commands::workflow::matter_similar,
            commands::workflow::matter_merge,
            commands::workflow::handling_units,
            commands::attachments::matter_attachments,
            commands::attachments::choose_attachment_file,
            commands::attachments::attach_file,
            commands::attachments::save_attachment,
            commands::attachments::remove_attachment,
            commands::rules::rules_view,
            commands::rules::set_time_limit,
            commands::rules::clear_time_limit,
            commands::rules::set_escalation_ladder,
            commands::rules::set_categories,
            commands::rules::deadline_preview,
            commands::rules::calendar_year,
            commands::rules::calendar_set_day,
            commands::rules::choose_calendar_file,
            commands::rules::calendar_import,
            commands::ledgers::choose_ledger_file,
            commands::qr::qr_code,
            commands::qr::card_preview,
            commands::qr::print_deputy_card,
            commands::qr::print_platform_poster,
            commands::print_jobs::start_print_job,
            commands::print_jobs::print_job_status,
            commands::print_jobs::cancel_print_job,
            commands::print_jobs::open_print_job_file,
            commands::sync::sync_overview,
            commands::sync::sync_choose_folder,
            commands::sync::sync_export_to_office,
            commands::sync::sync_import_bundle,
            commands::sync::sync_accept_enrollment,
            commands::sync::sync_enroll_station,
            commands::sync::sync_resolve_conflict,
            commands::sync::sync_inbox_start,
            commands::sync::sync_inbox_status,
            commands::sync::sync_inbox_cancel,
            commands::qr_settings::qr_settings_view,
            commands::qr_settings::qr_set_templates,
            commands::qr_settings::qr_set_public_key,
            commands::qr_settings::qr_generate_office_key,
            commands::qr_settings::qr_verify,
            commands::qr_settings::choose_print_font,
            commands::qr_settings::clear_print_font,
            commands::qr_settings::print_font_families,
            commands::duty::duty_today,
            commands::duty::rota_list,
            commands::duty::rota_add,
            commands::duty::rota_remove,
            commands::duty::rota_announcement,
            commands::duty::export_rota,
            commands::duty::activity_record,
            commands::duty::activity_list,
            commands::duty::leader_visit_record,
            commands::duty::leader_visit_list,
            commands::duty::leader_coverage,
            commands::duty::deputy_duty_file,
            commands::stats::stats_board,
            commands::stats::export_chart_data,
            commands::stats::export_chart_image,
            commands::ledgers::export_ledger,
            commands::ranking::unit_ranking,
            commands::ranking::choose_ranking_file,
            commands::ranking::export_unit_ranking,
            commands::ranking::record_unit_ranking,
            commands::ranking::unit_evaluations,
            commands::documents::print_dispatch_sheet,
            commands::documents::write_supervision_notices,
            commands::documents::export_report,
            commands::session::first_run_status,
            commands::session::complete_first_run,
            commands::session::sign_in,
            commands::session::sign_out,
            commands::session::current_session,
        ])
        .events(collect_events![commands::roster_files::ImportProgress])
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
        let e = IpcError::new(ErrorCode::NotFound, "没有");
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"code":"not_found","message":"没有","fields":[]}"#);
    }

    #[test]
    fn field_issues_reach_the_ui_with_their_fields() {
        let issues = vec![FieldIssue::new("private_phone", "号码无效"), FieldIssue::new("name", "姓名不能为空")];
        let e = IpcError::from(Error::InvalidFields(issues.clone()));
        assert_eq!((e.code, e.fields), (ErrorCode::Invalid, issues));
        assert_eq!(e.message, "号码无效；姓名不能为空");
    }

    #[test]
    fn spreadsheet_errors_are_explained_in_chinese() {
        let e = IpcError::from(SheetsError::UnsupportedFormat { ext: "pdf".into() });
        assert!(e.message.contains("不支持“.pdf”文件"), "{}", e.message);
        let missing = SheetsError::Io { path: "/nope/a.xlsx".into(), source: std::io::ErrorKind::NotFound.into() };
        assert!(IpcError::from(missing).message.starts_with("找不到文件"));
    }
}
