import { localDateOf } from '@hearth/core';
import type { AggregationPeriod } from '@hearth/schema';
import { format } from '../../format/currentFormat.js';

/**
 * Short text under an axis tick: "14:00", "3 Mar", "Mar 2026"; with the year when the chart
 * spans more than one ("26 Dec 2026"), in the person's locale and hour cycle.
 */
export function axisLabel(
  period: AggregationPeriod,
  startMs: number,
  timeZone: string,
  spansYears = false,
): string {
  return format().axisDate(period, startMs, timeZone, spansYears);
}

/** What a tooltip or table row calls a bucket: "Monday 3 March 2026", "Week of 2 March 2026". */
export function bucketName(period: AggregationPeriod, startMs: number, timeZone: string): string {
  return format().bucketName(period, startMs, timeZone);
}

/** Whether the first and last bucket fall in different calendar years on the person's clock. */
export function spansYears(bucketStarts: readonly number[], timeZone: string): boolean {
  const first = bucketStarts[0];
  const last = bucketStarts[bucketStarts.length - 1];
  if (first === undefined || last === undefined) return false;
  return localDateOf(first, timeZone).slice(0, 4) !== localDateOf(last, timeZone).slice(0, 4);
}
