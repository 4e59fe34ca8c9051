-- 0004 calendar: the official working-day calendar (法定节假日与调休), local configuration of one installation.
-- Append-only: never edit a migration that has shipped; add a new file instead.
--
-- Schema only: the official years that ship with the app are seeded from their JSON files by
-- crates/liaison-core/src/calendar (on every open, only the years not yet present), so that a release adding a
-- year needs no migration and the shipped data go through the same validation as a file the office sends.
-- Not synced for now: no change log; imports and edits are recorded in `audit_log`.

-- One row per year that has an official calendar. A year without a row counts weekends only.
CREATE TABLE calendar_years (
    year         INTEGER PRIMARY KEY,
    source       TEXT NOT NULL CHECK (source IN ('bundled', 'import')),
    papers       TEXT NOT NULL DEFAULT '[]',       -- JSON array: the State Council notices transcribed
    imported_at  TEXT NOT NULL                     -- RFC 3339, UTC
);

-- The dates that override "Monday to Friday work, Saturday and Sunday rest".
CREATE TABLE calendar_days (
    date   TEXT PRIMARY KEY                        -- YYYY-MM-DD
           CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    year   INTEGER NOT NULL,                       -- the calendar year that lists it (2022-12-31 belongs to 2023)
    off    INTEGER NOT NULL CHECK (off IN (0, 1)), -- 1: public holiday; 0: make-up working day (调休) on a weekend
    name   TEXT NOT NULL
);

CREATE INDEX calendar_days_by_year ON calendar_days (year);
