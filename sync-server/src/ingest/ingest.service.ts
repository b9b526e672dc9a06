import type { SeriesGroup } from '@hearth/core';
import type { DeviceSyncResponse } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool, type Queryable } from '../db/pool.js';
import { lockUserWrites } from '../db/positions.js';
import type { Keyring } from '../crypto/keyring.js';
import { DirtyDays } from '../rollups/dirty-days.js';
import { openStoredResponse, sealStoredResponse } from './idempotency.repository.js';
import { mergeWithStored } from './merge-series.js';
import { prepareBatch, type PreparedBatch } from './prepare-batch.js';
import { readIngestState, type IngestState } from './ingest.repository.js';
import { writeIngest, type IngestWrite } from './ingest-write.repository.js';

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

/** A validated batch and everything derived from it that does not depend on stored data. */
interface Plan {
  userId: string;
  deviceId: string;
  idempotencyKey: string | null;
  dataKey: Buffer;
  batch: PreparedBatch;
  response: DeviceSyncResponse;
  idempotency: IngestWrite['idempotency'];
  sealedAlone: Map<SeriesGroup, Buffer>;
}

function toResponse(batch: PreparedBatch): DeviceSyncResponse {
  const response: DeviceSyncResponse = { synced: batch.synced, errors: batch.errorDetails.length };
  if (batch.errorDetails.length > 0) response.errorDetails = batch.errorDetails;
  return response;
}

const readState = (db: Queryable, plan: Plan) =>
  readIngestState(db, {
    userId: plan.userId,
    deviceId: plan.deviceId,
    series: plan.batch.groups,
    idempotencyKey: plan.idempotencyKey,
  });

/**
 * Merges the batch into the series read in `state` and writes it, if the user's change counter
 * has not moved since. Returns the response, or null when another writer got in first.
 */
async function mergeAndWrite(
  db: Queryable,
  plan: Plan,
  state: IngestState | null,
): Promise<DeviceSyncResponse | null> {
  const { userId, deviceId, dataKey } = plan;
  if (!state) throw new AppError('not-found', 'No such device');
  if (state.replay && plan.idempotencyKey) {
    return openStoredResponse(dataKey, userId, deviceId, plan.idempotencyKey, state.replay);
  }
  if (!state.deviceLive) throw new AppError('not-found', 'No such device');
  const changes = mergeWithStored(
    dataKey,
    userId,
    plan.batch.groups,
    state.stored,
    plan.sealedAlone,
  );
  const dirty = new DirtyDays(state.timeZone);
  for (const { group } of changes) dirty.addPoints(group.type, group.points);
  const written = await writeIngest(db, {
    userId,
    deviceId,
    changeSeq: state.changeSeq,
    series: changes.map(({ group, payload, pointCount }) => ({
      type: group.type,
      hourStart: group.hourStart,
      payload,
      pointCount,
    })),
    dirtyDays: dirty.list(),
    idempotency: plan.idempotency,
  });
  return written ? plan.response : null;
}

/**
 * Stores a device's batch. Validation, grouping, decryption, merging and sealing all happen
 * before the user's lock is taken; the lock is then held only by the single statement that
 * writes everything (series, device sync, dirty rollup days, idempotency record, NOTIFY) and
 * commits. That statement writes only if no other writer of the user committed since the read,
 * so no concurrent write is lost; if one did, the batch is merged again while holding the lock
 * from the read to COMMIT. Either way the response leaves only after COMMIT: an acknowledged
 * sample is durable and its rollup work cannot be lost.
 */
export async function ingestSamples(
  deps: IngestDeps,
  req: IngestRequest,
): Promise<DeviceSyncResponse> {
  const { userId, deviceId } = req;
  const idempotencyKey = req.idempotencyKey ?? null;
  const dataKey = await deps.keyring.getUserKey(deps.pool, userId);
  const batch = prepareBatch(req.samples, deviceId, (deps.now ?? Date.now)());
  const response = toResponse(batch);
  const plan: Plan = {
    userId,
    deviceId,
    idempotencyKey,
    dataKey,
    batch,
    response,
    idempotency: idempotencyKey
      ? {
          key: idempotencyKey,
          sealedResponse: sealStoredResponse(dataKey, userId, deviceId, idempotencyKey, response),
        }
      : null,
    sealedAlone: new Map(),
  };
  const done = await mergeAndWrite(deps.pool, plan, await readState(deps.pool, plan));
  if (done) return done;
  return withTransaction(deps.pool, async (client) => {
    await lockUserWrites(client, userId);
    const locked = await mergeAndWrite(client, plan, await readState(client, plan));
    // Holding the lock, nobody else can move the counter between the read and the write.
    if (!locked) throw new Error('Ingest write found the change counter moved under the user lock');
    return locked;
  });
}
