//! Binary entry point of 联络站工作台 Liaison Desk: everything lives in the `liaison_desk` library.

// No console window next to the app on Windows release builds (debug builds keep it for stderr).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    liaison_desk::run();
}
