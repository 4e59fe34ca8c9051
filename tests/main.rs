//! The one integration test binary of Liaison Desk: flows that cross crates (files → sheets → core → files, the
//! CLI over a real database) and the repository's tidy rules. Each module is one concern:
mod cli; // the `liaison` command line: exit codes, JSON output, demo + stats
mod e2e_fixtures; // the spreadsheet the window's import scenario uses, kept equal to its source here
mod migrations; // upgrading a database written by the first migration; refusing a newer one
mod roster_files; // messy XLSX/CSV in, masked XLSX out, templates round trip
mod tidy; // no crate under crates/ depends on tauri; every source file has a module doc
