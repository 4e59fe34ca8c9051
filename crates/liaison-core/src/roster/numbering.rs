//! Numbers for roster records saved without a code: a deputy's `D000001`, an imported platform's `P00001`.
//!
//! A roster record's id is derived from its code (`roster::roster_id`), so two nodes that give the same number to
//! two different records would make them one record when their bundles meet, the second one's values landing in
//! the conflicts list — two people merged into one. So a number is only the office's to hand out as is: a station
//! installation numbers in a series of its own, prefixed with its station code (`XH-01-D0001`), which no other
//! node uses. (A station whose code is not set yet uses its node id's first eight characters.)

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::setup::{self, Mode};

/// This installation's prefix: empty at the office, `XH-01-` at a station.
fn prefix(conn: &Connection) -> Result<String> {
    let Some(setup) = setup::load(conn)? else { return Ok(String::new()) };
    if setup.mode == Mode::Office {
        return Ok(String::new());
    }
    let own = match setup.station_code.filter(|c| !c.trim().is_empty()) {
        Some(code) => code,
        None => {
            let node: Option<String> =
                conn.query_row("SELECT id FROM node WHERE singleton = 1", [], |r| r.get(0)).optional()?;
            node.unwrap_or_default().chars().take(8).collect()
        }
    };
    Ok(format!("{own}-"))
}

/// The next free number `<prefix><letter><digits>` in `table` (`width` digits at the office, four at a station).
pub(crate) fn next(conn: &Connection, table: &str, letter: char, width: usize) -> Result<String> {
    let prefix = prefix(conn)?;
    let width = if prefix.is_empty() { width } else { 4 };
    let head = format!("{prefix}{letter}");
    // GLOB metacharacters never occur in a station code (letters, digits and '-').
    let max: Option<i64> = conn.query_row(
        &format!("SELECT MAX(CAST(substr(code, ?2) AS INTEGER)) FROM {table} WHERE code GLOB ?1"),
        params![format!("{head}[0-9]*"), head.chars().count() as i64 + 1],
        |r| r.get(0),
    )?;
    Ok(format!("{head}{:0width$}", max.unwrap_or(0) + 1))
}

#[cfg(test)]
mod tests {
    use crate::setup::{self, InstallationSetup};
    use crate::testing::{deputy, small_roster, temp_store};

    /// Saves a deputy without a number and returns the number it got.
    fn numbered(store: &mut crate::Store, name: &str) -> String {
        let input = deputy("", name);
        store.write("tester", |w| crate::roster::deputy::save(w, &input)).unwrap();
        store.conn().query_row("SELECT code FROM deputies WHERE name = ?1", [name], |r| r.get(0)).unwrap()
    }

    #[test]
    fn the_office_numbers_as_is_and_a_station_in_a_series_of_its_own() {
        let mut office = temp_store();
        small_roster(&mut office.store);
        let setup = InstallationSetup::office("平顶山市");
        office.store.write("tester", |w| setup::save(w, None, &setup).map(drop)).unwrap();
        let first = numbered(&mut office.store, "甲一");
        assert!(first.starts_with('D') && first.len() == 7, "{first}");

        let mut station = temp_store();
        small_roster(&mut station.store);
        let setup = InstallationSetup::station(Some("XH-01".into()), "XH-01 联络站", "平顶山市");
        station.store.write("tester", |w| setup::save(w, None, &setup).map(drop)).unwrap();
        assert_eq!(numbered(&mut station.store, "乙一"), "XH-01-D0001");
        assert_eq!(numbered(&mut station.store, "乙二"), "XH-01-D0002", "the station's own series goes on");
        assert_ne!(numbered(&mut station.store, "乙三"), first, "never a number the office hands out");
    }
}
