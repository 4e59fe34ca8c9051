//! Build script of the desktop app: runs tauri-build with the repository-root layout.
//!
//! `tauri.conf.json` sits beside the root `Cargo.toml` (the build script's working directory) and the
//! capability files live under `src-tauri/capabilities/`, so the glob is given explicitly. tauri-build does not
//! watch a custom capabilities path, and `generate_context!` only re-embeds `ui/dist` when this crate is
//! recompiled, hence the explicit `rerun-if-changed` lines (a re-run build script recompiles the crate).

use std::path::Path;

fn main() {
    // `generate_context!` embeds ui/dist at compile time: fail early with the fix instead of a macro panic.
    if !Path::new("ui/dist/index.html").is_file() {
        eprintln!(
            "error: ui/dist/index.html is missing; build the front end first: \
             `.ci/setup` (or `npm --prefix ui ci && npm --prefix ui run build`)"
        );
        std::process::exit(1);
    }
    println!("cargo:rerun-if-changed=ui/dist");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/icons");

    let attributes = tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        // Same report as `tauri_build::build()`, without its exit through a panic.
        eprintln!("error: tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
