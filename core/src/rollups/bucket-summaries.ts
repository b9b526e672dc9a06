import {
  AGGREGATION_PERIODS,
  HEALTH_DATA_TYPES,
  isCumulativeType,
  type AggregationPeriod,
  type HealthDataType,
  type HealthSample,
  type LocalDate,
} from '@hearth/schema';
import { isoWeekStartDate, monthStartDate } from '../time/civil.js';
import { RollupCalendar } from './calendar.js';
import { cumulativeHours } from './cumulative-hours.js';
import { discreteHours } from './discrete-hours.js';
import type { HourSummaries } from './hour-grid.js';
import { RollupError, type PreparedSamples } from './prepare.js';
import { prepareSamples } from './samples-as-series.js';
import { sleepHours } from './sleep-hours.js';
import { mergeInto, type RollupSummary } from './summary.js';

/** One bucket of one type, keyed by (type, period, startMs). */
export interface BucketSummary {
  type: HealthDataType;
  period: AggregationPeriod;
  /** Instant the bucket starts (for a day: its local midnight, even for sleep days). */
  startMs: number;
  /** ISO 8601 with the offset in force at the bucket start. */
  periodStart: string;
  /** The day an hour or day bucket belongs to (sleep: the sleep day); a week's Monday; a month's 1st. */
  localDate: LocalDate;
  summary: RollupSummary;
}

/** A stored day summary, all `rollUpDays` needs to build weeks and months. */
export type DaySummary = Pick<BucketSummary, 'type' | 'localDate' | 'summary'>;

export interface BucketSummaryOptions {
  timeZone: string;
  /** Source ids (`sample.sourceDevice`), highest priority first. */
  priority: readonly string[];
  /** Default: all four, or hour and day when `days` is given. */
  periods?: readonly AggregationPeriod[];
  /**
   * Only return hour and day buckets of these (sleep) days. The samples must then include every
   * sample overlapping `sampleWindowForDays(type, days, timeZone)`; weeks and months cannot be
   * asked for (build them from stored days with `rollUpDays`).
   */
  days?: readonly LocalDate[];
}

/** `target.push(...items)` without spreading: browsers cap the number of call arguments. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

const PERIOD_ORDER = new Map<AggregationPeriod, number>(AGGREGATION_PERIODS.map((p, i) => [p, i]));

/**
 * Mergeable summaries of every bucket with data. Days are the time-ordered merge of their hours
 * (sleep: clock hours 18:00 on D−1 to 18:00 on D), weeks and months that of their days, so a
 * worker that recomputes some days and re-merges stored days gets exactly the same numbers.
 * Sorted by type (schema order), period (hour, day, week, month), then start. The samples go
 * through their series into the engine the server and the PWA run
 * (`computeBucketSummariesFromSeries`); only the sample ids of `latest` readings come along.
 */
export function computeBucketSummaries(
  samples: readonly HealthSample[],
  options: BucketSummaryOptions,
): BucketSummary[] {
  const periods = periodsAskedFor(options);
  return summarisePrepared(prepareSamples(samples, options.priority), periods, options);
}

/** The periods to return; throws `rollup-partial-period` for weeks or months of chosen days. */
export function periodsAskedFor(options: BucketSummaryOptions): ReadonlySet<AggregationPeriod> {
  const { days } = options;
  const periods = new Set<AggregationPeriod>(
    options.periods ?? (days ? ['hour', 'day'] : AGGREGATION_PERIODS),
  );
  if (days && (periods.has('week') || periods.has('month'))) {
    throw new RollupError(
      'rollup-partial-period',
      'Weeks and months need all their days: merge stored day summaries with rollUpDays',
    );
  }
  return periods;
}

/** The buckets of prepared samples, whichever way they came in (samples or series points). */
export function summarisePrepared(
  prepared: PreparedSamples,
  periods: ReadonlySet<AggregationPeriod>,
  options: BucketSummaryOptions,
): BucketSummary[] {
  const { timeZone, days } = options;
  const calendar = new RollupCalendar(timeZone);
  const keepDay = days ? new Set(days) : undefined;
  const needDays = periods.has('day') || periods.has('week') || periods.has('month');
  const result: BucketSummary[] = [];
  for (const ts of prepared.byType) {
    const sourceCount = prepared.sources.ids.length;
    const hours =
      ts.type === 'SLEEP_ANALYSIS'
        ? sleepHours(ts, sourceCount, timeZone, calendar)
        : isCumulativeType(ts.type)
          ? cumulativeHours(ts, sourceCount, timeZone)
          : discreteHours(ts, prepared.sampleId, prepared.sources, timeZone);
    let hourBuckets = hourBucketsOf(ts.type, hours, calendar);
    if (keepDay) hourBuckets = hourBuckets.filter((b) => keepDay.has(b.localDate));
    if (periods.has('hour')) append(result, hourBuckets);
    if (!needDays) continue;
    const dayBuckets = mergeHoursIntoDays(hourBuckets, calendar);
    if (periods.has('day')) append(result, dayBuckets);
    if (periods.has('week') || periods.has('month')) {
      const longer = rollUpDaysWith(dayBuckets, calendar);
      append(
        result,
        longer.filter((b) => periods.has(b.period)),
      );
    }
  }
  return result;
}

function hourBucketsOf(
  type: HealthDataType,
  hours: HourSummaries,
  calendar: RollupCalendar,
): BucketSummary[] {
  const sleep = type === 'SLEEP_ANALYSIS';
  return hours.starts.map((startMs, h) => ({
    type,
    period: 'hour',
    startMs,
    periodStart: calendar.iso(startMs),
    localDate: calendar.dayOf(startMs, sleep),
    summary: hours.summaries[h] as RollupSummary,
  }));
}

/** Merges time-ordered buckets of one type into buckets of `period`, keyed by a date. */
function mergeByDate(
  buckets: readonly DaySummary[],
  period: AggregationPeriod,
  keyOf: (date: LocalDate) => LocalDate,
  calendar: RollupCalendar,
): BucketSummary[] {
  const merged = new Map<LocalDate, BucketSummary>();
  for (const bucket of buckets) {
    const key = keyOf(bucket.localDate);
    const existing = merged.get(key);
    if (existing) {
      mergeInto(existing.summary, bucket.summary);
      continue;
    }
    const startMs = calendar.startOf(key);
    merged.set(key, {
      type: bucket.type,
      period,
      startMs,
      periodStart: calendar.iso(startMs),
      localDate: key,
      summary: { ...bucket.summary },
    });
  }
  return [...merged.values()].sort((a, b) => a.startMs - b.startMs);
}

function mergeHoursIntoDays(hours: readonly BucketSummary[], calendar: RollupCalendar) {
  return mergeByDate(hours, 'day', (date) => date, calendar);
}

function rollUpDaysWith(days: readonly DaySummary[], calendar: RollupCalendar): BucketSummary[] {
  const byType = new Map<HealthDataType, DaySummary[]>();
  for (const day of days) {
    const list = byType.get(day.type) ?? [];
    list.push(day);
    byType.set(day.type, list);
  }
  const result: BucketSummary[] = [];
  for (const list of byType.values()) {
    list.sort((a, b) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0));
    append(result, mergeByDate(list, 'week', isoWeekStartDate, calendar));
    append(result, mergeByDate(list, 'month', monthStartDate, calendar));
  }
  return result;
}

/**
 * Week and month summaries from day summaries, merged in date order: the same numbers
 * `computeBucketSummaries` gives, provided every day with data of those weeks and months is passed.
 */
export function rollUpDays(days: readonly DaySummary[], timeZone: string): BucketSummary[] {
  return sortBuckets(rollUpDaysWith(days, new RollupCalendar(timeZone)));
}

const TYPE_ORDER = new Map<HealthDataType, number>(HEALTH_DATA_TYPES.map((t, i) => [t, i]));

function sortBuckets(buckets: BucketSummary[]): BucketSummary[] {
  return buckets.sort(
    (a, b) =>
      (TYPE_ORDER.get(a.type) as number) - (TYPE_ORDER.get(b.type) as number) ||
      (PERIOD_ORDER.get(a.period) as number) - (PERIOD_ORDER.get(b.period) as number) ||
      a.startMs - b.startMs,
  );
}
