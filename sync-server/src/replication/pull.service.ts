import type {
  PullQuery,
  PullResponse,
  ReplicatedCollection,
  ReplicatedDoc,
  ReplicationCheckpoint,
} from '@hearth/schema';
import { AppError } from '../errors.js';
import type { Pool } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import { READERS } from './collections/index.js';

export interface ReplicationDeps {
  pool: Pool;
  keyring: Keyring;
}

/** The checkpoint a pull starts after; none (null) means from the beginning. */
export function checkpointFromQuery(query: PullQuery): ReplicationCheckpoint | null {
  if (query.position === undefined) {
    if (query.id !== undefined) throw new AppError('invalid-request', 'id needs a position');
    return null;
  }
  return { position: query.position, id: query.id ?? '' };
}

/**
 * One page of the user's documents after the checkpoint (SPEC R1, R2, R8): `limit` documents
 * unless fewer exist, and the checkpoint of the last one, or the given checkpoint when nothing
 * is new (so a client never moves backwards), null only for an empty collection from the start.
 */
export async function pullChanges<C extends ReplicatedCollection>(
  deps: ReplicationDeps,
  userId: string,
  collection: C,
  query: PullQuery,
): Promise<PullResponse<ReplicatedDoc<C>>> {
  const after = checkpointFromQuery(query);
  const dataKey = await deps.keyring.getUserKey(deps.pool, userId);
  const reader = READERS[collection];
  const page = await reader.changesAfter({ db: deps.pool, userId, dataKey }, after, query.limit);
  const last = page[page.length - 1];
  return { documents: page.map((c) => c.doc), checkpoint: last?.checkpoint ?? after };
}
