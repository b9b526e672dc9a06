-- Replication pulls day/week/month rollups in (position, id) order and never hour rows (
-- sync-server/SPEC.md R2). Hour rows are ~24x as many as day rows: without this index a page of
-- 1,000 day rows would walk tens of thousands of hour rows in rollups_position first.
CREATE INDEX rollups_replicated_position ON rollups (user_id, position) WHERE period <> 'hour';
