-- 0008 attachments of matters (附件): photos of the problem, letters, documents a citizen brought. Append-only:
-- never edit a migration that has shipped; add a new file instead.
--
-- A projection of the change log (entity `matter_attachment`): the record names the file by its SHA-256; the bytes
-- are a file in the `attachments` folder beside the database (copied there when attached, checked for size and
-- type), so the database stays small and the change log carries a hash, as it does for deputies' photos.
-- Removing an attachment is a tombstone; the file stays until no record names it.
CREATE TABLE matter_attachments (
    id         TEXT PRIMARY KEY,
    matter_id  TEXT NOT NULL REFERENCES matters (id) DEFERRABLE INITIALLY DEFERRED,
    file_name  TEXT NOT NULL,                   -- the name the clerk chose, shown and offered on "save as"
    mime       TEXT NOT NULL,                   -- from the file's content, not its name
    size       INTEGER NOT NULL CHECK (size > 0),
    sha256     TEXT NOT NULL,                   -- names the file: attachments/<first two hex digits>/<sha256>
    added_at   TEXT NOT NULL,                   -- RFC 3339, UTC
    added_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX matter_attachments_by_matter ON matter_attachments (matter_id);
