import { describe, expect, it } from 'vitest';
import type { SharedDataPoint } from '@hearth/schema';
import { fittedChange, rangeLength, summariseMetric, summariseShare } from './metricSummary.js';

function point(type: SharedDataPoint['type'], date: string, value: number, extra = {}) {
  return { type, periodStart: `${date}T00:00:00-05:00`, value, sampleCount: 10, ...extra };
}

describe('summariseMetric', () => {
  it('gives average, min and max of the daily figures, with their dates', () => {
    const s = summariseMetric('STEPS', [
      point('STEPS', '2026-03-03', 9000),
      point('STEPS', '2026-03-01', 6000),
      point('STEPS', '2026-03-02', 12000),
      point('HEART_RATE', '2026-03-01', 70),
    ]);
    expect(s?.average).toBe(9000);
    expect(s?.min).toEqual({ date: '2026-03-01', value: 6000 });
    expect(s?.max).toEqual({ date: '2026-03-02', value: 12000 });
    expect(s?.days.map((d) => d.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(s?.readingRange).toBeUndefined();
  });

  it('reports the lowest and highest single reading for discrete metrics', () => {
    const s = summariseMetric('HEART_RATE', [
      point('HEART_RATE', '2026-03-01', 70, { minValue: 52, maxValue: 140 }),
      point('HEART_RATE', '2026-03-02', 74, { minValue: 49, maxValue: 121 }),
    ]);
    expect(s?.readingRange).toEqual({ min: 49, max: 140 });
    expect(s?.average).toBe(72);
  });

  it('averages over the days with data: a gap in the range is no zero', () => {
    // Two days walked in a week's link: their mean, not the week's total over seven days.
    const s = summariseMetric('STEPS', [
      point('STEPS', '2026-03-01', 9000),
      point('STEPS', '2026-03-05', 11000),
    ]);
    expect(s?.average).toBe(10000);
    expect(s?.averageDays).toBe(2);
  });

  it('is null for a metric with no days in the range', () => {
    expect(summariseMetric('WEIGHT', [point('STEPS', '2026-03-01', 1)])).toBeNull();
  });

  it('finds a rising trend from a fitted line, not from the two end points', () => {
    // Noisy but rising about 1 bpm a day: slope 30/28 per day over 6 days = +45/7 bpm.
    const values = [60, 63, 61, 64, 66, 65, 67];
    const s = summariseMetric(
      'RESTING_HEART_RATE',
      values.map((v, i) => point('RESTING_HEART_RATE', `2026-03-0${i + 1}`, v)),
    );
    expect(s?.trend?.direction).toBe('rising');
    expect(s?.trend?.change).toBeCloseTo(45 / 7, 6);
    expect(s?.trend?.spanDays).toBe(6);
  });

  it('calls a change below the metric’s meaningful size steady', () => {
    const s = summariseMetric(
      'WEIGHT',
      ['2026-03-01', '2026-03-05', '2026-03-09'].map((d, i) => point('WEIGHT', d, 80 - i * 0.1)),
    );
    expect(s?.trend?.direction).toBe('steady');
    expect(s?.trend?.change).toBeCloseTo(-0.2, 6);
  });

  it('sees a falling trend and ignores gaps between days', () => {
    const s = summariseMetric('STEPS', [
      point('STEPS', '2026-03-01', 12000),
      point('STEPS', '2026-03-10', 9000),
      point('STEPS', '2026-03-20', 6000),
    ]);
    expect(s?.trend?.direction).toBe('falling');
    expect(s?.trend?.spanDays).toBe(19);
  });

  it('never ranks, averages or fits the partial day', () => {
    const s = summariseMetric('STEPS', [
      point('STEPS', '2026-03-01', 8000),
      point('STEPS', '2026-03-02', 6000),
      point('STEPS', '2026-03-03', 7000),
      point('STEPS', '2026-03-04', 46, { partial: true }),
    ]);
    expect(s?.min).toEqual({ date: '2026-03-02', value: 6000 });
    expect(s?.max).toEqual({ date: '2026-03-01', value: 8000 });
    expect(s?.average).toBe(7000);
    expect(s?.averageDays).toBe(3);
    expect(s?.soFar).toEqual({ date: '2026-03-04', value: 46, partial: true });
    expect(s?.trend?.spanDays).toBe(2);
    expect(s?.days).toHaveLength(4);
  });

  it('has no lowest, highest or average while only a partial day has data', () => {
    const s = summariseMetric('STEPS', [point('STEPS', '2026-03-04', 46, { partial: true })]);
    expect(s).toMatchObject({ min: null, max: null, average: null, trend: null });
  });

  it('gives no trend with fewer than three days', () => {
    const s = summariseMetric('STEPS', [
      point('STEPS', '2026-03-01', 1000),
      point('STEPS', '2026-03-02', 9000),
    ]);
    expect(s?.trend).toBeNull();
  });
});

describe('fittedChange', () => {
  it('is exact on a straight line', () => {
    const days = [0, 1, 2, 3].map((i) => ({ date: `2026-01-0${i + 1}`, value: 10 + 2 * i }));
    expect(fittedChange(days)).toEqual({ direction: 'steady', change: 6, spanDays: 3 });
  });
});

describe('summariseShare', () => {
  it('keeps the shared order and lists metrics without data', () => {
    const result = summariseShare({
      dataTypes: ['WEIGHT', 'STEPS'],
      dateRange: { start: '2026-03-01', end: '2026-03-31' },
      data: [point('STEPS', '2026-03-01', 5000)],
    });
    expect(result.map((r) => [r.type, r.summary?.days.length ?? null])).toEqual([
      ['WEIGHT', null],
      ['STEPS', 1],
    ]);
  });
});

describe('rangeLength', () => {
  it('counts both ends, across month ends', () => {
    expect(rangeLength({ start: '2026-02-27', end: '2026-03-02' })).toBe(4);
  });
});
