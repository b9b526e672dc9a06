import type { MetricBucket } from '../../data/deviceBuckets.js';
import { bucketIsPartial } from '../../charts/partialPeriod.js';

/** The days of one week or month that a daily average is taken over. */
export type DailyAverage = {
  /** Mean of the finished days with data; null when none of them has data yet. */
  perDay: number | null;
  /** How many finished days with data it is the mean of. */
  daysWithData: number;
  /** Their sum (the week's or month's total without the day still being counted). */
  total: number;
};

/**
 * A period's daily average, as health apps give it: the mean over its days that have data and
 * have ended. Dividing a week's total by 7 would show a third of the real average for a week with
 * two days of data, and a week still running by days that have not happened; today's morning
 * would drag it down too, so the day still being counted is left out (SPECIFICATION.md §13).
 * `days` are the day buckets of the same type; those outside [startMs, endMs) are ignored.
 */
export function dailyAverage(
  days: readonly MetricBucket[],
  startMs: number,
  endMs: number,
  nowMs: number,
  timeZone: string,
): DailyAverage {
  let total = 0;
  let daysWithData = 0;
  for (const day of days) {
    if (day.period !== 'day' || day.startMs < startMs || day.startMs >= endMs) continue;
    if (day.sampleCount === 0 || !Number.isFinite(day.value)) continue;
    if (bucketIsPartial(day, nowMs, timeZone)) continue;
    total += day.value;
    daysWithData += 1;
  }
  return { perDay: daysWithData === 0 ? null : total / daysWithData, daysWithData, total };
}
