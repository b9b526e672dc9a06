import { MAX_SAMPLE_DURATION_MS, sampleWindowForDays, seriesToSamples } from '@hearth/core';
import type { HealthDataType, HealthSample, LocalDate } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openSeriesPoints } from '../series/series-codec.js';
import { loadSeriesRange } from '../series/series.repository.js';

const HOUR_MS = 3_600_000;

/**
 * Every stored sample of `type` that can influence the rollups of `days`: those overlapping
 * core's sample window (a day of margin each side). Series are keyed by the UTC hour of their
 * samples' starts, and a sample lasts at most MAX_SAMPLE_DURATION_MS, so the series to read are
 * those whose hour starts in [window start − max duration − 1 h, window end).
 */
export async function loadSamplesForDays(
  db: Queryable,
  dataKey: Buffer,
  userId: string,
  type: HealthDataType,
  days: readonly LocalDate[],
  timeZone: string,
): Promise<HealthSample[]> {
  const window = sampleWindowForDays(type, days, timeZone);
  const fromHour =
    Math.floor((window.startMs - MAX_SAMPLE_DURATION_MS) / HOUR_MS) * HOUR_MS - HOUR_MS;
  const series = await loadSeriesRange(db, userId, type, fromHour, window.endMs);
  const samples: HealthSample[] = [];
  for (const s of series) {
    const points = openSeriesPoints(dataKey, userId, s, s.payload).filter(
      ([start, end]) => start < window.endMs && end >= window.startMs,
    );
    samples.push(...seriesToSamples({ deviceId: s.deviceId, type, points }));
  }
  return samples;
}
