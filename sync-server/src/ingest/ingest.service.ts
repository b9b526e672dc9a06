import type { DeviceSyncResponse } from '@hearth/schema';
import { AppError } from '../errors.js';
import type { Pool } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import { openStoredResponse, sealStoredResponse } from './idempotency.repository.js';
import { prepareBatch } from './prepare-batch.js';
import { sealInboxBatch } from './inbox-codec.js';
import { writeInboxBatch } from './inbox.repository.js';

export interface IngestDeps {
  pool: Pool;
  keyring: Keyring;
  /** Injectable clock for the "starts too far in the future" check. */
  now?: () => number;
}

export interface IngestRequest {
  userId: string;
  deviceId: string;
  samples: readonly unknown[];
  idempotencyKey?: string | undefined;
}

/**
 * Stores a device's batch durably and answers it. Every sample is validated here, so the answer
 * (how many were stored, and why each other one was refused) is final; the valid ones are sealed
 * together as ONE inbox row, written with the idempotency record in one statement that takes no
 * lock the user's other writers hold. The response leaves only after that COMMIT.
 *
 * Merging into the stored series (positions, replication, rollup work) is the rollup workers'
 * first job (worker/fold-job.ts): they fold a user's batches in the order they arrived, in one
 * transaction that also marks the affected days dirty, so a batch is never half folded, and
 * re-folding a batch cannot count anything twice (a sample replaces itself by start and end).
 * Why not merge here: merging rewrites a whole series row per (type, hour) the batch touches and
 * serialises the user's writers, which cost more than four times a COPY of the same samples
 * (BENCHMARKS.md); one appended row per batch costs less than the COPY.
 */
export async function ingestSamples(
  deps: IngestDeps,
  req: IngestRequest,
): Promise<DeviceSyncResponse> {
  const { userId, deviceId } = req;
  const idempotencyKey = req.idempotencyKey ?? null;
  const dataKey = await deps.keyring.getUserKey(deps.pool, userId);
  const batch = prepareBatch(req.samples, (deps.now ?? Date.now)());
  const response: DeviceSyncResponse = { synced: batch.synced, errors: batch.errorDetails.length };
  if (batch.errorDetails.length > 0) response.errorDetails = batch.errorDetails;
  if (Object.keys(batch.ignored).length > 0) response.ignored = batch.ignored;
  const result = await writeInboxBatch(deps.pool, {
    userId,
    deviceId,
    payload: batch.synced > 0 ? sealInboxBatch(dataKey, userId, deviceId, batch.payload) : null,
    sampleCount: batch.synced,
    idempotency: idempotencyKey
      ? {
          key: idempotencyKey,
          sealedResponse: sealStoredResponse(dataKey, userId, deviceId, idempotencyKey, response),
        }
      : null,
  });
  if (result.status === 'replay' && idempotencyKey) {
    return openStoredResponse(dataKey, userId, deviceId, idempotencyKey, result.sealedResponse);
  }
  if (result.status !== 'stored') throw new AppError('not-found', 'No such device');
  return response;
}
