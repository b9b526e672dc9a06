import type { Queryable } from '../db/pool.js';
import type { DirtyDay } from '../rollups/rollup-queue.repository.js';
import { CHANNELS } from '../notify.js';
import { retryDelayMs, type RetryPolicy } from './job-failure.js';

/** What recording one failed try did: how many of the job's rows it set aside for good. */
export interface FailureOutcome {
  deadLetters: number;
}

/**
 * After a failed fold (rolled back): the claimed batches count one more try, and those that have
 * had `maxAttempts` become dead letters. The user's remaining batches wait for the backoff of the
 * batch that failed (the fold after it folds that batch alone: fold-job.ts), so their order is
 * kept; once it is set aside they go on at once.
 */
export async function recordFoldFailure(
  db: Queryable,
  userId: string,
  batchIds: readonly number[],
  reason: string,
  policy: RetryPolicy,
): Promise<FailureOutcome> {
  const tried = await db.query<{ attempts: number; dead: boolean }>(
    `UPDATE ingest_inbox
        SET attempts = attempts + 1,
            dead_at = CASE WHEN attempts + 1 >= $3 THEN now() END,
            dead_reason = CASE WHEN attempts + 1 >= $3 THEN $4 END
      WHERE user_id = $1 AND id = ANY($2::bigint[]) AND dead_at IS NULL
      RETURNING attempts, dead_at IS NOT NULL AS dead`,
    [userId, batchIds, policy.maxAttempts, reason],
  );
  const live = tried.rows.filter((r) => !r.dead);
  const attempts = Math.max(0, ...live.map((r) => r.attempts));
  await db.query(
    `UPDATE ingest_inbox SET retry_at = now() + make_interval(secs => $2::float8 / 1000)
      WHERE user_id = $1 AND dead_at IS NULL`,
    [userId, live.length > 0 ? retryDelayMs(policy, attempts) : 0],
  );
  return { deadLetters: tried.rows.length - live.length };
}

/**
 * After a failed rollup job (rolled back): its claimed days count one more try, each waits its
 * own backoff, and those that have had `maxAttempts` become dead letters. The user's other days
 * are independent of them and stay claimable.
 */
export async function recordRollupFailure(
  db: Queryable,
  userId: string,
  days: readonly DirtyDay[],
  reason: string,
  policy: RetryPolicy,
): Promise<FailureOutcome> {
  const res = await db.query<{ dead: boolean }>(
    `UPDATE rollup_queue
        SET attempts = attempts + 1,
            retry_at = now() + make_interval(
              secs => least($7::float8, $5::float8 * 4.0::float8 ^ attempts) / 1000),
            dead_at = CASE WHEN attempts + 1 >= $4 THEN now() END,
            dead_reason = CASE WHEN attempts + 1 >= $4 THEN $6 END
      WHERE user_id = $1 AND dead_at IS NULL
        AND (type, local_day) IN (SELECT * FROM unnest($2::text[], $3::date[]))
      RETURNING dead_at IS NOT NULL AS dead`,
    [
      userId,
      days.map((d) => d.type),
      days.map((d) => d.localDay),
      policy.maxAttempts,
      policy.baseDelayMs,
      reason,
      retryDelayMs(policy, Number.MAX_SAFE_INTEGER),
    ],
  );
  return { deadLetters: res.rows.filter((r) => r.dead).length };
}

export interface DeadLetterStats {
  /** Device batches set aside unfolded (their samples are kept, sealed, in the inbox). */
  inboxBatches: number;
  /** Dirty (user, type, local day) rows set aside without their rollups recomputed. */
  rollupDays: number;
  /** When the oldest of either was set aside; null when there is none. */
  oldestAt: Date | null;
}

export async function deadLetterStats(db: Queryable): Promise<DeadLetterStats> {
  const res = await db.query<{ batches: number; days: number; oldest: Date | null }>(
    `SELECT (SELECT count(*) FROM ingest_inbox WHERE dead_at IS NOT NULL)::int AS batches,
            (SELECT count(*) FROM rollup_queue WHERE dead_at IS NOT NULL)::int AS days,
            least((SELECT min(dead_at) FROM ingest_inbox WHERE dead_at IS NOT NULL),
                  (SELECT min(dead_at) FROM rollup_queue WHERE dead_at IS NOT NULL)) AS oldest`,
  );
  const row = res.rows[0];
  return {
    inboxBatches: row?.batches ?? 0,
    rollupDays: row?.days ?? 0,
    oldestAt: row?.oldest ?? null,
  };
}

/**
 * Puts dead letters back in line (all of them, or one user's), as new: tries counted from zero,
 * and the workers woken. For after the cause is fixed (a new server version, a repaired row).
 */
export async function requeueDeadLetters(
  db: Queryable,
  userId: string | null,
): Promise<Omit<DeadLetterStats, 'oldestAt'>> {
  const res = await db.query<{ batches: number; days: number }>(
    `WITH inbox AS (
       UPDATE ingest_inbox SET attempts = 0, retry_at = NULL, dead_at = NULL, dead_reason = NULL
        WHERE dead_at IS NOT NULL AND ($1::uuid IS NULL OR user_id = $1) RETURNING 1),
     queue AS (
       UPDATE rollup_queue SET attempts = 0, retry_at = NULL, dead_at = NULL, dead_reason = NULL
        WHERE dead_at IS NOT NULL AND ($1::uuid IS NULL OR user_id = $1) RETURNING 1)
     SELECT (SELECT count(*) FROM inbox)::int AS batches,
            (SELECT count(*) FROM queue)::int AS days,
            pg_notify($2, '')`,
    [userId, CHANNELS.rollupWork],
  );
  const row = res.rows[0];
  return { inboxBatches: row?.batches ?? 0, rollupDays: row?.days ?? 0 };
}
