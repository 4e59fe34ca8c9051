-- 0006 duty and activities (进站履职): the duty rota, station activities with the deputies' attendance, and
-- leaders' station visits. Append-only: never edit a migration that has shipped; add a new file instead.
--
-- All four tables are projections of the change log (like the roster tables): crates/liaison-core/src/changelog
-- writes them, crates/liaison-core/src/duty reads them. Deputies and stations are referenced by id (a deputy's
-- number or a station's code may be corrected later; the id never changes).
--
-- A rota slot and an attendance line have ids derived from their natural key (station, day, session, deputy;
-- activity, deputy), so two offline nodes that enter the same slot make the same entity and merge instead of
-- colliding on the UNIQUE constraints below; removing a slot is a tombstone that a later re-entry overwrites.

-- 进站值班排班: one deputy on duty at one station for one session of one day.
CREATE TABLE duty_rota (
    id          TEXT PRIMARY KEY,
    station_id  TEXT NOT NULL REFERENCES platforms (id) DEFERRABLE INITIALLY DEFERRED,
    on_date     TEXT NOT NULL,                  -- YYYY-MM-DD, China's calendar date
    session     TEXT NOT NULL CHECK (session IN ('morning', 'afternoon', 'all_day')),
    deputy_id   TEXT NOT NULL REFERENCES deputies (id) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (station_id, on_date, session, deputy_id)
);
-- The unique constraint's index serves "this station between these days"; this one serves a deputy's duty file.
CREATE INDEX duty_rota_by_deputy ON duty_rota (deputy_id, on_date);
-- "Who is on duty today" across every station.
CREATE INDEX duty_rota_by_date ON duty_rota (on_date);

-- 履职活动: 接待群众, 调研, 视察, 座谈, 宣讲, 述职评议, 执法检查, 建议督办 organised by a station.
CREATE TABLE station_activities (
    id               TEXT PRIMARY KEY,
    station_id       TEXT NOT NULL REFERENCES platforms (id) DEFERRABLE INITIALLY DEFERRED,
    on_date          TEXT NOT NULL,             -- YYYY-MM-DD
    kind             TEXT NOT NULL CHECK (kind IN ('reception', 'research', 'inspection', 'forum', 'publicity',
                                                  'performance_review', 'law_enforcement_check',
                                                  'suggestion_supervision')),
    title            TEXT NOT NULL CHECK (title <> ''),
    place            TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('planned', 'held')),
    people_received  INTEGER NOT NULL DEFAULT 0 CHECK (people_received >= 0)  -- citizens met (接待群众人次)
);
CREATE INDEX station_activities_by_station ON station_activities (station_id, on_date);
CREATE INDEX station_activities_by_date ON station_activities (on_date);

-- 出勤: one deputy's attendance at one activity.
CREATE TABLE activity_attendance (
    id            TEXT PRIMARY KEY,
    activity_id   TEXT NOT NULL REFERENCES station_activities (id) DEFERRABLE INITIALLY DEFERRED,
    deputy_id     TEXT NOT NULL REFERENCES deputies (id) DEFERRABLE INITIALLY DEFERRED,
    status        TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent')),
    leave_reason  TEXT NOT NULL DEFAULT '',
    UNIQUE (activity_id, deputy_id)
);
CREATE INDEX activity_attendance_by_deputy ON activity_attendance (deputy_id);

-- 领导干部进站: a leader of the standing committee (or the government) visiting a station; coverage is the share
-- of stations in scope visited in a period.
CREATE TABLE leader_visits (
    id           TEXT PRIMARY KEY,
    station_id   TEXT NOT NULL REFERENCES platforms (id) DEFERRABLE INITIALLY DEFERRED,
    on_date      TEXT NOT NULL,                 -- YYYY-MM-DD
    leader_name  TEXT NOT NULL CHECK (leader_name <> ''),
    leader_post  TEXT NOT NULL DEFAULT '',      -- e.g. 市人大常委会副主任
    purpose      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX leader_visits_by_station ON leader_visits (station_id, on_date);
CREATE INDEX leader_visits_by_date ON leader_visits (on_date);
