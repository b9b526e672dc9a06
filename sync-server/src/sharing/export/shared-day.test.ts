import { describe, expect, it } from 'vitest';
import { dayInterval, toSharedDataPoint, type SharedDay } from './shared-day.js';

describe('dayInterval', () => {
  it('covers the local day, 23 hours long on the spring-forward date', () => {
    expect(dayInterval('STEPS', '2026-03-08', 'America/New_York')).toEqual({
      start: '2026-03-08T00:00:00-05:00',
      end: '2026-03-09T00:00:00-04:00',
    });
  });

  it('covers 25 hours on the autumn date', () => {
    expect(dayInterval('HEART_RATE', '2026-10-25', 'Europe/Berlin')).toEqual({
      start: '2026-10-25T00:00:00+02:00',
      end: '2026-10-26T00:00:00+01:00',
    });
  });

  it('gives sleep the night that ends on the day: 18:00 the evening before to 18:00', () => {
    expect(dayInterval('SLEEP_ANALYSIS', '2026-03-08', 'America/New_York')).toEqual({
      start: '2026-03-07T18:00:00-05:00',
      end: '2026-03-08T18:00:00-04:00',
    });
  });

  it('uses +00:00 for UTC, never Z', () => {
    expect(dayInterval('WEIGHT', '2026-01-31', 'UTC')).toEqual({
      start: '2026-01-31T00:00:00+00:00',
      end: '2026-02-01T00:00:00+00:00',
    });
  });
});

describe('toSharedDataPoint', () => {
  const day: SharedDay = {
    type: 'STEPS',
    date: '2026-03-08',
    periodStart: '2026-03-08T00:00:00-05:00',
    start: '2026-03-08T00:00:00-05:00',
    end: '2026-03-09T00:00:00-04:00',
    value: 8123.5,
    sampleCount: 40,
  };

  const later = Date.parse('2026-03-10T12:00:00Z');

  it('keeps the rollup fields only, without min/max for cumulative types', () => {
    expect(toSharedDataPoint(day, later)).toEqual({
      type: 'STEPS',
      periodStart: '2026-03-08T00:00:00-05:00',
      value: 8123.5,
      sampleCount: 40,
    });
  });

  it('carries min and max when the day has them', () => {
    const point = toSharedDataPoint(
      { ...day, type: 'HEART_RATE', minValue: 51, maxValue: 150 },
      later,
    );
    expect(point).toMatchObject({ minValue: 51, maxValue: 150 });
  });

  it('marks a day opened before its end as partial, up to the last instant', () => {
    const end = Date.parse(day.end);
    expect(toSharedDataPoint(day, end - 1).partial).toBe(true);
    expect(toSharedDataPoint(day, end)).not.toHaveProperty('partial');
  });
});
