//! Keeping the search documents in step with the roster.
//!
//! Projection hooks only [`mark_dirty`] a record (a row in the connection's TEMP table `search_pending`); the
//! writer calls [`flush`] just before it commits, which rebuilds each dirty document once. Writing FTS5 rows in
//! the middle of a transaction would make FTS5 flush its in-memory index at every later statement savepoint
//! (a quarter of an import's time, measured), and a record changed twice in one import is indexed once.
//!
//! A document has four FTS5 columns of space-separated tokens; every query is a prefix or exact token match:
//! - `name`: every suffix of the Chinese name, so a prefix query is a substring query (明新 finds 张明新);
//! - `pinyin`: the spellings of [`super::pinyin`];
//! - `code`: the code in lower case, with and without separators;
//! - `phone`: the last 4, 5, … digits of each phone, matched exactly, so "5678" finds ...5678 and nothing that
//!   merely contains 5678.

use rusqlite::{OptionalExtension, Transaction, params};

use super::DocKind;
use super::pinyin::{spellings, suffix_spellings};
use crate::error::Result;

/// The TEMP table of records whose documents must be rebuilt before commit (created on every connection).
pub const PENDING_TABLE_SQL: &str = "CREATE TEMP TABLE IF NOT EXISTS search_pending (kind TEXT NOT NULL, ref_id TEXT NOT NULL, PRIMARY KEY (kind, ref_id))";

/// Notes that a record's document must be rebuilt (or removed) before the transaction commits.
pub fn mark_dirty(tx: &Transaction<'_>, kind: DocKind, id: &str) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO temp.search_pending (kind, ref_id) VALUES (?1, ?2)")?
        .execute([kind.as_str(), id])?;
    Ok(())
}

/// Rebuilds the documents of every dirty record (removing those of deleted ones) and clears the list.
pub fn flush(tx: &Transaction<'_>) -> Result<()> {
    let pending: Vec<(String, String)> = {
        let mut stmt = tx.prepare_cached("SELECT kind, ref_id FROM temp.search_pending ORDER BY kind, ref_id")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
    };
    for (kind, id) in pending {
        let (kind, table) = match kind.as_str() {
            "deputy" => (DocKind::Deputy, "deputies"),
            _ => (DocKind::Platform, "platforms"),
        };
        let exists: bool = tx
            .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"))?
            .query_row([&id], |r| r.get(0))?;
        match (exists, kind) {
            (false, _) => remove(tx, kind, &id)?,
            (true, DocKind::Deputy) => reindex_deputy(tx, &id)?,
            (true, DocKind::Platform) => reindex_platform(tx, &id)?,
        }
    }
    tx.execute("DELETE FROM temp.search_pending", [])?;
    Ok(())
}

/// Rebuilds the document of one deputy.
pub fn reindex_deputy(tx: &Transaction<'_>, id: &str) -> Result<()> {
    let (name, code, public, private): (String, String, String, String) = tx
        .prepare_cached("SELECT name, code, public_contact, private_phone FROM deputies WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let doc = Document {
        name: name_suffixes(&name),
        pinyin: spellings(&name).join(" "),
        code: code_tokens(&code),
        phone: [phone_tails(&public), phone_tails(&private)].join(" "),
    };
    write(tx, DocKind::Deputy, id, &doc)
}

/// Rebuilds the document of one platform.
pub fn reindex_platform(tx: &Transaction<'_>, id: &str) -> Result<()> {
    let (name, code, phone): (String, String, String) = tx
        .prepare_cached("SELECT name, code, phone FROM platforms WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let doc = Document {
        name: name_suffixes(&name),
        pinyin: suffix_spellings(&name).join(" "),
        code: code_tokens(&code),
        phone: phone_tails(&phone),
    };
    write(tx, DocKind::Platform, id, &doc)
}

/// Removes the document of a deleted record.
pub fn remove(tx: &Transaction<'_>, kind: DocKind, id: &str) -> Result<()> {
    if let Some(rowid) = doc_rowid(tx, kind, id)? {
        tx.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([rowid])?;
        tx.prepare_cached("DELETE FROM search_docs WHERE id = ?1")?.execute([rowid])?;
    }
    Ok(())
}

struct Document {
    name: String,
    pinyin: String,
    code: String,
    phone: String,
}

fn write(tx: &Transaction<'_>, kind: DocKind, id: &str, doc: &Document) -> Result<()> {
    let rowid = match doc_rowid(tx, kind, id)? {
        Some(rowid) => {
            tx.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([rowid])?;
            rowid
        }
        None => {
            tx.prepare_cached("INSERT INTO search_docs (kind, ref_id) VALUES (?1, ?2)")?
                .execute([kind.as_str(), id])?;
            tx.last_insert_rowid()
        }
    };
    tx.prepare_cached(
        "INSERT INTO search_fts (rowid, name, pinyin, code, phone, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![rowid, doc.name, doc.pinyin, doc.code, doc.phone, kind.as_str()])?;
    Ok(())
}

fn doc_rowid(tx: &Transaction<'_>, kind: DocKind, id: &str) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM search_docs WHERE kind = ?1 AND ref_id = ?2")?
        .query_row([kind.as_str(), id], |r| r.get(0))
        .optional()?)
}

/// Every suffix of the name's Han characters: 张明新 → "张明新 明新 新".
fn name_suffixes(name: &str) -> String {
    let han: Vec<char> = name.chars().filter(|c| super::is_han(*c)).collect();
    (0..han.len()).map(|i| han[i..].iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// "ZH-YM-01" → "zhym01 zh ym 01".
fn code_tokens(code: &str) -> String {
    let lower = code.to_lowercase();
    let joined: String = lower.chars().filter(char::is_ascii_alphanumeric).collect();
    let parts: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()).collect();
    let mut out = vec![joined.clone()];
    out.extend(parts.into_iter().filter(|p| *p != joined).map(str::to_owned));
    out.join(" ")
}

/// The last 4..=all digits of a phone: 13812345678 → "5678 45678 345678 …".
fn phone_tails(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    (4..=digits.len()).map(|n| digits[digits.len() - n..].iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(name_suffixes("张明新"), "张明新 明新 新");
        assert_eq!(code_tokens("ZH-YM-01"), "zhym01 zh ym 01");
        assert_eq!(code_tokens("D000123"), "d000123");
        assert_eq!(phone_tails("0375-234567"), "4567 34567 234567 5234567 75234567 375234567 0375234567");
        assert_eq!(phone_tails(""), "");
    }
}
