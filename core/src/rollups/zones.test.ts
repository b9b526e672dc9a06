import { describe, expect, it } from 'vitest';
import type { HealthDataType, HealthSample } from '@hearth/schema';
import { computeRollups } from './index.js';

function sample(type: HealthDataType, fromMs: number, toMs: number, value: number): HealthSample {
  return {
    type,
    value,
    unit: 'x',
    startDate: new Date(fromMs).toISOString(),
    endDate: new Date(toMs).toISOString(),
    sourceDevice: 'watch',
  };
}

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** One STEPS sample of 60 steps per UTC hour from `fromIso`, for `hours` hours. */
function hourly(fromIso: string, hours: number): HealthSample[] {
  return Array.from({ length: hours }, (_, h) =>
    sample('STEPS', at(fromIso) + h * HOUR, at(fromIso) + (h + 1) * HOUR, 60),
  );
}

describe('rollups in America/New_York across DST', () => {
  const zone = 'America/New_York';

  it('makes a 23-hour day of 23 hour buckets in spring', () => {
    const rollups = computeRollups(hourly('2026-03-08T05:00:00Z', 23), {
      timeZone: zone,
      priority: [],
    });
    const hours = rollups.filter((r) => r.period === 'hour');
    expect(hours).toHaveLength(23);
    expect(hours.map((h) => h.periodStart).slice(1, 3)).toEqual([
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T03:00:00-04:00',
    ]);
    const days = rollups.filter((r) => r.period === 'day');
    expect(days).toEqual([
      {
        type: 'STEPS',
        period: 'day',
        periodStart: '2026-03-08T00:00:00-05:00',
        value: 23 * 60,
        sampleCount: 23,
      },
    ]);
  });

  it('makes a 25-hour day with the repeated 01:00 hour as two buckets in autumn', () => {
    const samples = [
      ...hourly('2026-11-01T04:00:00Z', 25),
      // 01:30 EDT to 01:30 EST: half in each 01:00 bucket.
      {
        ...sample('STEPS', at('2026-11-01T05:30:00Z'), at('2026-11-01T06:30:00Z'), 1000),
        sourceDevice: 'phone',
      },
    ];
    const rollups = computeRollups(samples, { timeZone: zone, priority: ['watch', 'phone'] });
    const hours = rollups.filter((r) => r.period === 'hour');
    expect(hours).toHaveLength(25);
    expect(hours.slice(1, 3).map((h) => [h.periodStart, h.value])).toEqual([
      ['2026-11-01T01:00:00-04:00', 60],
      ['2026-11-01T01:00:00-05:00', 60],
    ]);
    const day = rollups.find((r) => r.period === 'day');
    expect(day).toMatchObject({ periodStart: '2026-11-01T00:00:00-04:00', value: 25 * 60 });
  });

  it('splits an hour-long sample across the repeated hour by time', () => {
    const rollups = computeRollups(
      [sample('STEPS', at('2026-11-01T05:30:00Z'), at('2026-11-01T06:30:00Z'), 1000)],
      { timeZone: zone, priority: [] },
    );
    expect(rollups.filter((r) => r.period === 'hour').map((h) => [h.periodStart, h.value])).toEqual(
      [
        ['2026-11-01T01:00:00-04:00', 500],
        ['2026-11-01T01:00:00-05:00', 500],
      ],
    );
  });
});

describe('rollups in Europe/Berlin: weeks from Monday, months', () => {
  const zone = 'Europe/Berlin';

  it('groups days into ISO weeks starting Monday 00:00 local and calendar months', () => {
    // Sunday 29 March (the 23-hour day) and Monday 30 March, then Wednesday 1 April.
    const samples = [
      sample('HEART_RATE', at('2026-03-29T12:00:00Z'), at('2026-03-29T12:00:00Z'), 60),
      sample('HEART_RATE', at('2026-03-30T12:00:00Z'), at('2026-03-30T12:00:00Z'), 70),
      sample('HEART_RATE', at('2026-04-01T12:00:00Z'), at('2026-04-01T12:00:00Z'), 80),
      // 23:30 on Sunday 29 March local: still that week and month.
      sample('HEART_RATE', at('2026-03-29T21:30:00Z'), at('2026-03-29T21:30:00Z'), 90),
    ];
    const rollups = computeRollups(samples, { timeZone: zone, priority: [] });
    const weeks = rollups.filter((r) => r.period === 'week');
    expect(weeks.map((w) => [w.periodStart, w.value, w.sampleCount])).toEqual([
      ['2026-03-23T00:00:00+01:00', 75, 2],
      ['2026-03-30T00:00:00+02:00', 75, 2],
    ]);
    const months = rollups.filter((r) => r.period === 'month');
    expect(months.map((m) => [m.periodStart, m.value, m.minValue, m.maxValue])).toEqual([
      ['2026-03-01T00:00:00+01:00', 220 / 3, 60, 90],
      ['2026-04-01T00:00:00+02:00', 80, 80, 80],
    ]);
    const sunday = rollups.find(
      (r) => r.period === 'day' && r.periodStart.startsWith('2026-03-29'),
    );
    expect(sunday?.sampleCount).toBe(2);
  });
});

describe('rollups in Asia/Kolkata (+05:30)', () => {
  const zone = 'Asia/Kolkata';

  it('cuts days at local midnight, 18:30 UTC', () => {
    const rollups = computeRollups(
      [
        sample('STEPS', at('2026-01-01T18:00:00Z'), at('2026-01-01T19:00:00Z'), 600),
        sample('BLOOD_GLUCOSE', at('2026-01-01T18:29:00Z'), at('2026-01-01T18:29:00Z'), 100),
        sample('BLOOD_GLUCOSE', at('2026-01-01T18:30:00Z'), at('2026-01-01T18:30:00Z'), 120),
      ],
      { timeZone: zone, priority: [] },
    );
    const days = rollups
      .filter((r) => r.period === 'day')
      .map((r) => [r.type, r.periodStart, r.value]);
    expect(days).toEqual([
      ['STEPS', '2026-01-01T00:00:00+05:30', 300],
      ['STEPS', '2026-01-02T00:00:00+05:30', 300],
      ['BLOOD_GLUCOSE', '2026-01-01T00:00:00+05:30', 100],
      ['BLOOD_GLUCOSE', '2026-01-02T00:00:00+05:30', 120],
    ]);
    const hours = rollups.filter((r) => r.type === 'STEPS' && r.period === 'hour');
    expect(hours.map((h) => h.periodStart)).toEqual([
      '2026-01-01T23:00:00+05:30',
      '2026-01-02T00:00:00+05:30',
    ]);
  });
});
