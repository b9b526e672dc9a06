import { AppError } from '../errors.js';
import type { Queryable } from './pool.js';

/**
 * Reserves `n` consecutive positions in the user's change order and returns the first; the
 * caller gives each row it writes one of `first … first + n - 1`.
 *
 * Must run inside the writing transaction. Bumping `users.change_seq` takes the user row's lock
 * until COMMIT, so a user's writers are serialised: positions become visible in the order they
 * were handed out and a pull that has seen position p can never later miss a row below p.
 * Every write to a replicated table (series, rollups, devices, settings, insights) goes through
 * here, one fresh position per written row.
 */
export async function allocatePositions(
  client: Queryable,
  userId: string,
  n: number,
): Promise<number> {
  if (!Number.isInteger(n) || n < 0) throw new Error(`Cannot allocate ${n} positions`);
  const res = await client.query<{ change_seq: number }>(
    `UPDATE users SET change_seq = change_seq + $2
      WHERE id = $1 AND erased_at IS NULL
      RETURNING change_seq`,
    [userId, n],
  );
  const row = res.rows[0];
  if (!row) throw new AppError('not-found', 'No such user');
  return row.change_seq - n + 1;
}

/**
 * Takes the same per-user lock as `allocatePositions` without using a position: for writers that
 * must exclude the user's other writers before reading (the rollup worker, queue marking).
 */
export async function lockUserWrites(client: Queryable, userId: string): Promise<void> {
  const res = await client.query(
    'SELECT 1 FROM users WHERE id = $1 AND erased_at IS NULL FOR NO KEY UPDATE',
    [userId],
  );
  if (res.rowCount === 0) throw new AppError('not-found', 'No such user');
}

/**
 * The user's change counter as this transaction sees it: after a write's allocations, at or
 * above every position that write took (a push answers with it, SPEC R15).
 */
export async function currentPosition(client: Queryable, userId: string): Promise<number> {
  const res = await client.query<{ change_seq: string | number }>(
    'SELECT change_seq FROM users WHERE id = $1',
    [userId],
  );
  return Number(res.rows[0]?.change_seq ?? 0);
}

/** `n` consecutive positions starting at `first`, for `unnest` bulk writes. */
export function positionRange(first: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => first + i);
}
