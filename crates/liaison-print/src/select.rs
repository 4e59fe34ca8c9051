//! Which deputies' cards to print, made into [`Card`]s: the URL payload from the office's template, the places
//! their level lines name (the installation's city, the station's county and township), and their photos. One
//! selection shared by `liaison qr cards|sheet` and the desktop app's 打印卡片 / 二维码 screen; likewise which
//! platforms' posters ([`platform_posters`]). The `_signed` variants print the office's signature on every code
//! (`liaison qr cards|posters|sheet --sign-key`); the unsigned ones are what the app calls.

use std::collections::HashMap;

use liaison_core::roster::query::{self, DeputyView, PlatformView};
use liaison_core::{Error, Result};
use rusqlite::Connection;

use crate::card::{Card, Places};
use crate::payload::{Kind, Templates};
use crate::poster::Poster;
use crate::signing::{self, Signer};

/// Which deputies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These deputies, in this order.
    Deputies(Vec<String>),
    /// The serving deputies grouped at these stations, in roster order.
    Stations(Vec<String>),
    /// Every serving deputy, in roster order.
    All,
}

/// The cards of `selection` (at most `limit`), with `province` for provincial deputies' lines (when empty, the
/// province the roster's division codes name); unsigned codes.
pub fn deputy_cards(
    conn: &Connection,
    selection: &Selection,
    limit: Option<usize>,
    province: &str,
) -> Result<Vec<Card>> {
    deputy_cards_signed(conn, selection, limit, province, None)
}

/// [`deputy_cards`] whose codes carry the office's signature when `signer` is given ([`signing::payload`]).
pub fn deputy_cards_signed(
    conn: &Connection,
    selection: &Selection,
    limit: Option<usize>,
    province: &str,
    signer: Option<&Signer<'_>>,
) -> Result<Vec<Card>> {
    let deputies: Vec<DeputyView> = match selection {
        Selection::Deputies(codes) => codes
            .iter()
            .map(|code| query::deputy_by_code(conn, code)?.ok_or_else(|| Error::NotFound(format!("代表编号 {code}"))))
            .collect::<Result<_>>()?,
        Selection::Stations(_) | Selection::All => query::all_deputies(conn)?
            .into_iter()
            .filter(|d| d.status == "serving")
            .filter(|d| match selection {
                Selection::Stations(stations) => d.station_code.as_ref().is_some_and(|s| stations.contains(s)),
                _ => true,
            })
            .collect(),
    };
    let city = liaison_core::setup::load(conn)?.map(|s| s.city_name).unwrap_or_default();
    let province = match province {
        "" => liaison_core::roster::province::province(conn)?.unwrap_or_default(),
        named => named,
    };
    let platforms: HashMap<String, PlatformView> =
        query::all_platforms(conn)?.into_iter().map(|p| (p.code.clone(), p)).collect();
    let templates = Templates::load(conn)?;
    deputies
        .iter()
        .take(limit.unwrap_or(usize::MAX))
        .map(|d| {
            let station = d.station_code.as_ref().and_then(|c| platforms.get(c));
            let places = Places {
                province: province.to_owned(),
                city: city.clone(),
                county: station.map(|p| p.county.clone()).unwrap_or_default(),
                township: station.filter(|p| p.region != p.county).map(|p| p.region.clone()).unwrap_or_default(),
            };
            let photo = liaison_core::roster::photo::photo(conn, &d.code)?;
            Ok(Card::from_deputy(d, &places, photo, signing::payload(&templates, Kind::Deputy, &d.code, signer)?))
        })
        .collect()
}

/// Which platforms' posters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlatformSelection {
    /// These platforms, in this order.
    Codes(Vec<String>),
    /// Every open platform, in roster order.
    AllOpen,
}

/// The posters of `selection` (at most `limit`), each carrying its platform's URL from the office's template.
pub fn platform_posters(conn: &Connection, selection: &PlatformSelection, limit: Option<usize>) -> Result<Vec<Poster>> {
    platform_posters_signed(conn, selection, limit, None)
}

/// [`platform_posters`] whose codes carry the office's signature when `signer` is given.
pub fn platform_posters_signed(
    conn: &Connection,
    selection: &PlatformSelection,
    limit: Option<usize>,
    signer: Option<&Signer<'_>>,
) -> Result<Vec<Poster>> {
    let platforms: Vec<PlatformView> = match selection {
        PlatformSelection::AllOpen => {
            query::all_platforms(conn)?.into_iter().filter(|p| p.status == "active").collect()
        }
        PlatformSelection::Codes(codes) => codes
            .iter()
            .map(|code| query::platform_by_code(conn, code)?.ok_or_else(|| Error::NotFound(format!("平台编码 {code}"))))
            .collect::<Result<_>>()?,
    };
    let templates = Templates::load(conn)?;
    platforms
        .iter()
        .take(limit.unwrap_or(usize::MAX))
        .map(|p| Ok(Poster::from_platform(p, signing::payload(&templates, Kind::Platform, &p.code, signer)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use liaison_core::Store;
    use liaison_core::roster::deputy::{self, DeputyInput, LevelTerm};
    use liaison_core::roster::kinds::{Level, PlatformKind, RegionKind};
    use liaison_core::roster::platform::{self, PlatformInput};
    use liaison_core::roster::region::{self, RegionInput};

    use super::*;

    #[test]
    fn a_provincial_deputys_line_names_the_province_of_the_rosters_codes_unless_one_is_given() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        store
            .write("t", |w| {
                for (code, name, kind, parent) in [
                    ("410400", "平顶山市", RegionKind::City, None),
                    ("410402", "新华区", RegionKind::District, Some("410400")),
                ] {
                    let parent_code = parent.map(Into::into);
                    region::save(w, &RegionInput { code: code.into(), name: name.into(), kind, parent_code })?;
                }
                let station = PlatformInput {
                    code: "XH-01".into(),
                    name: "光明路联络站".into(),
                    kind: Some(PlatformKind::Station),
                    region_code: "410402".into(),
                    ..Default::default()
                };
                platform::save(w, &station)?;
                let levels = vec![LevelTerm { level: Level::Province, term: Some(14) }];
                let d = DeputyInput {
                    code: "D1".into(),
                    name: "张明新".into(),
                    birth_month: "1970-05".into(),
                    levels,
                    station_code: Some("XH-01".into()),
                    ..DeputyInput::default()
                };
                deputy::save(w, &d).map(drop)
            })
            .unwrap();
        let one = Selection::Deputies(vec!["D1".into()]);
        let derived = deputy_cards(store.conn(), &one, None, "").unwrap();
        assert_eq!(derived[0].level_lines, ["河南省第十四届人民代表大会代表"]);
        let named = deputy_cards(store.conn(), &one, None, "湖北省").unwrap();
        assert_eq!(named[0].level_lines, ["湖北省第十四届人民代表大会代表"]);
    }
}
