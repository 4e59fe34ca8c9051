//! Test fixtures shared by the core's unit tests: a real SQLite file in a temp dir with a fake clock and seeded
//! randomness, and a small roster (one city, two counties, three platforms, a handful of deputies).

use std::sync::Arc;

use chrono::DateTime;

use crate::clock::{FakeClock, SeededEntropy};
use crate::roster::deputy::{self, DeputyInput, LevelTerm};
use crate::roster::kinds::{Level, PlatformKind, RegionKind};
use crate::roster::platform::{self, PlatformInput};
use crate::roster::region::{self, RegionInput};
use crate::store::{Deps, Store};

/// A store on a temp file; keep the `TempDir` alive as long as the store.
pub struct TestStore {
    /// The store.
    pub store: Store,
    /// Its clock.
    #[allow(dead_code)] // for tests that move time
    pub clock: Arc<FakeClock>,
    _dir: tempfile::TempDir,
}

/// A fresh store at 2026-03-02 09:00 UTC.
pub fn temp_store() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FakeClock::at(DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z").unwrap().to_utc()));
    let deps = Deps { clock: clock.clone(), entropy: Arc::new(SeededEntropy::new(42)) };
    let store = Store::open_with(&dir.path().join("test.db"), deps).unwrap();
    TestStore { store, clock, _dir: dir }
}

/// A deputy of the city level at station `XH-01` with the given name.
pub fn deputy(code: &str, name: &str) -> DeputyInput {
    DeputyInput {
        code: code.into(),
        name: name.into(),
        birth_month: "1970-05".into(),
        levels: vec![LevelTerm { level: Level::City, term: Some(12) }],
        station_code: Some("XH-01".into()),
        private_phone: "13812345678".into(),
        ..DeputyInput::default()
    }
}

/// One city, two counties with a township each, three platforms, and deputies 张明新, 单雄, 曾国强.
pub fn small_roster(store: &mut Store) {
    store
        .write("tester", |w| {
            let regions = [
                ("410400", "平顶山市", RegionKind::City, None),
                ("410402", "新华区", RegionKind::District, Some("410400")),
                ("410423", "鲁山县", RegionKind::County, Some("410400")),
                ("410402001", "光明路街道", RegionKind::Subdistrict, Some("410402")),
                ("410423100", "尧山镇", RegionKind::Town, Some("410423")),
            ];
            for (code, name, kind, parent) in regions {
                region::save(
                    w,
                    &RegionInput { code: code.into(), name: name.into(), kind, parent_code: parent.map(Into::into) },
                )?;
            }
            for (code, name, kind, region) in [
                ("XH-01", "新华区光明路街道人大代表联络站", PlatformKind::Station, "410402001"),
                ("LS-01", "鲁山县尧山镇人大代表联络站", PlatformKind::Station, "410423100"),
                ("LS-LF", "鲁山县基层立法联系点", PlatformKind::Legislative, "410423"),
            ] {
                platform::save(
                    w,
                    &PlatformInput {
                        code: code.into(),
                        name: name.into(),
                        kind: Some(kind),
                        region_code: region.into(),
                        ..Default::default()
                    },
                )?;
            }
            deputy::save(w, &deputy("D000001", "张明新"))?;
            deputy::save(w, &DeputyInput { private_phone: "13900001111".into(), ..deputy("D000002", "单雄") })?;
            deputy::save(
                w,
                &DeputyInput {
                    station_code: Some("LS-01".into()),
                    levels: vec![LevelTerm { level: Level::County, term: Some(12) }],
                    leading_cadre: true,
                    ..deputy("D000003", "曾国强")
                },
            )?;
            Ok(())
        })
        .unwrap();
}

/// Signs in an operator of `role` (creating the first administrator `wangfang` and, for other roles, an operator
/// `<role>1`), for tests of role checks.
pub fn signed_in_as(store: &mut Store, role: crate::operators::Role) -> crate::operators::Session {
    use crate::operators::{Role, account, sign_in};
    if account::get(store.conn(), "wangfang").unwrap().is_none() {
        store.write("王芳 (wangfang)", |w| account::create_first_admin(w, "wangfang", "王芳", "admin2026")).unwrap();
    }
    let admin = sign_in(store, "wangfang", "admin2026").unwrap();
    if role == Role::Admin {
        return admin;
    }
    let login = format!("{}1", role.as_str().replace('_', ""));
    let new = account::NewOperator {
        login: login.clone(),
        display_name: role.label().into(),
        role,
        password: format!("{login}pass1"),
    };
    store.write(&admin.operator(), |w| account::create_operator(w, &admin, &new)).unwrap();
    sign_in(store, &login, &format!("{login}pass1")).unwrap()
}

/// A visit at XH-01 (the small roster's station) by 李秀英 (phone `phone`, may be empty) raising one matter, 路灯不亮
/// (城乡建设), first-responded by 张明新: the smallest visit a workflow test needs.
pub fn one_matter_visit(phone: &str) -> crate::workflow::VisitInput {
    use crate::workflow::{CitizenInput, MatterInput, VisitInput};
    VisitInput {
        station_code: "XH-01".into(),
        channel: "来访".into(),
        citizens: vec![CitizenInput { name: "李秀英".into(), phone: phone.into(), ..Default::default() }],
        matters: vec![MatterInput {
            title: "路灯不亮".into(),
            category: "城乡建设".into(),
            first_responder: "张明新".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}
