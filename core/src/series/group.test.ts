import type { HealthSample, SeriesPoint } from '@hearth/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../generator/index.js';
import {
  comparePoints,
  groupIntoSeries,
  SeriesGrouper,
  seriesId,
  seriesToSamples,
  utcHourStart,
} from './index.js';

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

  it('refuses a sample whose date is not an instant with an offset', () => {
    const local = sample(T0, T0, 1, { startDate: '2026-03-08T10:00:00' });
    expect(() => groupIntoSeries([local])).toThrow(RangeError);
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

describe('SeriesGrouper', () => {
  /** The grouping by definition: last writer per (device, type, hour, start, end), then sorted. */
  function reference(points: ReadonlyArray<[string, SeriesPoint]>): Map<string, SeriesPoint[]> {
    const last = new Map<string, Map<string, SeriesPoint>>();
    for (const [device, point] of points) {
      const id = seriesId(device, 'STEPS', utcHourStart(point[0]));
      const byKey = last.get(id) ?? new Map<string, SeriesPoint>();
      byKey.set(`${point[0]}|${point[1]}`, point);
      last.set(id, byKey);
    }
    return new Map(
      [...last].map(([id, byKey]) => [id, [...byKey.values()].sort(comparePoints)] as const),
    );
  }

  const point = fc
    .tuple(fc.integer({ min: -3 * H, max: 3 * H }), fc.nat(2 * H), fc.integer({ min: 0, max: 9 }))
    .map(([start, length, value]): SeriesPoint => [T0 + start, T0 + start + length, value]);
  const input = fc.array(fc.tuple(fc.constantFrom('watch', 'phone'), point), { maxLength: 60 });

  it('matches the definition for points in any order, with repeats', () => {
    fc.assert(
      fc.property(input, fc.boolean(), (points, sortFirst) => {
        const list = sortFirst ? [...points].sort((a, b) => comparePoints(a[1], b[1])) : points;
        const grouper = new SeriesGrouper();
        for (const [device, p] of list) grouper.add(device, 'STEPS', p[0], p[1], p[2]);
        const groups = grouper.groups();
        expect(new Map(groups.map((g) => [g.id, g.points]))).toEqual(reference(list));
        const order = groups.map((g) => [g.deviceId, g.hourStart] as const);
        const sorted = [...order].sort((a, b) =>
          a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1],
        );
        expect(order).toEqual(sorted);
      }),
    );
  });

  it('keeps a series that arrives in order as it came, and re-sorts one that does not', () => {
    const grouper = new SeriesGrouper();
    grouper.add('watch', 'HEART_RATE', T0, T0, 60);
    grouper.add('watch', 'STEPS', T0, T0 + 60_000, 10);
    grouper.add('watch', 'HEART_RATE', T0 + 5, T0 + 5, 61);
    grouper.add('watch', 'STEPS', T0, T0 + 30_000, 4);
    grouper.add('watch', 'STEPS', T0, T0 + 60_000, 12);
    expect(grouper.groups().map((g) => [g.type, g.points])).toEqual([
      [
        'HEART_RATE',
        [
          [T0, T0, 60],
          [T0 + 5, T0 + 5, 61],
        ],
      ],
      [
        'STEPS',
        [
          [T0, T0 + 30_000, 4],
          [T0, T0 + 60_000, 12],
        ],
      ],
    ]);
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

describe('sleep stages in series points', () => {
  const night = (stage: HealthSample['sleepStage'], startMs: number, minutes: number) =>
    sample(startMs, startMs + minutes * 60_000, minutes, {
      type: 'SLEEP_ANALYSIS',
      unit: 'minutes',
      ...(stage === undefined ? {} : { sleepStage: stage }),
    });

  it('carries a stage as a 4th element, none for asleep, and reads it back', () => {
    const samples = [
      night('inBed', T0, 50),
      night('core', T0 + 60_000, 10),
      night('asleep', T0 + 120_000, 10),
      night(undefined, T0 + 180_000, 10),
      night('awake', T0 + 240_000, 5),
    ];
    const [group] = groupIntoSeries(samples);
    expect(group?.points).toEqual([
      [T0, T0 + 50 * 60_000, 50, 1],
      [T0 + 60_000, T0 + 660_000, 10, 2],
      [T0 + 120_000, T0 + 720_000, 10],
      [T0 + 180_000, T0 + 780_000, 10],
      [T0 + 240_000, T0 + 540_000, 5, 5],
    ]);
    // Absent means asleep: an explicit `asleep` comes back without a stage.
    const back = seriesToSamples(group!);
    expect(back.map((s) => s.sleepStage)).toEqual(['inBed', 'core', undefined, undefined, 'awake']);
    expect(groupIntoSeries(back)).toEqual([group]);
  });

  it('lets a re-sent sample replace the stage of the first', () => {
    const [group] = groupIntoSeries([night('inBed', T0, 30), night('deep', T0, 30)]);
    expect(group?.points).toEqual([[T0, T0 + 30 * 60_000, 30, 3]]);
    const [back] = groupIntoSeries([night('deep', T0, 30), night('asleep', T0, 30)]);
    expect(back?.points).toEqual([[T0, T0 + 30 * 60_000, 30]]);
  });
});
