import { describe, expect, it } from 'vitest';
import type {
  AggregationPeriod,
  HealthAggregate,
  HealthDataType,
  HealthSample,
} from '@hearth/schema';
import { computeRollups } from './index.js';

const UTC = 'UTC';
let nextId = 0;

/** A sample from `from` to `to` (ISO, UTC); ids are unique but carry no meaning. */
function sample(
  source: string,
  type: HealthDataType,
  from: string,
  to: string,
  value: number,
): HealthSample {
  nextId += 1;
  return {
    id: `s${String(nextId).padStart(4, '0')}`,
    type,
    value,
    unit: 'x',
    startDate: new Date(from).toISOString(),
    endDate: new Date(to).toISOString(),
    sourceDevice: source,
  };
}

function find(
  rollups: HealthAggregate[],
  type: HealthDataType,
  period: AggregationPeriod,
  periodStart: string,
): HealthAggregate | undefined {
  return rollups.find(
    (r) => r.type === type && r.period === period && r.periodStart === periodStart,
  );
}

describe('cumulative types: the first source in the order owns each moment', () => {
  it('lets the watch win where worn and the phone fill the gaps', () => {
    // Phone in the pocket all day: 100 steps every hour. Watch worn 09:00–12:00 only.
    const phone = Array.from({ length: 24 }, (_, h) => {
      const from = `2026-05-04T${String(h).padStart(2, '0')}:00:00Z`;
      return sample(
        'phone',
        'STEPS',
        from,
        new Date(Date.parse(from) + 3_600_000).toISOString(),
        100,
      );
    });
    const watch = ['09', '10', '11'].map((h) =>
      sample('watch', 'STEPS', `2026-05-04T${h}:00:00Z`, `2026-05-04T${h}:30:00Z`, 400),
    );
    const rollups = computeRollups([...phone, ...watch], {
      timeZone: UTC,
      priority: ['watch', 'phone'],
    });
    const day = find(rollups, 'STEPS', 'day', '2026-05-04T00:00:00+00:00');
    // 21 phone-only hours, plus 3 hours of 400 (watch) + 50 (phone's uncovered half).
    expect(day?.value).toBe(21 * 100 + 3 * 450);
    expect(day?.value).not.toBe(24 * 100 + 3 * 400); // not the raw sum
    expect(day?.value).not.toBe(24 * 100); // not one device
    expect(day?.sampleCount).toBe(27);
    expect(day?.minValue).toBeUndefined();
    expect(find(rollups, 'STEPS', 'hour', '2026-05-04T10:00:00+00:00')?.value).toBe(450);
  });

  it('gives a sample overlapped by two higher ranges only its uncovered middle', () => {
    const rollups = computeRollups(
      [
        sample('phone', 'DISTANCE', '2026-05-04T10:00:00Z', '2026-05-04T11:00:00Z', 600),
        sample('watch', 'DISTANCE', '2026-05-04T10:00:00Z', '2026-05-04T10:10:00Z', 50),
        sample('watch', 'DISTANCE', '2026-05-04T10:50:00Z', '2026-05-04T11:00:00Z', 70),
      ],
      { timeZone: UTC, priority: ['watch', 'phone'] },
    );
    // The seed looked only at the first overlapping range; the phone owns 40 of its 60 minutes.
    expect(find(rollups, 'DISTANCE', 'hour', '2026-05-04T10:00:00+00:00')?.value).toBe(
      50 + 70 + 400,
    );
  });

  it('ranks unlisted sources below listed ones, among themselves by id', () => {
    const samples = [
      sample('zeta-band', 'STEPS', '2026-05-04T10:00:00Z', '2026-05-04T11:00:00Z', 60),
      sample('alpha-band', 'STEPS', '2026-05-04T10:30:00Z', '2026-05-04T11:30:00Z', 600),
      sample('phone', 'STEPS', '2026-05-04T10:45:00Z', '2026-05-04T11:00:00Z', 1500),
    ];
    const rollups = computeRollups(samples, { timeZone: UTC, priority: ['phone'] });
    // phone owns 10:45–11:00; alpha owns 10:30–10:45 and 11:00–11:30; zeta owns 10:00–10:30.
    expect(find(rollups, 'STEPS', 'hour', '2026-05-04T10:00:00+00:00')?.value).toBe(
      1500 + 150 + 30,
    );
    expect(find(rollups, 'STEPS', 'hour', '2026-05-04T11:00:00+00:00')?.value).toBe(300);
  });

  it('counts a zero-length sample in full unless an earlier sample covers its instant', () => {
    const rollups = computeRollups(
      [
        sample('watch', 'ACTIVE_ENERGY', '2026-05-04T10:00:00Z', '2026-05-04T10:30:00Z', 30),
        sample('phone', 'ACTIVE_ENERGY', '2026-05-04T10:15:00Z', '2026-05-04T10:15:00Z', 5),
        sample('phone', 'ACTIVE_ENERGY', '2026-05-04T10:30:00Z', '2026-05-04T10:30:00Z', 7),
        sample('scale', 'ACTIVE_ENERGY', '2026-05-04T10:30:00Z', '2026-05-04T10:30:00Z', 9),
      ],
      { timeZone: UTC, priority: ['watch', 'phone', 'scale'] },
    );
    // 10:15 is inside the watch sample; 10:30 is its (excluded) end, so the phone's 7 counts and
    // the scale's reading of the same instant is the same reading seen twice.
    const hour = find(rollups, 'ACTIVE_ENERGY', 'hour', '2026-05-04T10:00:00+00:00');
    expect(hour?.value).toBe(37);
    expect(hour?.sampleCount).toBe(2);
  });

  it('counts a sample once, in the bucket of the first instant it owns', () => {
    const rollups = computeRollups(
      [
        sample('phone', 'STEPS', '2026-05-04T23:30:00Z', '2026-05-05T00:30:00Z', 60),
        sample('watch', 'STEPS', '2026-05-04T23:00:00Z', '2026-05-04T23:45:00Z', 10),
      ],
      { timeZone: UTC, priority: ['watch', 'phone'] },
    );
    const may4 = find(rollups, 'STEPS', 'day', '2026-05-04T00:00:00+00:00');
    const may5 = find(rollups, 'STEPS', 'day', '2026-05-05T00:00:00+00:00');
    expect([may4?.value, may4?.sampleCount]).toEqual([25, 2]);
    expect([may5?.value, may5?.sampleCount]).toEqual([30, 0]);
    expect(find(rollups, 'STEPS', 'week', '2026-05-04T00:00:00+00:00')?.sampleCount).toBe(2);
  });
});

describe('discrete types', () => {
  it('keeps one of a reading mirrored with the same start and end, the first in the order', () => {
    const rollups = computeRollups(
      [
        sample('phone', 'HEART_RATE', '2026-05-04T10:00:00Z', '2026-05-04T10:00:00Z', 71),
        sample('watch', 'HEART_RATE', '2026-05-04T10:00:00Z', '2026-05-04T10:00:00Z', 70),
        sample('phone', 'HEART_RATE', '2026-05-04T10:05:00Z', '2026-05-04T10:06:00Z', 90),
        // Overlapping but not identical: a different reading, so it counts.
        sample('watch', 'HEART_RATE', '2026-05-04T10:05:00Z', '2026-05-04T10:05:30Z', 80),
      ],
      { timeZone: UTC, priority: ['watch', 'phone'] },
    );
    const hour = find(rollups, 'HEART_RATE', 'hour', '2026-05-04T10:00:00+00:00');
    expect(hour).toMatchObject({ value: 80, minValue: 70, maxValue: 90, sampleCount: 3 });
  });

  it('reports as latest the reading with the greatest end, not the highest priority', () => {
    const rollups = computeRollups(
      [
        sample('scale', 'WEIGHT', '2026-05-04T07:00:00Z', '2026-05-04T07:00:00Z', 80.2),
        sample('manual', 'WEIGHT', '2026-05-04T20:00:00Z', '2026-05-04T20:00:00Z', 81),
        sample('scale', 'BODY_FAT', '2026-05-04T07:00:00Z', '2026-05-04T07:01:00Z', 20),
        sample('manual', 'BODY_FAT', '2026-05-04T06:00:00Z', '2026-05-04T07:01:00Z', 25),
      ],
      { timeZone: UTC, priority: ['scale', 'manual'] },
    );
    expect(find(rollups, 'WEIGHT', 'day', '2026-05-04T00:00:00+00:00')).toMatchObject({
      value: 81,
      minValue: 80.2,
      maxValue: 81,
      sampleCount: 2,
    });
    // Same end: the tie goes to the first in the order (the scale), not the later start.
    expect(find(rollups, 'BODY_FAT', 'day', '2026-05-04T00:00:00+00:00')?.value).toBe(20);
  });
});

describe('sleep is attributed to the night it ends', () => {
  const NY = 'America/New_York';

  it('puts a night across midnight on the morning it ends, hours staying clock hours', () => {
    // 23:00 on 4 May to 07:00 on 5 May (EDT), 480 minutes.
    const night = sample(
      'watch',
      'SLEEP_ANALYSIS',
      '2026-05-05T03:00:00Z',
      '2026-05-05T11:00:00Z',
      480,
    );
    const rollups = computeRollups([night], { timeZone: NY, priority: ['watch'] });
    const days = rollups.filter((r) => r.period === 'day');
    expect(days).toEqual([
      {
        type: 'SLEEP_ANALYSIS',
        period: 'day',
        periodStart: '2026-05-05T00:00:00-04:00',
        value: 480,
        sampleCount: 1,
      },
    ]);
    const hours = rollups.filter((r) => r.period === 'hour').map((r) => r.periodStart);
    expect(hours[0]).toBe('2026-05-04T23:00:00-04:00');
    expect(hours).toHaveLength(8);
  });

  it('moves sleep after 18:00 to the next sleep day', () => {
    // A nap 17:00–19:00 EDT on 4 May: the first hour is day 4, the second the night of the 5th.
    const nap = sample(
      'watch',
      'SLEEP_ANALYSIS',
      '2026-05-04T21:00:00Z',
      '2026-05-04T23:00:00Z',
      120,
    );
    const rollups = computeRollups([nap], { timeZone: NY, priority: [] });
    expect(find(rollups, 'SLEEP_ANALYSIS', 'day', '2026-05-04T00:00:00-04:00')).toMatchObject({
      value: 60,
      sampleCount: 1,
    });
    expect(find(rollups, 'SLEEP_ANALYSIS', 'day', '2026-05-05T00:00:00-04:00')).toMatchObject({
      value: 60,
      sampleCount: 0,
    });
  });
});
