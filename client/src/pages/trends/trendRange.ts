import {
  addLocalDays,
  bucketStart,
  isoWeekStartDate,
  monthStartDate,
  nextBucketStart,
  startOfLocalDate,
} from '@hearth/core';
import type { AggregationPeriod, LocalDate } from '@hearth/schema';

export type RangePreset = { count: number; label: string };

/** Lengths a person can pick per period; for hours the count is in days. */
export const RANGE_PRESETS: Record<AggregationPeriod, RangePreset[]> = {
  hour: [
    { count: 1, label: '1 day' },
    { count: 3, label: '3 days' },
    { count: 7, label: '7 days' },
  ],
  day: [
    { count: 7, label: '7 days' },
    { count: 30, label: '30 days' },
    { count: 90, label: '90 days' },
    { count: 182, label: '6 months' },
    { count: 365, label: '1 year' },
  ],
  week: [
    { count: 12, label: '12 weeks' },
    { count: 26, label: '26 weeks' },
    { count: 52, label: '52 weeks' },
  ],
  month: [
    { count: 6, label: '6 months' },
    { count: 12, label: '12 months' },
    { count: 24, label: '24 months' },
  ],
};

export const DEFAULT_COUNT: Record<AggregationPeriod, number> = {
  hour: 1,
  day: 30,
  week: 12,
  month: 12,
};

function monthsBefore(date: LocalDate, months: number): LocalDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The local date the first bucket of the range starts on. */
function firstDate(period: AggregationPeriod, count: number, endDate: LocalDate): LocalDate {
  switch (period) {
    case 'hour':
    case 'day':
      return addLocalDays(endDate, -(count - 1));
    case 'week':
      return isoWeekStartDate(addLocalDays(endDate, -7 * (count - 1)));
    case 'month':
      return monthsBefore(monthStartDate(endDate), count - 1);
  }
}

export type TrendRange = {
  fromMs: number;
  toMs: number;
  /** Every bucket start in [fromMs, toMs), in order (DST-aware: days of 23 or 25 hours). */
  bucketStarts: number[];
};

const MAX_BUCKETS = 1000;

/** The `count` buckets of `period` ending with the one that holds `endDate`, in `timeZone`. */
export function trendRange(
  period: AggregationPeriod,
  count: number,
  endDate: LocalDate,
  timeZone: string,
): TrendRange {
  const fromMs = startOfLocalDate(firstDate(period, count, endDate), timeZone);
  const lastStart = bucketStart(period, startOfLocalDate(endDate, timeZone), timeZone);
  const toMs =
    period === 'hour'
      ? startOfLocalDate(addLocalDays(endDate, 1), timeZone)
      : nextBucketStart(period, lastStart, timeZone);
  const bucketStarts: number[] = [];
  for (let t = fromMs; t < toMs && bucketStarts.length < MAX_BUCKETS;) {
    bucketStarts.push(t);
    t = nextBucketStart(period, t, timeZone);
  }
  return { fromMs, toMs, bucketStarts };
}
