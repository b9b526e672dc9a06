import type { HealthAggregate } from '@hearth/schema';
import {
  periodsAskedFor,
  summarisePrepared,
  type BucketSummary,
  type BucketSummaryOptions,
} from './bucket-summaries.js';
import { toAggregates, type RollupOptions } from './compute-rollups.js';
import { prepareSeries, type RollupSeries } from './prepare-series.js';

/**
 * `computeBucketSummaries` for samples held as series points (what the server stores and the PWA
 * replicates): the same result, bit for bit, as on `series.flatMap(seriesToSamples)`, without
 * building a sample object or parsing a date per point. `priority` lists device ids.
 */
export function computeBucketSummariesFromSeries(
  series: readonly RollupSeries[],
  options: BucketSummaryOptions,
): BucketSummary[] {
  const periods = periodsAskedFor(options);
  return summarisePrepared(prepareSeries(series, options.priority), periods, options);
}

/** `computeRollups` for series points; the same result as on their samples. */
export function computeRollupsFromSeries(
  series: readonly RollupSeries[],
  options: RollupOptions,
): HealthAggregate[] {
  return toAggregates(computeBucketSummariesFromSeries(series, options));
}
