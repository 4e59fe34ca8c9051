//! Applying one change: log it, merge its fields, project the row (see the design notes in the parent module).

use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;

use super::owner::Owners;
use super::{Applied, Bases, Change, DELETED_FIELD, EntityKind, Fields, Op, Stamp};
use crate::error::{Error, Result};
use crate::hlc::Hlc;

/// What [`apply_with`] did, with what the caller needs to skip work.
pub(crate) struct Applying {
    /// What happened to the change.
    pub applied: Applied,
    /// The change created its record: no register of it existed before, so it is the record's only write and can
    /// conflict with nothing.
    pub fresh: bool,
}

/// Applies `change` inside `tx`. Idempotent; commutative with every other change.
pub fn apply(tx: &Transaction<'_>, change: &Change) -> Result<Applied> {
    Ok(apply_with(tx, change, &mut Owners::default())?.applied)
}

/// [`apply`], finding the change's owner with the transaction's memo `owners`.
pub(crate) fn apply_with(tx: &Transaction<'_>, change: &Change, owners: &mut Owners) -> Result<Applying> {
    let spec = change.entity.spec();
    if let Some(bad) = change.fields.keys().find(|f| *f != DELETED_FIELD && !spec.has_field(f)) {
        return Err(Error::Invalid(format!("{} has no field {bad}", change.entity.as_str())));
    }
    if spec.insert_only && change.op != Op::Insert {
        return Err(Error::Invalid(format!(
            "{} is append-only: {} refused",
            change.entity.as_str(),
            change.op.as_str()
        )));
    }
    // A change is made over the fields it writes; a delete over the whole record.
    let based_on = |f: &String| match change.op {
        Op::Delete => f == DELETED_FIELD || spec.has_field(f),
        Op::Insert | Op::Update => change.fields.contains_key(f),
    };
    if let Some(bad) = change.bases.keys().find(|f| !based_on(f)) {
        return Err(Error::Invalid(format!("{} base names an unchanged field {bad}", change.entity.as_str())));
    }
    let fields_json = serde_json::to_string(&change.fields).map_err(|e| Error::Internal(e.to_string()))?;
    let bases_json = serde_json::to_string(&change.bases).map_err(|e| Error::Internal(e.to_string()))?;
    let owner = owners.of(tx, change)?;
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO change_log (node_id, hlc, entity, entity_id, op, fields, operator, bases, owner)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            change.node_id,
            change.hlc.0,
            change.entity.as_str(),
            change.entity_id,
            change.op.as_str(),
            fields_json,
            change.operator,
            bases_json,
            owner
        ])?;
    if inserted == 0 {
        return Ok(Applying { applied: Applied::Duplicate, fresh: false });
    }
    if spec.insert_only {
        return apply_insert_only(tx, change);
    }
    let fresh = !has_registers(tx, change)?;
    let won = merge_registers(tx, change)?;
    if won > 0 {
        // A fresh record's registers are exactly the change's fields: no need to read them back.
        let state = if fresh { change.fields.clone() } else { registers(tx, change)? };
        project(tx, change, &state, fresh)?;
    }
    Ok(Applying { applied: Applied::Recorded { fields_won: won }, fresh })
}

/// Applies the insert of an append-only record (see `EntitySpec::insert_only`): it keeps no registers — its one
/// insert is its whole state, written straight into its table. (A matter's events are three quarters of a city's
/// changes and two thirds of its registers: five rows each in `field_state` that nothing ever overwrote.)
fn apply_insert_only(tx: &Transaction<'_>, change: &Change) -> Result<Applying> {
    let spec = change.entity.spec();
    let exists = tx
        .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", spec.table))?
        .query_row([&change.entity_id], |_| Ok(()))
        .optional()?
        .is_some();
    if exists {
        // A second, different insert of the same append-only record: history is never rewritten.
        return Err(Error::Conflict(format!("{} {} already exists", change.entity.as_str(), change.entity_id)));
    }
    if let Some(missing) = spec.required.iter().find(|f| !change.fields.contains_key(**f)) {
        return Err(Error::Invalid(format!(
            "{} is append-only and its insert lacks {missing}",
            change.entity.as_str()
        )));
    }
    project(tx, change, &change.fields, true)?;
    Ok(Applying { applied: Applied::Recorded { fields_won: change.fields.len() }, fresh: true })
}

/// Merges the change's fields into their registers, each replacing the stored one only when the change's stamp
/// is greater; returns how many it won. One statement per field: a multi-row upsert is one statement per change but
/// is compiled as a multi-row write, which copies every page it touches into a statement journal — slower.
fn merge_registers(tx: &Transaction<'_>, change: &Change) -> Result<usize> {
    let mut merge = tx.prepare_cached(
        "INSERT INTO field_state (entity, entity_id, field, value, hlc, node_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (entity, entity_id, field) DO UPDATE
           SET value = excluded.value, hlc = excluded.hlc, node_id = excluded.node_id
           WHERE (excluded.hlc, excluded.node_id) > (field_state.hlc, field_state.node_id)",
    )?;
    let mut won = 0;
    for (field, value) in &change.fields {
        won += merge.execute(params![
            change.entity.as_str(),
            change.entity_id,
            field,
            value.to_string(),
            change.hlc.0,
            change.node_id
        ])?;
    }
    Ok(won)
}

/// The stamps of the registers a local change overwrites: its bases (see [`Bases`]). A change is made over the
/// registers of `fields`; a delete (`fields` = `None`) over every register of the record. A field without a
/// register gets none.
pub fn current_bases(
    tx: &rusqlite::Connection,
    entity: EntityKind,
    id: &str,
    fields: Option<&Fields>,
) -> Result<Bases> {
    let mut stmt =
        tx.prepare_cached("SELECT field, hlc, node_id FROM field_state WHERE entity = ?1 AND entity_id = ?2")?;
    let rows = stmt.query_map(params![entity.as_str(), id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?))
    })?;
    let mut bases = Bases::new();
    for row in rows {
        let (field, hlc, node) = row?;
        if fields.is_none_or(|f| f.contains_key(&field)) {
            bases.insert(field, vec![Stamp(Hlc(hlc), node)]);
        }
    }
    Ok(bases)
}

/// Rewrites the entity's row from its registers' values `state` (`fresh`: the record had no register before this
/// change, so it has no row either).
fn project(tx: &Transaction<'_>, change: &Change, state: &Fields, fresh: bool) -> Result<()> {
    let spec = change.entity.spec();
    let deleted = state.get(DELETED_FIELD).and_then(Value::as_bool).unwrap_or(false);
    if deleted {
        tx.prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", spec.table))?.execute([&change.entity_id])?;
        return (spec.after_project)(tx, &change.entity_id, true);
    }
    if !spec.required.iter().all(|f| state.contains_key(*f)) {
        return Ok(()); // an update ahead of its insert: wait in the registers
    }
    let mut columns: Vec<&str> = spec.fields.iter().copied().filter(|f| state.contains_key(*f)).collect();
    let mut values: Vec<SqlValue> = vec![SqlValue::Text(change.entity_id.clone())];
    values.extend(columns.iter().map(|c| to_sql(&state[*c])));
    if spec.insert_only {
        // Projected once, from its only insert: this change (see `EntitySpec::insert_only`).
        columns.extend(["hlc", "node_id"]);
        values.extend([SqlValue::Integer(change.hlc.0), SqlValue::Text(change.node_id.clone())]);
    }
    let placeholders: Vec<String> = (2..=columns.len() + 1).map(|i| format!("?{i}")).collect();
    // A fresh record is a plain insert: an upsert on a table with foreign keys is compiled as a write that may
    // need undoing, and copies every page it touches into a statement journal first.
    let upsert = match fresh {
        true => String::new(),
        false => {
            let updates: Vec<String> = columns.iter().map(|c| format!("{c} = excluded.{c}")).collect();
            format!(" ON CONFLICT (id) DO UPDATE SET {}", updates.join(", "))
        }
    };
    let sql = format!(
        "INSERT INTO {table} (id, {cols}) VALUES (?1, {ph}){upsert}",
        table = spec.table,
        cols = columns.join(", "),
        ph = placeholders.join(", "),
    );
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))
        .map_err(|e| super::unique::explain(change.entity, state, e))?;
    (spec.after_project)(tx, &change.entity_id, false)
}

/// True when the change's entity already has registers (an earlier change of it was applied).
fn has_registers(tx: &Transaction<'_>, change: &Change) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM field_state WHERE entity = ?1 AND entity_id = ?2 LIMIT 1")?
        .query_row(params![change.entity.as_str(), change.entity_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The current value of every register of the change's entity.
fn registers(tx: &Transaction<'_>, change: &Change) -> Result<Fields> {
    let mut stmt = tx.prepare_cached("SELECT field, value FROM field_state WHERE entity = ?1 AND entity_id = ?2")?;
    let rows = stmt.query_map(params![change.entity.as_str(), change.entity_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Fields::new();
    for row in rows {
        let (field, raw) = row?;
        let value = serde_json::from_str(&raw).map_err(|e| Error::Internal(format!("field_state {field}: {e}")))?;
        out.insert(field, value);
    }
    Ok(out)
}

/// A JSON register value as an SQL value: scalars map to their SQL types, arrays and objects stay JSON text.
fn to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => {
            n.as_i64().map(SqlValue::Integer).unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(0.0)))
        }
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => SqlValue::Text(value.to_string()),
    }
}

/// The stored value of one register, if any (used by tests and conflict views).
pub fn register(tx: &rusqlite::Connection, entity: &str, id: &str, field: &str) -> Result<Option<Value>> {
    let raw: Option<String> = tx
        .query_row(
            "SELECT value FROM field_state WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
            params![entity, id, field],
            |r| r.get(0),
        )
        .optional()?;
    raw.map(|r| serde_json::from_str(&r).map_err(|e| Error::Internal(e.to_string()))).transpose()
}
