import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLEEP_STAGES, type HealthSample, type SleepStage } from '@hearth/schema';
import { computeBucketSummaries, computeRollups, type BucketSummary } from './index.js';

/**
 * Sleep with stages (core/src/rollups/sleep-hours.ts): per sleep day, asleep stages count if any
 * source has one that night, otherwise in-bed time counts; awake never counts.
 */
const ZONE = 'America/New_York';
const MINUTE = 60_000;

function sleep(source: string, stage: SleepStage, from: string, to: string): HealthSample {
  const [start, end] = [Date.parse(from), Date.parse(to)];
  return {
    type: 'SLEEP_ANALYSIS',
    value: (end - start) / MINUTE,
    unit: 'minutes',
    startDate: new Date(start).toISOString(),
    endDate: new Date(end).toISOString(),
    sourceDevice: source,
    sleepStage: stage,
  };
}

/** One night as an iPhone and an Apple Watch record it (New York, 14 to 15 January 2026). */
const IPHONE_IN_BED = sleep('iphone', 'inBed', '2026-01-14T23:00-05:00', '2026-01-15T07:00-05:00');
const WATCH_STAGES = [
  sleep('watch', 'core', '2026-01-14T23:10-05:00', '2026-01-15T00:40-05:00'), // 90
  sleep('watch', 'deep', '2026-01-15T00:40-05:00', '2026-01-15T01:40-05:00'), // 60
  sleep('watch', 'rem', '2026-01-15T01:40-05:00', '2026-01-15T02:30-05:00'), // 50
  sleep('watch', 'awake', '2026-01-15T02:30-05:00', '2026-01-15T02:40-05:00'),
  sleep('watch', 'core', '2026-01-15T02:40-05:00', '2026-01-15T05:00-05:00'), // 140
  sleep('watch', 'rem', '2026-01-15T05:00-05:00', '2026-01-15T06:00-05:00'), // 60
  sleep('watch', 'awake', '2026-01-15T06:00-05:00', '2026-01-15T06:15-05:00'),
  sleep('watch', 'core', '2026-01-15T06:15-05:00', '2026-01-15T06:50-05:00'), // 35
];
const ASLEEP_MINUTES = 90 + 60 + 50 + 140 + 60 + 35;

function sleepDays(samples: HealthSample[], priority: string[]) {
  return computeRollups(samples, { timeZone: ZONE, priority })
    .filter((r) => r.type === 'SLEEP_ANALYSIS' && r.period === 'day')
    .map((r) => [r.periodStart, r.value, r.sampleCount]);
}

describe('a night recorded by an iPhone (in bed) and a watch (stages)', () => {
  it('counts the asleep stages, not the 8 hours in bed, whichever device ranks first', () => {
    for (const priority of [
      ['watch', 'iphone'],
      ['iphone', 'watch'],
    ]) {
      expect(sleepDays([IPHONE_IN_BED, ...WATCH_STAGES], priority)).toEqual([
        ['2026-01-15T00:00:00-05:00', ASLEEP_MINUTES, 6],
      ]);
    }
  });

  it('counts the time in bed on a night with no asleep stage from any source', () => {
    const awakeOnly = WATCH_STAGES.filter((s) => s.sleepStage === 'awake');
    expect(sleepDays([IPHONE_IN_BED, ...awakeOnly], ['watch', 'iphone'])).toEqual([
      ['2026-01-15T00:00:00-05:00', 480, 1],
    ]);
  });

  it('follows the same choice in the hour buckets', () => {
    const hours = computeRollups([IPHONE_IN_BED, ...WATCH_STAGES], {
      timeZone: ZONE,
      priority: ['iphone', 'watch'],
    }).filter((r) => r.period === 'hour');
    expect(hours.map((h) => [h.periodStart.slice(11, 16), h.value])).toEqual([
      ['23:00', 50],
      ['00:00', 60],
      ['01:00', 60],
      ['02:00', 50],
      ['03:00', 60],
      ['04:00', 60],
      ['05:00', 60],
      ['06:00', 35],
    ]);
  });
});

const ANCHOR = Date.parse('2026-11-01T22:00:00Z'); // the evening New York's clocks went back
const STEP = 15 * MINUTE;

const sampleArbitrary = fc
  .record({
    source: fc.constantFrom('watch', 'phone', 'band'),
    stage: fc.constantFrom(...SLEEP_STAGES),
    start: fc.integer({ min: -4 * 24, max: 4 * 24 }),
    steps: fc.integer({ min: 0, max: 40 }),
    explicitAsleep: fc.boolean(),
  })
  .map(({ source, stage, start, steps, explicitAsleep }): HealthSample => {
    const from = ANCHOR + start * STEP;
    const sample: HealthSample = {
      type: 'SLEEP_ANALYSIS',
      value: steps * 15,
      unit: 'minutes',
      startDate: new Date(from).toISOString(),
      endDate: new Date(from + steps * STEP).toISOString(),
      sourceDevice: source,
    };
    // Absent means asleep.
    if (stage !== 'asleep' || explicitAsleep) sample.sleepStage = stage;
    return sample;
  });

/** Each (source, start, end) once: a re-sent one replaces the first (received-order.test.ts). */
const nightsArbitrary = fc.record({
  samples: fc.uniqueArray(sampleArbitrary, {
    maxLength: 30,
    selector: (s) => `${s.sourceDevice}|${s.startDate}|${s.endDate}`,
  }),
  priority: fc.shuffledSubarray(['watch', 'phone', 'band']),
});

const ASLEEP_STAGES: ReadonlySet<SleepStage | undefined> = new Set([
  undefined,
  'asleep',
  'core',
  'deep',
  'rem',
]);

function byPeriodAndDay(buckets: BucketSummary[], period: 'hour' | 'day') {
  const map = new Map<string, BucketSummary[]>();
  for (const b of buckets.filter((x) => x.period === period)) {
    map.set(b.localDate, [...(map.get(b.localDate) ?? []), b]);
  }
  return map;
}

describe('sleep stage rules (properties)', () => {
  it('take each night from its asleep stages if any source has one, else from its in-bed time', () => {
    fc.assert(
      fc.property(nightsArbitrary, ({ samples, priority }) => {
        const options = { timeZone: ZONE, priority, periods: ['hour', 'day'] as const };
        const summaries = (list: HealthSample[]) => computeBucketSummaries(list, options);
        const all = summaries(samples);
        const asleep = summaries(samples.filter((s) => ASLEEP_STAGES.has(s.sleepStage)));
        const inBed = summaries(samples.filter((s) => s.sleepStage === 'inBed'));
        for (const period of ['hour', 'day'] as const) {
          const [got, fromAsleep, fromInBed] = [all, asleep, inBed].map((b) =>
            byPeriodAndDay(b, period),
          );
          const nights = new Set([...fromAsleep!.keys(), ...fromInBed!.keys()]);
          expect([...got!.keys()].sort()).toEqual([...nights].sort());
          for (const night of nights) {
            const expected = fromAsleep!.get(night) ?? fromInBed!.get(night);
            expect(got!.get(night)).toStrictEqual(expected);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never count awake: adding awake samples changes nothing', () => {
    const withAwake = fc.tuple(
      nightsArbitrary,
      fc.array(
        sampleArbitrary.map((s) => ({
          ...s,
          sourceDevice: 'awake-only',
          sleepStage: 'awake' as const,
        })),
        { maxLength: 10 },
      ),
    );
    fc.assert(
      fc.property(withAwake, ([{ samples, priority }, awake]) => {
        const rollups = (list: HealthSample[]) =>
          JSON.stringify(computeRollups(list, { timeZone: ZONE, priority }));
        expect(rollups([...samples, ...awake])).toBe(rollups(samples));
      }),
      { numRuns: 150 },
    );
  });

  it('never let in-bed time change a night that has an asleep stage', () => {
    const withInBed = fc.tuple(
      nightsArbitrary,
      fc.array(
        sampleArbitrary.map((s) => ({
          ...s,
          sourceDevice: 'bed-only',
          sleepStage: 'inBed' as const,
        })),
        { maxLength: 10 },
      ),
    );
    fc.assert(
      fc.property(withInBed, ([{ samples, priority }, inBed]) => {
        const days = (list: HealthSample[]) =>
          byPeriodAndDay(
            computeBucketSummaries(list, { timeZone: ZONE, priority, periods: ['day'] }),
            'day',
          );
        const asleepNights = days(samples.filter((s) => ASLEEP_STAGES.has(s.sleepStage)));
        const before = days(samples);
        const after = days([...samples, ...inBed]);
        for (const night of asleepNights.keys()) {
          expect(after.get(night)).toStrictEqual(before.get(night));
        }
      }),
      { numRuns: 150 },
    );
  });
});
