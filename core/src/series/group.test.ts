import type { HealthSample } from '@hearth/schema';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../generator/index.js';
import { groupIntoSeries, seriesId, seriesToSamples, utcHourStart } from './index.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 8, 10);

function sample(
  startMs: number,
  endMs: number,
  value: number,
  over: Partial<HealthSample> = {},
): HealthSample {
  return {
    type: 'STEPS',
    value,
    unit: 'steps',
    startDate: new Date(startMs).toISOString(),
    endDate: new Date(endMs).toISOString(),
    sourceDevice: 'watch',
    ...over,
  };
}

describe('series keys', () => {
  it('floors to the UTC hour, also before 1970', () => {
    expect(utcHourStart(T0 + 59 * 60_000 + 59_999)).toBe(T0);
    expect(utcHourStart(T0 + H)).toBe(T0 + H);
    expect(utcHourStart(-1)).toBe(-H);
  });

  it('builds a stable id from device, type and hour', () => {
    expect(seriesId('dev-1', 'STEPS', T0)).toBe(`dev-1|STEPS|${T0}`);
  });
});

describe('groupIntoSeries', () => {
  it('groups by device, type and UTC hour of the start, sorted deterministically', () => {
    const samples = [
      sample(T0 + H + 5, T0 + H + 10, 3),
      sample(T0 + 50 * 60_000, T0 + H + 10 * 60_000, 7), // starts in hour 0, ends in hour 1
      sample(T0 + 10, T0 + 20, 1, { sourceDevice: 'phone' }),
      sample(T0 + 10, T0 + 10, 72, { type: 'HEART_RATE', unit: 'bpm' }),
      sample(T0, T0 + 60_000, 5),
    ];
    const groups = groupIntoSeries(samples);
    expect(groups.map((g) => g.id)).toEqual([
      seriesId('phone', 'STEPS', T0),
      seriesId('watch', 'HEART_RATE', T0),
      seriesId('watch', 'STEPS', T0),
      seriesId('watch', 'STEPS', T0 + H),
    ]);
    expect(groups[2]).toEqual({
      id: seriesId('watch', 'STEPS', T0),
      deviceId: 'watch',
      type: 'STEPS',
      hourStart: T0,
      points: [
        [T0, T0 + 60_000, 5],
        [T0 + 50 * 60_000, T0 + H + 10 * 60_000, 7],
      ],
    });
    expect(groupIntoSeries([...samples].reverse())).toEqual(groups);
  });

  it('sorts points by start, then end, and lets a later duplicate win', () => {
    const groups = groupIntoSeries([
      sample(T0 + 100, T0 + 300, 1),
      sample(T0 + 100, T0 + 200, 2),
      sample(T0, T0 + 500, 3),
      sample(T0 + 100, T0 + 300, 4),
      sample(T0 + 100, T0 + 300, 5),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.points).toEqual([
      [T0, T0 + 500, 3],
      [T0 + 100, T0 + 200, 2],
      [T0 + 100, T0 + 300, 5],
    ]);
  });

  it('returns nothing for no samples', () => {
    expect(groupIntoSeries([])).toEqual([]);
  });

  it('round-trips through seriesToSamples', () => {
    const { samples } = generateDemoData({
      seed: 3,
      endDate: '2026-03-08',
      days: 2,
      timeZone: 'America/New_York',
    });
    const groups = groupIntoSeries(samples);
    const back = groups.flatMap(seriesToSamples);
    const key = (s: HealthSample) => `${s.sourceDevice}|${s.type}|${s.startDate}|${s.endDate}`;
    const sortByKey = (list: HealthSample[]) =>
      [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    expect(sortByKey(back)).toEqual(sortByKey(samples));
    // About 20 samples per series: the storage grain the design counts on.
    expect(samples.length / groups.length).toBeGreaterThan(5);
  });
});

describe('seriesToSamples', () => {
  it('gives canonical samples sourced from the series device', () => {
    expect(
      seriesToSamples({
        deviceId: 'scale',
        type: 'WEIGHT',
        points: [[T0, T0, 70.25]],
      }),
    ).toEqual([
      {
        type: 'WEIGHT',
        value: 70.25,
        unit: 'kg',
        startDate: '2026-03-08T10:00:00.000Z',
        endDate: '2026-03-08T10:00:00.000Z',
        sourceDevice: 'scale',
      },
    ]);
  });
});
