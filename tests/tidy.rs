//! Repository rules that no compiler checks: the core stays free of Tauri, and every source file says what it is.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == "node_modules" || name == "gen" {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_crate_under_crates_depends_on_tauri() {
    let mut offenders = Vec::new();
    for entry in std::fs::read_dir(repo().join("crates")).unwrap().flatten() {
        let manifest = entry.path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else { continue };
        let doc: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
            if let Some(deps) = doc.get(section).and_then(|d| d.as_table()) {
                offenders.extend(
                    deps.keys()
                        .filter(|k| k.contains("tauri"))
                        .map(|k| format!("{}: {section}.{k}", manifest.display())),
                );
            }
        }
    }
    assert!(offenders.is_empty(), "crates/ must stay Tauri-free: {offenders:#?}");
}

#[test]
fn every_source_file_has_a_module_doc() {
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri", "tests"] {
        rust_files(&repo().join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} files: is the walk broken?", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with("#!"))
                .is_some_and(|l| l.starts_with("//!"))
        })
        .map(|f| f.strip_prefix(repo()).unwrap_or(f).display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a //! module doc: {missing:#?}");
}
