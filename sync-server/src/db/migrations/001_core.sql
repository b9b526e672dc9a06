-- Hearth core schema: accounts, devices, the replicated health tables and the rollup work queue.
--
-- Conventions (see sync-server/README.md):
-- * Every table holding a user's data leads its primary key with user_id (ready for Citus,
--   distributed by user_id).
-- * Replicated tables (series, rollups, devices, settings, insights) carry position (the user's
--   monotonic change order, taken from users.change_seq by allocatePositions in the writing
--   transaction), updated_at and deleted (tombstones: rows are never deleted while the user exists).
-- * Health values are only ever stored encrypted (bytea, AES-256-GCM under the user's data key).

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  -- NULL once the account is erased, which frees the address and keeps no personal data.
  email         text UNIQUE,
  password_hash text,
  time_zone     text NOT NULL DEFAULT 'UTC',
  is_admin      boolean NOT NULL DEFAULT false,
  -- The user's data key wrapped by the master key. NULL = erased: nothing can be decrypted.
  wrapped_key   bytea,
  -- Last position handed out; the row lock taken by bumping it serialises a user's writers.
  change_seq    bigint NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  erased_at     timestamptz,
  CONSTRAINT users_live_or_erased CHECK (
    (erased_at IS NULL AND email IS NOT NULL AND password_hash IS NOT NULL AND wrapped_key IS NOT NULL)
    OR (erased_at IS NOT NULL AND email IS NULL AND password_hash IS NULL AND wrapped_key IS NULL)
  )
);

CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE devices (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id           text NOT NULL,
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('apple_watch', 'iphone', 'ipad',
                 'third_party_wearable', 'third_party_scale', 'manual_entry')),
  -- SHA-256 of the bearer token; NULL for devices that never sync over REST (or once revoked).
  token_hash   bytea UNIQUE,
  last_sync_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  position     bigint NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  deleted      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (user_id, id)
);
CREATE INDEX devices_position ON devices (user_id, position);

CREATE TABLE settings (
  user_id         uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  time_zone       text NOT NULL,
  goals           jsonb NOT NULL DEFAULT '{}',
  -- Explicit order of device ids, highest first (core's resolveSourcePriority completes it).
  source_priority text[] NOT NULL DEFAULT '{}',
  position        bigint NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  deleted         boolean NOT NULL DEFAULT false
);
CREATE INDEX settings_position ON settings (user_id, position);

-- The storage grain: the samples of one device, one type, one UTC hour (by sample start).
CREATE TABLE series (
  user_id     uuid NOT NULL,
  device_id   text NOT NULL,
  type        text NOT NULL,
  hour_start  timestamptz NOT NULL,
  -- Encrypted points [startMs, endMs, value][] (see src/series/series-codec.ts).
  payload     bytea NOT NULL,
  point_count integer NOT NULL CHECK (point_count >= 0),
  position    bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (user_id, device_id, type, hour_start),
  FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, id) ON DELETE CASCADE
);
CREATE INDEX series_position ON series (user_id, position);
-- The worker loads a user's series of one type over a range of hours.
CREATE INDEX series_type_hour ON series (user_id, type, hour_start);

-- Hour rows serve the server's own queries; day/week/month rows are also replicated.
CREATE TABLE rollups (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type         text NOT NULL,
  period       text NOT NULL CHECK (period IN ('hour', 'day', 'week', 'month')),
  period_start timestamptz NOT NULL,
  -- periodStart as the API shows it: ISO 8601 with the offset in force at the bucket start.
  local_start  text NOT NULL,
  -- The local calendar date the bucket is labelled with (the sleep day for sleep day rows).
  local_date   date NOT NULL,
  -- Encrypted mergeable RollupSummary (sum, count, min, max, latest).
  summary      bytea NOT NULL,
  position     bigint NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  deleted      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (user_id, type, period, period_start)
);
CREATE INDEX rollups_position ON rollups (user_id, position);
CREATE INDEX rollups_local_date ON rollups (user_id, period, local_date);

CREATE TABLE insights (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- `${kind}:${subject}:${date}`: recomputing the same insight replaces it.
  id           text NOT NULL,
  local_date   date NOT NULL,
  payload      bytea NOT NULL,
  acknowledged boolean NOT NULL DEFAULT false,
  position     bigint NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  deleted      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (user_id, id)
);
CREATE INDEX insights_position ON insights (user_id, position);

-- Dirty (user, type, local day) marked in the same transaction that changed series.
CREATE TABLE rollup_queue (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type        text NOT NULL,
  local_day   date NOT NULL,
  enqueued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, type, local_day)
);
CREATE INDEX rollup_queue_age ON rollup_queue (enqueued_at);

-- A replayed X-Idempotency-Key gets the stored (encrypted) response back.
CREATE TABLE idempotency_keys (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  device_id  text NOT NULL,
  key        text NOT NULL,
  response   bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, device_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
