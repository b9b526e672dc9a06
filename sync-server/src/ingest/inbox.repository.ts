import type { Queryable } from '../db/pool.js';
import { CHANNELS } from '../notify.js';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency.repository.js';

export interface InboxWrite {
  userId: string;
  deviceId: string;
  /** The sealed inbox payload (inbox-codec.ts), or null when the batch had no valid sample. */
  payload: Buffer | null;
  sampleCount: number;
  /** The response sealed for a replay of this key (see idempotency.repository.ts), if one was sent. */
  idempotency: { key: string; sealedResponse: Buffer } | null;
}

export type InboxWriteResult =
  | { status: 'stored' }
  /** The key was seen in the last 24 h: nothing written, here is what was answered then. */
  | { status: 'replay'; sealedResponse: Buffer }
  /** Unknown or deleted device, or erased user: nothing written. */
  | { status: 'no-device' };

/*
 * The whole durable part of a device sync, in ONE statement (one round trip; outside a
 * transaction block its COMMIT and fsync come with it) that takes no lock any other writer of
 * the user waits for: the batch is appended as one row, the idempotency record written with it,
 * and the workers woken at COMMIT. Folding into series, positions and rollup work happen later,
 * in the worker's transaction (worker/fold-job.ts).
 *
 * Data-modifying CTEs always run; `fresh` (a live device and no unexpired record of the key) is
 * what gates both inserts. Two concurrent requests with the same new key may both append their
 * batch: folding is idempotent (a sample replaces itself by start and end), so nothing counts
 * twice, and the second record insert waits for the first and then leaves it alone.
 */
const WRITE_SQL = `
WITH target AS (
  SELECT 1 FROM devices d JOIN users u ON u.id = d.user_id
   WHERE d.user_id = $1 AND d.id = $2 AND NOT d.deleted AND u.erased_at IS NULL),
prior AS (
  SELECT response FROM idempotency_keys
   WHERE user_id = $1 AND device_id = $2 AND key = $3
     AND created_at > now() - make_interval(hours => $4)),
fresh AS (
  SELECT 1 FROM target WHERE NOT EXISTS (SELECT 1 FROM prior)),
boxed AS (
  INSERT INTO ingest_inbox (user_id, device_id, payload, sample_count)
  SELECT $1::uuid, $2::text, $5::bytea, $6::int FROM fresh WHERE $5::bytea IS NOT NULL
  RETURNING id),
remembered AS (
  INSERT INTO idempotency_keys (user_id, device_id, key, response)
  SELECT $1::uuid, $2::text, $3::text, $7::bytea FROM fresh WHERE $3::text IS NOT NULL
  ON CONFLICT (user_id, device_id, key) DO UPDATE
    SET response = EXCLUDED.response, created_at = now()
    WHERE idempotency_keys.created_at <= now() - make_interval(hours => $4))
SELECT EXISTS (SELECT 1 FROM target) AS live,
       (SELECT response FROM prior) AS replay,
       (SELECT pg_notify($8, '') FROM boxed) AS woken`;

export async function writeInboxBatch(db: Queryable, w: InboxWrite): Promise<InboxWriteResult> {
  const res = await db.query<{ live: boolean; replay: Buffer | null }>({
    name: 'hearth-inbox-write',
    text: WRITE_SQL,
    values: [
      w.userId,
      w.deviceId,
      w.idempotency?.key ?? null,
      IDEMPOTENCY_TTL_HOURS,
      w.payload,
      w.sampleCount,
      w.idempotency?.sealedResponse ?? null,
      CHANNELS.rollupWork,
    ],
  });
  const row = res.rows[0];
  if (row?.replay) return { status: 'replay', sealedResponse: row.replay };
  return row?.live ? { status: 'stored' } : { status: 'no-device' };
}

export interface InboxBatch {
  id: number;
  deviceId: string;
  payload: Buffer;
  sampleCount: number;
  /** Failed folds this batch was part of (worker/dead-letters.repository.ts). */
  attempts: number;
}

/**
 * The user's oldest `limit` batches not set aside as dead letters, locked for this transaction. The caller holds the user's
 * write lock and the worker's advisory lock for the user, so no other fold is on them; SKIP
 * LOCKED only keeps a fold from waiting on rows an erasure is deleting.
 */
export async function claimInboxBatches(
  db: Queryable,
  userId: string,
  limit: number,
): Promise<InboxBatch[]> {
  const res = await db.query<{
    id: number;
    device_id: string;
    payload: Buffer;
    sample_count: number;
    attempts: number;
  }>(
    `SELECT id, device_id, payload, sample_count, attempts FROM ingest_inbox
      WHERE user_id = $1 AND dead_at IS NULL ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [userId, limit],
  );
  return res.rows.map((row) => ({
    id: row.id,
    deviceId: row.device_id,
    payload: row.payload,
    sampleCount: row.sample_count,
    attempts: row.attempts,
  }));
}

export async function deleteInboxBatches(
  db: Queryable,
  userId: string,
  ids: readonly number[],
): Promise<void> {
  if (ids.length === 0) return;
  await db.query('DELETE FROM ingest_inbox WHERE user_id = $1 AND id = ANY($2::bigint[])', [
    userId,
    ids,
  ]);
}

/** Users with batches waiting (not deferred, not dead letters), the longest waiting first. */
export async function usersWithInboxBatches(db: Queryable, limit: number): Promise<string[]> {
  const res = await db.query<{ user_id: string }>(
    `SELECT user_id FROM ingest_inbox
      WHERE dead_at IS NULL AND (retry_at IS NULL OR retry_at <= now())
      GROUP BY user_id ORDER BY min(id) LIMIT $1`,
    [limit],
  );
  return res.rows.map((r) => r.user_id);
}

export interface InboxStats {
  batches: number;
  samples: number;
  oldestAgeSeconds: number;
}

/** Batches still to fold; dead letters are counted apart (worker/dead-letters.repository.ts). */
export async function inboxStats(db: Queryable): Promise<InboxStats> {
  const res = await db.query<{ batches: number; samples: number; age: number | null }>(
    `SELECT count(*)::int AS batches, coalesce(sum(sample_count), 0)::bigint AS samples,
            extract(epoch FROM now() - min(received_at))::float8 AS age
       FROM ingest_inbox WHERE dead_at IS NULL`,
  );
  const row = res.rows[0];
  return {
    batches: row?.batches ?? 0,
    samples: Number(row?.samples ?? 0),
    oldestAgeSeconds: Math.max(0, row?.age ?? 0),
  };
}
