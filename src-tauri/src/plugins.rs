//! The Tauri plugins of the desktop shell, each configured in one place: one running copy per database (a second
//! start focuses the first window), the window's size and position remembered, a log file in the app-data folder
//! (`logs/liaison-desk.log`, rotated at 2 MiB, keeping three) that a clerk can send to the office, and the native
//! file dialogs (used from Rust commands only: no dialog permission is granted to the webview).

use std::path::Path;

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};

use crate::MAIN_WINDOW;

/// Log file name (without extension) in the app's log folder.
pub const LOG_FILE: &str = "liaison-desk";

/// Adds every plugin to the builder. The single-instance plugin must come first (Tauri's documented order).
pub fn register<R: Runtime>(builder: tauri::Builder<R>, db_path: &Path) -> tauri::Builder<R> {
    let builder = match single_instance(db_path) {
        Some(plugin) => builder.plugin(plugin),
        None => builder,
    };
    builder
        .plugin(log())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
}

fn log<R: Runtime>() -> TauriPlugin<R> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind, TimezoneStrategy};
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::LogDir { file_name: Some(LOG_FILE.into()) }))
        .target(Target::new(TargetKind::Stderr))
        .level(log::LevelFilter::Info)
        .max_file_size(2 * 1024 * 1024)
        .rotation_strategy(RotationStrategy::KeepSome(3))
        // Clerks read the times in the log against their wall clock.
        .timezone_strategy(TimezoneStrategy::UseLocal)
        .build()
}

/// One running copy per database file. On Linux the plugin names itself on the D-Bus session bus, so it is added
/// only when a session bus can be reached (a kiosk session or a CI display may have none; without this check the
/// plugin would abort the start). The name carries a hash of the database path: two copies on two databases may
/// run side by side, two on the same file may not.
fn single_instance<R: Runtime>(db_path: &Path) -> Option<TauriPlugin<R>> {
    if cfg!(target_os = "linux") && !session_bus_reachable() {
        eprintln!(
            "联络站工作台：未找到 D-Bus 会话总线，不检查重复启动 (no D-Bus session bus: single-instance check off)"
        );
        return None;
    }
    let id = format!("cn.liaisondesk.desktop.db{:016x}", fnv1a(db_path.to_string_lossy().as_bytes()));
    Some(tauri_plugin_single_instance::Builder::new().dbus_id(id).callback(focus_main_window).build())
}

/// Whether a D-Bus session bus address is known (the variable, or the standard socket in the runtime folder).
fn session_bus_reachable() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

/// Brings the running window to the front when a second copy is started.
fn focus_main_window<R: Runtime>(app: &AppHandle<R>, _args: Vec<String>, _cwd: String) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// FNV-1a: a stable, dependency-free hash for the database path (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_instance_name_depends_on_the_database_path_only() {
        assert_eq!(fnv1a(b"/a/desk.db"), fnv1a(b"/a/desk.db"));
        assert_ne!(fnv1a(b"/a/desk.db"), fnv1a(b"/b/desk.db"));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325, "the FNV-1a offset basis");
    }
}
