-- 0010 speed (issue 7): the kept per-matter summary the office's city-wide figures read, and the unit rankings the
-- office records with the re-evaluation schedule of their bottom three. Append-only: never edit a migration that
-- has shipped.
--
-- Written by crates/liaison-core/src/workflow/summary.rs and workflow/ranking/record.rs. Neither table is a synced
-- entity: a summary is a cache each node derives from its own matter_events (refreshed in the transaction of
-- every event it projects, local or imported), and a recorded ranking is the office's own filing.

-- One row per matter that has events: what the fold of its events keeps (state, running clock with its frozen
-- limit, explicit due date and extensions, units holding it, look-back), and the applied events the unit figures
-- count (assignments with their clocks and 退办 windows, 签收, 退办, replies, ratings, the units signals hold
-- against). Nothing calendar- or day-derived is stored: due dates are computed on read, as for a fold.
-- Filled by the program on first open after this migration (the fold is Rust code, not SQL).
CREATE TABLE matter_summaries (
    matter_id         TEXT PRIMARY KEY,
    state             TEXT,              -- the folded state, NULL before the registration arrived
    lead              TEXT,              -- the lead unit holding it, NULL when none does
    clock_running     INTEGER NOT NULL,  -- 1 when a step's clock runs (a due date can pass)
    first_assigned_on TEXT,              -- the first applied 交办 (Chinese date), NULL when never assigned
    last_assigned_on  TEXT,              -- the last one
    fold              TEXT NOT NULL,     -- JSON: the kept fold
    tally             TEXT               -- JSON: the counted events, NULL when never assigned
) WITHOUT ROWID;

CREATE INDEX matter_summaries_running ON matter_summaries (clock_running);

-- A ranking the office recorded (filed) for a period: every unit's line as ranked then.
CREATE TABLE unit_evaluations (
    period_start     TEXT NOT NULL,      -- Chinese dates, both ends included
    period_end       TEXT NOT NULL,
    label            TEXT NOT NULL,      -- 2026年第三季度
    recorded_at      TEXT NOT NULL,      -- RFC 3339, UTC
    operator         TEXT NOT NULL,
    reevaluation_day TEXT NOT NULL,      -- the last day of the three months after the period
    rows             TEXT NOT NULL,      -- JSON: the ranked units with their figures
    PRIMARY KEY (period_start, period_end)
) WITHOUT ROWID;

-- The schedule: each unit flagged (bottom three) in a recorded ranking and the day it is evaluated again.
CREATE TABLE unit_reevaluations (
    period_start     TEXT NOT NULL,
    period_end       TEXT NOT NULL,
    unit_code        TEXT NOT NULL,
    unit_name        TEXT NOT NULL,
    rank             INTEGER NOT NULL,
    reevaluation_day TEXT NOT NULL,
    PRIMARY KEY (period_start, period_end, unit_code),
    FOREIGN KEY (period_start, period_end) REFERENCES unit_evaluations (period_start, period_end) ON DELETE CASCADE
) WITHOUT ROWID;
