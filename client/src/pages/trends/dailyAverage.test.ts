import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricBucket } from '../../data/deviceBuckets.js';
import { withDataLabel } from '../../format/withData.js';
import { dailyAverage } from './dailyAverage.js';
import { trendRange } from './trendRange.js';

const zone = 'Europe/London';
// Monday 1 June 2026 to Sunday 7 June: no clock change, so every day is 24 hours.
const { bucketStarts: dayStarts } = trendRange('day', 7, '2026-06-07', zone);
const weekStart = dayStarts[0]!;
const weekEnd = weekStart + 7 * 86_400_000;

function day(index: number, value: number): MetricBucket {
  return {
    type: 'STEPS',
    period: 'day',
    periodStart: '',
    startMs: dayStarts[index]!,
    value,
    sampleCount: 1,
    computedOnDevice: false,
  };
}

describe('dailyAverage', () => {
  it('is the mean of the finished days with data, whatever the days without', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }), {
          minLength: 7,
          maxLength: 7,
        }),
        fc.integer({ min: weekStart, max: weekEnd + 86_400_000 }),
        (values, nowMs) => {
          const days = values.flatMap((v, i) => (v === undefined ? [] : [day(i, v)]));
          const finished = days.filter((d) => d.startMs + 86_400_000 <= nowMs);
          const result = dailyAverage(days, weekStart, weekEnd, nowMs, zone);
          expect(result.daysWithData).toBe(finished.length);
          const total = finished.reduce((sum, d) => sum + d.value, 0);
          expect(result.total).toBe(total);
          if (finished.length === 0) expect(result.perDay).toBeNull();
          else expect(result.perDay).toBeCloseTo(total / finished.length, 9);
        },
      ),
    );
  });

  it('leaves out days outside the period and days without readings', () => {
    const outside = { ...day(0, 50_000), startMs: weekEnd };
    const empty = { ...day(1, 0), sampleCount: 0 };
    const result = dailyAverage([day(0, 8_000), empty, outside], weekStart, weekEnd, weekEnd, zone);
    expect(result).toEqual({ perDay: 8_000, daysWithData: 1, total: 8_000 });
  });

  it('labels the count', () => {
    expect(withDataLabel(1)).toBe('1 day with data');
    expect(withDataLabel(5)).toBe('5 days with data');
    expect(withDataLabel(2, 'week')).toBe('2 weeks with data');
  });
});
