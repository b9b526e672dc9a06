import type { PoolClient } from './pool.js';

/** Namespace of the advisory locks that say "a worker is on this user" (any constant). */
const WORKER_LOCK_CLASS = 48_723;

export type UserClaim = 'claimed' | 'busy' | 'erased';

/**
 * Takes a user for this transaction: a transaction-scoped advisory lock keeps every other worker
 * (folding or rolling up) off the user, so workers spread over users instead of queueing behind
 * one another; then the user's write lock, which every writer of the user's replicated rows
 * takes (positions.ts). Lock order is the same as every writer's: user first, then the
 * user's queued rows.
 */
export async function claimUser(client: PoolClient, userId: string): Promise<UserClaim> {
  const lock = await client.query<{ ok: boolean }>(
    'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok',
    [WORKER_LOCK_CLASS, userId],
  );
  if (!lock.rows[0]?.ok) return 'busy';
  const live = await client.query(
    'SELECT 1 FROM users WHERE id = $1 AND erased_at IS NULL FOR NO KEY UPDATE',
    [userId],
  );
  return live.rowCount === 0 ? 'erased' : 'claimed';
}
