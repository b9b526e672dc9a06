import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregationPeriod } from '@hearth/schema';
import {
  bucketStart,
  dayStart,
  formatInstant,
  hourStart,
  localDateOf,
  monthStart,
  nextBucketStart,
  startOfLocalDate,
  weekStart,
} from './index.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** The first `count` buckets from the one holding `iso`, as ISO text. */
function buckets(period: AggregationPeriod, iso: string, zone: string, count = 3): string[] {
  let start = bucketStart(period, at(iso), zone);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(formatInstant(start, zone));
    start = nextBucketStart(period, start, zone);
  }
  return out;
}

function lengthInHours(period: AggregationPeriod, iso: string, zone: string): number {
  const start = bucketStart(period, at(iso), zone);
  return (nextBucketStart(period, start, zone) - start) / HOUR;
}

describe('formatInstant', () => {
  it('writes the offset in force, never Z', () => {
    expect(formatInstant(at('2026-03-08T05:00:00Z'), 'America/New_York')).toBe(
      '2026-03-08T00:00:00-05:00',
    );
    expect(formatInstant(at('2026-07-01T00:00:00Z'), 'UTC')).toBe('2026-07-01T00:00:00+00:00');
    expect(formatInstant(at('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(
      '2026-01-01T05:30:00+05:30',
    );
    expect(formatInstant(at('2026-01-01T00:00:00.250Z'), 'Asia/Kathmandu')).toBe(
      '2026-01-01T05:45:00.250+05:45',
    );
  });
});

describe('America/New_York across DST', () => {
  const zone = 'America/New_York';

  it('has a 23-hour day in spring and a 25-hour day in autumn', () => {
    expect(lengthInHours('day', '2026-03-08T12:00:00Z', zone)).toBe(23);
    expect(lengthInHours('day', '2026-11-01T12:00:00Z', zone)).toBe(25);
    expect(lengthInHours('day', '2026-06-01T12:00:00Z', zone)).toBe(24);
  });

  it('skips the missing 02:00 hour in spring', () => {
    expect(buckets('hour', '2026-03-08T06:30:00Z', zone)).toEqual([
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T04:00:00-04:00',
    ]);
  });

  it('keeps the repeated autumn hour as two distinct hour buckets', () => {
    expect(buckets('hour', '2026-11-01T05:30:00Z', zone)).toEqual([
      '2026-11-01T01:00:00-04:00',
      '2026-11-01T01:00:00-05:00',
      '2026-11-01T02:00:00-05:00',
    ]);
    expect(hourStart(at('2026-11-01T05:59:59.999Z'), zone)).toBe(at('2026-11-01T05:00:00Z'));
    expect(hourStart(at('2026-11-01T06:00:00Z'), zone)).toBe(at('2026-11-01T06:00:00Z'));
  });

  it('starts weeks on Monday 00:00 local and months on the 1st, across the change', () => {
    expect(buckets('week', '2026-11-01T12:00:00Z', zone, 2)).toEqual([
      '2026-10-26T00:00:00-04:00',
      '2026-11-02T00:00:00-05:00',
    ]);
    expect(lengthInHours('week', '2026-11-01T12:00:00Z', zone)).toBe(7 * 24 + 1);
    expect(buckets('month', '2026-03-15T12:00:00Z', zone, 2)).toEqual([
      '2026-03-01T00:00:00-05:00',
      '2026-04-01T00:00:00-04:00',
    ]);
    expect(weekStart(at('2026-03-09T03:59:59Z'), zone)).toBe(at('2026-03-02T05:00:00Z'));
    expect(monthStart(at('2027-01-01T04:59:59Z'), zone)).toBe(at('2026-12-01T05:00:00Z'));
  });
});

describe('Europe/Berlin across DST', () => {
  const zone = 'Europe/Berlin';

  it('has 23- and 25-hour days and a repeated 02:00 hour', () => {
    expect(lengthInHours('day', '2026-03-29T12:00:00Z', zone)).toBe(23);
    expect(lengthInHours('day', '2026-10-25T12:00:00Z', zone)).toBe(25);
    expect(buckets('hour', '2026-10-25T00:30:00Z', zone)).toEqual([
      '2026-10-25T02:00:00+02:00',
      '2026-10-25T02:00:00+01:00',
      '2026-10-25T03:00:00+01:00',
    ]);
    expect(formatInstant(dayStart(at('2026-10-25T23:30:00Z'), zone), zone)).toBe(
      '2026-10-26T00:00:00+01:00',
    );
  });
});

describe('zones with half- and three-quarter-hour offsets', () => {
  it('buckets Asia/Kolkata hours on the local :00 (UTC :30)', () => {
    expect(buckets('hour', '2026-01-01T10:10:00Z', 'Asia/Kolkata', 2)).toEqual([
      '2026-01-01T15:00:00+05:30',
      '2026-01-01T16:00:00+05:30',
    ]);
    expect(dayStart(at('2026-01-01T18:29:59Z'), 'Asia/Kolkata')).toBe(at('2025-12-31T18:30:00Z'));
    expect(dayStart(at('2026-01-01T18:30:00Z'), 'Asia/Kolkata')).toBe(at('2026-01-01T18:30:00Z'));
  });

  it('buckets Asia/Kathmandu hours on the local :00 (UTC :15)', () => {
    expect(hourStart(at('2026-01-01T10:14:00Z'), 'Asia/Kathmandu')).toBe(
      at('2026-01-01T09:15:00Z'),
    );
    // 1986-01-01: +05:30 became +05:45, the clock jumping from 00:00 to 00:15.
    expect(buckets('hour', '1985-12-31T18:00:00Z', 'Asia/Kathmandu')).toEqual([
      '1985-12-31T23:00:00+05:30',
      '1986-01-01T00:15:00+05:45',
      '1986-01-01T01:00:00+05:45',
    ]);
  });
});

describe('days whose midnight does not exist or repeats', () => {
  it('starts the day at the first instant that exists (America/Santiago, 2022-09-11)', () => {
    const zone = 'America/Santiago';
    expect(formatInstant(startOfLocalDate('2022-09-11', zone), zone)).toBe(
      '2022-09-11T01:00:00-03:00',
    );
    expect(lengthInHours('day', '2022-09-11T12:00:00Z', zone)).toBe(23);
    expect(buckets('day', '2022-09-10T12:00:00Z', zone, 2)).toEqual([
      '2022-09-10T00:00:00-04:00',
      '2022-09-11T01:00:00-03:00',
    ]);
  });

  it('starts the day at 01:00 when the clock skips midnight (Asia/Beirut, 2022-03-27)', () => {
    const zone = 'Asia/Beirut';
    expect(formatInstant(startOfLocalDate('2022-03-27', zone), zone)).toBe(
      '2022-03-27T01:00:00+03:00',
    );
    expect(lengthInHours('day', '2022-03-27T12:00:00Z', zone)).toBe(23);
  });

  it('starts the day at its first midnight when midnight repeats (America/Havana, 2023-11-05)', () => {
    const zone = 'America/Havana';
    expect(formatInstant(dayStart(at('2023-11-05T12:00:00Z'), zone), zone)).toBe(
      '2023-11-05T00:00:00-04:00',
    );
    expect(lengthInHours('day', '2023-11-05T12:00:00Z', zone)).toBe(25);
  });

  it('runs a day across a fall-back at midnight (Asia/Beirut, 2023-10-29)', () => {
    const zone = 'Asia/Beirut';
    expect(buckets('day', '2023-10-28T12:00:00Z', zone, 2)).toEqual([
      '2023-10-28T00:00:00+03:00',
      '2023-10-29T00:00:00+02:00',
    ]);
    expect(lengthInHours('day', '2023-10-28T12:00:00Z', zone)).toBe(25);
  });

  it('moves on to the next day when a whole date was skipped (Pacific/Apia, 2011-12-30)', () => {
    const zone = 'Pacific/Apia';
    expect(buckets('day', '2011-12-29T12:00:00Z', zone, 2)).toEqual([
      '2011-12-29T00:00:00-10:00',
      '2011-12-31T00:00:00+14:00',
    ]);
    expect(startOfLocalDate('2011-12-30', zone)).toBe(startOfLocalDate('2011-12-31', zone));
  });
});

describe('buckets partition time (property)', () => {
  const zones = [
    'America/New_York',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'America/Santiago',
    'Australia/Lord_Howe',
    'America/Havana',
    'UTC',
  ];
  const periods: AggregationPeriod[] = ['hour', 'day', 'week', 'month'];

  it('holds every instant in exactly one bucket whose start is a bucket start', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...periods),
        fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2035-01-01T00:00:00Z') }),
        (zone, period, t) => {
          const start = bucketStart(period, t, zone);
          const next = nextBucketStart(period, start, zone);
          expect(start).toBeLessThanOrEqual(t);
          expect(next).toBeGreaterThan(t);
          expect(bucketStart(period, start, zone)).toBe(start);
          expect(bucketStart(period, next, zone)).toBe(next);
          expect(bucketStart(period, next - 1, zone)).toBe(start);
          if (period === 'day') expect(localDateOf(start, zone)).toBe(localDateOf(t, zone));
        },
      ),
      { numRuns: 400 },
    );
  });
});
