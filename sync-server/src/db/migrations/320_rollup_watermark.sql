-- The rollup watermark (SPECIFICATION.md §4, sync-server/SPEC.md R15): every queue row remembers
-- the user's change position when it was queued (`users.change_seq` inside the transaction that
-- wrote the series, after that transaction took its positions). Everything at or below
-- min(since_position) - 1, or below the counter itself when the user's queue is empty, is folded
-- and rolled up; devices read that number from the `freshness` collection. Rows queued before
-- this migration count as queued at 0: the watermark waits for them to drain.
ALTER TABLE rollup_queue ADD COLUMN since_position bigint NOT NULL DEFAULT 0;
