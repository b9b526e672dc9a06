import type { HealthDataType, LocalDate } from '@hearth/schema';
import type { PoolClient, Queryable } from '../db/pool.js';
import { lockUserWrites } from '../db/positions.js';
import { CHANNELS, publishRollupWork } from '../notify.js';
import { claimUser } from '../db/claim-user.js';

export interface DirtyDay {
  type: HealthDataType;
  localDay: LocalDate;
}

/**
 * The user's change position as the queueing transaction sees it: every write of that
 * transaction that took positions before queueing is at or below it. `ON CONFLICT DO NOTHING`
 * keeps an older row's smaller value, so the watermark (rollup-watermark.repository.ts) never
 * passes a write whose day is still waiting.
 */
const SINCE_POSITION = '(SELECT change_seq FROM users WHERE id = $1)';

function uniqueDays(days: readonly DirtyDay[]): DirtyDay[] {
  const seen = new Map<string, DirtyDay>();
  for (const d of days) seen.set(`${d.type}|${d.localDay}`, d);
  return [...seen.values()];
}

/**
 * Marks (user, type, local day) dirty, in the transaction that changed the user's series, and
 * wakes the workers at COMMIT.
 *
 * Why the user lock first: a worker takes it before reading series and deletes its claimed
 * rows just before COMMIT. Holding it here means no worker is between its read and its delete
 * for this user, so an `ON CONFLICT DO NOTHING` on a row a worker has claimed can never be
 * swallowed by that worker's delete: the worker either already committed (the row is gone and
 * we insert a fresh one) or has not read yet (it will see our series once we commit).
 */
export async function enqueueRollupDays(
  client: Queryable,
  userId: string,
  days: readonly DirtyDay[],
): Promise<void> {
  const unique = uniqueDays(days);
  if (unique.length === 0) return;
  await lockUserWrites(client, userId);
  // The NOTIFY rides in the same statement: one round trip less on every ingest.
  await client.query(
    `WITH queued AS (
       INSERT INTO rollup_queue (user_id, type, local_day, since_position)
       SELECT $1::uuid, d.type, d.day, ${SINCE_POSITION}
         FROM unnest($2::text[], $3::date[]) AS d(type, day)
       ON CONFLICT (user_id, type, local_day) DO NOTHING)
     SELECT pg_notify($4, '')`,
    [userId, unique.map((d) => d.type), unique.map((d) => d.localDay), CHANNELS.rollupWork],
  );
}

/**
 * Marks every local day that holds (or borders) the user's stored series dirty, under the given
 * zone: after a change of zone or source priority every rollup must be recomputed. Local days
 * come from PostgreSQL's zone data with a day of margin on each side, so a small difference from
 * the browser's zone data only costs a recompute of an empty day.
 */
export async function enqueueAllSeriesDays(
  client: Queryable,
  userId: string,
  timeZone: string,
): Promise<number> {
  await lockUserWrites(client, userId);
  const res = await client.query(
    `INSERT INTO rollup_queue (user_id, type, local_day, since_position)
     SELECT DISTINCT $1::uuid, s.type, d.day::date, ${SINCE_POSITION}
       FROM (SELECT DISTINCT type, (hour_start AT TIME ZONE $2)::date AS local_day
               FROM series WHERE user_id = $1 AND NOT deleted) s,
            generate_series(s.local_day - 1, s.local_day + 2, interval '1 day') AS d(day)
     ON CONFLICT (user_id, type, local_day) DO NOTHING`,
    [userId, timeZone],
  );
  await publishRollupWork(client);
  return res.rowCount ?? 0;
}

export interface ClaimedWork {
  userId: string;
  days: DirtyDay[];
}

const CANDIDATE_USERS = 8;

/** Rows a worker may take now: not set aside as dead letters, not waiting out a retry backoff. */
const CLAIMABLE = 'dead_at IS NULL AND (retry_at IS NULL OR retry_at <= now())';

/**
 * Claims up to `limit` dirty days of ONE user (the longest waiting that no other worker is on, or
 * `onlyUser`) for this transaction, holding the user's write lock (db/claim-user.ts); if the
 * transaction dies, the rows stay. (Locking a queue row before the user row could deadlock with
 * an account erasure, which deletes queue rows while holding the user lock.)
 */
export async function claimRollupWork(
  client: PoolClient,
  limit: number,
  onlyUser?: string,
): Promise<ClaimedWork | null> {
  const candidates = onlyUser
    ? [onlyUser]
    : (
        await client.query<{ user_id: string }>(
          `SELECT user_id FROM rollup_queue WHERE ${CLAIMABLE}
            GROUP BY user_id ORDER BY min(enqueued_at) LIMIT $1`,
          [CANDIDATE_USERS],
        )
      ).rows.map((r) => r.user_id);
  for (const userId of candidates) {
    if ((await claimUser(client, userId)) !== 'claimed') continue;
    const rows = await client.query<{ type: HealthDataType; local_day: string; attempts: number }>(
      `SELECT type, local_day, attempts FROM rollup_queue WHERE user_id = $1 AND ${CLAIMABLE}
        ORDER BY attempts = 0, local_day, type LIMIT $2 FOR UPDATE`,
      [userId, limit],
    );
    const first = rows.rows[0];
    if (!first) continue;
    // A day that failed before is retried alone: if it fails again, nothing else it was claimed
    // with is held back, and its tries count against it only (worker/dead-letters.repository.ts).
    const claimed = first.attempts > 0 ? [first] : rows.rows;
    return { userId, days: claimed.map((r) => ({ type: r.type, localDay: r.local_day })) };
  }
  return null;
}

export async function deleteClaimedWork(client: PoolClient, work: ClaimedWork): Promise<void> {
  await client.query(
    `DELETE FROM rollup_queue
      WHERE user_id = $1 AND (type, local_day) IN (SELECT * FROM unnest($2::text[], $3::date[]))`,
    [work.userId, work.days.map((d) => d.type), work.days.map((d) => d.localDay)],
  );
}

export interface QueueStats {
  depth: number;
  oldestAgeSeconds: number;
}

/** Work still to do; dead letters are counted apart (worker/dead-letters.repository.ts). */
export async function rollupQueueStats(db: Queryable): Promise<QueueStats> {
  const res = await db.query<{ depth: number; age: number | null }>(
    `SELECT count(*)::bigint AS depth,
            extract(epoch FROM now() - min(enqueued_at))::float8 AS age
       FROM rollup_queue WHERE dead_at IS NULL`,
  );
  const row = res.rows[0];
  return { depth: row?.depth ?? 0, oldestAgeSeconds: Math.max(0, row?.age ?? 0) };
}
