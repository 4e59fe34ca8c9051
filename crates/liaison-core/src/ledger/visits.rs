//! 接待群众登记台账: one row per visit in the period, oldest first, with the citizens masked (李**, 139****5678) and
//! the matters raised. Also the visits-in-scope query that the matters ledger starts from, so both ledgers agree
//! on what "in the period" means.
//!
//! [`visits_ledger_revealed_as`] writes the same ledger with the citizens' names and phones in full, for an operator
//! whose role may see personal data, with a reason, audited like a deputy's reveal (the 台账 a station hands to an
//! inspector stays masked; the full one is for following a matter up with the citizen).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::{LedgerScope, headers, numbered, station_names, title};
use crate::error::{Error, FieldIssue, Result};
use crate::operators::permit::authorize;
use crate::operators::{Role, Session};
use crate::roster::mask;
use crate::store::Writer;
use crate::tabular::TableOut;
use crate::workflow::Channel;
use crate::workflow::deadlines::china_date;
use crate::workflow::visits::{CitizenInput, citizens};

/// The sheet and the ledger's name.
pub const VISITS_LEDGER: &str = "接待群众登记台账";

/// The columns, in the order of the station's paper register.
pub const VISIT_HEADERS: [&str; 12] = [
    "序号",
    "接待日期",
    "联络站",
    "接待方式",
    "接待代表",
    "来访人（脱敏）",
    "联系电话（脱敏）",
    "人数",
    "反映事项",
    "事项编号",
    "首问责任人",
    "登记人",
];

/// The two personal-data columns as the unmasked ledger heads them.
const REVEALED_HEADERS: [(usize, &str); 2] = [(5, "来访人"), (6, "联系电话")];

/// Whether the citizens' names and phones are masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Disclosure {
    Masked,
    Revealed,
}

/// Columns Excel must keep as text: the date, the masked phones and the matter codes.
const TEXT_COLUMNS: [usize; 3] = [1, 6, 9];

/// A visit as stored, with its reception day in China.
pub(crate) struct VisitRow {
    pub id: String,
    received: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub station_code: String,
    channel: String,
    deputies: String,
    clerk: String,
    head_count: u32,
}

/// A matter as the visits ledger lists it.
struct MatterLine {
    code: String,
    title: String,
    first_responder: String,
}

/// The visits of the scope whose reception day lies in the period, oldest first.
///
/// The period is checked on the Chinese date in Rust rather than in SQL: `received_at` keeps the offset it was
/// entered with, so comparing its text would misplace a visit near midnight.
pub(crate) fn visits_in(conn: &Connection, scope: &LedgerScope) -> Result<Vec<VisitRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.received_at, p.code, v.channel, v.deputies, v.clerk, v.head_count
           FROM visits v JOIN platforms p ON p.id = v.station_id
          WHERE ?1 IS NULL OR p.code = ?1",
    )?;
    let station = scope.station_code.as_deref().map(str::trim);
    let rows = stmt.query_map([station], |r| {
        let received = parse_instant(r.get_ref(1)?.as_str()?)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e)))?;
        Ok(VisitRow {
            id: r.get(0)?,
            received,
            received_on: china_date(received),
            station_code: r.get(2)?,
            channel: r.get(3)?,
            deputies: r.get(4)?,
            clerk: r.get(5)?,
            head_count: r.get(6)?,
        })
    })?;
    let mut visits = Vec::new();
    for row in rows {
        let visit = row?;
        if scope.period.contains(visit.received_on) {
            visits.push(visit);
        }
    }
    // The id keeps visits of the same instant in a stable order.
    visits.sort_by(|a, b| (a.received, &a.id).cmp(&(b.received, &b.id)));
    Ok(visits)
}

fn parse_instant(text: &str) -> std::result::Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.to_utc())
}

/// The ids of a visit's matters, in code order.
pub(crate) fn matter_ids(conn: &Connection, visit_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM matters WHERE visit_id = ?1 ORDER BY code")?;
    let ids = stmt.query_map([visit_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// 接待群众登记台账 for the scope, as of the store's data (visits do not change with time, so no `now`).
pub fn visits_ledger(conn: &Connection, scope: &LedgerScope) -> Result<TableOut> {
    build(conn, scope, Disclosure::Masked)
}

/// The ledger with citizens' names and phones in full, for a session whose role may see personal data; `reason`
/// is required and the reveal is written to the audit log with the scope and the number of visits.
pub fn visits_ledger_revealed_as(
    w: &mut Writer<'_>,
    session: &Session,
    scope: &LedgerScope,
    reason: &str,
) -> Result<TableOut> {
    authorize(w, session, Role::may_reveal_personal_data, "当前角色无权导出未脱敏的台账")?;
    if reason.trim().is_empty() {
        return Err(Error::InvalidFields(vec![FieldIssue::new("reason", "导出未脱敏的台账须填写事由")]));
    }
    let table = build(w.tx(), scope, Disclosure::Revealed)?;
    let detail = serde_json::json!({
        "station": scope.station_code,
        "period": scope.period.to_string(),
        "visits": table.rows.len(),
        "reason": reason.trim(),
    });
    w.audit_local("ledger_reveal", "ledger", VISITS_LEDGER, &detail.to_string())?;
    Ok(table)
}

fn build(conn: &Connection, scope: &LedgerScope, disclosure: Disclosure) -> Result<TableOut> {
    let stations = station_names(conn)?;
    let title = title(conn, scope, &stations, VISITS_LEDGER)?;
    let deputies = deputy_names(conn)?;
    let mut rows = Vec::new();
    for visit in visits_in(conn, scope)? {
        rows.push(visit_row(conn, &visit, &stations, &deputies, disclosure)?);
    }
    let mut headers = headers(&VISIT_HEADERS);
    if disclosure == Disclosure::Revealed {
        for (column, name) in REVEALED_HEADERS {
            headers[column] = name.to_owned();
        }
    }
    Ok(TableOut {
        sheet: VISITS_LEDGER.into(),
        title: Some(title),
        headers,
        rows: numbered(rows),
        text_columns: TEXT_COLUMNS.to_vec(),
    })
}

/// One visit's cells after 序号.
fn visit_row(
    conn: &Connection,
    visit: &VisitRow,
    stations: &HashMap<String, String>,
    deputies: &HashMap<String, String>,
    disclosure: Disclosure,
) -> Result<Vec<String>> {
    let citizens = citizens(conn, &visit.id)?;
    let matters = matter_lines(conn, &visit.id)?;
    let deputy_codes: Vec<String> = serde_json::from_str(&visit.deputies)
        .map_err(|e| Error::Internal(format!("visit {} deputies: {e}", visit.id)))?;
    let channel = Channel::parse(&visit.channel).map_or_else(|| visit.channel.clone(), |c| c.label().to_owned());
    let mut responders: Vec<&str> = Vec::new();
    for m in &matters {
        if !responders.contains(&m.first_responder.as_str()) {
            responders.push(&m.first_responder);
        }
    }
    Ok(vec![
        visit.received_on.format("%Y-%m-%d").to_string(),
        stations.get(&visit.station_code).cloned().unwrap_or_else(|| visit.station_code.clone()),
        channel,
        deputy_codes.iter().map(|c| deputies.get(c).unwrap_or(c).as_str()).collect::<Vec<_>>().join("、"),
        citizens.iter().map(|c| citizen_name(c, disclosure)).collect::<Vec<_>>().join("、"),
        citizens
            .iter()
            .filter(|c| !c.phone.is_empty())
            .map(|c| if disclosure == Disclosure::Masked { mask::phone(&c.phone) } else { c.phone.clone() })
            .collect::<Vec<_>>()
            .join("、"),
        visit.head_count.to_string(),
        matters.iter().map(|m| m.title.as_str()).collect::<Vec<_>>().join("；"),
        matters.iter().map(|m| m.code.as_str()).collect::<Vec<_>>().join("、"),
        responders.join("、"),
        visit.clerk.clone(),
    ])
}

/// A citizen as the ledger names them: masked (or in full when revealed), or 匿名 when they gave no name.
fn citizen_name(c: &CitizenInput, disclosure: Disclosure) -> String {
    if c.anonymous || c.name.trim().is_empty() {
        "匿名".to_owned()
    } else if disclosure == Disclosure::Masked {
        mask::name(&c.name)
    } else {
        c.name.trim().to_owned()
    }
}

fn matter_lines(conn: &Connection, visit_id: &str) -> Result<Vec<MatterLine>> {
    let mut stmt =
        conn.prepare_cached("SELECT code, title, first_responder FROM matters WHERE visit_id = ?1 ORDER BY code")?;
    let lines = stmt
        .query_map([visit_id], |r| Ok(MatterLine { code: r.get(0)?, title: r.get(1)?, first_responder: r.get(2)? }))?;
    Ok(lines.collect::<rusqlite::Result<_>>()?)
}

/// Deputies' names by code (deputies' names are public: the ledger shows them in full).
fn deputy_names(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT code, name FROM deputies")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod reveal_tests {
    use super::*;
    use crate::ledger::Period;
    use crate::testing::{signed_in_as, small_roster, temp_store};
    use crate::workflow::register;

    #[test]
    fn a_revealed_ledger_needs_a_permitted_role_and_a_reason_and_is_audited() {
        let mut t = temp_store();
        small_roster(&mut t.store);
        let visit = crate::testing::one_matter_visit("13912345678");
        t.store.write("clerk", |w| register(w, &visit)).unwrap();
        let scope = LedgerScope { station_code: Some("XH-01".into()), period: Period::year(2026).unwrap() };
        let audits =
            |t: &crate::testing::TestStore| crate::audit::recent(t.store.conn(), Some("ledger_reveal"), 10).unwrap();

        let clerk = signed_in_as(&mut t.store, Role::Clerk);
        let err =
            t.store.write(&clerk.operator(), |w| visits_ledger_revealed_as(w, &clerk, &scope, "回访")).unwrap_err();
        assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
        let head = signed_in_as(&mut t.store, Role::StationHead);
        let err = t.store.write(&head.operator(), |w| visits_ledger_revealed_as(w, &head, &scope, " ")).unwrap_err();
        assert!(matches!(err, Error::InvalidFields(_)), "{err:?}");
        assert!(audits(&t).is_empty(), "a refused reveal is not a reveal");

        let table =
            t.store.write(&head.operator(), |w| visits_ledger_revealed_as(w, &head, &scope, "电话回访")).unwrap();
        assert_eq!(table.headers[5..7], ["来访人".to_owned(), "联系电话".to_owned()]);
        assert_eq!(table.rows[0][5..7], ["李秀英".to_owned(), "13912345678".to_owned()]);
        let masked = visits_ledger(t.store.conn(), &scope).unwrap();
        assert_eq!(masked.rows[0][5..7], ["李**".to_owned(), "139****5678".to_owned()]);
        let audited = audits(&t);
        assert_eq!(audited.len(), 1);
        assert!(audited[0].detail.contains("电话回访"), "{:?}", audited[0]);
    }
}
