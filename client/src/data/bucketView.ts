import { localDateOf } from '@hearth/core';
import type { AggregationPeriod, HealthDataType } from '@hearth/schema';
import type { RollupRow } from '../db/types.js';
import type { MetricBucket } from './deviceBuckets.js';
import type { LocalChangesState } from './localChanges.js';

export type StaleContext = {
  period: AggregationPeriod;
  timeZone: string;
  changes: LocalChangesState;
  /** The time zone or priority changed here and the server's rollups have not caught up. */
  settingsStale: boolean;
};

/**
 * Whether a bucket must be computed on the device: hours always are (they are not replicated);
 * other buckets when the settings changed here, or when they contain a day this device changed.
 */
export function bucketIsStale(
  type: HealthDataType,
  startMs: number,
  endMs: number,
  context: StaleContext,
): boolean {
  if (context.period === 'hour' || context.settingsStale) return true;
  if (context.changes.days.size === 0) return false;
  const first = localDateOf(startMs, context.timeZone);
  const last = localDateOf(endMs - 1, context.timeZone);
  for (const key of context.changes.days.keys()) {
    const bar = key.indexOf('|');
    if (key.slice(0, bar) !== type) continue;
    const day = key.slice(bar + 1);
    if (day >= first && day <= last) return true;
  }
  return false;
}

/** Whether any bucket in [fromMs, toMs) of these types needs the device's own computation. */
export function rangeNeedsDevice(
  types: readonly HealthDataType[],
  fromMs: number,
  toMs: number,
  context: StaleContext,
): boolean {
  return types.some((type) => bucketIsStale(type, fromMs, toMs, context));
}

export function rollupToBucket(rollup: RollupRow): MetricBucket {
  const bucket: MetricBucket = {
    type: rollup.type,
    period: rollup.period,
    periodStart: rollup.periodStart,
    value: rollup.value,
    sampleCount: rollup.sampleCount,
    startMs: rollup.startMs,
    computedOnDevice: false,
  };
  if (rollup.minValue !== undefined) bucket.minValue = rollup.minValue;
  if (rollup.maxValue !== undefined) bucket.maxValue = rollup.maxValue;
  return bucket;
}

/**
 * The buckets a screen shows: the server's rollups, except where a bucket is stale, where the
 * device's own computation replaces it (or removes it, when local data no longer has any).
 * `endOf` gives a bucket's end from its start. Sorted by type, then start.
 */
export function composeBuckets(
  rollups: readonly RollupRow[],
  device: readonly MetricBucket[] | null,
  endOf: (startMs: number) => number,
  context: StaleContext,
): MetricBucket[] {
  const stale = (type: HealthDataType, startMs: number) =>
    device !== null && bucketIsStale(type, startMs, endOf(startMs), context);
  const result = rollups.filter((r) => !stale(r.type, r.startMs)).map(rollupToBucket);
  if (device) result.push(...device.filter((b) => stale(b.type, b.startMs)));
  return result.sort((a, b) =>
    a.type < b.type ? -1 : a.type > b.type ? 1 : a.startMs - b.startMs,
  );
}
