-- Device batches acknowledged but not yet folded into series (src/ingest/ingest.service.ts,
-- src/worker/fold-job.ts). One row per batch: the batch's valid samples, sealed with the user's
-- key. The rollup workers fold a user's rows into series in id order (a later batch's sample
-- replaces an earlier one with the same start and end) and delete them in that transaction.
CREATE TABLE ingest_inbox (
  user_id      uuid NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  device_id    text NOT NULL,
  payload      bytea NOT NULL,
  sample_count integer NOT NULL CHECK (sample_count > 0),
  received_at  timestamptz NOT NULL DEFAULT now(),
  -- Set when a fold of the user's rows failed: no worker tries them again before then, so one
  -- row that cannot be folded holds up nobody else's (and is never dropped).
  retry_at     timestamptz,
  PRIMARY KEY (user_id, id),
  FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, id) ON DELETE CASCADE
);
-- Sealed payloads do not compress: skip PostgreSQL's attempt on every insert.
ALTER TABLE ingest_inbox ALTER COLUMN payload SET STORAGE EXTERNAL;
-- Workers pick the user whose oldest batch has waited longest.
CREATE INDEX ingest_inbox_age ON ingest_inbox (id);
