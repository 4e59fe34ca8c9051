-- 0005 visits and matters under the first-responder rule (首问负责制): handling units, visits, matters, the
-- append-only event log of each matter, and the workflow rules (time limits, escalation ladder, categories).
-- Append-only: never edit a migration that has shipped; add a new file instead.
--
-- handling_units, visits, matters and matter_events are projections of the change log (like the roster tables):
-- crates/liaison-core/src/changelog writes them. A matter's state is never stored: it is folded from its events
-- (crates/liaison-core/src/workflow), so a matter imported from another node shows the same state everywhere.
-- The rules tables are local configuration for now (the office will send them by sync in a later issue); every
-- event that starts a clock freezes the limit it used in its payload, so a later rule change never moves a
-- deadline already given.

-- 承办单位: departments and township governments that handle assigned matters.
CREATE TABLE handling_units (
    id        TEXT PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('department', 'township')),
    contact   TEXT NOT NULL DEFAULT '',
    status    TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired'))
);

-- 接待: one reception of one or more citizens, raising one or more matters.
CREATE TABLE visits (
    id           TEXT PRIMARY KEY,
    station_id   TEXT NOT NULL REFERENCES platforms (id) DEFERRABLE INITIALLY DEFERRED,
    received_at  TEXT NOT NULL,                 -- RFC 3339: when the citizen came, called or wrote
    channel      TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'letter', 'qr', 'deputy_visit', 'online')),
    deputies     TEXT NOT NULL DEFAULT '[]',    -- JSON array of receiving deputies' codes
    clerk        TEXT NOT NULL DEFAULT '',      -- who recorded it
    citizens     TEXT NOT NULL DEFAULT '[]',    -- JSON array of {name, anonymous, phone, address, id_number}
    head_count   INTEGER NOT NULL DEFAULT 1 CHECK (head_count >= 1)
);
CREATE INDEX visits_by_station ON visits (station_id, received_at);

-- 事项: one thing a citizen raised. The first responder is written once and never changed by a transfer.
CREATE TABLE matters (
    id               TEXT PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,      -- '<station code>-<yyyymmdd>-<nn>', minted by the station's node
    visit_id         TEXT NOT NULL REFERENCES visits (id) DEFERRABLE INITIALLY DEFERRED,
    title            TEXT NOT NULL,
    detail           TEXT NOT NULL DEFAULT '',
    category         TEXT NOT NULL,
    place            TEXT NOT NULL DEFAULT '',
    first_responder  TEXT NOT NULL CHECK (first_responder <> '')
);
CREATE INDEX matters_by_visit ON matters (visit_id);

-- Every step of a matter, append-only (the change log refuses updates and deletes of an event). `hlc` and
-- `node_id` are the stamp of the event's insert, copied from the change log by the projection hook: the fold
-- orders events by them, so every node derives the same state whatever order the events arrived in.
CREATE TABLE matter_events (
    id         TEXT PRIMARY KEY,
    matter_id  TEXT NOT NULL REFERENCES matters (id) DEFERRABLE INITIALLY DEFERRED,
    kind       TEXT NOT NULL,                   -- 'registered', 'assigned', 'returned', ... (also in payload)
    at         TEXT NOT NULL,                   -- RFC 3339, UTC: when it was recorded
    operator   TEXT NOT NULL,
    payload    TEXT NOT NULL,                   -- JSON: the event with its fields (route, units, reason, reply...)
    hlc        INTEGER NOT NULL DEFAULT 0,
    node_id    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX matter_events_by_matter ON matter_events (matter_id, hlc, node_id);

-- The configurable list of matter categories (the issue's defaults).
CREATE TABLE matter_categories (
    name      TEXT PRIMARY KEY,
    position  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO matter_categories (name, position) VALUES
    ('城乡建设', 1), ('社会保障', 2), ('教育', 3), ('医疗卫生', 4), ('生态环境', 5), ('交通出行', 6),
    ('农业农村', 7), ('就业创业', 8), ('营商环境', 9), ('社会治理', 10), ('其他', 11);

-- Time limits per step, and per category where a category differs ('*' is the default for every category).
-- unit: working_days on the official calendar, calendar days, calendar months, or a count (max_extensions).
CREATE TABLE workflow_time_limits (
    category  TEXT NOT NULL,
    step      TEXT NOT NULL CHECK (step IN ('register', 'route', 'assign', 'return_window', 'handle', 'extension',
                                            'suggestion', 'suggestion_extension', 'feedback', 'rehandle',
                                            'lookback', 'max_extensions')),
    amount    INTEGER NOT NULL CHECK (amount >= 0),
    unit      TEXT NOT NULL CHECK (unit IN ('working_days', 'calendar_days', 'months', 'count')),
    PRIMARY KEY (category, step)
) WITHOUT ROWID;
-- The domain brief's defaults (docs/domain.md, "Default time limits").
INSERT INTO workflow_time_limits (category, step, amount, unit) VALUES
    ('*', 'register', 0, 'working_days'),           -- same day as reception
    ('*', 'route', 2, 'working_days'),              -- triage and route
    ('*', 'assign', 5, 'working_days'),             -- assign after routing
    ('*', 'return_window', 7, 'working_days'),      -- 退办 only inside this window after 交办
    ('*', 'handle', 15, 'working_days'),
    ('*', 'extension', 15, 'working_days'),         -- our default: one more handling period
    ('*', 'max_extensions', 1, 'count'),
    ('*', 'suggestion', 3, 'months'),               -- formal deputy suggestion: reply in 3 months
    ('*', 'suggestion_extension', 3, 'months'),     -- ... at most 6
    ('*', 'feedback', 5, 'working_days'),           -- tell the citizen after 办结
    ('*', 'rehandle', 1, 'months'),                 -- re-handle after 不满意
    ('*', 'lookback', 30, 'calendar_days');         -- 回头看 after 办结

-- The escalation ladder: each level is reached `offset_working_days` working days after the due date (negative:
-- before it). Defaults from the domain brief (Anqing 2024): warn 3 working days before due; the day after due the
-- station head; past 5 working days overdue the county standing committee; past 10 (our default) the city office.
CREATE TABLE escalation_ladder (
    level                INTEGER PRIMARY KEY CHECK (level >= 0),
    code                 TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    offset_working_days  INTEGER NOT NULL
);
INSERT INTO escalation_ladder (level, code, name, offset_working_days) VALUES
    (0, 'warn', '临期预警', -3),
    (1, 'station_head', '联络站站长', 1),
    (2, 'county', '县级人大常委会', 6),
    (3, 'city', '市人大常委会代表工委', 11);
