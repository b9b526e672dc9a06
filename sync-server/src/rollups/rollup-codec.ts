import type { AggregationPeriod, HealthDataType } from '@hearth/schema';
import type { RollupSummary } from '@hearth/core';
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

/** Summaries are plain JSON built in a fixed key order, so equal summaries stringify equally. */
export function sameSummary(a: RollupSummary, b: RollupSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
