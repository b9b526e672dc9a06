import { mergeSeriesPoints, samePoint } from '@hearth/core';
import type { SeriesPoint } from '@hearth/schema';
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { PENDING_UPDATED_AT, type SeriesRow } from '../db/types.js';

// Conflict handling runs when the server refuses a push because its state moved on since this
// device last saw it. `isEqual` must also compare `updatedAt`: RxDB uses it to decide whether the
// server's state still has to be written locally, and that write is what clears the "waiting to
// upload" marker.

function samePoints(a: readonly SeriesPoint[], b: readonly SeriesPoint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!samePoint(a[i]!, b[i]!)) return false;
  }
  return true;
}

/**
 * Series: the union of both sides' points by (start, end), this device's value winning for the
 * same (start, end) — a re-sent sample replaces itself, so nothing recorded on either side is lost.
 */
export const seriesConflictHandler: RxConflictHandler<SeriesRow> = {
  isEqual(a, b) {
    return (
      a._deleted === b._deleted &&
      a.updatedAt === b.updatedAt &&
      a.deviceId === b.deviceId &&
      samePoints(a.points, b.points)
    );
  },
  resolve({ realMasterState, newDocumentState }) {
    const points = mergeSeriesPoints(realMasterState.points, newDocumentState.points);
    const deleted = realMasterState._deleted && newDocumentState._deleted;
    if (deleted === realMasterState._deleted && samePoints(points, realMasterState.points)) {
      // The server already holds everything this device wrote: nothing left to upload.
      return Promise.resolve(realMasterState);
    }
    return Promise.resolve({
      ...realMasterState,
      points,
      _deleted: deleted,
      updatedAt: PENDING_UPDATED_AT,
    });
  },
};

type Merge<T> = (input: RxConflictHandlerInput<T>) => WithDeleted<T>;

function handlerFromMerge<T extends { updatedAt: string }>(
  merge: Merge<T>,
  clientFields: readonly (keyof T)[],
): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve(input) {
      const merged = merge(input);
      const real = input.realMasterState;
      const unchanged = clientFields.every((f) => deepEqual(merged[f], real[f]));
      if (unchanged && merged._deleted === real._deleted) return Promise.resolve(real);
      return Promise.resolve({ ...merged, updatedAt: PENDING_UPDATED_AT });
    },
  };
}

/**
 * Field-wise three-way merge: a field this device changed (it differs from the state the device
 * last saw from the server) keeps the local value; every other field takes the server's.
 * Settings edited on two devices at once thus keep both edits when they touch different fields.
 */
export function threeWayConflictHandler<T extends { updatedAt: string }>(
  clientFields: readonly (keyof T)[],
): RxConflictHandler<T> {
  const merge: Merge<T> = ({ assumedMasterState, realMasterState, newDocumentState }) => {
    const merged = { ...realMasterState };
    for (const field of clientFields) {
      const changedHere =
        !assumedMasterState || !deepEqual(newDocumentState[field], assumedMasterState[field]);
      if (changedHere) merged[field] = newDocumentState[field];
    }
    return merged;
  };
  return handlerFromMerge(merge, clientFields);
}

/** Insights: acknowledging is the only client write, and an acknowledgement is never undone. */
export function acknowledgeConflictHandler<
  T extends { updatedAt: string; acknowledged: boolean },
>(): RxConflictHandler<T> {
  const merge: Merge<T> = ({ realMasterState, newDocumentState }) => ({
    ...realMasterState,
    acknowledged: realMasterState.acknowledged || newDocumentState.acknowledged,
  });
  return handlerFromMerge<T>(merge, ['acknowledged']);
}
