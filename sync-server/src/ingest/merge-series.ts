import { comparePoints, mergeSeriesPoints, samePoint, type SeriesGroup } from '@hearth/core';
import type { SeriesPoint } from '@hearth/schema';
import { openSeriesPoints, sealSeriesPoints } from '../series/series-codec.js';
import { openRemoved, withoutRemoved } from '../series/removed-samples.js';
import type { StoredPayload } from './fold-read.repository.js';

/** A series the batch changes, sealed and ready to write. */
export interface SeriesChange {
  group: SeriesGroup;
  payload: Buffer;
  pointCount: number;
}

/**
 * Whether every incoming point is already stored, with the same value and sleep stage (both
 * sorted, unique): a stage corrected alone is a change to store.
 */
function alreadyStored(incoming: readonly SeriesPoint[], stored: readonly SeriesPoint[]): boolean {
  let i = 0;
  for (const point of incoming) {
    while (i < stored.length && comparePoints(stored[i]!, point) < 0) i++;
    const match = stored[i];
    if (!match || !samePoint(match, point)) return false;
  }
  return true;
}

function mergeGroup(
  dataKey: Buffer,
  userId: string,
  group: SeriesGroup,
  from: Buffer | null,
): SeriesChange | null {
  if (!from) {
    const payload = sealSeriesPoints(dataKey, userId, group, group.points);
    return { group, payload, pointCount: group.points.length };
  }
  const oldPoints = openSeriesPoints(dataKey, userId, group, from);
  if (alreadyStored(group.points, oldPoints)) return null;
  const points = mergeSeriesPoints(oldPoints, group.points);
  return {
    group,
    payload: sealSeriesPoints(dataKey, userId, group, points),
    pointCount: points.length,
  };
}

/** The group without the samples the person deleted from its series; null when none is left. */
function withoutDeleted(
  dataKey: Buffer,
  userId: string,
  group: SeriesGroup,
  stored: StoredPayload | undefined,
): SeriesGroup | null {
  const removed = openRemoved(dataKey, userId, group, stored?.removed ?? null);
  if (removed.length === 0) return group;
  const points = withoutRemoved(group.points, removed);
  return points.length === 0 ? null : { ...group, points };
}

/**
 * Merges each group into the stored series of its hour (a re-sent sample replaces itself by
 * (start, end)) and seals the series that change. A group whose every point is already stored
 * changes nothing: it is not re-sealed, re-written or handed to devices and the rollup worker
 * again, so a retried batch costs little. A tombstoned series starts afresh from the batch.
 * A sample the person deleted (SPECIFICATION.md §14) is dropped: re-sending it never revives it.
 */
export function mergeWithStored(
  dataKey: Buffer,
  userId: string,
  groups: readonly SeriesGroup[],
  stored: readonly StoredPayload[],
): SeriesChange[] {
  const byKey = new Map(stored.map((s) => [`${s.type}|${s.hourStart}`, s]));
  const changes: SeriesChange[] = [];
  for (const incoming of groups) {
    const target = byKey.get(`${incoming.type}|${incoming.hourStart}`);
    const group = withoutDeleted(dataKey, userId, incoming, target);
    if (!group) continue;
    const from = target && !target.deleted ? target.payload : null;
    const change = mergeGroup(dataKey, userId, group, from);
    if (change) changes.push(change);
  }
  return changes;
}
