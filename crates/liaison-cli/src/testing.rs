//! Fixtures shared by the command tests: running the CLI in-process on a database, and a one-station roster to
//! register visits at (and its deputies, for duty).

use liaison_core::roster::kinds::{PlatformKind, RegionKind};
use liaison_core::roster::platform::{self, PlatformInput};
use liaison_core::roster::region::{self, RegionInput};

/// Runs `liaison --db DB --operator 王芳 ARGS…` and returns its exit code.
pub fn run(db: &std::path::Path, args: &[&str]) -> i32 {
    let db = db.to_str().unwrap();
    crate::main_with_args(["liaison", "--db", db, "--operator", "王芳"].iter().chain(args))
}

/// Saves district 新华区 (410402) and its station XH-01 named `name`.
pub fn station(db: &std::path::Path, name: &str) {
    let mut store = liaison_core::Store::open(db).unwrap();
    store
        .write("test", |w| {
            let county = RegionInput {
                code: "410402".into(),
                name: "新华区".into(),
                kind: RegionKind::District,
                parent_code: None,
            };
            region::save(w, &county)?;
            let input = PlatformInput {
                code: "XH-01".into(),
                name: name.into(),
                kind: Some(PlatformKind::Station),
                region_code: "410402".into(),
                ..Default::default()
            };
            platform::save(w, &input)
        })
        .unwrap();
}

/// Saves deputy `code` named `name`, a serving city deputy of station group XH-01 (call [`station`] first).
pub fn deputy(db: &std::path::Path, code: &str, name: &str) {
    use liaison_core::roster::deputy::{self, DeputyInput, LevelTerm};
    use liaison_core::roster::kinds::Level;
    let mut store = liaison_core::Store::open(db).unwrap();
    let input = DeputyInput {
        code: code.into(),
        name: name.into(),
        birth_month: "1970-05".into(),
        levels: vec![LevelTerm { level: Level::City, term: Some(12) }],
        station_code: Some("XH-01".into()),
        ..DeputyInput::default()
    };
    store.write("test", |w| deputy::save(w, &input)).unwrap();
}
