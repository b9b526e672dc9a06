-- Hour rollups are no longer stored (SPECIFICATION.md §3): an hour is computed when read, from
-- its day's series, by the engine that computes days (sync-server/src/rollups/hour-rollups.ts).
-- They were ~90 % of the rollup rows and never replicated. The check keeps any old writer from
-- bringing them back.
DELETE FROM rollups WHERE period = 'hour';
ALTER TABLE rollups DROP CONSTRAINT rollups_period_check;
ALTER TABLE rollups ADD CONSTRAINT rollups_period_check CHECK (period IN ('day', 'week', 'month'));
