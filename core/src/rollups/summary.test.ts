import { describe, expect, it } from 'vitest';
import {
  mergeSummaries,
  mergeSummaryList,
  summaryToAggregate,
  type LatestReading,
  type RollupSummary,
} from './index.js';

const reading = (overrides: Partial<LatestReading>): LatestReading => ({
  value: 80,
  endMs: 1000,
  startMs: 0,
  sourceRank: 0,
  sourceId: 'scale',
  sampleId: '',
  ...overrides,
});

const discrete = (sum: number, count: number, min: number, max: number, latest: LatestReading) => ({
  sum,
  count,
  min,
  max,
  latest,
});

describe('mergeSummaries', () => {
  it('adds sums and counts and keeps the extremes', () => {
    const a = discrete(150, 2, 70, 80, reading({ value: 70 }));
    const b = discrete(90, 1, 90, 90, reading({ value: 90, endMs: 2000 }));
    expect(mergeSummaries(a, b)).toEqual(
      discrete(240, 3, 70, 90, reading({ value: 90, endMs: 2000 })),
    );
  });

  it('keeps the latest reading by end, then by the sample order, never by value', () => {
    const early = discrete(1, 1, 1, 1, reading({ value: 81, endMs: 5000 }));
    const late = discrete(1, 1, 1, 1, reading({ value: 79, endMs: 6000, sourceRank: 3 }));
    expect(mergeSummaries(late, early).latest?.value).toBe(79);
    const tieLowRank = discrete(1, 1, 1, 1, reading({ value: 50, sourceRank: 1 }));
    const tieHighRank = discrete(1, 1, 1, 1, reading({ value: 60, sourceRank: 0 }));
    expect(mergeSummaries(tieLowRank, tieHighRank).latest?.value).toBe(60);
    const unlistedA = discrete(1, 1, 1, 1, reading({ value: 1, sourceRank: 2, sourceId: 'a' }));
    const unlistedB = discrete(1, 1, 1, 1, reading({ value: 2, sourceRank: 2, sourceId: 'b' }));
    expect(mergeSummaries(unlistedB, unlistedA).latest?.value).toBe(1);
  });

  it('merges cumulative summaries without inventing extremes', () => {
    const a: RollupSummary = { sum: 10, count: 1, min: null, max: null, latest: null };
    const b: RollupSummary = { sum: 5, count: 0, min: null, max: null, latest: null };
    expect(mergeSummaryList([a, b, a])).toEqual({
      sum: 25,
      count: 2,
      min: null,
      max: null,
      latest: null,
    });
    expect(() => mergeSummaryList([])).toThrow(RangeError);
  });
});

describe('summaryToAggregate', () => {
  const summary = discrete(240, 3, 70, 90, reading({ value: 75 }));

  it('applies each type strategy from METRIC_CONFIG', () => {
    expect(summaryToAggregate('HEART_RATE', 'day', '2026-01-01T00:00:00+00:00', summary)).toEqual({
      type: 'HEART_RATE',
      period: 'day',
      periodStart: '2026-01-01T00:00:00+00:00',
      value: 80,
      minValue: 70,
      maxValue: 90,
      sampleCount: 3,
    });
    expect(summaryToAggregate('WEIGHT', 'week', 'w', summary).value).toBe(75);
    expect(summaryToAggregate('STEPS', 'hour', 'h', { ...summary, min: null, max: null })).toEqual({
      type: 'STEPS',
      period: 'hour',
      periodStart: 'h',
      value: 240,
      sampleCount: 3,
    });
  });
});
