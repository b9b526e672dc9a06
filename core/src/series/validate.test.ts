import type { SeriesPoint } from '@hearth/schema';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../generator/index.js';
import { groupIntoSeries, validateSeriesPoints } from './index.js';

const HOUR = Date.UTC(2026, 0, 1, 10);
const DAY = 24 * 3_600_000;

function errorOf(
  type: Parameters<typeof validateSeriesPoints>[0],
  points: SeriesPoint[],
  options = {},
) {
  const result = validateSeriesPoints(type, points, options);
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('validateSeriesPoints', () => {
  it('accepts every series built from generated demo data', () => {
    const { samples } = generateDemoData({
      seed: 11,
      endDate: '2026-01-10',
      days: 3,
      timeZone: 'Europe/Berlin',
    });
    const now = Date.UTC(2026, 0, 11);
    const failures = groupIntoSeries(samples)
      .map((g) => validateSeriesPoints(g.type, g.points, { hourStart: g.hourStart, now }))
      .filter((r) => !r.ok);
    expect(failures).toEqual([]);
  });

  it('accepts an empty series', () => {
    expect(validateSeriesPoints('STEPS', [])).toEqual({ ok: true });
  });

  it('reuses the plausible ranges of normalizeSample', () => {
    expect(errorOf('HEART_RATE', [[HOUR, HOUR, 350]])).toEqual({
      ok: false,
      index: 0,
      error: {
        code: 'sample-out-of-range',
        message: 'Point 0: Heart Rate must be between 20 and 300 bpm.',
      },
    });
    expect(errorOf('OXYGEN_SATURATION', [[HOUR, HOUR, 0.97]]).error.code).toBe(
      'sample-percent-as-fraction',
    );
    // No cap per hour: 426 steps in 5 s is a real record.
    expect(validateSeriesPoints('STEPS', [[HOUR, HOUR + 5000, 426]])).toEqual({ ok: true });
    const sleepBeyondInterval = errorOf('SLEEP_ANALYSIS', [
      [HOUR, HOUR + 60_000, 1],
      [HOUR + 60_000, HOUR + 120_000, 2],
    ]);
    expect(sleepBeyondInterval.index).toBe(1);
    expect(sleepBeyondInterval.error.code).toBe('sample-out-of-range');
  });

  it('accepts a sleep stage code on sleep points only, and only a known one', () => {
    const sleep = (stage?: number): SeriesPoint =>
      stage === undefined ? [HOUR, HOUR + 60_000, 1] : [HOUR, HOUR + 60_000, 1, stage];
    for (const stage of [undefined, 1, 2, 3, 4, 5]) {
      expect(validateSeriesPoints('SLEEP_ANALYSIS', [sleep(stage)])).toEqual({ ok: true });
    }
    for (const stage of [0, 6, 1.5, -1]) {
      expect(errorOf('SLEEP_ANALYSIS', [sleep(stage)]).error).toEqual({
        code: 'sample-invalid-stage',
        message: 'Point 0: the stage code must be an integer from 1 to 5 (asleep has none).',
      });
    }
    expect(errorOf('STEPS', [[HOUR, HOUR + 60_000, 1, 2]]).error).toEqual({
      code: 'sample-invalid-stage',
      message: 'Point 0: only sleep points carry a stage (a 4th element).',
    });
  });

  it('rejects points out of order or duplicated', () => {
    const message = 'Point 1: points must be sorted by (start, end) with no two alike.';
    for (const points of [
      [
        [HOUR + 10, HOUR + 20, 1],
        [HOUR, HOUR + 20, 1],
      ],
      [
        [HOUR, HOUR + 20, 1],
        [HOUR, HOUR + 10, 1],
      ],
      [
        [HOUR, HOUR + 20, 1],
        [HOUR, HOUR + 20, 2],
      ],
    ] as SeriesPoint[][]) {
      expect(errorOf('STEPS', points)).toEqual({
        ok: false,
        index: 1,
        error: { code: 'sample-invalid-shape', message },
      });
    }
  });

  it('rejects bad times: not integers, end before start, over 24 h, outside the hour, future', () => {
    const cases: Array<[SeriesPoint, string, string, object?]> = [
      [
        [HOUR + 0.5, HOUR + 1, 1],
        'sample-invalid-date',
        'start and end must be epoch milliseconds.',
      ],
      [[HOUR, HOUR - 1, 1], 'sample-end-before-start', 'end is before start.'],
      [
        [HOUR, HOUR + DAY + 1, 1],
        'sample-invalid-date',
        'A sample may span at most 24 hours (rollups are recomputed with one day of margin); split longer samples.',
      ],
      [
        [Date.UTC(1899, 11, 31), Date.UTC(1899, 11, 31), 1],
        'sample-invalid-date',
        'start is before 1900-01-01T00:00:00Z; check the device clock.',
      ],
      [
        [Date.UTC(9999, 0, 1), Date.UTC(9999, 0, 1), 1],
        'sample-invalid-date',
        'start is after 2200-01-01T00:00:00Z; check the device clock.',
      ],
      [
        [HOUR + 3_600_000, HOUR + 3_600_000, 1],
        'sample-invalid-date',
        `start lies outside the series hour [${HOUR}, ${HOUR + 3_600_000}).`,
        { hourStart: HOUR },
      ],
      [
        [HOUR - 60_000, HOUR + 5 * 60_000 + 1, 1],
        'sample-in-future',
        'end is more than 5 minutes in the future; check the device clock and time zone.',
        { now: HOUR },
      ],
      [[HOUR, HOUR, Number.NaN], 'sample-invalid-value', 'value must be a finite number.'],
    ];
    for (const [point, code, message, options] of cases) {
      expect(errorOf('STEPS', [point], options).error).toEqual({
        code,
        message: `Point 0: ${message}`,
      });
    }
    expect(
      validateSeriesPoints('STEPS', [[HOUR, HOUR + DAY, 1]], {
        hourStart: HOUR,
        now: HOUR + DAY - 5 * 60_000,
      }),
    ).toEqual({
      ok: true,
    });
  });
});
