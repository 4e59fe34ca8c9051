-- 0001 foundation: this installation, settings, the change log with per-field clocks, the audit log,
-- the roster (regions, platforms, deputies) and the search index.
-- Append-only: never edit a migration that has shipped; add a new file instead.
--
-- Roster tables are *projections* of the change log: every write goes through the change-log engine
-- (crates/liaison-core/src/changelog), which records the change, updates the per-field registers in
-- `field_state` and then rewrites the row here. Foreign keys are DEFERRABLE so that a batch of changes
-- (an import, a sync bundle) can arrive in any order inside one transaction.

CREATE TABLE node (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    id          TEXT NOT NULL,             -- this installation's node id (UUIDv7)
    created_at  TEXT NOT NULL,
    last_hlc    INTEGER NOT NULL DEFAULT 0 -- the largest HLC stamp issued or seen; never goes back
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every insert, update and delete of a synced entity, local or imported, in arrival order.
CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT, -- local arrival order (sync cuts bundles by it)
    node_id    TEXT NOT NULL,                     -- the node where the change was made
    hlc        INTEGER NOT NULL,                  -- its hybrid-logical-clock stamp there
    entity     TEXT NOT NULL,                     -- 'region', 'platform', 'deputy', ...
    entity_id  TEXT NOT NULL,
    op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    fields     TEXT NOT NULL,                     -- JSON object: changed field -> new value
    operator   TEXT NOT NULL,                     -- who made it, as recorded at the origin node
    UNIQUE (node_id, hlc)                         -- a change's identity: applying it twice is a no-op
);
CREATE INDEX change_log_by_entity ON change_log (entity, entity_id);

-- The winning value of every field of every entity, with the stamp that won (last writer wins per field,
-- ties broken by node id). Rows of the roster tables are rebuilt from here.
CREATE TABLE field_state (
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,  -- JSON
    hlc        INTEGER NOT NULL,
    node_id    TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, field)
) WITHOUT ROWID;

-- Reads of personal data and other acts worth auditing that change no entity.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,          -- RFC 3339, UTC
    hlc        INTEGER NOT NULL,
    node_id    TEXT NOT NULL,
    operator   TEXT NOT NULL,
    action     TEXT NOT NULL,          -- 'reveal', 'export_revealed', ...
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);

-- Content-addressed binary data (deputies' photos): kept out of the change log, which names them by hash.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    mime       TEXT NOT NULL,
    bytes      BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE regions (
    id         TEXT PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('city', 'district', 'county', 'county_city', 'zone',
                                             'township', 'town', 'subdistrict')),
    parent_id  TEXT REFERENCES regions (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX regions_by_parent ON regions (parent_id);

CREATE TABLE platforms (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('station', 'point', 'legislative', 'demonstration', 'base')),
    region_id       TEXT NOT NULL REFERENCES regions (id) DEFERRABLE INITIALLY DEFERRED,
    address         TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    opening_hours   TEXT NOT NULL DEFAULT '',
    reception_days  TEXT NOT NULL DEFAULT '[]',  -- JSON array of ISO weekdays 1..7
    star_ratings    TEXT NOT NULL DEFAULT '[]',  -- JSON array of {level, year, withdrawn_on?, reason?}
    star_level      TEXT NOT NULL DEFAULT 'none' CHECK (star_level IN ('none', 'city', 'province')),
    star_year       INTEGER,                     -- derived from star_ratings on write
    head_name       TEXT NOT NULL DEFAULT '',
    clerks          TEXT NOT NULL DEFAULT '[]',  -- JSON array of names
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    closed_on       TEXT
);
CREATE INDEX platforms_by_region ON platforms (region_id);

CREATE TABLE deputies (
    id                   TEXT PRIMARY KEY,
    code                 TEXT NOT NULL UNIQUE,      -- deputy number (代表编号)
    name                 TEXT NOT NULL,
    gender               TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'male', 'female')),
    ethnicity            TEXT NOT NULL DEFAULT '',
    birth_month          TEXT NOT NULL DEFAULT '',  -- 'YYYY-MM'
    levels               TEXT NOT NULL DEFAULT '[]',-- JSON array of {level, term}
    electoral_district   TEXT NOT NULL DEFAULT '',
    station_id           TEXT REFERENCES platforms (id) DEFERRABLE INITIALLY DEFERRED,
    work_unit            TEXT NOT NULL DEFAULT '',
    title                TEXT NOT NULL DEFAULT '',
    leading_cadre        INTEGER NOT NULL DEFAULT 0,
    entrepreneur         INTEGER NOT NULL DEFAULT 0,
    public_contact       TEXT NOT NULL DEFAULT '',
    private_phone        TEXT NOT NULL DEFAULT '',
    id_number            TEXT NOT NULL DEFAULT '',
    photo_sha256         TEXT,
    status               TEXT NOT NULL DEFAULT 'serving' CHECK (status IN ('serving', 'ended')),
    ended_on             TEXT
);
CREATE INDEX deputies_by_station ON deputies (station_id);
CREATE INDEX deputies_by_name ON deputies (name, birth_month);

-- Derived from deputies.levels on every write, for filters and statistics.
CREATE TABLE deputy_levels (
    deputy_id  TEXT NOT NULL REFERENCES deputies (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    level      TEXT NOT NULL CHECK (level IN ('national', 'province', 'city', 'county', 'township')),
    term       INTEGER,
    PRIMARY KEY (deputy_id, level)
) WITHOUT ROWID;
CREATE INDEX deputy_levels_by_level ON deputy_levels (level);

-- Search: one document per deputy or platform; the FTS5 row id is the document id.
CREATE TABLE search_docs (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('deputy', 'platform')),
    ref_id     TEXT NOT NULL,
    UNIQUE (kind, ref_id)
);
CREATE VIRTUAL TABLE search_fts USING fts5 (
    name,     -- every suffix of the Chinese name: a prefix query on them is a substring query
    pinyin,   -- full / initials / mixed spellings of every plausible reading
    code,     -- the human code and its digit runs
    phone,    -- trailing digits of the phone numbers (4 and more)
    kind,     -- 'deputy' or 'platform', so a query for one kind skips the other's documents inside FTS5
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3 4 5 6'
);
