import {
  computeBucketSummariesFromSeries,
  resolveSourcePriority,
  type BucketSummary,
} from '@hearth/core';
import type { HealthDataType, LocalDate } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { listDevicesForPriority } from '../devices/devices.repository.js';
import { getSettings } from '../settings/settings.repository.js';
import { loadSeriesForDays } from '../worker/load-series.js';
import { dayRuns } from '../worker/recompute.js';

/*
 * Hour rollups are not stored (SPECIFICATION.md §3): they were ~90 % of the rollup rows and
 * are never replicated. An hour is computed when asked for, from the stored series of its day,
 * by the engine the worker runs for days (core's `computeBucketSummariesFromSeries`), with the
 * same zone and device priority: the numbers are the ones a stored hour row would hold.
 */

/** What bucketing a person's samples depends on besides the samples. */
export interface RollupSettings {
  timeZone: string;
  /** Device ids, highest priority first. */
  priority: readonly string[];
}

/**
 * The zone and resolved device priority the worker rolls this person's days up with
 * (worker/rollup-job.ts); null for a user without settings, whose days are never rolled up.
 */
export async function findRollupSettings(
  db: Queryable,
  userId: string,
  dataKey: Buffer,
): Promise<RollupSettings | null> {
  const settings = await getSettings(db, userId, dataKey);
  if (!settings) return null;
  const devices = await listDevicesForPriority(db, userId);
  return {
    timeZone: settings.timeZone,
    priority: resolveSourcePriority(devices, settings.sourcePriority),
  };
}

/**
 * Days computed together: their series (a day of margin each side) are held in memory at once,
 * so a long range, like a whole account's export, is computed a month at a time.
 */
const MAX_DAYS_AT_ONCE = 31;

function slices(days: readonly LocalDate[]): LocalDate[][] {
  const result: LocalDate[][] = [];
  for (const run of dayRuns(days)) {
    for (let i = 0; i < run.length; i += MAX_DAYS_AT_ONCE) {
      result.push(run.slice(i, i + MAX_DAYS_AT_ONCE));
    }
  }
  return result;
}

/**
 * The hour buckets of `types` labelled with one of `days` (a sleep hour belongs to its sleep day,
 * as the day rollup it merges into), a slice of days at a time (an export of years holds one
 * month of them), each slice by type in start order.
 */
export async function* hourBucketSlices(
  db: Queryable,
  dataKey: Buffer,
  userId: string,
  settings: RollupSettings,
  types: readonly HealthDataType[],
  days: readonly LocalDate[],
): AsyncGenerator<Map<HealthDataType, BucketSummary[]>> {
  const { timeZone, priority } = settings;
  // Slices in date order are in start order: a sleep day's hours (18:00 the evening before to
  // 18:00) all come after the previous sleep day's.
  for (const slice of slices(days)) {
    const series = await loadSeriesForDays(db, dataKey, userId, types, slice, timeZone);
    if (series.length === 0) continue;
    const byType = new Map<HealthDataType, BucketSummary[]>();
    const buckets = computeBucketSummariesFromSeries(series, {
      timeZone,
      priority,
      periods: ['hour'],
      days: slice,
    });
    for (const b of buckets) {
      const list = byType.get(b.type) ?? [];
      list.push(b);
      byType.set(b.type, list);
    }
    for (const list of byType.values()) list.sort((x, y) => x.startMs - y.startMs);
    yield byType;
  }
}

/** Every hour bucket of `types` labelled with one of `days`, by type in start order. */
export async function computeHourBuckets(
  db: Queryable,
  dataKey: Buffer,
  userId: string,
  settings: RollupSettings,
  types: readonly HealthDataType[],
  days: readonly LocalDate[],
): Promise<Map<HealthDataType, BucketSummary[]>> {
  const result = new Map<HealthDataType, BucketSummary[]>();
  for await (const slice of hourBucketSlices(db, dataKey, userId, settings, types, days)) {
    for (const [type, buckets] of slice) {
      const list = result.get(type) ?? [];
      for (const b of buckets) list.push(b);
      result.set(type, list);
    }
  }
  return result;
}
