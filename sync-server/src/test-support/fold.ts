import type { Pool } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import { runFoldJob } from '../worker/fold-job.js';

/**
 * Folds every acknowledged device batch waiting in the inbox into series, as the workers do
 * first, without running rollup jobs; returns how many folds ran.
 */
export async function foldInbox(pool: Pool, keyring: Keyring, maxBatches = 16): Promise<number> {
  let folds = 0;
  while (await runFoldJob({ pool, keyring, maxBatches })) folds++;
  return folds;
}
