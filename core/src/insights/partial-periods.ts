import type { AggregationPeriod, HealthDataType } from '@hearth/schema';
import { localDateToDayNumber, MS_PER_DAY, MS_PER_HOUR } from '../time/civil.js';
import { localDateOf, resolveWallTime } from '../time/local-time.js';
import { nextBucketStart } from '../time/buckets.js';
import { SLEEP_DAY_START_HOUR } from '../time/rollup-days.js';

/**
 * The instant a bucket stops collecting samples: the next bucket's start, except for sleep days,
 * weeks and months, whose last night ends at 18:00 on their last day (SPECIFICATION.md §3).
 */
export function periodCollectsUntil(
  type: HealthDataType,
  period: AggregationPeriod,
  startMs: number,
  timeZone: string,
): number {
  const next = nextBucketStart(period, startMs, timeZone);
  if (type !== 'SLEEP_ANALYSIS' || period === 'hour') return next;
  const lastDay = localDateOf(next - 1, timeZone);
  const wall = localDateToDayNumber(lastDay) * MS_PER_DAY + SLEEP_DAY_START_HOUR * MS_PER_HOUR;
  return resolveWallTime(wall, timeZone);
}

/**
 * Whether a bucket is still being counted at `nowMs` (today, this week, this month): its figure
 * is "so far", so it is never ranked as a lowest or highest period, nor fed into a trend or an
 * average (SPECIFICATION.md §13). A morning's 46 steps are not a low day.
 */
export function isPartialPeriod(
  type: HealthDataType,
  period: AggregationPeriod,
  startMs: number,
  nowMs: number,
  timeZone: string,
): boolean {
  return nowMs < periodCollectsUntil(type, period, startMs, timeZone);
}

export interface Extremes<T> {
  lowest: T;
  highest: T;
}

/**
 * The lowest and highest of the finished periods (first of equals wins), or null when none has
 * ended. Partial periods are left out whatever their value.
 */
export function finishedExtremes<T>(
  items: readonly T[],
  valueOf: (item: T) => number,
  isPartial: (item: T) => boolean,
): Extremes<T> | null {
  let result: Extremes<T> | null = null;
  for (const item of items) {
    if (isPartial(item)) continue;
    const value = valueOf(item);
    if (!Number.isFinite(value)) continue;
    if (!result) result = { lowest: item, highest: item };
    else if (value < valueOf(result.lowest)) result.lowest = item;
    else if (value > valueOf(result.highest)) result.highest = item;
  }
  return result;
}
