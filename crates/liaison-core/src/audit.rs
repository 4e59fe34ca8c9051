//! Reading the audit log: who revealed personal data, changed the setup or managed operators, when and why. The
//! office reads it (`liaison audit`) to answer "who looked at this deputy's phone number?". Writing happens in
//! [`crate::store::Writer::audit`] inside the transaction of the audited action.

use serde::Serialize;

use crate::error::Result;

/// One audited action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// The operator, as recorded ("王芳 (wangfang)").
    pub operator: String,
    /// What was done, e.g. `reveal`, `setup_save`, `operator_role`.
    pub action: String,
    /// The kind of record it concerned.
    pub entity: String,
    /// Which record.
    pub entity_id: String,
    /// Details, e.g. the reason given for a reveal.
    pub detail: String,
}

/// The latest `limit` records, newest first, only of `action` when given.
pub fn recent(conn: &rusqlite::Connection, action: Option<&str>, limit: u32) -> Result<Vec<AuditRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, operator, action, entity, entity_id, detail FROM audit_log
         WHERE ?1 IS NULL OR action = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![action, limit], |r| {
        Ok(AuditRecord {
            at: r.get(0)?,
            operator: r.get(1)?,
            action: r.get(2)?,
            entity: r.get(3)?,
            entity_id: r.get(4)?,
            detail: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::deputy::reveal_private;
    use crate::testing::{small_roster, temp_store};

    #[test]
    fn a_reveal_is_listed_newest_first_with_its_reason() {
        let mut t = temp_store();
        small_roster(&mut t.store);
        for reason in ["回访核实", "寄送材料"] {
            t.store.write("王芳 (wangfang)", |w| reveal_private(w, "D000001", reason)).unwrap();
        }
        let reveals = recent(t.store.conn(), Some("reveal"), 10).unwrap();
        assert_eq!(reveals.len(), 2);
        assert!(reveals[0].detail.contains("寄送材料"), "{:?}", reveals[0]);
        assert_eq!(reveals[0].operator, "王芳 (wangfang)");
        assert_eq!(recent(t.store.conn(), Some("reveal"), 1).unwrap().len(), 1, "the limit holds");
        assert!(recent(t.store.conn(), Some("nothing"), 10).unwrap().is_empty());
    }
}
