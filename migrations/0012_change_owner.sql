-- 0012 speed (issue 6): whose each logged change is, so that the office cuts a station's return bundle and checks
-- a station's import by reading a column instead of walking every change's record up to its station. Append-only:
-- never edit a migration that has shipped; add a new file instead.
--
-- '' for the roster (regions, platforms, deputies, handling units: every node gets them); the platform id of the
-- station whose record it is (a visit, duty slot, activity or leader's visit by its station_id; a matter by its
-- visit; an event or attachment by its matter; an attendance by its activity); NULL when not known at logging
-- (a record that arrived before its parent): readers then ask the registers. Written by
-- crates/liaison-core/src/changelog/owner.rs for every change logged from now on; filled here for the log so far
-- from the registers, which hold deleted records' fields too (events, which are never deleted, from their rows).
ALTER TABLE change_log ADD COLUMN owner TEXT;
-- A station's bundle reads its own, the roster's and the unknown owners' changes since its acknowledgement; each
-- bundle's changes have one owner and rising seq, so importing appends to this index in one place.
CREATE INDEX change_log_by_owner ON change_log (owner, seq);

UPDATE change_log SET owner = '' WHERE entity IN ('region', 'platform', 'deputy', 'handling_unit');

UPDATE change_log SET owner = (
    SELECT json_extract(f.value, '$') FROM field_state f
    WHERE f.entity = change_log.entity AND f.entity_id = change_log.entity_id AND f.field = 'station_id')
WHERE entity IN ('visit', 'duty_slot', 'activity', 'leader_visit');

UPDATE change_log SET owner = (
    SELECT parent.owner FROM field_state f
    JOIN change_log parent ON parent.entity = 'visit' AND parent.entity_id = json_extract(f.value, '$')
    WHERE f.entity = 'matter' AND f.entity_id = change_log.entity_id AND f.field = 'visit_id'
      AND parent.owner IS NOT NULL
    LIMIT 1)
WHERE entity = 'matter';

UPDATE change_log SET owner = (
    SELECT parent.owner FROM field_state f
    JOIN change_log parent ON parent.entity = 'matter' AND parent.entity_id = json_extract(f.value, '$')
    WHERE f.entity = 'matter_attachment' AND f.entity_id = change_log.entity_id AND f.field = 'matter_id'
      AND parent.owner IS NOT NULL
    LIMIT 1)
WHERE entity = 'matter_attachment';

-- Events are append-only and keep no registers from now on: their matter is their row's.
UPDATE change_log SET owner = (
    SELECT parent.owner FROM matter_events e
    JOIN change_log parent ON parent.entity = 'matter' AND parent.entity_id = e.matter_id
    WHERE e.id = change_log.entity_id AND parent.owner IS NOT NULL
    LIMIT 1)
WHERE entity = 'matter_event';

UPDATE change_log SET owner = (
    SELECT parent.owner FROM field_state f
    JOIN change_log parent ON parent.entity = 'activity' AND parent.entity_id = json_extract(f.value, '$')
    WHERE f.entity = 'activity_attendance' AND f.entity_id = change_log.entity_id AND f.field = 'activity_id'
      AND parent.owner IS NOT NULL
    LIMIT 1)
WHERE entity = 'activity_attendance';
