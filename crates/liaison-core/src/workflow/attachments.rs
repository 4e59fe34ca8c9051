//! Attachments of a matter (附件): a photo of the broken street lamp, the citizen's letter, a unit's written reply.
//!
//! Attaching checks the file before anything is kept: not empty, at most [`MAX_BYTES`], and of a type recognised
//! **from its content** (JPEG, PNG, PDF, Word/Excel/WPS documents old and new, plain text), never from its name,
//! so a renamed executable is refused. The bytes are copied into the `attachments` folder beside the database
//! ([`crate::store::Store::attachments_dir`]) under their SHA-256 (the same file attached twice is stored once), and
//! the record (matter, name, type, size, hash, who, when) is a change-log entity, so it travels with the matter.
//! The file is written (to a temporary name, then renamed) before the record's transaction commits: a crash leaves
//! at worst an unnamed file, never a record without its file.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::visits;
use crate::changelog::{DELETED_FIELD, EntityKind, Fields, Op};
use crate::error::{Error, FieldIssue, Result};
use crate::store::Writer;

/// The largest file accepted: a phone photo or a scanned letter fits; a video does not belong here.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The longest file name kept (characters).
const MAX_NAME_CHARS: usize = 120;

/// An attachment as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct AttachmentView {
    /// Its id.
    pub id: String,
    /// The file name shown.
    pub file_name: String,
    /// Its type, e.g. `image/jpeg`.
    pub mime: String,
    /// Its Chinese name, e.g. 图片.
    pub kind_label: String,
    /// Bytes.
    pub size: u32,
    /// SHA-256 of the content (names the stored file).
    pub sha256: String,
    /// When it was attached (RFC 3339).
    pub added_at: String,
    /// Who attached it.
    pub added_by: String,
}

/// The types accepted: (MIME type, Chinese name).
const TYPES: [(&str, &str); 6] = [
    ("image/jpeg", "图片"),
    ("image/png", "图片"),
    ("application/pdf", "PDF文档"),
    ("application/vnd.openxmlformats", "Office文档"),
    ("application/x-ole-storage", "Office文档"),
    ("text/plain", "文本"),
];

/// The file's type from its first bytes, if it is one of [`TYPES`]. Office Open XML (docx, xlsx) and OpenDocument
/// are ZIP files; the older Word/Excel/WPS formats are OLE compound files.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if starts(b"%PDF-") {
        Some("application/pdf")
    } else if starts(b"PK\x03\x04") {
        Some("application/vnd.openxmlformats")
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("application/x-ole-storage")
    } else if is_text(bytes) {
        Some("text/plain")
    } else {
        None
    }
}

/// UTF-8 (or GB18030, which Chinese Windows Notepad writes) without control characters other than line breaks and
/// tabs: a text file, not a binary with a .txt name.
fn is_text(bytes: &[u8]) -> bool {
    let no_controls = |s: &str| s.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{feff}'));
    match std::str::from_utf8(bytes) {
        Ok(s) => no_controls(s),
        Err(_) => {
            let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
            !bad && no_controls(&text)
        }
    }
}

fn kind_label(mime: &str) -> &'static str {
    TYPES.iter().find(|(m, _)| *m == mime).map_or("文件", |(_, label)| label)
}

/// Where the file with this hash lives in `dir`.
pub fn stored_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(&sha256[..2.min(sha256.len())]).join(sha256)
}

/// Attaches `bytes` (the file the clerk chose, named `file_name`) to the matter with this id or code, keeping the
/// file in `dir`. Refused with the reason in Chinese when the file is empty, too large or of an unknown type.
pub fn attach(w: &mut Writer<'_>, dir: &Path, matter: &str, file_name: &str, bytes: &[u8]) -> Result<AttachmentView> {
    let matter = visits::find_matter(w.tx(), matter)?;
    let name = file_name.trim();
    let mut issues = Vec::new();
    if name.is_empty() {
        issues.push(FieldIssue::new("file_name", "附件须有文件名"));
    } else if name.chars().count() > MAX_NAME_CHARS || name.contains(['/', '\\']) {
        issues.push(FieldIssue::new("file_name", format!("文件名须为不超过 {MAX_NAME_CHARS} 个字的单个文件名")));
    }
    let mime = sniff(bytes);
    if bytes.is_empty() {
        issues.push(FieldIssue::new("file", "文件是空的"));
    } else if bytes.len() > MAX_BYTES {
        issues.push(FieldIssue::new("file", format!("文件超过 {} MB，不能作为附件", MAX_BYTES / 1024 / 1024)));
    } else if mime.is_none() {
        issues.push(FieldIssue::new("file", "只能附加图片（JPG、PNG）、PDF、Word/Excel/WPS 文档或文本文件"));
    }
    let (Some(mime), true) = (mime, issues.is_empty()) else {
        return Err(Error::InvalidFields(issues));
    };
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    keep_file(dir, &sha256, bytes)?;
    let id = w.new_id().to_string();
    let added_at = w.deps().clock.now().to_rfc3339();
    let mut fields = Fields::new();
    fields.insert("matter_id".into(), json!(matter.id));
    fields.insert("file_name".into(), json!(name));
    fields.insert("mime".into(), json!(mime));
    fields.insert("size".into(), json!(bytes.len()));
    fields.insert("sha256".into(), json!(sha256));
    fields.insert("added_at".into(), json!(added_at));
    fields.insert("added_by".into(), json!(w.operator()));
    w.change(EntityKind::MatterAttachment, &id, Op::Insert, fields)?;
    get(w.tx(), &id)
}

/// Writes the file under its hash unless it is there already: to a temporary name first, then renamed, so a file
/// under a hash name is always complete.
fn keep_file(dir: &Path, sha256: &str, bytes: &[u8]) -> Result<()> {
    let path = stored_path(dir, sha256);
    if path.exists() {
        return Ok(());
    }
    let folder = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(folder).map_err(|source| Error::Io { path: folder.to_path_buf(), source })?;
    let partial = folder.join(format!("{sha256}.partial"));
    std::fs::write(&partial, bytes).map_err(|source| Error::Io { path: partial.clone(), source })?;
    std::fs::rename(&partial, &path).map_err(|source| Error::Io { path: path.clone(), source })
}

/// Removes an attachment from its matter (a tombstone; the stored file stays, other records may name it).
pub fn remove(w: &mut Writer<'_>, id: &str) -> Result<()> {
    get(w.tx(), id)?;
    let mut tombstone = Fields::new();
    tombstone.insert(DELETED_FIELD.into(), json!(true));
    w.change(EntityKind::MatterAttachment, id, Op::Delete, tombstone)?;
    Ok(())
}

/// The attachments of the matter with this id or code, oldest first.
pub fn list(conn: &Connection, matter: &str) -> Result<Vec<AttachmentView>> {
    let matter = visits::find_matter(conn, matter)?;
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE matter_id = ?1 ORDER BY added_at, id"))?;
    let rows = stmt.query_map([&matter.id], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One attachment by id.
pub fn get(conn: &Connection, id: &str) -> Result<AttachmentView> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?.query_row([id], read_row).map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => Error::NotFound(format!("附件 {id}")),
        other => other.into(),
    })
}

/// The attachment's bytes, read from `dir` and checked against its hash (a damaged or replaced file is reported,
/// never handed out as the citizen's document).
pub fn read(dir: &Path, attachment: &AttachmentView) -> Result<Vec<u8>> {
    let path = stored_path(dir, &attachment.sha256);
    let bytes = std::fs::read(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
    if format!("{:x}", Sha256::digest(&bytes)) != attachment.sha256 {
        return Err(Error::Invalid(format!("附件文件已损坏或被改动：{}", path.display())));
    }
    Ok(bytes)
}

const SELECT: &str = "SELECT id, file_name, mime, size, sha256, added_at, added_by FROM matter_attachments";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AttachmentView> {
    let mime: String = r.get(2)?;
    Ok(AttachmentView {
        id: r.get(0)?,
        file_name: r.get(1)?,
        kind_label: kind_label(&mime).to_owned(),
        mime,
        size: r.get(3)?,
        sha256: r.get(4)?,
        added_at: r.get(5)?,
        added_by: r.get(6)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{small_roster, temp_store};
    use crate::workflow::register;

    fn matter(t: &mut crate::testing::TestStore) -> String {
        small_roster(&mut t.store);
        let visit = crate::testing::one_matter_visit("");
        t.store.write("clerk", |w| register(w, &visit)).unwrap().matters[0].code.clone()
    }

    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];

    #[test]
    fn a_photo_is_kept_once_under_its_hash_listed_and_read_back() {
        let mut t = temp_store();
        let code = matter(&mut t);
        let dir = t.store.attachments_dir();
        let first = t.store.write("clerk", |w| attach(w, &dir, &code, " 路灯.jpg ", JPEG)).unwrap();
        assert_eq!(
            (first.file_name.as_str(), first.mime.as_str(), first.kind_label.as_str()),
            ("路灯.jpg", "image/jpeg", "图片")
        );
        let again = t.store.write("clerk", |w| attach(w, &dir, &code, "同一张.jpg", JPEG)).unwrap();
        assert_eq!(again.sha256, first.sha256);
        assert_ne!(again.id, first.id);
        let files: Vec<_> = walk(&dir);
        assert_eq!(files.len(), 1, "the same bytes are stored once: {files:?}");
        assert_eq!(list(t.store.conn(), &code).unwrap().len(), 2);
        assert_eq!(read(&dir, &first).unwrap(), JPEG);

        t.store.write("clerk", |w| remove(w, &again.id)).unwrap();
        assert_eq!(list(t.store.conn(), &code).unwrap(), std::slice::from_ref(&first));
        std::fs::write(stored_path(&dir, &first.sha256), b"tampered").unwrap();
        assert!(matches!(read(&dir, &first), Err(Error::Invalid(_))), "a changed file is not handed out");
    }

    #[test]
    fn empty_oversized_and_disguised_files_are_refused_and_nothing_is_kept() {
        let mut t = temp_store();
        let code = matter(&mut t);
        let dir = t.store.attachments_dir();
        let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff";
        let big = vec![b'a'; MAX_BYTES + 1];
        for (name, bytes, reason) in [
            ("证明.pdf", &exe[..], "只能附加"),
            ("空.txt", &b""[..], "空"),
            ("大.txt", &big[..], "超过"),
            ("a/b.jpg", JPEG, "单个文件名"),
        ] {
            let err = t.store.write("clerk", |w| attach(w, &dir, &code, name, bytes)).unwrap_err();
            let Error::InvalidFields(issues) = err else { panic!("{name}: {err:?}") };
            assert!(issues.iter().any(|i| i.message.contains(reason)), "{name}: {issues:?}");
        }
        assert!(list(t.store.conn(), &code).unwrap().is_empty());
        assert!(walk(&dir).is_empty(), "a refused file leaves nothing behind");
    }

    #[test]
    fn types_are_recognised_from_content_including_chinese_text() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff(b"PK\x03\x04rest"), Some("application/vnd.openxmlformats"));
        assert_eq!(sniff("来信内容：路灯不亮\r\n".as_bytes()), Some("text/plain"));
        let (gbk, _, _) = encoding_rs::GB18030.encode("来信内容：路灯不亮");
        assert_eq!(sniff(&gbk), Some("text/plain"));
        assert_eq!(sniff(b"\x00\x01\x02binary"), None);
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                out.extend(walk(&entry.path()));
            } else {
                out.push(entry.path());
            }
        }
        out
    }
}
