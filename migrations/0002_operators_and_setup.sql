-- 0002 operators and setup: the people who sign in to this installation.
-- Append-only: never edit a migration that has shipped; add a new file instead.
--
-- Operators are local to one installation: they are not synced entities, never enter the change log, and are
-- written directly by crates/liaison-core/src/operators (every change and every sign-in is recorded in
-- `audit_log`). The installation setup (mode, station, idle lock) lives in the existing `settings` table under
-- `setup.*` keys and needs no table of its own.

CREATE TABLE operators (
    id               TEXT PRIMARY KEY,                 -- UUIDv7
    login            TEXT NOT NULL UNIQUE              -- stored lower-case, so sign-in ignores case
                     CHECK (length(login) > 0 AND login = lower(login)),
    display_name     TEXT NOT NULL CHECK (length(display_name) > 0),
    role             TEXT NOT NULL CHECK (role IN ('clerk', 'station_head', 'office_staff', 'admin')),
    password_hash    TEXT NOT NULL,                    -- PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash)
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL,                    -- RFC 3339, UTC
    last_sign_in_at  TEXT,
    failed_attempts  INTEGER NOT NULL DEFAULT 0,       -- wrong passwords since the last success or lock
    locked_until     TEXT                              -- RFC 3339, UTC; sign-in refused before it
);
