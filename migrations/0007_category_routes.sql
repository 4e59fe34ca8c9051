-- 0007 the route each matter category suggests in 接待登记 (the clerk still chooses; the suggestion only sets the
-- form's default and the deadline preview). Append-only: never edit a migration that has shipped.
--
-- Values are the route codes of crates/liaison-core/src/workflow/configure.rs (`Route`): most matters raised at a
-- station need a department (交办); the office changes a category's suggestion in 设置 → 办理规则.
ALTER TABLE matter_categories ADD COLUMN suggested_route TEXT NOT NULL DEFAULT 'assign'
    CHECK (suggested_route IN ('on_spot', 'guided', 'suggestion', 'assign'));
-- Questions filed under 其他 are mostly about policy a clerk can explain on the spot.
UPDATE matter_categories SET suggested_route = 'on_spot' WHERE name = '其他';
