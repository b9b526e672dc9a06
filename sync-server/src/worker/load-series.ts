import {
  addLocalDays,
  MAX_SAMPLE_DURATION_MS,
  sampleWindowForDays,
  startOfLocalDate,
  type RollupSeries,
} from '@hearth/core';
import { isCumulativeType, type HealthDataType, type LocalDate } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openSeriesPoints } from '../series/series-codec.js';
import { loadSeriesRange } from '../series/series.repository.js';

const HOUR_MS = 3_600_000;

interface LoadWindow {
  startMs: number;
  endMs: number;
  /** First series hour that can hold a point that counts. */
  fromHour: number;
  counts: (start: number, end: number) => boolean;
}

function windowOf(type: HealthDataType, days: readonly LocalDate[], timeZone: string): LoadWindow {
  if (type !== 'SLEEP_ANALYSIS' && !isCumulativeType(type)) {
    // A reading counts only in the day of its start, and mirrored readings share their start
    // (core's localDaysTouched): the days' own readings are all their hours and days depend on,
    // a quarter of what the margins of core's sample window would load.
    const sorted = [...days].sort();
    const startMs = startOfLocalDate(sorted[0] as LocalDate, timeZone);
    const endMs = startOfLocalDate(addLocalDays(sorted.at(-1) as LocalDate, 1), timeZone);
    return {
      startMs,
      endMs,
      fromHour: Math.floor(startMs / HOUR_MS) * HOUR_MS,
      counts: (start) => start >= startMs && start < endMs,
    };
  }
  const { startMs, endMs } = sampleWindowForDays(type, days, timeZone);
  return {
    startMs,
    endMs,
    fromHour: Math.floor((startMs - MAX_SAMPLE_DURATION_MS) / HOUR_MS) * HOUR_MS - HOUR_MS,
    counts: (start, end) => start < endMs && end >= startMs,
  };
}

/**
 * Every stored point of `types` that can influence their rollups of `days`, as series for core's
 * `computeBucketSummariesFromSeries`: for amounts and sleep, the points overlapping core's sample
 * window (a day of margin each side); for readings, those starting on the days. Series are keyed
 * by the UTC hour of their points' starts, and a sample lasts at most MAX_SAMPLE_DURATION_MS, so
 * for amounts the series to read are those whose hour starts in
 * [window start − max duration − 1 h, window end). One query for all the types: a read of every
 * type's hours would otherwise wait on one round trip per type.
 */
export async function loadSeriesForDays(
  db: Queryable,
  dataKey: Buffer,
  userId: string,
  types: readonly HealthDataType[],
  days: readonly LocalDate[],
  timeZone: string,
): Promise<RollupSeries[]> {
  if (types.length === 0 || days.length === 0) return [];
  const windows = new Map(types.map((type) => [type, windowOf(type, days, timeZone)]));
  const all = [...windows.values()];
  const fromHour = Math.min(...all.map((w) => w.fromHour));
  const endMs = Math.max(...all.map((w) => w.endMs));
  const stored = await loadSeriesRange(db, userId, [...windows.keys()], fromHour, endMs);
  const series: RollupSeries[] = [];
  for (const s of stored) {
    const window = windows.get(s.type);
    // Another type's window can be wider (sleep starts a day earlier): not opened for nothing.
    if (!window || s.hourStart < window.fromHour || s.hourStart >= window.endMs) continue;
    const points = openSeriesPoints(dataKey, userId, s, s.payload);
    // A series whose hour lies inside the window holds only points that count.
    const inside = s.hourStart >= window.startMs && s.hourStart + HOUR_MS <= window.endMs;
    series.push({
      deviceId: s.deviceId,
      type: s.type,
      points: inside ? points : points.filter(([start, end]) => window.counts(start, end)),
    });
  }
  return series;
}
