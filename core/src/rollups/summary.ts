import {
  METRIC_CONFIG,
  type AggregationPeriod,
  type AggregationStrategy,
  type HealthAggregate,
  type HealthDataType,
} from '@hearth/schema';

/**
 * The reading a `latest` rollup reports, with enough of its ordering key to merge exactly:
 * the greatest end wins; on a tie, the first in the sample order (source rank, source id, start,
 * sample id, value). `sourceRank` is the source's index in the priority list, or the list's
 * length for unlisted sources (which then order by `sourceId`).
 */
export interface LatestReading {
  value: number;
  endMs: number;
  startMs: number;
  sourceRank: number;
  sourceId: string;
  sampleId: string;
}

/**
 * A mergeable rollup of one bucket. Plain JSON (no Infinity/undefined) so it can be stored.
 * Cumulative types carry only `sum` and `count` (min, max and latest are null).
 */
export interface RollupSummary {
  sum: number;
  count: number;
  min: number | null;
  max: number | null;
  latest: LatestReading | null;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when `a` is the reading `latest` should report rather than `b`. */
export function compareLatest(a: LatestReading, b: LatestReading): number {
  return (
    b.endMs - a.endMs ||
    a.sourceRank - b.sourceRank ||
    compareStrings(a.sourceId, b.sourceId) ||
    a.startMs - b.startMs ||
    compareStrings(a.sampleId, b.sampleId) ||
    a.value - b.value
  );
}

function pickMin(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null || a <= b ? a : b;
}

function pickMax(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null || a >= b ? a : b;
}

/**
 * Merges two summaries; `a` is the earlier bucket. Floating-point sums are not associative, so
 * merge in time order (as `mergeSummaryList` does): the rollups define a day as the left-to-right
 * merge of its hours and a week or month as that of its days.
 */
export function mergeSummaries(a: RollupSummary, b: RollupSummary): RollupSummary {
  return mergeInto({ ...a }, b);
}

/** `mergeSummaries` that overwrites `target` (a summary the caller owns), to save allocations. */
export function mergeInto(target: RollupSummary, later: RollupSummary): RollupSummary {
  if (later.latest && (!target.latest || compareLatest(later.latest, target.latest) < 0)) {
    target.latest = later.latest;
  }
  target.sum += later.sum;
  target.count += later.count;
  target.min = pickMin(target.min, later.min);
  target.max = pickMax(target.max, later.max);
  return target;
}

/** Left-to-right merge of summaries given in time order. */
export function mergeSummaryList(summaries: readonly RollupSummary[]): RollupSummary {
  const [first, ...rest] = summaries;
  if (!first) throw new RangeError('mergeSummaryList needs at least one summary');
  return rest.reduce(mergeSummaries, first);
}

function strategyValue(strategy: AggregationStrategy, summary: RollupSummary): number {
  switch (strategy) {
    case 'sum':
      return summary.sum;
    case 'average':
      return summary.sum / summary.count;
    case 'latest':
      return summary.latest?.value ?? Number.NaN;
    case 'min':
      return summary.min ?? Number.NaN;
    case 'max':
      return summary.max ?? Number.NaN;
  }
}

/** The seed's aggregate shape for a bucket, by the type's strategy in METRIC_CONFIG. */
export function summaryToAggregate(
  type: HealthDataType,
  period: AggregationPeriod,
  periodStart: string,
  summary: RollupSummary,
): HealthAggregate {
  const strategy = METRIC_CONFIG[type].aggregation;
  const value = strategyValue(strategy, summary);
  if (strategy === 'sum') return { type, period, periodStart, value, sampleCount: summary.count };
  return {
    type,
    period,
    periodStart,
    value,
    minValue: summary.min ?? Number.NaN,
    maxValue: summary.max ?? Number.NaN,
    sampleCount: summary.count,
  };
}
