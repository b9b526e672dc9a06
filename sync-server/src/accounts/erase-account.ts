import type { Keyring } from '../crypto/keyring.js';
import { AppError } from '../errors.js';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.js';
import { lockUserWrites } from '../db/positions.js';
import { publishUserErased } from '../notify.js';
import { verifyPassword } from './passwords.js';
import { findLiveUserById } from './users.repository.js';

/** Deletes a feature's own rows of an erased user, inside the erasure transaction. */
export type AccountEraser = (client: PoolClient, userId: string) => Promise<void>;

/** Tables holding the user's rows, children before parents. */
const USER_TABLES = [
  'ingest_inbox',
  'rollup_queue',
  'idempotency_keys',
  'insights',
  'rollups',
  'series',
  'settings',
  'devices',
  'sessions',
] as const;

/**
 * Erases the account: every row of the user goes, other features' rows through `erasers`, and
 * the wrapped data key is destroyed, so any copy of a ciphertext (a backup, a replica) can no
 * longer be decrypted. The users row stays as an anonymous tombstone (no email, no password)
 * so a stale session, token or share link resolves to "erased", never to somebody else.
 */
export async function eraseAccount(
  deps: { pool: Pool; keyring: Keyring; erasers: readonly AccountEraser[] },
  userId: string,
  password: string,
): Promise<void> {
  const user = await findLiveUserById(deps.pool, userId);
  if (!user) throw new AppError('not-found', 'No such user');
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError('invalid-credentials', 'Wrong password');
  }
  await withTransaction(deps.pool, async (client) => {
    // Wait for the user's in-flight writers (ingest, worker) and keep new ones out.
    await lockUserWrites(client, userId);
    for (const eraser of deps.erasers) await eraser(client, userId);
    for (const table of USER_TABLES) {
      await client.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
    }
    await deps.keyring.destroyUserKey(client, userId);
    await publishUserErased(client, userId);
  });
}
