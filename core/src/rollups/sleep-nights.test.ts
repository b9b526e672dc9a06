import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLEEP_STAGES, type SleepStage } from '@hearth/schema';
import { sleepStageCode } from '../series/stages.js';
import { computeRollupsFromSeries, sleepNightsFromSeries, type RollupSeries } from './index.js';

/**
 * Nights as hypnograms (core/src/rollups/sleep-nights.ts): the stages of the winning source
 * where sources overlap, and asleep minutes equal to the night's SLEEP_ANALYSIS day rollup.
 */
const ZONE = 'America/New_York';
const MINUTE = 60_000;

type Piece = [stage: SleepStage, from: string, to: string];

function device(deviceId: string, pieces: Piece[]): RollupSeries {
  return {
    deviceId,
    type: 'SLEEP_ANALYSIS',
    points: pieces.map(([stage, from, to]) => {
      const [start, end] = [Date.parse(from), Date.parse(to)];
      const code = sleepStageCode(stage);
      const value = (end - start) / MINUTE;
      return code === 0 ? [start, end, value] : [start, end, value, code];
    }),
  };
}

const PHONE = device('iphone', [['inBed', '2026-01-14T23:00-05:00', '2026-01-15T07:00-05:00']]);
const WATCH = device('watch', [
  ['core', '2026-01-14T23:10-05:00', '2026-01-15T00:40-05:00'],
  ['deep', '2026-01-15T00:40-05:00', '2026-01-15T01:40-05:00'],
  ['rem', '2026-01-15T01:40-05:00', '2026-01-15T02:30-05:00'],
  ['awake', '2026-01-15T02:30-05:00', '2026-01-15T02:40-05:00'],
  ['core', '2026-01-15T02:40-05:00', '2026-01-15T06:00-05:00'],
]);
/** A ring that saw the same night differently: deep where the watch says core. */
const RING = device('ring', [
  ['deep', '2026-01-14T23:00-05:00', '2026-01-15T01:00-05:00'],
  ['core', '2026-01-15T05:30-05:00', '2026-01-15T06:30-05:00'],
]);

const at = (text: string) => Date.parse(text);
const shape = (segments: { startMs: number; endMs: number; stage: SleepStage }[]) =>
  segments.map((s) => [
    s.stage,
    new Date(s.startMs).toISOString(),
    new Date(s.endMs).toISOString(),
  ]);

describe('a night from a phone (in bed) and a watch (stages)', () => {
  const [night] = sleepNightsFromSeries([PHONE, WATCH], { timeZone: ZONE, priority: [] });

  it('is the sleep day the night ends on, from bedtime to wake time', () => {
    expect(night?.night).toBe('2026-01-15');
    expect(night?.bedtimeMs).toBe(at('2026-01-14T23:00-05:00'));
    expect(night?.wakeMs).toBe(at('2026-01-15T07:00-05:00'));
  });

  it('draws the watch stages and the phone in-bed band', () => {
    expect(night?.stages.map((s) => s.stage)).toEqual(['core', 'deep', 'rem', 'awake', 'core']);
    expect(night?.inBed).toHaveLength(1);
    expect(night?.minutes).toEqual({
      asleep: 0,
      inBed: 480,
      core: 90 + 200,
      deep: 60,
      rem: 50,
      awake: 10,
    });
    expect(night?.asleepMinutes).toBe(90 + 60 + 50 + 200);
  });
});

describe('two sources with stages for one night', () => {
  it('take each moment from the higher ranked source, the rest from the other', () => {
    const [night] = sleepNightsFromSeries([WATCH, RING], {
      timeZone: ZONE,
      priority: ['watch', 'ring'],
    });
    expect(shape(night!.stages)).toEqual([
      ['deep', '2026-01-15T04:00:00.000Z', '2026-01-15T04:10:00.000Z'], // ring, before the watch
      ['core', '2026-01-15T04:10:00.000Z', '2026-01-15T05:40:00.000Z'],
      ['deep', '2026-01-15T05:40:00.000Z', '2026-01-15T06:40:00.000Z'],
      ['rem', '2026-01-15T06:40:00.000Z', '2026-01-15T07:30:00.000Z'],
      ['awake', '2026-01-15T07:30:00.000Z', '2026-01-15T07:40:00.000Z'],
      ['core', '2026-01-15T07:40:00.000Z', '2026-01-15T11:30:00.000Z'], // the ring's last 30 min
    ]);
  });

  it('follow a reordered priority (the watch deep after the ring deep joins it)', () => {
    const [night] = sleepNightsFromSeries([WATCH, RING], {
      timeZone: ZONE,
      priority: ['ring', 'watch'],
    });
    expect(night!.stages[0]).toEqual({
      stage: 'deep',
      startMs: at('2026-01-14T23:00-05:00'),
      endMs: at('2026-01-15T01:40-05:00'),
    });
  });
});

describe('a sample across 18:00', () => {
  it('is cut there into the two sleep days, as the rollups cut it', () => {
    const nap = device('watch', [['asleep', '2026-01-15T17:00-05:00', '2026-01-15T19:00-05:00']]);
    const nights = sleepNightsFromSeries([nap], { timeZone: ZONE, priority: [] });
    expect(nights.map((n) => [n.night, n.asleepMinutes])).toEqual([
      ['2026-01-15', 60],
      ['2026-01-16', 60],
    ]);
  });
});

const ANCHOR = Date.parse('2026-11-01T22:00:00Z'); // the evening New York's clocks went back
const STEP = 15 * MINUTE;
const SOURCES = ['watch', 'phone', 'band'] as const;

const pointArbitrary = fc.record({
  source: fc.constantFrom(...SOURCES),
  stage: fc.constantFrom(...SLEEP_STAGES),
  start: fc.integer({ min: -4 * 24, max: 4 * 24 }),
  steps: fc.integer({ min: 0, max: 40 }),
});

const nightsArbitrary = fc.record({
  points: fc.uniqueArray(pointArbitrary, {
    maxLength: 30,
    selector: (p) => `${p.source}|${p.start}|${p.steps}`,
  }),
  priority: fc.shuffledSubarray([...SOURCES]),
});

type Point = typeof pointArbitrary extends fc.Arbitrary<infer T> ? T : never;

function asSeries(points: Point[]): RollupSeries[] {
  return SOURCES.map((source) => ({
    deviceId: source,
    type: 'SLEEP_ANALYSIS' as const,
    points: points
      .filter((p) => p.source === source)
      .map((p) => {
        const start = ANCHOR + p.start * STEP;
        const code = sleepStageCode(p.stage);
        const point = [start, start + p.steps * STEP, p.steps * 15] as const;
        return code === 0 ? point : ([...point, code] as const);
      }),
  }));
}

describe('nights (properties)', () => {
  it("count as asleep exactly the night's SLEEP_ANALYSIS day rollup", () => {
    fc.assert(
      fc.property(nightsArbitrary, ({ points, priority }) => {
        const series = asSeries(points);
        const options = { timeZone: ZONE, priority };
        const rollups = new Map(
          computeRollupsFromSeries(series, options)
            .filter((r) => r.period === 'day')
            .map((r) => [r.periodStart.slice(0, 10), r.value]),
        );
        const nights = new Map(
          sleepNightsFromSeries(series, options).map((n) => [n.night, n.asleepMinutes]),
        );
        for (const day of new Set([...rollups.keys(), ...nights.keys()])) {
          expect(nights.get(day) ?? 0).toBeCloseTo(rollups.get(day) ?? 0, 6);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('draw each moment once, inside its night, whatever order the series come in', () => {
    fc.assert(
      fc.property(nightsArbitrary, fc.boolean(), ({ points, priority }, reverse) => {
        const series = asSeries(points);
        const options = { timeZone: ZONE, priority };
        const nights = sleepNightsFromSeries(series, options);
        const reordered = sleepNightsFromSeries(reverse ? [...series].reverse() : series, options);
        expect(reordered).toEqual(nights);
        for (const night of nights) {
          for (const band of [night.stages, night.inBed]) {
            band.forEach((s, i) => {
              expect(s.endMs).toBeGreaterThan(s.startMs);
              expect(s.startMs).toBeGreaterThanOrEqual(night.bedtimeMs);
              expect(s.endMs).toBeLessThanOrEqual(night.wakeMs);
              if (i > 0) expect(s.startMs).toBeGreaterThanOrEqual(band[i - 1]!.endMs);
            });
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
