import type { Logger } from 'pino';
import type { Pool } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import { sealLegacyMetadata } from './legacy-metadata.js';

/**
 * Start-up of every server and standalone worker: seals, in the background, the metadata an
 * earlier version stored in plaintext (legacy-metadata.ts). Idempotent and cheap once done (one
 * query finds nobody); one instance sweeps at a time, the others say so and go on. Resolves when
 * the sweep has finished, with its outcome in the log.
 */
export async function sealLegacyMetadataAtStartup(
  pool: Pool,
  keyring: Keyring,
  log: Logger,
): Promise<void> {
  try {
    const sealed = await sealLegacyMetadata(pool, keyring, (userId, err) =>
      log.error({ userId, err }, 'legacy metadata: a user could not be sealed'),
    );
    if (sealed === null) log.info('legacy metadata: another instance is sealing');
    else log.info({ users: sealed }, 'legacy metadata: sealed');
  } catch (err) {
    // The next start tries again; until then the plaintext rows stay readable.
    log.error({ err }, 'legacy metadata: sealing interrupted');
  }
}
