-- Dead letters (src/worker/job-failure.ts, src/worker/dead-letters.repository.ts): a device batch
-- that failed to fold, or a dirty day that failed to roll up, is retried a few times with
-- backoff, then set aside here with the reason (an error code, never a health value) and when.
-- A set-aside row is kept, not deleted: no worker claims it until an operator requeues it
-- (README.md, "Dead letters"), and nobody else's work waits behind it.
ALTER TABLE ingest_inbox
  ADD COLUMN attempts    integer NOT NULL DEFAULT 0,
  ADD COLUMN dead_at     timestamptz,
  ADD COLUMN dead_reason text;

ALTER TABLE rollup_queue
  ADD COLUMN attempts    integer NOT NULL DEFAULT 0,
  -- As ingest_inbox.retry_at: no worker takes the row before then.
  ADD COLUMN retry_at    timestamptz,
  ADD COLUMN dead_at     timestamptz,
  ADD COLUMN dead_reason text;

-- Stats and metrics count dead letters at every scrape: only the (few) dead rows are indexed.
CREATE INDEX ingest_inbox_dead ON ingest_inbox (dead_at) WHERE dead_at IS NOT NULL;
CREATE INDEX rollup_queue_dead ON rollup_queue (dead_at) WHERE dead_at IS NOT NULL;
