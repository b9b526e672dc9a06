import type { AggregationPeriod, HealthDataType } from '@hearth/schema';
import type { LatestReading, RollupSummary } from '@hearth/core';
import { openJson, rowAad, sealJson } from '../crypto/envelope.js';

export interface RollupKey {
  type: HealthDataType;
  period: AggregationPeriod;
  /** Epoch ms of the bucket start. */
  startMs: number;
}

export function rollupAad(userId: string, key: RollupKey): string {
  return rowAad('rollups', userId, key.type, key.period, key.startMs);
}

export function sealSummary(
  dataKey: Buffer,
  userId: string,
  key: RollupKey,
  summary: RollupSummary,
): Buffer {
  return sealJson(dataKey, summary, rollupAad(userId, key));
}

export function openSummary(
  dataKey: Buffer,
  userId: string,
  key: RollupKey,
  sealed: Buffer,
): RollupSummary {
  return openJson(dataKey, sealed, rollupAad(userId, key)) as RollupSummary;
}

function sameLatest(a: LatestReading | null, b: LatestReading | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.value === b.value &&
    a.endMs === b.endMs &&
    a.startMs === b.startMs &&
    a.sourceRank === b.sourceRank &&
    a.sourceId === b.sourceId &&
    a.sampleId === b.sampleId
  );
}

/**
 * Whether two summaries hold the same figures, field by field (the worker compares thousands per
 * job; this is several times faster than comparing their JSON). A field missing from a stored
 * summary counts as different, so such a row is rewritten.
 */
export function sameSummary(a: RollupSummary, b: RollupSummary): boolean {
  return (
    a.sum === b.sum &&
    a.count === b.count &&
    a.min === b.min &&
    a.max === b.max &&
    sameLatest(a.latest, b.latest)
  );
}
