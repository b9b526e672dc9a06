import { describe, expect, it } from 'vitest';
import { SERIES_SLEEP_STAGE_CODES, type SeriesDoc, type SeriesPoint } from '@hearth/schema';
import { touchedDays } from './series.collection.js';

const HOUR = Date.UTC(2026, 1, 2, 1);
const MINUTES_10 = 600_000;
const { core, deep } = SERIES_SLEEP_STAGE_CODES;

const sleep = (points: SeriesPoint[]): SeriesDoc => ({
  id: `watch|SLEEP_ANALYSIS|${HOUR}`,
  deviceId: 'watch',
  type: 'SLEEP_ANALYSIS',
  hourStart: HOUR,
  points,
  updatedAt: '2026-02-02T02:00:00.000Z',
  _deleted: false,
});

const write = (before: SeriesPoint[], after: SeriesPoint[]) => ({
  master: sleep(before),
  assumed: sleep(before),
  next: sleep(after),
});

describe('touchedDays', () => {
  const first: SeriesPoint = [HOUR, HOUR + MINUTES_10, MINUTES_10, core];
  const second: SeriesPoint = [HOUR + MINUTES_10, HOUR + 2 * MINUTES_10, MINUTES_10];

  it('marks no day for a push that changes no point', () => {
    expect(touchedDays([write([first, second], [first, second])], 'UTC')).toEqual([]);
  });

  it('marks the day of a point added', () => {
    const days = touchedDays([write([first], [first, second])], 'UTC');
    expect(days.map((d) => d.localDay)).toContain('2026-02-02');
  });

  it('marks the day of a point whose sleep stage alone changed', () => {
    const corrected: SeriesPoint = [HOUR, HOUR + MINUTES_10, MINUTES_10, deep];
    const days = touchedDays([write([first, second], [corrected, second])], 'UTC');
    expect(days.map((d) => d.localDay)).toContain('2026-02-02');
  });
});
