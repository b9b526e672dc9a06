import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SLEEP_STAGES,
  type HealthDataType,
  type HealthSample,
  type LocalDate,
} from '@hearth/schema';
import { generateDemoData } from '../generator/index.js';
import { localDaysTouched, sampleWindowForDays } from '../time/index.js';
import { computeBucketSummaries, rollUpDays, RollupError, type BucketSummary } from './index.js';

/**
 * The server's rollup worker recomputes only some days from the samples around them, and builds
 * weeks and months from stored days. These tests pin that it then gets exactly what a full
 * computation gets.
 */
const ZONE = 'America/New_York';
const START = Date.parse('2026-10-29T04:00:00Z'); // 29 Oct, local midnight; DST ends on 1 Nov
const MINUTE = 60_000;

const sampleArbitrary = fc
  .record({
    type: fc.constantFrom<HealthDataType>('STEPS', 'SLEEP_ANALYSIS', 'HEART_RATE'),
    source: fc.constantFrom('watch', 'phone', 'band'),
    start: fc.integer({ min: 0, max: 6 * 24 * 60 }),
    minutes: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 24 * 60 })),
    value: fc.integer({ min: 0, max: 1000 }),
    stage: fc.option(fc.constantFrom(...SLEEP_STAGES), { nil: undefined }),
  })
  .map(({ type, source, start, minutes, value, stage }): HealthSample => ({
    ...(stage === undefined || type !== 'SLEEP_ANALYSIS' ? {} : { sleepStage: stage }),
    type,
    value,
    unit: 'x',
    startDate: new Date(START + start * MINUTE).toISOString(),
    endDate: new Date(START + (start + minutes) * MINUTE).toISOString(),
    sourceDevice: source,
  }));

const PRIORITY = ['watch', 'phone', 'band'];

function sampleAt(source: string, type: HealthDataType, from: string, to: string): HealthSample {
  return {
    type,
    value: 60,
    unit: 'x',
    startDate: from.replace('Z', '.000Z'),
    endDate: to.replace('Z', '.000Z'),
    sourceDevice: source,
  };
}
const DAYS: LocalDate[] = ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'];

function keyed(buckets: BucketSummary[]): Map<string, BucketSummary> {
  return new Map(buckets.map((b) => [`${b.type}|${b.period}|${b.startMs}`, b]));
}

/** What a worker loads for `days` of one type: every sample overlapping the window. */
function loadedFor(samples: HealthSample[], type: HealthDataType, days: LocalDate[]) {
  const { startMs, endMs } = sampleWindowForDays(type, days, ZONE);
  return samples.filter(
    (s) => s.type === type && Date.parse(s.startDate) < endMs && Date.parse(s.endDate) >= startMs,
  );
}

describe('recomputing chosen days (the worker path)', () => {
  it('gives the same hour and day summaries as a full computation', () => {
    fc.assert(
      fc.property(
        fc.array(sampleArbitrary, { maxLength: 40 }),
        fc.subarray(DAYS, { minLength: 1 }),
        (samples, days) => {
          const full = computeBucketSummaries(samples, { timeZone: ZONE, priority: PRIORITY });
          for (const type of ['STEPS', 'SLEEP_ANALYSIS', 'HEART_RATE'] as const) {
            const partial = computeBucketSummaries(loadedFor(samples, type, days), {
              timeZone: ZONE,
              priority: PRIORITY,
              days,
            }).filter((b) => b.type === type);
            const expected = full.filter(
              (b) =>
                b.type === type &&
                (b.period === 'hour' || b.period === 'day') &&
                days.includes(b.localDate),
            );
            expect(partial).toStrictEqual(expected);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('builds the same weeks and months from day summaries', () => {
    fc.assert(
      fc.property(fc.array(sampleArbitrary, { maxLength: 40 }), (samples) => {
        const full = computeBucketSummaries(samples, { timeZone: ZONE, priority: PRIORITY });
        const days = full.filter((b) => b.period === 'day').reverse();
        const longer = full.filter((b) => b.period === 'week' || b.period === 'month');
        expect(keyed(rollUpDays(days, ZONE))).toStrictEqual(keyed(longer));
      }),
      { numRuns: 120 },
    );
  });

  it('changes only the days localDaysTouched names when a sample is added', () => {
    fc.assert(
      fc.property(
        fc.array(sampleArbitrary, { maxLength: 30 }),
        sampleArbitrary,
        (samples, added) => {
          const before = keyed(
            computeBucketSummaries(samples, {
              timeZone: ZONE,
              priority: PRIORITY,
              periods: ['day'],
            }),
          );
          const after = keyed(
            computeBucketSummaries([...samples, added], {
              timeZone: ZONE,
              priority: PRIORITY,
              periods: ['day'],
            }),
          );
          const touched = localDaysTouched(
            added.type,
            Date.parse(added.startDate),
            Date.parse(added.endDate),
            ZONE,
          );
          for (const key of new Set([...before.keys(), ...after.keys()])) {
            const [b, a] = [before.get(key), after.get(key)];
            if (JSON.stringify(b) !== JSON.stringify(a)) {
              expect(touched).toContain((a ?? b)?.localDate);
              expect((a ?? b)?.type).toBe(added.type);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('matches on generated demo data, recomputing one day with its margin', () => {
    const { devices, samples } = generateDemoData({
      seed: 7,
      endDate: '2026-11-03',
      days: 6,
      timeZone: ZONE,
    });
    const priority = devices.map((d) => d.id);
    const full = computeBucketSummaries(samples, { timeZone: ZONE, priority });
    const day: LocalDate = '2026-11-01';
    for (const type of ['STEPS', 'SLEEP_ANALYSIS', 'HEART_RATE', 'WEIGHT'] as const) {
      const partial = computeBucketSummaries(loadedFor(samples, type, [day]), {
        timeZone: ZONE,
        priority,
        days: [day],
      });
      const expected = full.filter(
        (b) =>
          b.type === type && (b.period === 'hour' || b.period === 'day') && b.localDate === day,
      );
      expect(expected.some((b) => b.period === 'day')).toBe(true);
      expect(partial.filter((b) => b.type === type)).toStrictEqual(expected);
    }
  });

  it('names the next day too when a sample moves where a lower one is counted', () => {
    const at = (iso: string) => Date.parse(iso);
    const phone = sampleAt('phone', 'STEPS', '2026-11-03T03:00:00Z', '2026-11-03T07:00:00Z'); // 22:00–02:00 EST
    const watch = sampleAt('watch', 'STEPS', '2026-11-03T02:00:00Z', '2026-11-03T05:00:00Z'); // 21:00–00:00
    const days = (samples: HealthSample[]) =>
      computeBucketSummaries(samples, { timeZone: ZONE, priority: PRIORITY, periods: ['day'] }).map(
        (b) => [b.localDate, b.summary.count],
      );
    // The phone is counted on the 2nd until the watch takes all its time before midnight.
    expect(days([phone])).toEqual([
      ['2026-11-02', 1],
      ['2026-11-03', 0],
    ]);
    expect(days([phone, watch])).toEqual([
      ['2026-11-02', 1],
      ['2026-11-03', 1],
    ]);
    expect(localDaysTouched('STEPS', at(watch.startDate), at(watch.endDate), ZONE)).toContain(
      '2026-11-03',
    );
  });

  it('loads enough before a sleep day for the counts of long samples', () => {
    // Sleep day 10 May runs from 18:00 on the 9th. The band sample is counted there only because
    // the watch took its time on the 8th, so the watch sample must be loaded for the 10th.
    const utc = 'UTC';
    const samples = [
      sampleAt('band', 'SLEEP_ANALYSIS', '2026-05-08T20:00:00Z', '2026-05-09T19:00:00Z'),
      sampleAt('watch', 'SLEEP_ANALYSIS', '2026-05-08T19:00:00Z', '2026-05-08T23:00:00Z'),
      sampleAt('watch', 'SLEEP_ANALYSIS', '2026-05-08T23:00:00Z', '2026-05-09T18:00:00Z'),
    ];
    const day: LocalDate = '2026-05-10';
    const { startMs, endMs } = sampleWindowForDays('SLEEP_ANALYSIS', [day], utc);
    const loaded = samples.filter(
      (s) => Date.parse(s.startDate) < endMs && Date.parse(s.endDate) >= startMs,
    );
    const options = { timeZone: utc, priority: PRIORITY, days: [day], periods: ['day'] as const };
    const partial = computeBucketSummaries(loaded, options);
    expect(partial).toStrictEqual(computeBucketSummaries(samples, options));
    expect(partial[0]?.summary.count).toBe(1);
  });

  it('refuses to build weeks or months from a few chosen days', () => {
    expect(() =>
      computeBucketSummaries([], {
        timeZone: ZONE,
        priority: [],
        days: ['2026-11-01'],
        periods: ['week'],
      }),
    ).toThrow(RollupError);
  });
});
