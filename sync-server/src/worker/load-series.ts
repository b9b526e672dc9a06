import { MAX_SAMPLE_DURATION_MS, sampleWindowForDays, type RollupSeries } from '@hearth/core';
import type { HealthDataType, LocalDate } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openSeriesPoints } from '../series/series-codec.js';
import { loadSeriesRange } from '../series/series.repository.js';

const HOUR_MS = 3_600_000;

/**
 * Every stored point of `type` that can influence the rollups of `days`, as series for core's
 * `computeBucketSummariesFromSeries`: the points overlapping core's sample window (a day of
 * margin each side). Series are keyed by the UTC hour of their points' starts, and a sample lasts
 * at most MAX_SAMPLE_DURATION_MS, so the series to read are those whose hour starts in
 * [window start − max duration − 1 h, window end).
 */
export async function loadSeriesForDays(
  db: Queryable,
  dataKey: Buffer,
  userId: string,
  type: HealthDataType,
  days: readonly LocalDate[],
  timeZone: string,
): Promise<RollupSeries[]> {
  const window = sampleWindowForDays(type, days, timeZone);
  const fromHour =
    Math.floor((window.startMs - MAX_SAMPLE_DURATION_MS) / HOUR_MS) * HOUR_MS - HOUR_MS;
  const stored = await loadSeriesRange(db, userId, type, fromHour, window.endMs);
  const series: RollupSeries[] = [];
  for (const s of stored) {
    const points = openSeriesPoints(dataKey, userId, s, s.payload);
    // A series whose hour lies inside the window holds only points that overlap it.
    const inside = s.hourStart >= window.startMs && s.hourStart + HOUR_MS <= window.endMs;
    series.push({
      deviceId: s.deviceId,
      type,
      points: inside
        ? points
        : points.filter(([start, end]) => start < window.endMs && end >= window.startMs),
    });
  }
  return series;
}
