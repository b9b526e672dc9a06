import { groupIntoSeries, mergeSeriesPoints } from '@hearth/core';
import type { HealthSample, SeriesPoint } from '@hearth/schema';
import type { PoolClient } from '../db/pool.js';
import { openSeriesPoints, sealSeriesPoints, type SeriesKey } from '../series/series-codec.js';
import { lockSeries, type SeriesWrite } from '../series/series.repository.js';

const keyString = (k: SeriesKey) => `${k.deviceId}|${k.type}|${k.hourStart}`;

export interface MergedSeries extends SeriesKey {
  /** The stored points merged with the incoming ones. */
  points: SeriesPoint[];
  /** Just the incoming points (they decide which days' rollups change). */
  incoming: SeriesPoint[];
}

/**
 * Groups samples into series and merges each into its stored version (read FOR UPDATE, decrypt,
 * merge: a re-sent sample replaces itself by (start, end)). Returns the merged series to write.
 */
export async function mergeIntoStoredSeries(
  client: PoolClient,
  dataKey: Buffer,
  userId: string,
  samples: readonly HealthSample[],
): Promise<MergedSeries[]> {
  const groups = groupIntoSeries(samples);
  const stored = await lockSeries(client, userId, groups);
  const existing = new Map(stored.filter((s) => !s.deleted).map((s) => [keyString(s), s]));
  return groups.map((group) => {
    const old = existing.get(keyString(group));
    const oldPoints = old ? openSeriesPoints(dataKey, userId, old, old.payload) : [];
    return {
      deviceId: group.deviceId,
      type: group.type,
      hourStart: group.hourStart,
      points: mergeSeriesPoints(oldPoints, group.points),
      incoming: group.points,
    };
  });
}

/** Seals merged series into rows, giving each the next fresh position from `firstPosition`. */
export function toSeriesWrites(
  dataKey: Buffer,
  userId: string,
  merged: readonly MergedSeries[],
  firstPosition: number,
): SeriesWrite[] {
  return merged.map((s, i) => ({
    deviceId: s.deviceId,
    type: s.type,
    hourStart: s.hourStart,
    payload: sealSeriesPoints(dataKey, userId, s, s.points),
    pointCount: s.points.length,
    position: firstPosition + i,
    deleted: false,
  }));
}
