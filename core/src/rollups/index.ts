// Deduplication across sources and time-zone rollups (SPECIFICATION.md §3).
export { computeRollups, type RollupOptions } from './compute-rollups.js';
export {
  computeBucketSummaries,
  rollUpDays,
  type BucketSummary,
  type BucketSummaryOptions,
  type DaySummary,
} from './bucket-summaries.js';
export { computeBucketSummariesFromSeries, computeRollupsFromSeries } from './from-series.js';
export type { RollupPoint, RollupSeries } from './prepare-series.js';
export {
  compareLatest,
  mergeSummaries,
  mergeSummaryList,
  summaryToAggregate,
  type LatestReading,
  type RollupSummary,
} from './summary.js';
export { RollupError, type RollupErrorCode } from './prepare.js';
export {
  sleepNightsFromSeries,
  type SleepNight,
  type SleepNightOptions,
  type SleepSegment,
} from './sleep-nights.js';
