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

/**
 * Folds batches as they arrive, as a worker loop does, until `stop()` holds (then whatever is
 * left is for `foldInbox`). Run several at once to fold concurrently.
 */
export async function foldContinuously(
  pool: Pool,
  keyring: Keyring,
  stop: () => boolean,
  maxBatches: number,
): Promise<void> {
  while (!stop()) {
    if (!(await runFoldJob({ pool, keyring, maxBatches }))) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
