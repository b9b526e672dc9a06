import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HEALTH_DATA_TYPES,
  isCumulativeType,
  type HealthDataType,
  type LocalDate,
} from '@hearth/schema';
import { generateDemoData } from '../generator/index.js';
import { groupIntoSeries, seriesToSamples } from '../series/index.js';
import { bucketStart, localDateOf, sampleWindowForDays } from '../time/index.js';
import {
  computeBucketSummaries,
  computeBucketSummariesFromSeries,
  computeRollups,
  computeRollupsFromSeries,
  RollupError,
  type BucketSummaryOptions,
  type RollupPoint,
  type RollupSeries,
} from './index.js';

/**
 * One engine, two ways in: the worker and the PWA pass stored series, `computeRollups` passes
 * sample objects, which it reads into series first (samples-as-series.ts). Both must give the
 * same buckets bit for bit on the same data (`series.flatMap(seriesToSamples)`), since stored
 * rollups are compared with them; a naive model of the discrete rule checks the engine itself.
 */

/** DST zones, one with a 30-minute change and two whose clocks skip or repeat midnight. */
const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'America/Havana',
  'America/Santiago',
  'Asia/Kolkata',
];
/** Instants near DST changes of those zones (and a month end). */
const ANCHORS = [
  '2026-03-08T07:00:00Z', // New York, spring forward
  '2026-10-25T01:00:00Z', // Berlin, fall back
  '2026-04-04T15:00:00Z', // Lord Howe, 30 minutes back
  '2026-03-08T05:00:00Z', // Havana, midnight skipped
  '2026-11-01T05:00:00Z', // Havana, midnight repeated
  '2026-04-05T03:00:00Z', // Santiago, midnight repeated
  '2026-05-31T20:00:00Z',
].map(Date.parse);
const STEP = 5 * 60_000;
const DEVICES = ['watch', 'phone', 'band', 'a-manual', 'z-other'];

const pointArbitrary = (anchor: number) =>
  fc
    .record({
      start: fc.integer({ min: -40 * 12, max: 40 * 12 }),
      steps: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 13, max: 288 }),
      ),
      // Now and then off the minute grid, as some devices report.
      offMinute: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 59_999 })),
      value: fc.oneof(
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
      ),
      // A sleep stage code (schema/src/series.ts), or none (asleep).
      stage: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    })
    .map(({ start, steps, offMinute, value, stage }): RollupPoint => {
      const from = anchor + start * STEP + offMinute;
      return stage === undefined
        ? [from, from + steps * STEP, value]
        : [from, from + steps * STEP, value, stage];
    });

const seriesArbitrary = (anchor: number, types: readonly HealthDataType[]) =>
  fc
    .record({
      deviceId: fc.constantFrom(...DEVICES),
      type: fc.constantFrom(...types),
      points: fc.array(pointArbitrary(anchor), { maxLength: 12 }),
    })
    .map((s) => ({
      ...s,
      // Only sleep points carry a stage.
      points:
        s.type === 'SLEEP_ANALYSIS'
          ? s.points
          : s.points.map((p): RollupPoint => [p[0], p[1], p[2]]),
    }));

const caseArbitrary = fc.constantFrom(...ANCHORS).chain((anchor) =>
  fc.record({
    anchor: fc.constant(anchor),
    series: fc.array(seriesArbitrary(anchor, HEALTH_DATA_TYPES), { maxLength: 10 }),
    priority: fc.shuffledSubarray(['watch', 'phone', 'band', 'unknown']),
    zone: fc.constantFrom(...ZONES),
  }),
);

function samplesOf(series: readonly RollupSeries[]) {
  return series.flatMap((s) => seriesToSamples({ ...s, points: s.points.map((p) => [...p]) }));
}

/** The result of a call, or the code of the RollupError it threw. */
function outcome<T>(compute: () => T): T | { error: string } {
  try {
    return compute();
  } catch (err) {
    if (err instanceof RollupError) return { error: err.code };
    throw err;
  }
}

function expectSameBuckets(series: readonly RollupSeries[], options: BucketSummaryOptions) {
  const fromSeries = outcome(() => computeBucketSummariesFromSeries(series, options));
  const fromSamples = outcome(() => computeBucketSummaries(samplesOf(series), options));
  expect(fromSeries).toStrictEqual(fromSamples);
}

describe('rollups straight from series points', () => {
  it('equal computeBucketSummaries on their samples, every period, bit for bit', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ series, priority, zone }) => {
        const options = { timeZone: zone, priority };
        expectSameBuckets(series, options);
        expect(computeRollupsFromSeries(series, options)).toStrictEqual(
          computeRollups(samplesOf(series), options),
        );
      }),
      { numRuns: 300 },
    );
    // Heavy on a loaded two-core machine: a time limit, not an assertion about speed.
  }, 60_000);

  it('equal it on their samples for chosen days and periods (the worker and the PWA)', () => {
    const withDays = caseArbitrary.chain((c) =>
      fc.record({
        c: fc.constant(c),
        offsets: fc.subarray([-2, -1, 0, 1, 2], { minLength: 1 }),
        periods: fc.subarray(['hour', 'day'] as const),
      }),
    );
    fc.assert(
      fc.property(withDays, ({ c, offsets, periods }) => {
        const days = offsets.map((k) => localDateOf(c.anchor + k * 86_400_000, c.zone));
        expectSameBuckets(c.series, { timeZone: c.zone, priority: c.priority, days });
        expectSameBuckets(c.series, { timeZone: c.zone, priority: c.priority, periods });
      }),
      { numRuns: 200 },
    );
  });

  it('equal it on generated data across DST changes, stored as series', () => {
    const cases = [
      { timeZone: 'America/New_York', endDate: '2026-03-10' },
      { timeZone: 'Europe/Berlin', endDate: '2026-10-27' },
      { timeZone: 'America/Havana', endDate: '2026-03-09' },
    ];
    for (const { timeZone, endDate } of cases) {
      const demo = generateDemoData({ seed: 3, endDate, days: 5, timeZone });
      const priority = demo.devices.map((d) => d.id);
      const series = groupIntoSeries(demo.samples);
      const options = { timeZone, priority };
      const buckets = computeBucketSummariesFromSeries(series, options);
      expect(buckets.length).toBeGreaterThan(300);
      expect(buckets).toStrictEqual(computeBucketSummaries(samplesOf(series), options));
      // Series keep one sample per (device, type, start, end), as the generator makes them.
      expect(computeRollupsFromSeries(series, options)).toStrictEqual(
        computeRollups(demo.samples, options),
      );
    }
  });

  it('recomputes a day from the series of its window as the worker loads them', () => {
    const timeZone = 'America/New_York';
    const demo = generateDemoData({ seed: 9, endDate: '2026-11-03', days: 6, timeZone });
    const priority = demo.devices.map((d) => d.id);
    const series = groupIntoSeries(demo.samples);
    const day: LocalDate = '2026-11-01'; // 25 hours long
    for (const type of ['STEPS', 'SLEEP_ANALYSIS', 'HEART_RATE', 'WEIGHT'] as const) {
      const { startMs, endMs } = sampleWindowForDays(type, [day], timeZone);
      const loaded = series
        .filter((s) => s.type === type)
        .map((s) => ({
          ...s,
          points: s.points.filter(([start, end]) => start < endMs && end >= startMs),
        }));
      const options = { timeZone, priority, days: [day] };
      const partial = computeBucketSummariesFromSeries(loaded, options);
      expect(partial.some((b) => b.period === 'day')).toBe(true);
      expect(partial).toStrictEqual(computeBucketSummaries(samplesOf(loaded), options));
    }
  });
});

describe('series input checks', () => {
  const options = { timeZone: 'UTC', priority: [] };
  const one = (points: RollupSeries['points'], type = 'STEPS' as HealthDataType) => [
    { deviceId: 'watch', type, points },
  ];

  it.each([
    ['a fractional millisecond', [[0.5, 60_000, 1]]],
    ['an instant past year 9999', [[0, 253_402_300_800_000, 1]]],
    ['an instant before year 0', [[-62_167_219_200_001, 0, 1]]],
    ['an end before the start', [[60_000, 0, 1]]],
    ['a value that is not finite', [[0, 60_000, Number.NaN]]],
  ] as const)('refuses %s with rollup-invalid-sample', (_, points) => {
    expect(outcome(() => computeBucketSummariesFromSeries(one(points), options))).toEqual({
      error: 'rollup-invalid-sample',
    });
  });

  it('refuses an unknown type, and weeks of chosen days', () => {
    const unknown = one([[0, 60_000, 1]], 'SKIPS' as HealthDataType);
    expect(outcome(() => computeBucketSummariesFromSeries(unknown, options))).toEqual({
      error: 'rollup-invalid-sample',
    });
    const partial = { ...options, days: ['1970-01-01'], periods: ['week'] as const };
    expect(outcome(() => computeBucketSummariesFromSeries([], partial))).toEqual({
      error: 'rollup-partial-period',
    });
  });

  it('accepts the first and last instants a sample date can name', () => {
    // (The week of 0000-01-01 starts in year −1, which no LocalDate can name: hours and days only.)
    const edgeOptions = { ...options, periods: ['hour', 'day'] as const };
    const edges = one([
      [-62_167_219_200_000, -62_167_219_200_000, 1],
      [253_402_300_799_999, 253_402_300_799_999, 2],
    ]);
    expect(computeBucketSummariesFromSeries(edges, edgeOptions)).toStrictEqual(
      computeBucketSummaries(samplesOf(edges), edgeOptions),
    );
  });
});

/** The source order of SPECIFICATION.md §3: listed devices first, the rest by id. */
function rankOf(deviceIds: readonly string[], priority: readonly string[]) {
  const unlisted = [...new Set(deviceIds)].filter((id) => !priority.includes(id)).sort();
  return (id: string) =>
    priority.includes(id) ? priority.indexOf(id) : priority.length + unlisted.indexOf(id);
}

/**
 * A deliberately naive model of discrete hours (SPECIFICATION.md §3): readings alike in (start,
 * end) are one reading, the first in sample order (source rank, start, end, the later received
 * first) stays; each counts in the local hour of its start, summed in (start, end) order; latest
 * is the greatest end, on a tie the first in sample order.
 */
function modelDiscreteHours(series: readonly RollupSeries[], priority: string[], zone: string) {
  const rank = rankOf(
    series.map((s) => s.deviceId),
    priority,
  );
  const readings = series.flatMap((s) =>
    // A reading of -0 counts as 0, so a sum's sign never depends on which of two came first.
    s.points.map(([start, end, value]) => ({
      rank: rank(s.deviceId),
      start,
      end,
      value: value === 0 ? 0 : value,
    })),
  );
  const inOrder = readings
    .map((r, received) => ({ ...r, received }))
    .sort(
      (a, b) => a.rank - b.rank || a.start - b.start || a.end - b.end || b.received - a.received,
    )
    .map((r, order) => ({ ...r, order }));
  const kept = new Map<string, (typeof inOrder)[number]>();
  for (const r of inOrder) if (!kept.has(`${r.start}|${r.end}`)) kept.set(`${r.start}|${r.end}`, r);
  const hours = new Map<
    number,
    { sum: number; count: number; min: number; max: number; latest: number }
  >();
  const byTime = [...kept.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  const latestOf = new Map<number, (typeof inOrder)[number]>();
  for (const r of byTime) {
    const hour = bucketStart('hour', r.start, zone);
    const h = hours.get(hour);
    if (!h) hours.set(hour, { sum: r.value, count: 1, min: r.value, max: r.value, latest: 0 });
    else {
      h.sum += r.value;
      h.count += 1;
      h.min = Math.min(h.min, r.value);
      h.max = Math.max(h.max, r.value);
    }
    const best = latestOf.get(hour);
    if (!best || r.end > best.end || (r.end === best.end && r.order < best.order)) {
      latestOf.set(hour, r);
    }
  }
  for (const [hour, r] of latestOf) (hours.get(hour) as { latest: number }).latest = r.value;
  return hours;
}

describe('discrete hours from series agree with a naive model', () => {
  const discrete = HEALTH_DATA_TYPES.filter((t) => !isCumulativeType(t));
  const oneType = fc.constantFrom(...ANCHORS).chain((anchor) =>
    fc.record({
      type: fc.constantFrom(...discrete),
      series: fc.array(seriesArbitrary(anchor, ['HEART_RATE']), { maxLength: 6 }),
      priority: fc.shuffledSubarray(['watch', 'phone', 'band', 'unknown']),
      zone: fc.constantFrom(...ZONES),
    }),
  );

  it('in count, sum (in time order, bit for bit), min, max and latest', () => {
    fc.assert(
      fc.property(oneType, ({ type, series, priority, zone }) => {
        const typed = series.map((s) => ({ ...s, type }));
        const hours = computeBucketSummariesFromSeries(typed, {
          timeZone: zone,
          priority,
          periods: ['hour'],
        });
        const model = modelDiscreteHours(typed, priority, zone);
        expect(hours.map((h) => h.startMs)).toEqual([...model.keys()].sort((a, b) => a - b));
        for (const { startMs, summary } of hours) {
          const expected = model.get(startMs);
          expect([summary.count, summary.sum, summary.min, summary.max]).toEqual([
            expected?.count,
            expected?.sum,
            expected?.min,
            expected?.max,
          ]);
          expect(summary.latest?.value).toBe(expected?.latest);
        }
      }),
      { numRuns: 300 },
    );
    // Heavy on a loaded two-core machine: a time limit, not an assertion about speed.
  }, 60_000);
});
