import type { Queryable } from '../db/pool.js';

export interface ThrottleSchedule {
  /** Attempts allowed before any wait. */
  freeAttempts: number;
  /** Wait after the first attempt beyond the free ones; doubles with each further attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A quiet spell this long (no attempt) forgets an account's failures. */
  forgetAfterMs: number;
}

/**
 * Takes one attempt for the account unless it is blocked: in ONE upsert, which PostgreSQL
 * serialises on the account's row, so a concurrent burst cannot pass a check before the others
 * are counted. The attempt counts as a failure in advance (a success clears it). Returns true
 * when the attempt may go ahead.
 */
export async function takeLoginAttempt(
  db: Queryable,
  accountKey: Buffer,
  nowMs: number,
  s: ThrottleSchedule,
): Promise<boolean> {
  const failures = `CASE WHEN t.last_failure_at <= to_timestamp(($2::float8 - $6) / 1000)
                         THEN 1 ELSE t.failures + 1 END`;
  const blockedUntil = (n: string) => `CASE WHEN ${n} > $3
       THEN to_timestamp(($2::float8 + least($4::float8 * 2 ^ (${n} - $3 - 1), $5)) / 1000)
       END`;
  const res = await db.query(
    `INSERT INTO login_throttle AS t (account_key, failures, last_failure_at, blocked_until)
     VALUES ($1, 1, to_timestamp($2::float8 / 1000), ${blockedUntil('1')})
     ON CONFLICT (account_key) DO UPDATE SET
       failures = ${failures},
       last_failure_at = EXCLUDED.last_failure_at,
       blocked_until = ${blockedUntil(failures)}
     WHERE t.blocked_until IS NULL OR t.blocked_until <= to_timestamp($2::float8 / 1000)
     RETURNING 1`,
    [accountKey, nowMs, s.freeAttempts, s.baseDelayMs, s.maxDelayMs, s.forgetAfterMs],
  );
  return (res.rowCount ?? 0) > 0;
}

/** When the account's next attempt may be checked (epoch ms), or null if it is not blocked. */
export async function loginBlockedUntil(db: Queryable, accountKey: Buffer): Promise<number | null> {
  const res = await db.query<{ until_ms: number | null }>(
    `SELECT (extract(epoch FROM blocked_until) * 1000)::float8 AS until_ms
       FROM login_throttle WHERE account_key = $1`,
    [accountKey],
  );
  return res.rows[0]?.until_ms ?? null;
}

export async function clearLoginFailures(db: Queryable, accountKey: Buffer): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE account_key = $1', [accountKey]);
}

export async function purgeForgottenFailures(
  db: Queryable,
  nowMs: number,
  forgetAfterMs: number,
): Promise<void> {
  await db.query(
    `DELETE FROM login_throttle
      WHERE last_failure_at <= to_timestamp(($1::float8 - $2) / 1000)
        AND (blocked_until IS NULL OR blocked_until <= to_timestamp($1::float8 / 1000))`,
    [nowMs, forgetAfterMs],
  );
}
