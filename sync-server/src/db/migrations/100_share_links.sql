-- Share links for clinicians (SPECIFICATION.md §5, §6): scoped to types and local dates, expiring,
-- revocable, every access logged, guessing rate limited.
--
-- * The access code itself is never stored: only its SHA-256 (code_hash). The code is a
--   256-bit random value, so an unsalted hash is enough (nothing to brute-force).
-- * A public request knows only the code, not the user, so code_hash is unique on its own.
--   Under Citus (distributed by user_id) that lookup would move to a small reference table
--   (code_hash → user_id, id); every other query here already leads with user_id.
-- * Links are not replicated to devices: no position, no tombstones. Account erasure deletes
--   them (and their access log) through the sharing feature's account eraser.

CREATE TABLE share_links (
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id              uuid NOT NULL,
  code_hash       bytea NOT NULL UNIQUE CHECK (octet_length(code_hash) = 32),
  recipient_email text,
  data_types      text[] NOT NULL CHECK (cardinality(data_types) BETWEEN 1 AND 10),
  date_start      date NOT NULL,
  date_end        date NOT NULL,
  expires_at      timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz,
  PRIMARY KEY (user_id, id),
  CHECK (date_start <= date_end)
);
CREATE INDEX share_links_created ON share_links (user_id, created_at DESC);

-- One row per successful read of shared data (the viewer page, a FHIR or a CSV download).
-- Counts and "last accessed" are derived from here, so they can never drift from the log.
CREATE TABLE share_link_accesses (
  user_id     uuid NOT NULL,
  link_id     uuid NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  accessed_at timestamptz NOT NULL,
  ip          text,
  user_agent  text,
  format      text NOT NULL CHECK (format IN ('json', 'fhir', 'csv')),
  PRIMARY KEY (user_id, link_id, id),
  FOREIGN KEY (user_id, link_id) REFERENCES share_links (user_id, id) ON DELETE CASCADE
);
CREATE INDEX share_link_accesses_time ON share_link_accesses (user_id, link_id, accessed_at DESC);

-- Misses (unknown, expired or revoked codes) per client in its current one-minute window.
-- Kept in the database, not in memory, so that several API instances share one budget.
CREATE TABLE share_code_misses (
  client_key   text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  misses       integer NOT NULL CHECK (misses > 0)
);
CREATE INDEX share_code_misses_window ON share_code_misses (window_start);
