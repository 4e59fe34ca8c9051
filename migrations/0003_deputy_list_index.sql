-- 0003 the deputies list's index. Append-only: never edit a migration that has shipped; add a new file instead.
--
-- The list screen pages through the serving deputies in number order (crates/liaison-core/src/roster/listing.rs).
-- With only the UNIQUE index on code, a page deep in a province's 93,000 deputies looked up every skipped row to
-- test its status (~25 ms), and counting them scanned the table (~20 ms). This index holds status, code and id, so
-- both walk the index alone (~4 ms and ~8 ms, measured with `liaison bench search --scale 10`).
CREATE INDEX deputies_by_status_code ON deputies (status, code, id);
