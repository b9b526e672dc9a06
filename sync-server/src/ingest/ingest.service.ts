import type { DeviceSyncResponse } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import type { Keyring } from '../crypto/keyring.js';
import { publishChange } from '../notify.js';
import { markDeviceSynced } from '../devices/devices.repository.js';
import { upsertSeries } from '../series/series.repository.js';
import { enqueueRollupDays } from '../rollups/rollup-queue.repository.js';
import { DirtyDays } from '../rollups/dirty-days.js';
import { findStoredResponse, storeResponse } from './idempotency.repository.js';
import { mergeIntoStoredSeries, toSeriesWrites } from './merge-series.js';
import { validateBatch, type ValidatedBatch } from './validate-batch.js';
import { lockIngestTarget } from './ingest.repository.js';

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

function toResponse(batch: ValidatedBatch): DeviceSyncResponse {
  const response: DeviceSyncResponse = {
    synced: batch.valid.length,
    errors: batch.errorDetails.length,
  };
  if (batch.errorDetails.length > 0) response.errorDetails = batch.errorDetails;
  return response;
}

/**
 * One transaction: merge the valid samples into the stored series, mark the affected days for
 * the rollup worker, record the device's sync (and the idempotency key). The caller answers only
 * after COMMIT, so an acknowledged sample is durable and its rollup work cannot be lost.
 */
async function storeBatch(
  client: PoolClient,
  deps: IngestDeps,
  req: IngestRequest,
  batch: ValidatedBatch,
): Promise<DeviceSyncResponse> {
  const { userId, deviceId } = req;
  // Taking the user lock before any series row lock gives every writer the same lock order.
  const target = await lockIngestTarget(client, userId, deviceId);
  if (!target?.deviceLive) throw new AppError('not-found', 'No such device');
  const dataKey = await deps.keyring.getUserKey(client, userId);
  const merged = await mergeIntoStoredSeries(client, dataKey, userId, batch.valid);
  // One position per series row written, plus one for the device's last sync.
  const first = await allocatePositions(client, userId, merged.length + 1);
  await upsertSeries(client, userId, toSeriesWrites(dataKey, userId, merged, first));
  await markDeviceSynced(client, userId, deviceId, first + merged.length);
  const dirty = new DirtyDays(target.timeZone);
  for (const series of merged) dirty.addPoints(series.type, series.incoming);
  await enqueueRollupDays(client, userId, dirty.list());
  const response = toResponse(batch);
  if (req.idempotencyKey) {
    await storeResponse(client, dataKey, userId, deviceId, req.idempotencyKey, response);
  }
  await publishChange(client, userId, merged.length > 0 ? ['series', 'devices'] : ['devices']);
  return response;
}

export async function ingestSamples(
  deps: IngestDeps,
  req: IngestRequest,
): Promise<DeviceSyncResponse> {
  if (req.idempotencyKey) {
    const dataKey = await deps.keyring.getUserKey(deps.pool, req.userId);
    const stored = await findStoredResponse(
      deps.pool,
      dataKey,
      req.userId,
      req.deviceId,
      req.idempotencyKey,
    );
    if (stored) return stored;
  }
  const batch = validateBatch(req.samples, req.deviceId, (deps.now ?? Date.now)());
  return withTransaction(deps.pool, (client) => storeBatch(client, deps, req, batch));
}
