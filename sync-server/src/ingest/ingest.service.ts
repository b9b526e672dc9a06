import type { DeviceSyncResponse } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool, type Queryable } from '../db/pool.js';
import { lockUserWrites } from '../db/positions.js';
import type { Keyring } from '../crypto/keyring.js';
import { DirtyDays } from '../rollups/dirty-days.js';
import { openStoredResponse, sealStoredResponse } from './idempotency.repository.js';
import { mergeWithStored, type MergeMemo } from './merge-series.js';
import type { ContendedUsers } from './contended-users.js';
import { prepareBatch, type PreparedBatch } from './prepare-batch.js';
import { readIngestState, type IngestState } from './ingest.repository.js';
import { writeIngest, type IngestWrite } from './ingest-write.repository.js';

export interface IngestDeps {
  pool: Pool;
  keyring: Keyring;
  /** Injectable clock for the "starts too far in the future" check. */
  now?: () => number;
  /** Users to take the lock for right away (see contended-users.ts); without it, never. */
  contended?: ContendedUsers;
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
  memo: MergeMemo;
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

/** The response, or `retry`: not written (another writer got in first, or `mergeOnly`). */
type Outcome = { response: DeviceSyncResponse } | { retry: true };

/**
 * Merges the batch into the series read in `state` (outside the lock: decrypting, merging and
 * sealing), then, unless `mergeOnly`, writes it if the user's change counter has not moved since.
 */
async function mergeAndWrite(
  db: Queryable,
  plan: Plan,
  state: IngestState | null,
  mergeOnly = false,
): Promise<Outcome> {
  const { userId, deviceId, dataKey } = plan;
  if (!state) throw new AppError('not-found', 'No such device');
  if (state.replay && plan.idempotencyKey) {
    const replay = openStoredResponse(dataKey, userId, deviceId, plan.idempotencyKey, state.replay);
    return { response: replay };
  }
  if (!state.deviceLive) throw new AppError('not-found', 'No such device');
  const changes = mergeWithStored(dataKey, userId, plan.batch.groups, state.stored, plan.memo);
  if (mergeOnly) return { retry: true };
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
  return written ? { response: plan.response } : { retry: true };
}

function makePlan(deps: IngestDeps, req: IngestRequest, dataKey: Buffer): Plan {
  const { userId, deviceId } = req;
  const idempotencyKey = req.idempotencyKey ?? null;
  const batch = prepareBatch(req.samples, deviceId, (deps.now ?? Date.now)());
  const response = toResponse(batch);
  const idempotency = idempotencyKey
    ? {
        key: idempotencyKey,
        sealedResponse: sealStoredResponse(dataKey, userId, deviceId, idempotencyKey, response),
      }
    : null;
  return {
    userId,
    deviceId,
    idempotencyKey,
    dataKey,
    batch,
    response,
    idempotency,
    memo: new Map(),
  };
}

/**
 * Stores a device's batch. Validation, grouping, decryption, merging and sealing all happen
 * before the user's lock is taken; the lock is then held only by the single statement that
 * writes everything (series, device sync, dirty rollup days, idempotency record, NOTIFY) and
 * commits. That statement writes only if no other writer of the user committed since the read,
 * so no concurrent write is lost. If one did (or did recently: `deps.contended`), the series are
 * read again holding the lock until COMMIT; merges whose stored series did not change are kept.
 * Either way the response leaves only after COMMIT: an acknowledged sample is durable and its
 * rollup work cannot be lost.
 */
export async function ingestSamples(
  deps: IngestDeps,
  req: IngestRequest,
): Promise<DeviceSyncResponse> {
  const { userId } = req;
  const dataKey = await deps.keyring.getUserKey(deps.pool, userId);
  const plan = makePlan(deps, req, dataKey);
  const now = Date.now();
  const contended = deps.contended?.has(userId, now) ?? false;
  const first = await mergeAndWrite(deps.pool, plan, await readState(deps.pool, plan), contended);
  if ('response' in first) return first.response;
  if (!contended) deps.contended?.mark(userId, now);
  return withTransaction(deps.pool, async (client) => {
    await lockUserWrites(client, userId);
    const locked = await mergeAndWrite(client, plan, await readState(client, plan));
    // Holding the lock, nobody else can move the counter between the read and the write.
    if ('retry' in locked) throw new Error('Ingest found the change counter moved under the lock');
    return locked.response;
  });
}
