import type { PushResponse, PushRow, ReplicatedCollection, ReplicatedDoc } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction } from '../db/pool.js';
import { currentPosition, lockUserWrites } from '../db/positions.js';
import { publishChange } from '../notify.js';
import { WRITERS, type CollectionWriter, type WriteContext } from './collections/index.js';
import type { AcceptedWrite } from './collections/types.js';
import { decidePush } from './conflicts.js';
import type { ReplicationDeps } from './pull.service.js';

export interface PushDeps extends ReplicationDeps {
  /** The clock for "starts too far in the future" checks (injectable in tests). */
  now?: () => number;
}

function checkRows<D extends { id: string }>(rows: readonly PushRow<D>[]): void {
  const ids = new Set<string>();
  for (const { assumedMasterState, newDocumentState } of rows) {
    if (ids.has(newDocumentState.id)) {
      throw new AppError('invalid-request', `Document ${newDocumentState.id} appears twice`);
    }
    ids.add(newDocumentState.id);
    if (assumedMasterState && assumedMasterState.id !== newDocumentState.id) {
      throw new AppError(
        'invalid-request',
        `Row ${newDocumentState.id}: assumed state has another id`,
      );
    }
  }
}

/** Splits rows into writes and conflicts by the conflict rule (SPEC R3). */
function decideRows<D extends { id: string }>(
  writer: CollectionWriter<D>,
  rows: readonly PushRow<D>[],
  masters: ReadonlyMap<string, D>,
): { writes: AcceptedWrite<D>[]; conflicts: D[] } {
  const writes: AcceptedWrite<D>[] = [];
  const conflicts: D[] = [];
  for (const row of rows) {
    const master = masters.get(row.newDocumentState.id) ?? null;
    const assumed = row.assumedMasterState;
    if (decidePush(master, assumed, writer.clientFields) === 'conflict' && master) {
      conflicts.push(master);
    } else {
      writes.push({ master, assumed, next: row.newDocumentState });
    }
  }
  return { writes, conflicts };
}

/**
 * Applies a push in ONE transaction (SPEC R6): the user's write lock first (the lock order every
 * writer uses, and what keeps the masters read here current until COMMIT), then the conflict
 * check, then every accepted row with its own fresh position. Any refused row (AppError) rolls
 * the whole request back. Conflicting rows come back as their master state.
 */
export async function pushChanges<C extends ReplicatedCollection>(
  deps: PushDeps,
  userId: string,
  collection: C,
  rows: readonly PushRow<ReplicatedDoc<C>>[],
): Promise<PushResponse<ReplicatedDoc<C>>> {
  const writer = WRITERS[collection];
  if (!writer) throw new AppError('forbidden', `The ${collection} collection is read-only`);
  checkRows(rows);
  writer.checkDocuments(rows.map((r) => r.newDocumentState));
  if (rows.length === 0) return { conflicts: [] };
  return withTransaction(deps.pool, async (client) => {
    await lockUserWrites(client, userId);
    const ctx: WriteContext = {
      db: client,
      userId,
      dataKey: await deps.keyring.getUserKey(client, userId),
      now: (deps.now ?? Date.now)(),
    };
    const masters = await writer.readMasters(
      ctx,
      rows.map((r) => r.newDocumentState),
    );
    const { writes, conflicts } = decideRows(writer, rows, masters);
    if (writes.length > 0) {
      const changed = await writer.write(ctx, writes);
      // Every write can move the rollup watermark (a push that queues no day is covered at once).
      await publishChange(client, userId, [...changed, 'freshness']);
    }
    // Also for conflicts only: a master that already holds a pushed row is covered from here.
    return { conflicts, position: await currentPosition(client, userId) };
  });
}
