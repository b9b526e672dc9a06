import { resolveConflict, samePoint, type PushedCollection } from '@hearth/core';
import type { ReplicatedDoc, SeriesPoint } from '@hearth/schema';
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { PENDING_UPDATED_AT, type SeriesRow } from '../db/types.js';

// Conflict handling runs when the server refuses a push because its state moved on since this
// device last saw it. The merge itself is core's `resolveConflict` (core/src/replication/), the
// same function the server's property tests drive. `isEqual` must also compare `updatedAt`:
// RxDB uses it to decide whether the server's state still has to be written locally, and that
// write is what clears the "waiting to upload" marker.

/** A stored row with RxDB's `_deleted`: structurally the wire document of its collection. */
type RowOf<C extends PushedCollection> = WithDeleted<Omit<ReplicatedDoc<C>, '_deleted'>>;

/**
 * The handler of a collection a device writes: RxDB hands it the state this device last saw
 * (`assumedMasterState`), the server's, and its own; a merge that still adds something is marked
 * pending so it uploads again.
 */
export function conflictHandlerFor<C extends PushedCollection>(
  collection: C,
): RxConflictHandler<Omit<ReplicatedDoc<C>, '_deleted'>> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve({ assumedMasterState, realMasterState, newDocumentState }) {
      return Promise.resolve(
        resolveRows(collection, assumedMasterState ?? null, realMasterState, newDocumentState),
      );
    },
  };
}

function resolveRows<C extends PushedCollection>(
  collection: C,
  assumed: RowOf<C> | null,
  master: RowOf<C>,
  local: RowOf<C>,
): RowOf<C> {
  // A row with `_deleted` is the wire document's shape; the casts only restate that.
  const resolved = resolveConflict(collection, {
    assumed: assumed as ReplicatedDoc<C> | null,
    master: master as ReplicatedDoc<C>,
    local: local as ReplicatedDoc<C>,
  });
  if (!resolved.push) return master;
  return { ...(resolved.doc as RowOf<C>), updatedAt: PENDING_UPDATED_AT };
}

function samePoints(a: readonly SeriesPoint[], b: readonly SeriesPoint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!samePoint(a[i]!, b[i]!)) return false;
  }
  return true;
}

/**
 * Series are the bulky collection: equality compares what can differ for one id (the id fixes
 * device, type and hour) point by point instead of walking the whole document generically.
 */
export const seriesConflictHandler: RxConflictHandler<SeriesRow> = {
  ...conflictHandlerFor('series'),
  isEqual(a, b) {
    return (
      a._deleted === b._deleted &&
      a.updatedAt === b.updatedAt &&
      a.deviceId === b.deviceId &&
      samePoints(a.points, b.points)
    );
  },
};
