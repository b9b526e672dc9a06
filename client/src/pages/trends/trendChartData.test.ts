import { describe, expect, it } from 'vitest';
import type { MetricBucket } from '../../data/deviceBuckets.js';
import { trendChartData } from './trendChartData.js';
import { trendRange } from './trendRange.js';

const zone = 'Europe/London';
const range = trendRange('day', 3, '2026-06-03', zone);
// A week after the range: every day in it has ended.
const nowMs = Date.parse('2026-06-10T12:00:00Z');

function bucket(i: number, patch: Partial<MetricBucket>): MetricBucket {
  return {
    type: 'STEPS',
    period: 'day',
    periodStart: '',
    startMs: range.bucketStarts[i]!,
    value: 0,
    sampleCount: 1,
    computedOnDevice: false,
    ...patch,
  };
}

describe('trendChartData', () => {
  it('makes one point per day, with gaps where there is no data, and a goal line', () => {
    const data = trendChartData(
      [
        bucket(0, { value: 8000, sampleCount: 40 }),
        bucket(2, { value: 12000, computedOnDevice: true }),
      ],
      {
        type: 'STEPS',
        period: 'day',
        bucketStarts: range.bucketStarts,
        timeZone: zone,
        goals: {},
        nowMs,
      },
    );
    expect(data.kind).toBe('bars');
    expect(data.points.map((p) => p.value)).toEqual([8000, null, 12000]);
    expect(data.points.map((p) => p.axisLabel)).toEqual(['1 Jun', '2 Jun', '3 Jun']);
    expect(data.points[0]!.description).toBe('Monday, 1 June 2026: 8,000 steps, 40 readings');
    expect(data.points[1]!.description).toBe('Tuesday, 2 June 2026: no data');
    expect(data.points[2]!.description).toContain('computed on this device');
    expect(data.goal).toBe(10000);
    expect(data.yDomain).toEqual([0, 12000 * 1.1]);
    expect(data.summary).toBe(
      'Total 20,000 steps over 3 days, on average 10,000 steps a day (2 days with data). Highest: 12,000 steps (Wednesday, 3 June 2026).',
    );
  });

  it('draws averages as a line with their range and a count-weighted mean', () => {
    const data = trendChartData(
      [
        bucket(0, { type: 'HEART_RATE', value: 60, minValue: 50, maxValue: 90, sampleCount: 100 }),
        bucket(1, { type: 'HEART_RATE', value: 90, minValue: 70, maxValue: 150, sampleCount: 300 }),
      ],
      {
        type: 'HEART_RATE',
        period: 'day',
        bucketStarts: range.bucketStarts,
        timeZone: zone,
        goals: {},
        nowMs,
      },
    );
    expect(data.kind).toBe('line');
    expect(data.goal).toBeNull();
    expect(data.points[0]!.description).toBe(
      'Monday, 1 June 2026: 60 bpm (50 bpm to 90 bpm), 100 readings',
    );
    expect(data.summary).toBe('Average 83 bpm over 400 readings, from 50 bpm to 150 bpm.');
    expect(data.yDomain[0]).toBe(40);
    expect(data.yDomain[1]).toBe(160);
  });

  it('says the latest reading for weights, and when there is nothing', () => {
    const weights = trendChartData(
      [bucket(0, { type: 'WEIGHT', value: 70.4 }), bucket(1, { type: 'WEIGHT', value: 70.1 })],
      {
        type: 'WEIGHT',
        period: 'day',
        bucketStarts: range.bucketStarts,
        timeZone: zone,
        goals: {},
        nowMs,
      },
    );
    expect(weights.summary).toBe(
      'Latest 70.1 kg (Tuesday, 2 June 2026); highest 70.4 kg (Monday, 1 June 2026).',
    );
    const empty = trendChartData([], {
      type: 'SLEEP_ANALYSIS',
      period: 'day',
      bucketStarts: range.bucketStarts,
      timeZone: zone,
      goals: {},
      nowMs,
    });
    expect(empty.summary).toBe('No data in these 3 days.');
    expect(empty.yDomain).toEqual([0, 1]);
  });

  it('says "so far" for today and leaves it out of the total, the average and the highest', () => {
    const data = trendChartData(
      [bucket(0, { value: 8000 }), bucket(1, { value: 6000 }), bucket(2, { value: 46 })],
      {
        type: 'STEPS',
        period: 'day',
        bucketStarts: range.bucketStarts,
        timeZone: zone,
        goals: {},
        nowMs: Date.parse('2026-06-03T06:00:00Z'),
      },
    );
    expect(data.points.map((p) => p.partial)).toEqual([false, false, true]);
    expect(data.points[2]!.description).toBe('Wednesday, 3 June 2026: 46 steps so far, 1 reading');
    expect(data.summary).toBe(
      'Total 14,000 steps over 2 days, on average 7,000 steps a day (2 days with data). Highest: 8,000 steps (Monday, 1 June 2026). Today: 46 steps so far, not counted above.',
    );
  });

  it('averages weeks and months over their finished days with data, not over every day', () => {
    // Two finished weeks and the current one (Wednesday 17 June 2026, in the middle of it).
    const weeks = trendRange('week', 3, '2026-06-17', zone);
    const dayStarts = trendRange('day', 17, '2026-06-17', zone).bucketStarts;
    const day = (date: number, value: number): MetricBucket => ({
      ...bucket(0, { value }),
      startMs: dayStarts[date - 1]!,
    });
    const week = (i: number, value: number): MetricBucket => ({
      ...bucket(0, { value }),
      period: 'week',
      startMs: weeks.bucketStarts[i]!,
    });
    // Every day of the first week, two days of the second, and this week's Monday, Tuesday and
    // this morning.
    const days = [
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => day(d, 10_000)),
      day(9, 28_000),
      day(12, 28_000),
      day(15, 5_000),
      day(16, 3_000),
      day(17, 1_000),
    ];
    const data = trendChartData([week(0, 70_000), week(1, 56_000), week(2, 9_000)], {
      type: 'STEPS',
      period: 'week',
      bucketStarts: weeks.bucketStarts,
      timeZone: zone,
      goals: {},
      nowMs: Date.parse('2026-06-17T12:00:00Z'),
      days,
    });
    // The second week walked 28,000 a day on the two days it has: not 56,000 / 7 = 8,000.
    expect(data.points.map((p) => p.dailyAverage)).toEqual([10_000, 28_000, 4_000]);
    expect(data.points.map((p) => p.daysWithData)).toEqual([7, 2, 2]);
    expect(data.points[1]!.description).toMatch(
      /: 56,000 steps, 28,000 steps a day on average \(2 days with data\), 1 reading$/,
    );
    // The table's Value cell leaves the average to its own column.
    expect(data.points[1]!.figures).toBe('56,000 steps, 1 reading');
    // This week: today is still being counted, so its average is over Monday and Tuesday.
    expect(data.points[2]!.description).toMatch(
      /: 9,000 steps so far, 4,000 steps a day so far \(2 days with data\), 1 reading$/,
    );
    expect(data.summary).toBe(
      'Total 126,000 steps over 2 weeks, on average 63,000 steps a week (2 weeks with data) and 14,000 steps a day (9 days with data). Highest: 70,000 steps (Week of 1 June 2026). This week: 9,000 steps so far, not counted above.',
    );

    // Without the day figures (still loading) there is no daily average rather than a wrong one.
    const loading = trendChartData([week(0, 70_000)], {
      type: 'STEPS',
      period: 'week',
      bucketStarts: weeks.bucketStarts,
      timeZone: zone,
      goals: {},
      nowMs: Date.parse('2026-06-17T12:00:00Z'),
    });
    expect(loading.points[0]!.dailyAverage).toBeNull();
    expect(loading.summary).not.toMatch(/a day/);

    // February 2026 has 28 nights; 20 of them with sleep, 10 h each: 10 h a night, not 7 h 09.
    const months = trendRange('month', 2, '2026-03-31', zone);
    const nights = trendRange('day', 20, '2026-02-20', zone).bucketStarts.map(
      (startMs): MetricBucket => ({
        ...bucket(0, { value: 600 }),
        type: 'SLEEP_ANALYSIS',
        startMs,
      }),
    );
    const february: MetricBucket = {
      ...bucket(0, { value: 20 * 600 }),
      type: 'SLEEP_ANALYSIS',
      period: 'month',
      startMs: months.bucketStarts[0]!,
    };
    const sleep = trendChartData([february], {
      type: 'SLEEP_ANALYSIS',
      period: 'month',
      bucketStarts: months.bucketStarts,
      timeZone: zone,
      goals: {},
      nowMs,
      days: nights,
    });
    expect(sleep.points[0]!.days).toBe(28);
    expect(sleep.points[0]!.dailyAverage).toBe(600);
    expect(sleep.points[0]!.description).toMatch(
      /10 h 00 min a day on average \(20 days with data\)/,
    );
  });

  it('says "an hour", never "a hour"', () => {
    const starts = [0, 1, 2].map((h) => Date.parse('2026-06-01T08:00:00Z') + h * 3_600_000);
    const data = trendChartData(
      starts.map((startMs) => ({ ...bucket(0, { value: 600 }), period: 'hour', startMs })),
      { type: 'STEPS', period: 'hour', bucketStarts: starts, timeZone: zone, goals: {}, nowMs },
    );
    expect(data.summary).toContain('on average 600 steps an hour (3 hours with data).');
  });
});
