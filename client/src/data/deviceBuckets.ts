import { computeBucketSummariesFromSeries, summaryToAggregate } from '@hearth/core';
import type { AggregationPeriod, HealthAggregate, HealthDataType } from '@hearth/schema';
import type { SeriesRow } from '../db/types.js';

/** One bucket of one type as screens use it, wherever it was computed. */
export type MetricBucket = HealthAggregate & {
  /** Epoch ms of the bucket start. */
  startMs: number;
  /** Computed here from local series, not taken from the server's rollups. */
  computedOnDevice: boolean;
};

export type DeviceBucketQuery = {
  types: readonly HealthDataType[];
  period: AggregationPeriod;
  /** Bucket starts in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  timeZone: string;
  priority: readonly string[];
};

/**
 * The buckets of a period computed on this device from the local series, with the same core
 * entry point the server's rollup worker runs on the same points, so the numbers match the
 * canonical rollups exactly. Only the asked period is built (no weeks and months for a day view).
 * `series` must hold every series that can reach into the range (see `seriesWindow`).
 */
export function computeDeviceBuckets(
  series: readonly SeriesRow[],
  query: DeviceBucketQuery,
): MetricBucket[] {
  const types = new Set(query.types);
  const wanted = series.filter((s) => types.has(s.type));
  const summaries = computeBucketSummariesFromSeries(wanted, {
    timeZone: query.timeZone,
    priority: query.priority,
    periods: [query.period],
  });
  const buckets: MetricBucket[] = [];
  for (const { type, period, periodStart, startMs, summary } of summaries) {
    if (startMs < query.fromMs || startMs >= query.toMs) continue;
    const aggregate = summaryToAggregate(type, period, periodStart, summary);
    buckets.push({ ...aggregate, startMs, computedOnDevice: true });
  }
  return buckets;
}

const HOUR_MS = 3_600_000;
/**
 * A sample lasts at most 24 h, a sleep day starts at 18:00 the evening before, and a bucket's
 * sample counts depend on the samples overlapping its own samples (core's `sampleWindowForDays`).
 * Loading series from three days before to one day after covers all of it.
 */
const SERIES_MARGIN_BEFORE_MS = 73 * HOUR_MS;
const SERIES_MARGIN_AFTER_MS = 24 * HOUR_MS;

/** The series hour starts [from, to) whose samples can change buckets in [fromMs, toMs). */
export function seriesWindow(fromMs: number, toMs: number): { from: number; to: number } {
  return { from: fromMs - SERIES_MARGIN_BEFORE_MS, to: toMs + SERIES_MARGIN_AFTER_MS };
}
