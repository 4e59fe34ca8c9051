//! The write handle: one open transaction plus everything a change record needs (node id, operator, HLC).

use rusqlite::Transaction;
use uuid::Uuid;

use crate::changelog::owner::Owners;
use crate::changelog::{self, Applied, Applying, Bases, Change, EntityKind, Fields, Op};
use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::ids;
use crate::store::Deps;

/// A write transaction. Dropping it without [`Writer::commit`] rolls everything back.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    deps: &'a Deps,
    node_id: &'a str,
    operator: String,
    last_hlc: Hlc,
    /// Whose the records written in this transaction are (see [`changelog::owner`]).
    owners: Owners,
}

impl<'a> Writer<'a> {
    pub(super) fn begin(tx: Transaction<'a>, deps: &'a Deps, node_id: &'a str, operator: &str) -> Result<Self> {
        if operator.trim().is_empty() {
            return Err(Error::Invalid("every change needs an operator".into()));
        }
        let last_hlc = Hlc(tx.query_row("SELECT last_hlc FROM node WHERE singleton = 1", [], |r| r.get(0))?);
        Ok(Writer { tx, deps, node_id, operator: operator.to_owned(), last_hlc, owners: Owners::default() })
    }

    /// The transaction, for reads inside the write and for tables that are not synced entities.
    pub fn tx(&self) -> &Transaction<'a> {
        &self.tx
    }

    /// The operator recorded on every change of this transaction.
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// This installation's node id.
    pub fn node_id(&self) -> &str {
        self.node_id
    }

    /// The injected clock and randomness.
    pub fn deps(&self) -> &Deps {
        self.deps
    }

    /// A fresh entity id.
    pub fn new_id(&self) -> Uuid {
        ids::new_id(self.deps.clock.as_ref(), self.deps.entropy.as_ref())
    }

    /// The next HLC stamp of this node.
    pub fn next_hlc(&mut self) -> Hlc {
        self.last_hlc = Hlc::next(self.last_hlc, self.deps.clock.now_ms());
        self.last_hlc
    }

    /// Records and applies a change made here. An empty field set is not a change and records nothing.
    pub fn change(&mut self, entity: EntityKind, entity_id: &str, op: Op, fields: Fields) -> Result<Applied> {
        self.change_resolving(entity, entity_id, op, fields, &Bases::new())
    }

    /// [`Writer::change`] that also settles conflicts: `resolved` names, per field, the losing values a person
    /// reviewed in this act; they are recorded as further bases so every node marks them resolved.
    pub fn change_resolving(
        &mut self,
        entity: EntityKind,
        entity_id: &str,
        op: Op,
        fields: Fields,
        resolved: &Bases,
    ) -> Result<Applied> {
        if fields.is_empty() {
            return Ok(Applied::Unchanged);
        }
        let seen = if op == Op::Delete { None } else { Some(&fields) };
        let mut bases = changelog::current_bases(&self.tx, entity, entity_id, seen)?;
        for (field, stamps) in resolved {
            // After the register seen, even when it is the value settled: position marks a resolution.
            let list = bases.entry(field.clone()).or_default();
            if list.is_empty() {
                return Err(Error::Internal(format!("settling {field} of a record that has no such register")));
            }
            list.extend(stamps.iter().cloned());
        }
        let change = Change {
            node_id: self.node_id.to_owned(),
            hlc: self.next_hlc(),
            entity,
            entity_id: entity_id.to_owned(),
            op,
            fields,
            operator: self.operator.clone(),
            bases,
        };
        let applying = changelog::apply_with(&self.tx, &change, &mut self.owners)?;
        self.refresh_conflicts(&change, &applying)?;
        Ok(applying.applied)
    }

    /// Applies a change made on another node (sync import). Applying one twice is a no-op.
    pub fn apply_remote(&mut self, change: &Change) -> Result<Applied> {
        Ok(self.apply_remote_counting(change)?.0)
    }

    /// [`Writer::apply_remote`], also returning how many unresolved conflicts it brought to light.
    pub fn apply_remote_counting(&mut self, change: &Change) -> Result<(Applied, u64)> {
        self.last_hlc = Hlc::receive(self.last_hlc, change.hlc, self.deps.clock.now_ms())?;
        let applying = changelog::apply_with(&self.tx, change, &mut self.owners)?;
        let conflicts = self.refresh_conflicts(change, &applying)?;
        Ok((applying.applied, conflicts))
    }

    /// Brings the conflict rows of the fields `change` wrote up to date (see [`changelog::conflicts`]). A new
    /// record (no register before this change) has no other write to conflict with, nor has an append-only one. A
    /// field's first write on an existing record may: on a deleted record, it is an edit the delete never saw.
    fn refresh_conflicts(&self, change: &Change, applying: &Applying) -> Result<u64> {
        let recorded = matches!(applying.applied, Applied::Recorded { .. });
        if !recorded || applying.fresh || change.entity.spec().insert_only {
            return Ok(0);
        }
        let now = self.deps.clock.now().to_rfc3339();
        changelog::conflicts::refresh(&self.tx, change.entity, &change.entity_id, change.fields.keys(), &now)
    }

    /// Records an audited act that changes no entity (e.g. revealing a phone number).
    pub fn audit(&mut self, action: &str, entity: EntityKind, entity_id: &str, detail: &str) -> Result<()> {
        self.audit_local(action, entity.as_str(), entity_id, detail)
    }

    /// Records an audited act on a record that is not a synced entity (`entity` is a free name such as
    /// `"operator"` or `"settings"`): operators and settings belong to one installation and never enter the
    /// change log, yet who changed them and every sign-in must still be on record.
    pub fn audit_local(&mut self, action: &str, entity: &str, entity_id: &str, detail: &str) -> Result<()> {
        let hlc = self.next_hlc();
        self.tx.execute(
            "INSERT INTO audit_log (at, hlc, node_id, operator, action, entity, entity_id, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                self.deps.clock.now().to_rfc3339(),
                hlc.0,
                self.node_id,
                self.operator,
                action,
                entity,
                entity_id,
                detail
            ],
        )?;
        Ok(())
    }

    /// Brings the matter summaries and the search index up to date, persists the clock and commits.
    pub(super) fn commit(self) -> Result<()> {
        crate::workflow::summary::flush(&self.tx)?;
        crate::search::index::flush(&self.tx)?;
        self.tx.execute("UPDATE node SET last_hlc = MAX(last_hlc, ?1) WHERE singleton = 1", [self.last_hlc.0])?;
        self.tx.commit()?;
        Ok(())
    }
}
