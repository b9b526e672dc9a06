import { comparePoints, mergeSeriesPoints, type SeriesGroup } from '@hearth/core';
import type { SeriesPoint } from '@hearth/schema';
import { openSeriesPoints, sealSeriesPoints } from '../series/series-codec.js';
import type { StoredPayload } from './ingest.repository.js';

/** A series the batch changes, sealed and ready to write. */
export interface SeriesChange {
  group: SeriesGroup;
  payload: Buffer;
  pointCount: number;
}

/** Whether every incoming point is already stored, with the same value (both sorted, unique). */
function alreadyStored(incoming: readonly SeriesPoint[], stored: readonly SeriesPoint[]): boolean {
  let i = 0;
  for (const point of incoming) {
    while (i < stored.length && comparePoints(stored[i]!, point) < 0) i++;
    const match = stored[i];
    if (!match || match[0] !== point[0] || match[1] !== point[1] || match[2] !== point[2]) {
      return false;
    }
  }
  return true;
}

/**
 * Merges each group into the stored series of its hour (a re-sent sample replaces itself by
 * (start, end)) and seals the series that change. A group whose every point is already stored
 * changes nothing: it is not re-sealed, re-written or handed to devices and the rollup worker
 * again, so a retried batch costs little. A tombstoned series starts afresh from the batch.
 * `sealedAlone` keeps the payloads of groups sealed as series of their own, for a second merge
 * of the same batch (after a concurrent write) to reuse.
 */
export function mergeWithStored(
  dataKey: Buffer,
  userId: string,
  groups: readonly SeriesGroup[],
  stored: readonly StoredPayload[],
  sealedAlone: Map<SeriesGroup, Buffer>,
): SeriesChange[] {
  const live = new Map<string, StoredPayload>();
  for (const s of stored) if (!s.deleted) live.set(`${s.type}|${s.hourStart}`, s);
  const changes: SeriesChange[] = [];
  for (const group of groups) {
    const old = live.get(`${group.type}|${group.hourStart}`);
    if (!old) {
      let payload = sealedAlone.get(group);
      if (!payload)
        sealedAlone.set(group, (payload = sealSeriesPoints(dataKey, userId, group, group.points)));
      changes.push({ group, payload, pointCount: group.points.length });
      continue;
    }
    const oldPoints = openSeriesPoints(dataKey, userId, group, old.payload);
    if (alreadyStored(group.points, oldPoints)) continue;
    const points = mergeSeriesPoints(oldPoints, group.points);
    const payload = sealSeriesPoints(dataKey, userId, group, points);
    changes.push({ group, payload, pointCount: points.length });
  }
  return changes;
}
