-- 0011 并案 across stations: what a merged matter keeps of the lead matter it follows. Append-only: never edit a
-- migration that has shipped; add a new file instead.
--
-- A matter merged into another station's matter must still be fed back to its own citizen by its own station,
-- but a station never receives another station's matters (their visits carry citizens' personal data, and a
-- matter event without its matter breaks the foreign keys). So the merged matter itself carries a copy, as
-- synced fields of the `matter` entity written where the merge and the lead's replies are recorded
-- (crates/liaison-core/src/workflow/merge.rs): the lead's code, and its latest reply with the day it was given.
-- Empty on every other matter.
ALTER TABLE matters ADD COLUMN lead_code TEXT NOT NULL DEFAULT '';
ALTER TABLE matters ADD COLUMN lead_reply TEXT NOT NULL DEFAULT '';
ALTER TABLE matters ADD COLUMN lead_replied_on TEXT NOT NULL DEFAULT '';
-- The lead's view lists the matters merged into it.
CREATE INDEX matters_by_lead ON matters (lead_code) WHERE lead_code <> '';
