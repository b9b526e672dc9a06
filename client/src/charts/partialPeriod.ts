import { isPartialPeriod } from '@hearth/core';
import type { MetricBucket } from '../data/deviceBuckets.js';

/** A figure of a period still being counted: "46 steps so far" (SPECIFICATION.md §13). */
export function soFar(figure: string): string {
  return `${figure} so far`;
}

/** Whether a screen's bucket is still being counted at `nowMs` (today, this week, this month). */
export function bucketIsPartial(bucket: MetricBucket, nowMs: number, timeZone: string): boolean {
  return isPartialPeriod(bucket.type, bucket.period, bucket.startMs, nowMs, timeZone);
}
