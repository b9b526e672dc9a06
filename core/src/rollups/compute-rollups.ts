import type { HealthAggregate, HealthSample } from '@hearth/schema';
import { computeBucketSummaries, type BucketSummary } from './bucket-summaries.js';
import { summaryToAggregate } from './summary.js';

export interface RollupOptions {
  /** IANA zone the buckets live in. */
  timeZone: string;
  /** Source ids (`sample.sourceDevice`), highest priority first; unlisted sources rank last. */
  priority: readonly string[];
}

/**
 * Hour, day, week and month aggregates of every bucket that has data (SPECIFICATION.md §3): deduplicated
 * across sources, bucketed in the user's zone, bit-for-bit the same whatever the input order.
 * Sorted by type, period, then start.
 */
export function computeRollups(
  samples: readonly HealthSample[],
  options: RollupOptions,
): HealthAggregate[] {
  return toAggregates(computeBucketSummaries(samples, options));
}

/** The seed's aggregate shape of each bucket, in the same order. */
export function toAggregates(buckets: readonly BucketSummary[]): HealthAggregate[] {
  return buckets.map((bucket) =>
    summaryToAggregate(bucket.type, bucket.period, bucket.periodStart, bucket.summary),
  );
}
