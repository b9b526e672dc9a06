import { describe, expect, it } from 'vitest';
import { normalizeSample } from '../../normalize/index.js';
import { mapHealthAutoExport } from './map-payload.js';
import type { HaeMapping } from './types.js';

const WATCH = 'Anna’s Apple Watch';
const PHONE = 'Anna’s iPhone';

function metric(name: string, units: string, data: unknown[]) {
  return { name, units, data };
}

function map(metrics: unknown[], aggregation: 'minutes' | 'hours' | 'days' = 'minutes') {
  return mapHealthAutoExport({ data: { metrics } }, { aggregation });
}

/** Each mapped sample as core's validation stores it: [type, start, end, value]. */
function stored(mapping: HaeMapping) {
  return mapping.samples.map(({ sample }) => {
    const result = normalizeSample(sample);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    const s = result.sample;
    return [s.type, s.startDate, s.endDate, Number(s.value.toFixed(6))];
  });
}

describe('mapHealthAutoExport: quantity points', () => {
  it('spreads an aggregated amount over its interval and keeps a single source', () => {
    const m = map([
      metric('step_count', 'count', [
        { date: '2024-01-05 07:57:00 -0700', qty: 120, source: WATCH },
        { date: '2024-01-05 07:58:00 -0700', qty: 80, source: `${WATCH}|${PHONE}` },
      ]),
    ]);
    expect(stored(m)).toEqual([
      ['STEPS', '2024-01-05T14:57:00.000Z', '2024-01-05T14:58:00.000Z', 120],
      ['STEPS', '2024-01-05T14:58:00.000Z', '2024-01-05T14:59:00.000Z', 80],
    ]);
    expect(m.samples.map((s) => s.source)).toEqual([WATCH, null]);
    expect(m.refused).toEqual([]);
  });

  it('takes the interval from the aggregation, and from startDate/endDate when a point has them', () => {
    const hours = map(
      [metric('active_energy', 'kJ', [{ date: '2024-01-05 07:00:00 +0000', qty: 418.4 }])],
      'hours',
    );
    expect(stored(hours)).toEqual([
      ['ACTIVE_ENERGY', '2024-01-05T07:00:00.000Z', '2024-01-05T08:00:00.000Z', 100],
    ]);
    const explicit = map([
      metric('walking_running_distance', 'mi', [
        {
          startDate: '2024-01-05 7:00:00 AM +0000',
          endDate: '2024-01-05 7:10:00 AM +0000',
          qty: 1,
        },
      ]),
    ]);
    expect(stored(explicit)).toEqual([
      ['DISTANCE', '2024-01-05T07:00:00.000Z', '2024-01-05T07:10:00.000Z', 1609.344],
    ]);
  });

  it('stores the average of a heart-rate point, as an instant', () => {
    const m = map([
      metric('heart_rate', 'count/min', [
        { date: '2024-01-05 7:57:00\u202fPM -0700', Min: 61, Avg: 72.5, Max: 90, source: WATCH },
      ]),
    ]);
    expect(stored(m)).toEqual([
      ['HEART_RATE', '2024-01-06T02:57:00.000Z', '2024-01-06T02:57:00.000Z', 72.5],
    ]);
  });

  it('reads readings in the units HAE sends, percentages as 0–100 or as fractions', () => {
    const at = '2024-01-05 08:00:00 +0100';
    const m = map([
      metric('weight_body_mass', 'lb', [{ date: at, qty: 154.32358352941 }]),
      metric('resting_heart_rate', 'count/min', [{ date: at, qty: 54 }]),
      metric('body_fat_percentage', '%', [{ date: at, qty: 21.5 }]),
      metric('blood_oxygen_saturation', '%', [
        { date: at, qty: 97 },
        { date: at, qty: 0.96 },
      ]),
      metric('blood_glucose', 'mmol/L', [{ date: at, qty: 5.5 }]),
      metric('blood_glucose', 'mg/dL', [{ date: at, qty: 99 }]),
    ]);
    const t = '2024-01-05T07:00:00.000Z';
    expect(stored(m)).toEqual([
      ['WEIGHT', t, t, 70],
      ['RESTING_HEART_RATE', t, t, 54],
      ['BODY_FAT', t, t, 21.5],
      ['OXYGEN_SATURATION', t, t, 97],
      ['OXYGEN_SATURATION', t, t, 96],
      ['BLOOD_GLUCOSE', t, t, 99.085734],
      ['BLOOD_GLUCOSE', t, t, 99],
    ]);
  });

  it('counts unknown metrics and other sections and skips them', () => {
    const m = mapHealthAutoExport(
      {
        data: {
          metrics: [
            metric('vo2_max', 'ml/(kg·min)', [{ date: '2024-01-05 08:00:00 +0000', qty: 40 }]),
            metric('blood_pressure', 'mmHg', [{}, {}]),
            metric('step_count', 'count', []),
          ],
          workouts: [{ name: 'Walk' }],
        },
      },
      { aggregation: 'minutes' },
    );
    expect(m.samples).toEqual([]);
    expect(m.skipped).toEqual({ vo2_max: 1, blood_pressure: 2, workouts: 1 });
    expect(m.points).toBe(4);
  });

  it('refuses unreadable points with their metric, index and reason, and keeps the rest', () => {
    const m = map([
      metric('step_count', 'count', [
        { date: '2024-01-05 08:00:00 +0000', qty: 10 },
        { date: 'soon', qty: 10 },
        { qty: 10 },
        { date: '2024-01-05 08:02:00 +0000', qty: 'lots' },
        'nope',
      ]),
    ]);
    expect(m.samples).toHaveLength(1);
    expect(m.refused.map((r) => [r.metric, r.index, r.code])).toEqual([
      ['step_count', 1, 'sample-invalid-date'],
      ['step_count', 2, 'sample-invalid-date'],
      ['step_count', 3, 'sample-invalid-value'],
      ['step_count', 4, 'sample-invalid-shape'],
    ]);
  });

  it('never throws on a body that is not an export', () => {
    for (const body of [
      null,
      'x',
      [],
      { data: 3 },
      { data: { metrics: 'x' } },
      { data: { metrics: [1] } },
    ]) {
      expect(mapHealthAutoExport(body, { aggregation: 'minutes' }).samples).toEqual([]);
    }
  });
});

describe('mapHealthAutoExport: sleep', () => {
  it('maps an aggregated night (current format) to one asleep sample worth the total', () => {
    const m = map([
      metric('sleep_analysis', 'hr', [
        {
          date: '2024-01-06',
          totalSleep: 7.25,
          asleep: 0,
          core: 4,
          deep: 1.25,
          rem: 2,
          awake: 0.5,
          sleepStart: '2024-01-05 11:10:00 PM -0700',
          sleepEnd: '2024-01-06 7:05:00 AM -0700',
          inBed: 8,
          inBedStart: '2024-01-05 11:00:00 PM -0700',
          inBedEnd: '2024-01-06 7:10:00 AM -0700',
          source: WATCH,
        },
      ]),
    ]);
    expect(stored(m)).toEqual([
      ['SLEEP_ANALYSIS', '2024-01-06T06:10:00.000Z', '2024-01-06T14:05:00.000Z', 435],
    ]);
    expect(m.samples[0]?.sample.sleepStage).toBe('asleep');
    expect(m.samples[0]?.source).toBe(WATCH);
  });

  it('sums the stages when a night has no totalSleep, and reads the older format', () => {
    const stages = map([
      metric('sleep_analysis', 'hr', [
        {
          date: '2024-01-06',
          core: 3,
          deep: 1,
          rem: 1.5,
          sleepStart: '2024-01-05 23:00:00 +0000',
          sleepEnd: '2024-01-06 06:00:00 +0000',
        },
      ]),
    ]);
    expect(stored(stages)[0]?.[3]).toBe(330);
    const older = map([
      metric('sleep_analysis', 'hr', [
        {
          date: '2024-01-06',
          asleep: 6.5,
          sleepStart: '2024-01-05 23:30:00 +0000',
          sleepEnd: '2024-01-06 06:30:00 +0000',
          sleepSource: PHONE,
          inBed: 7.5,
          inBedStart: '2024-01-05 23:00:00 +0000',
          inBedEnd: '2024-01-06 06:45:00 +0000',
          inBedSource: PHONE,
        },
      ]),
    ]);
    expect(stored(older)).toEqual([
      ['SLEEP_ANALYSIS', '2024-01-05T23:30:00.000Z', '2024-01-06T06:30:00.000Z', 390],
    ]);
    expect(older.samples[0]?.source).toBe(PHONE);
  });

  it('counts in-bed time for a night with no asleep time', () => {
    const m = map([
      metric('sleep_analysis', 'hr', [
        {
          date: '2024-01-06',
          asleep: 0,
          inBed: 7,
          inBedStart: '2024-01-05 23:00:00 +0000',
          inBedEnd: '2024-01-06 06:00:00 +0000',
          inBedSource: 'Sleep Cycle',
        },
        { date: '2024-01-07', asleep: 0, inBed: 0 },
      ]),
    ]);
    expect(stored(m)).toEqual([
      ['SLEEP_ANALYSIS', '2024-01-05T23:00:00.000Z', '2024-01-06T06:00:00.000Z', 420],
    ]);
    expect(m.samples[0]?.sample.sleepStage).toBe('inBed');
    expect(m.refused.map((r) => [r.index, r.code])).toEqual([[1, 'sample-invalid-value']]);
  });

  it('bounds an in-bed-only night by sleepStart/sleepEnd when it has no inBedStart (v6.6.2)', () => {
    const m = map([
      metric('sleep_analysis', 'hr', [
        {
          date: '2024-01-06 06:44:02 +0800',
          asleep: 0,
          core: 0,
          deep: 0,
          rem: 0,
          awake: 0,
          inBed: 7.5,
          sleepStart: '2024-01-05 23:00:00 +0800',
          sleepEnd: '2024-01-06 06:30:00 +0800',
          source: PHONE,
        },
      ]),
    ]);
    expect(stored(m)).toEqual([
      ['SLEEP_ANALYSIS', '2024-01-05T15:00:00.000Z', '2024-01-05T22:30:00.000Z', 450],
    ]);
    expect(m.samples[0]?.sample.sleepStage).toBe('inBed');
    expect(m.refused).toEqual([]);
  });

  it('maps per-stage sleep to one sample per stage, worth its interval', () => {
    const m = map([
      metric('sleep_analysis', 'hr', [
        {
          startDate: '2024-01-05 11:00:00 PM +0000',
          endDate: '2024-01-06 1:00:00 AM +0000',
          qty: 2,
          value: 'Core',
          source: WATCH,
        },
        {
          startDate: '2024-01-06 1:00:00 AM +0000',
          endDate: '2024-01-06 1:30:00 AM +0000',
          qty: 0.5,
          value: 'Deep',
          source: WATCH,
        },
        {
          startDate: '2024-01-06 01:30:00 +0000',
          endDate: '2024-01-06 01:45:00 +0000',
          qty: 0.25,
          value: 'REM',
          source: WATCH,
        },
        {
          startDate: '2024-01-06 01:45:00 +0000',
          endDate: '2024-01-06 01:50:00 +0000',
          value: 'Awake',
          source: WATCH,
        },
        {
          startDate: '2024-01-05 22:50:00 +0000',
          endDate: '2024-01-06 02:00:00 +0000',
          value: 'In Bed',
          source: PHONE,
        },
        {
          startDate: '2024-01-06 03:00:00 +0000',
          endDate: '2024-01-06 04:00:00 +0000',
          value: 'Asleep',
          source: 'AutoSleep',
        },
        {
          startDate: '2024-01-06 04:00:00 +0000',
          endDate: '2024-01-06 05:00:00 +0000',
          value: 'Dreaming',
        },
      ]),
    ]);
    expect(m.samples.map((s) => [s.sample.sleepStage, s.sample.value, s.source])).toEqual([
      ['core', 120, WATCH],
      ['deep', 30, WATCH],
      ['rem', 15, WATCH],
      ['awake', 5, WATCH],
      ['inBed', 190, PHONE],
      ['asleep', 60, 'AutoSleep'],
    ]);
    expect(stored(m)).toHaveLength(6);
    expect(m.refused.map((r) => [r.index, r.code])).toEqual([[6, 'sample-invalid-value']]);
  });
});

describe('mapHealthAutoExport: sources', () => {
  it('treats names that differ only by apostrophe or spacing as one source', () => {
    const m = map([
      metric('step_count', 'count', [
        {
          date: '2024-01-05 08:00:00 +0000',
          qty: 1,
          source: "Anna's Apple Watch|Anna’s  Apple Watch",
        },
        { date: '2024-01-05 08:01:00 +0000', qty: 1, source: ' | ' },
        { date: '2024-01-05 08:02:00 +0000', qty: 1 },
      ]),
    ]);
    expect(m.samples.map((s) => s.source)).toEqual(["Anna's Apple Watch", null, null]);
  });
});
