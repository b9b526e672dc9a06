import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SLEEP_STAGES,
  type HealthDataType,
  type HealthSample,
  type SeriesPoint,
} from '@hearth/schema';
import {
  mergeSeriesPoints,
  SeriesGrouper,
  sleepStageCode,
  type SeriesGroup,
} from '../series/index.js';
import { computeRollups, computeRollupsFromSeries } from './index.js';

/**
 * Within one device a sample is identified by (start, end): the last received replaces the
 * earlier, on every path. The server groups each inbox fold's batches with SeriesGrouper and
 * merges the groups into the stored series with mergeSeriesPoints; core's computeRollups, given
 * the same samples in received order, must reach the same figures bit for bit.
 */
const ZONE = 'Europe/Berlin';
const START = Date.parse('2026-10-24T20:00:00Z'); // the night Berlin's clocks go back
const MINUTE = 60_000;
const PRIORITY = ['watch', 'phone'];

/** A small key space, so one device often re-sends a (start, end) with another value. */
const sampleArbitrary = fc
  .record({
    type: fc.constantFrom<HealthDataType>('STEPS', 'SLEEP_ANALYSIS', 'HEART_RATE', 'WEIGHT'),
    source: fc.constantFrom('watch', 'phone', 'band'),
    start: fc.integer({ min: 0, max: 12 }).map((n) => n * 30),
    minutes: fc.constantFrom(0, 30, 60, 90),
    value: fc.integer({ min: 0, max: 100 }),
    id: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    stage: fc.option(fc.constantFrom(...SLEEP_STAGES), { nil: undefined }),
  })
  .map(({ type, source, start, minutes, value, id, stage }): HealthSample => ({
    ...(id === undefined ? {} : { id }),
    ...(stage === undefined || type !== 'SLEEP_ANALYSIS' ? {} : { sleepStage: stage }),
    type,
    value,
    unit: 'x',
    startDate: new Date(START + start * MINUTE).toISOString(),
    endDate: new Date(START + (start + minutes) * MINUTE).toISOString(),
    sourceDevice: source,
  }));

/** Batches in the order the server received them, and how its folds split them. */
const batchesArbitrary = fc.array(fc.array(sampleArbitrary, { maxLength: 12 }), {
  minLength: 1,
  maxLength: 5,
});

/** Folds a run of batches as fold-job.ts does: one grouper, then a merge into the stored series. */
function fold(stored: Map<string, SeriesGroup>, batches: readonly HealthSample[][]): void {
  const grouper = new SeriesGrouper();
  for (const batch of batches) {
    for (const s of batch) {
      const [start, end] = [Date.parse(s.startDate), Date.parse(s.endDate)];
      grouper.add(s.sourceDevice, s.type, start, end, s.value, sleepStageCode(s.sleepStage));
    }
  }
  for (const group of grouper.groups()) {
    const existing = stored.get(group.id);
    const points: SeriesPoint[] = existing
      ? mergeSeriesPoints(existing.points, group.points)
      : group.points;
    stored.set(group.id, { ...group, points });
  }
}

/** The server's stored series after folding `batches`, `perFold` batches at a time. */
function serverSeries(batches: readonly HealthSample[][], perFold: number): SeriesGroup[] {
  const stored = new Map<string, SeriesGroup>();
  for (let i = 0; i < batches.length; i += perFold) fold(stored, batches.slice(i, i + perFold));
  return [...stored.values()];
}

const text = (value: unknown) => JSON.stringify(value);

describe('one device re-sending a (start, end) with another value', () => {
  it('counts the last received, in core exactly as on the server, however folds split batches', () => {
    fc.assert(
      fc.property(batchesArbitrary, fc.integer({ min: 1, max: 5 }), (batches, perFold) => {
        const options = { timeZone: ZONE, priority: PRIORITY };
        const core = computeRollups(batches.flat(), options);
        const server = computeRollupsFromSeries(serverSeries(batches, perFold), options);
        expect(text(core)).toBe(text(server));
      }),
      { numRuns: 300 },
    );
    // Heavy on a loaded two-core machine: a time limit, not an assertion about speed.
  }, 60_000);

  it('lets a sleep sample re-sent with another stage replace the first', () => {
    const night = (sleepStage: HealthSample['sleepStage']): HealthSample => ({
      type: 'SLEEP_ANALYSIS',
      value: 480,
      unit: 'minutes',
      startDate: '2026-01-14T23:00:00.000Z',
      endDate: '2026-01-15T07:00:00.000Z',
      sourceDevice: 'phone',
      ...(sleepStage === undefined ? {} : { sleepStage }),
    });
    const dayOf = (samples: HealthSample[]) =>
      computeRollups(samples, { timeZone: 'UTC', priority: PRIORITY })
        .filter((r) => r.period === 'day')
        .map((r) => [r.value, r.sampleCount]);
    expect(dayOf([night('inBed'), night('awake')])).toEqual([]);
    expect(dayOf([night('awake'), night('inBed')])).toEqual([[480, 1]]);
    expect(dayOf([night('inBed'), night('core')])).toEqual([[480, 1]]);
    expect(dayOf([night('core'), night(undefined)])).toEqual([[480, 1]]);
  });

  it('keeps the later value for every strategy (a pinned example)', () => {
    const at = (type: HealthDataType, value: number, minutes: number): HealthSample => ({
      type,
      value,
      unit: 'x',
      startDate: new Date(START).toISOString(),
      endDate: new Date(START + minutes * MINUTE).toISOString(),
      sourceDevice: 'watch',
    });
    const rollups = computeRollups(
      [at('STEPS', 90, 30), at('STEPS', 10, 30), at('HEART_RATE', 50, 0), at('HEART_RATE', 70, 0)],
      { timeZone: ZONE, priority: PRIORITY },
    ).filter((r) => r.period === 'day');
    expect(rollups.map((r) => [r.type, r.value, r.sampleCount])).toEqual([
      ['STEPS', 10, 1],
      ['HEART_RATE', 70, 1],
    ]);
  });
});
