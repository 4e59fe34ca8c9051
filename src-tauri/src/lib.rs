//! The Tauri desktop shell of 联络站工作台 Liaison Desk.
//!
//! Start-up order: parse `--db PATH`, resolve the database path (explicit flag, else the `LIAISON_DB`
//! environment variable, else the OS app-data folder; see `liaison_core::paths::resolve_db_path`), open the
//! store in `setup`, put it in managed state as `Arc<Mutex<Store>>` next to the signed-in operator
//! (`Mutex<Option<Session>>`, empty at start), and only then create the main window, so the
//! webview can never call into the app before the store exists. If the store cannot be opened the app writes a
//! Chinese message to stderr and exits with code 1 (no dialog: the CLI, CI and the e2e harness read stderr).
//!
//! The UI reaches Rust only through the commands in [`commands`], registered by [`ipc::builder`] (tauri-specta),
//! which also generates the committed TypeScript bindings `ui/src/ipc/bindings.ts`.

pub mod commands;
pub mod ipc;
pub mod plugins;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use liaison_core::operators::Session;
use liaison_core::store::Store;
use tauri::{Manager, WebviewWindowBuilder};

/// Label of the main window (`tauri.conf.json` and `src-tauri/capabilities/main.json` use the same label).
pub const MAIN_WINDOW: &str = "main";

/// The store as managed state: commands take `tauri::State<'_, StoreState>`. Shared (`Arc`) so a long job can
/// hold it on a blocking thread.
pub type StoreState = Arc<Mutex<Store>>;

/// The signed-in operator as managed state (`None`: nobody). Never sent to the UI; the UI gets a `SessionView`.
pub type SessionState = Mutex<Option<Session>>;

/// Command-line options of the desktop app.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Options {
    /// `--db PATH` / `--db=PATH`: the database file to open instead of the default one.
    pub db: Option<PathBuf>,
}

/// A command line that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgsError {
    /// `--db` was the last argument, or was given an empty value.
    MissingDbValue,
}

impl std::fmt::Display for ArgsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MissingDbValue => f.write_str("参数 --db 缺少数据库文件路径（用法：--db PATH）"),
        }
    }
}

impl std::error::Error for ArgsError {}

/// Parses the arguments after the program name. Only `--db` is understood; anything else is ignored,
/// since WebView test drivers and desktop launchers may append arguments of their own.
pub fn parse_args<I>(args: I) -> Result<Options, ArgsError>
where
    I: IntoIterator<Item = OsString>,
{
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            let value = args.next().filter(|v| !v.is_empty()).ok_or(ArgsError::MissingDbValue)?;
            options.db = Some(PathBuf::from(value));
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            if value.is_empty() {
                return Err(ArgsError::MissingDbValue);
            }
            options.db = Some(PathBuf::from(value));
        } else if arg == "--" {
            break;
        }
    }
    Ok(options)
}

/// Opens (creating if needed) the database at `path`, making its parent folder first.
/// The error is the Chinese message shown to the user.
pub fn open_store(path: &Path) -> Result<Store, String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("无法创建数据库所在的文件夹 {}：{e}", parent.display()))?;
    }
    let (deps, test_clock) = liaison_core::store::Deps::for_process();
    if let Some(file) = test_clock {
        log::warn!("测试时钟 test clock: the time comes from {}", file.display());
    }
    Store::open_with(path, deps).map_err(|e| format!("无法打开数据库 {}：{e}", path.display()))
}

/// Prints a fatal start-up error to stderr and exits with `code`.
fn fail(message: &str, code: i32) -> ! {
    eprintln!("联络站工作台启动失败：{message}");
    eprintln!("Liaison Desk could not start (see the message above).");
    std::process::exit(code);
}

/// Runs the desktop app until its last window closes.
pub fn run() {
    let options = parse_args(std::env::args_os().skip(1)).unwrap_or_else(|e| fail(&e.to_string(), 2));
    let db_path = liaison_core::paths::resolve_db_path(options.db);

    let ipc = ipc::builder::<tauri::Wry>();
    let result = plugins::register(tauri::Builder::default(), &db_path)
        .invoke_handler(ipc.invoke_handler())
        .setup(move |app| {
            let store = open_store(&db_path).unwrap_or_else(|message| fail(&message, 1));
            log::info!("联络站工作台 {} 数据库 database {}", env!("CARGO_PKG_VERSION"), db_path.display());
            app.manage::<StoreState>(Arc::new(Mutex::new(store)));
            app.manage::<SessionState>(Mutex::new(None));
            app.manage(commands::roster_files::ImportCancel::default());
            app.manage(Arc::new(commands::print_jobs::PrintJobs::default()));
            app.manage(Arc::new(commands::sync::InboxJobs::default()));
            app.manage(Arc::new(commands::roster_files::FileServices::for_app(app.handle())));
            ipc.mount_events(app);

            // The window is declared with `"create": false` and built here, after the store is managed.
            let config = app
                .config()
                .app
                .windows
                .iter()
                .find(|w| w.label == MAIN_WINDOW)
                .cloned()
                .ok_or("tauri.conf.json declares no \"main\" window")?;
            WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
            Ok(())
        })
        .run(tauri::generate_context!());

    if let Err(e) = result {
        fail(&format!("窗口系统错误：{e}"), 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, ArgsError> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn no_arguments_means_default_database() {
        assert_eq!(parse(&[]), Ok(Options::default()));
    }

    #[test]
    fn db_flag_with_separate_value() {
        let options = parse(&["--db", "/tmp/a b.db"]).unwrap();
        assert_eq!(options.db, Some(PathBuf::from("/tmp/a b.db")));
    }

    #[test]
    fn db_flag_with_equals_value() {
        let options = parse(&["--db=站点.db"]).unwrap();
        assert_eq!(options.db, Some(PathBuf::from("站点.db")));
    }

    #[test]
    fn last_db_flag_wins_and_unknown_flags_are_ignored() {
        let options = parse(&["--automation", "--db", "a.db", "-x", "--db=b.db"]).unwrap();
        assert_eq!(options.db, Some(PathBuf::from("b.db")));
    }

    #[test]
    fn missing_db_value_is_an_error() {
        assert_eq!(parse(&["--db"]), Err(ArgsError::MissingDbValue));
        assert_eq!(parse(&["--db="]), Err(ArgsError::MissingDbValue));
        assert_eq!(parse(&["--db", ""]), Err(ArgsError::MissingDbValue));
        assert!(ArgsError::MissingDbValue.to_string().contains("--db"));
    }

    #[test]
    fn arguments_after_double_dash_are_not_read() {
        assert_eq!(parse(&["--", "--db", "x.db"]), Ok(Options::default()));
    }

    #[test]
    fn open_store_reports_an_unusable_path_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"not a folder").unwrap();
        let error = open_store(&blocker.join("sub").join("x.db")).err().unwrap();
        assert!(error.contains("无法创建数据库所在的文件夹"), "{error}");
    }

    #[test]
    fn open_store_creates_the_parent_folder_and_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("desk.db");
        open_store(&path).unwrap();
        assert!(path.exists());
    }
}
