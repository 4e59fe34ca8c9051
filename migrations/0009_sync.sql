-- 0009 sync (issue 6): what a change overwrote (for conflict detection), the peers this node exchanges bundles
-- with, every import (receipts), the bundles received (gaps, acknowledgements), the conflicts a person reviews,
-- and the office's configuration snapshot last applied. Append-only: never edit a migration that has shipped.
--
-- Written by crates/liaison-core/src/sync (design notes at the top of sync/mod.rs). None of these tables is a
-- synced entity: they are each node's own bookkeeping about the exchange.

-- Per changed field, the stamps of the values the change was made over (its "bases"): JSON object
-- field -> [[hlc, node_id], ...]. The first stamp is the register the author saw; further ones are conflicting
-- values a person resolved in the same act. A field without a base was written fresh (a new record).
ALTER TABLE change_log ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';

-- Before sync every change was made on this node, one after another: each write of a field overwrote the
-- previous write of the same field. Record that, so old local history never looks like concurrent edits.
UPDATE change_log AS c SET bases = COALESCE((
    SELECT json_group_object(f.key, json_array(json_array(p.hlc, p.node_id)))
    FROM json_each(c.fields) AS f
    JOIN change_log AS p ON p.seq = (
        SELECT q.seq FROM change_log AS q, json_each(q.fields) AS g
        WHERE q.entity = c.entity AND q.entity_id = c.entity_id AND g.key = f.key
          AND (q.hlc, q.node_id) < (c.hlc, c.node_id)
        ORDER BY q.hlc DESC, q.node_id DESC LIMIT 1)
), '{}');

-- The nodes this one exchanges bundles with: the office (on a station), its stations (on the office); a county
-- office in between would have both. Keys are opaque text from liaison-sync; the one-time enrollment secret is
-- kept only as its SHA-256 on the office, and only until the station's first bundle on the station.
CREATE TABLE peers (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    node_id               TEXT UNIQUE,                       -- NULL until a pending station's first bundle
    role                  TEXT NOT NULL CHECK (role IN ('office', 'station')),
    station_code          TEXT,                              -- a station's code in the roster
    signing_key           TEXT,                              -- public key that signs its bundles
    encryption_recipient  TEXT,                              -- where our bundles to it are encrypted to
    key_id                TEXT,
    status                TEXT NOT NULL CHECK (status IN ('pending', 'pinned', 'revoked')),
    enrolled_at           TEXT NOT NULL,                     -- RFC 3339, UTC: enrollment created or recorded
    pinned_at             TEXT,
    revoked_at            TEXT,
    secret_sha256         TEXT,                              -- office: hash of the one-time enrollment secret
    enrollment_secret     TEXT,                              -- station: the secret its bundles prove, until used
    acked_seq             INTEGER NOT NULL DEFAULT 0,        -- highest seq of our log it has acknowledged
    sent_seq              INTEGER NOT NULL DEFAULT 0,        -- highest seq of our log we have sent it
    next_bundle           INTEGER NOT NULL DEFAULT 1,        -- number of our next bundle to it
    config_stamp          INTEGER NOT NULL DEFAULT 0         -- HLC of the newest rules/calendar snapshot applied
);
-- One live enrollment per station code: re-enrolling revokes the old row first.
CREATE UNIQUE INDEX peers_live_station ON peers (station_code) WHERE status <> 'revoked' AND role = 'station';

-- Every import attempt, applied or rejected.
CREATE TABLE sync_receipts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,                              -- RFC 3339, UTC
    file_sha256  TEXT NOT NULL,
    sender       TEXT NOT NULL,                              -- the sender's node id
    bundle       INTEGER NOT NULL,                           -- the sender's bundle number
    from_seq     INTEGER NOT NULL,                           -- the sender's seq range (from, to]
    to_seq       INTEGER NOT NULL,
    changes      INTEGER NOT NULL DEFAULT 0,                 -- changes in the bundle
    applied      INTEGER NOT NULL DEFAULT 0,                 -- new to this node
    duplicates   INTEGER NOT NULL DEFAULT 0,                 -- already here
    conflicts    INTEGER NOT NULL DEFAULT 0,                 -- new unresolved conflicts
    result       TEXT NOT NULL CHECK (result IN ('ok', 'rejected')),
    reason       TEXT NOT NULL DEFAULT '',                   -- why it was rejected, in Chinese
    operator     TEXT NOT NULL
);
CREATE INDEX sync_receipts_by_sender ON sync_receipts (sender, bundle);

-- The bundles applied, by sender: gaps in the numbers, and the sender's seq ranges this node holds (from which
-- the acknowledgement sent back is computed).
CREATE TABLE sync_received (
    sender    TEXT NOT NULL,
    bundle    INTEGER NOT NULL,
    from_seq  INTEGER NOT NULL,
    to_seq    INTEGER NOT NULL,
    PRIMARY KEY (sender, bundle)
) WITHOUT ROWID;

-- Values that lost a concurrent edit of the same field. Rows are derived from the change log (see
-- sync/conflicts.rs), so every node that holds the same changes holds the same rows.
CREATE TABLE sync_conflicts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    field        TEXT NOT NULL,
    value        TEXT NOT NULL,                              -- JSON: the losing value
    hlc          INTEGER NOT NULL,                           -- the losing write's stamp
    node_id      TEXT NOT NULL,
    operator     TEXT NOT NULL,                              -- who wrote the losing value
    detected_at  TEXT NOT NULL,                              -- RFC 3339, UTC, on this node
    resolved_at  TEXT,                                       -- RFC 3339, UTC, from the resolving change
    resolved_by  TEXT,
    resolution   TEXT CHECK (resolution IN ('kept_winner', 'restored')),
    UNIQUE (entity, entity_id, field, hlc, node_id)
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, entity);
