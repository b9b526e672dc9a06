import { describe, expect, it } from 'vitest';
import { trendRange } from './trendRange.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('trendRange', () => {
  it('counts days back from the end date, across a DST change', () => {
    const range = trendRange('day', 3, '2026-03-09', 'America/New_York');
    expect(range.bucketStarts.map(iso)).toEqual([
      '2026-03-07T05:00:00.000Z',
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ]);
    expect(iso(range.toMs)).toBe('2026-03-10T04:00:00.000Z');
  });

  it('gives the 23 clock hours of a spring-forward day', () => {
    const range = trendRange('hour', 1, '2026-03-29', 'Europe/Berlin');
    expect(range.bucketStarts).toHaveLength(23);
    expect(iso(range.fromMs)).toBe('2026-03-28T23:00:00.000Z');
  });

  it('starts weeks on Monday and months on the 1st', () => {
    const weeks = trendRange('week', 2, '2026-03-05', 'UTC'); // a Thursday
    expect(weeks.bucketStarts.map(iso)).toEqual([
      '2026-02-23T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
    expect(iso(weeks.toMs)).toBe('2026-03-09T00:00:00.000Z');
    const months = trendRange('month', 3, '2026-02-14', 'Asia/Kolkata');
    expect(months.bucketStarts.map(iso)).toEqual([
      '2025-11-30T18:30:00.000Z',
      '2025-12-31T18:30:00.000Z',
      '2026-01-31T18:30:00.000Z',
    ]);
  });
});
