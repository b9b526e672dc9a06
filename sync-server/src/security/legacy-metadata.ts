import type { Pool, PoolClient } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import { seal, sealJson } from '../crypto/envelope.js';
import { publishChange } from '../notify.js';
import { convertLegacyInsights } from '../insights/legacy-insights.js';
import { sealGoals } from '../settings/settings.repository.js';
import { accessClientAad, recipientAad } from '../sharing/share-links.repository.js';
import {
  clearInsightDates,
  legacyAccessClients,
  legacyGoals,
  legacyRecipients,
  storeSealedAccessClients,
  storeSealedGoals,
  storeSealedRecipients,
  usersWithLegacyMetadata,
} from './legacy-metadata.repository.js';

const BATCH = 200;
/** Any fixed number, the same in every instance: one sweep at a time across them. */
export const LEGACY_METADATA_LOCK = 7_463_822;

/**
 * Seals, for one user in one transaction (their write lock first, as every writer takes it):
 * insights get opaque ids (legacy-insights.ts) and no plaintext date, goals, share recipients
 * and the access log's IPs and user agents move into their sealed columns. Idempotent.
 */
async function sealUser(client: PoolClient, keyring: Keyring, userId: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT change_seq FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const dataKey = await keyring.getUserKey(client, userId);
    const insightsMoved = await convertLegacyInsights(client, userId, dataKey);
    await clearInsightDates(client, userId);
    const goals = await legacyGoals(client, userId);
    if (goals) await storeSealedGoals(client, userId, sealGoals(dataKey, userId, goals));
    const recipients = await legacyRecipients(client, userId);
    await storeSealedRecipients(
      client,
      userId,
      recipients.map(({ linkId, recipientEmail }) => ({
        linkId,
        sealed: seal(dataKey, Buffer.from(recipientEmail, 'utf8'), recipientAad(userId, linkId)),
      })),
    );
    const accesses = await legacyAccessClients(client, userId);
    await storeSealedAccessClients(
      client,
      userId,
      accesses.map(({ linkId, id, client: who }) => ({
        linkId,
        id,
        sealed: sealJson(dataKey, who, accessClientAad(userId, linkId)),
      })),
    );
    if (insightsMoved) await publishChange(client, userId, ['insights']);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/**
 * The background rewrite for deployments that stored this metadata in plaintext (migration 251
 * added the sealed columns): every user with some left, 200 at a time, each in its own
 * transaction, so it can be interrupted and run again at any time. Only one instance sweeps at
 * a time; the others return null at once. Returns how many users were rewritten.
 */
export async function sealLegacyMetadata(
  pool: Pool,
  keyring: Keyring,
  onUserFailed: (userId: string, err: unknown) => void = () => undefined,
): Promise<number | null> {
  const lock = await pool.connect();
  try {
    const got = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      LEGACY_METADATA_LOCK,
    ]);
    if (!got.rows[0]?.ok) return null;
    try {
      let after = '00000000-0000-0000-0000-000000000000';
      let sealed = 0;
      for (;;) {
        const users = await usersWithLegacyMetadata(lock, after, BATCH);
        if (users.length === 0) return sealed;
        for (const userId of users) {
          try {
            // On the connection holding the lock: the embedded database's pool has only that one.
            await sealUser(lock, keyring, userId);
            sealed++;
          } catch (err) {
            // An erased account or a key no configured master key opens: the others go on.
            onUserFailed(userId, err);
          }
        }
        after = users[users.length - 1] ?? after;
      }
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [LEGACY_METADATA_LOCK]);
    }
  } finally {
    lock.release();
  }
}
