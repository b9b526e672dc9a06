import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SERIES_SLEEP_STAGE_CODES, type SeriesPoint } from '@hearth/schema';
import { openSeriesPoints, sealSeriesPoints } from '../series/series-codec.js';
import { mergeWithStored } from './merge-series.js';

const dataKey = randomBytes(32);
const userId = '00000000-0000-4000-8000-000000000001';
const HOUR = Date.UTC(2026, 1, 2, 1);
const key = { deviceId: 'watch', type: 'SLEEP_ANALYSIS' as const, hourStart: HOUR };
const { core, deep } = SERIES_SLEEP_STAGE_CODES;

function storedWith(points: SeriesPoint[]) {
  const payload = sealSeriesPoints(dataKey, userId, key, points);
  return [{ type: key.type, hourStart: HOUR, payload, deleted: false, removed: null }];
}

const group = (points: SeriesPoint[]) => ({ ...key, id: 'watch|SLEEP_ANALYSIS|h', points });

describe('mergeWithStored', () => {
  it('changes nothing for a re-sent batch the series already holds', () => {
    const points: SeriesPoint[] = [[HOUR, HOUR + 600_000, 600_000, deep]];
    expect(mergeWithStored(dataKey, userId, [group(points)], storedWith(points))).toEqual([]);
  });

  it('stores a point whose sleep stage alone changed', () => {
    const stored = storedWith([[HOUR, HOUR + 600_000, 600_000, core]]);
    const corrected: SeriesPoint[] = [[HOUR, HOUR + 600_000, 600_000, deep]];
    const changes = mergeWithStored(dataKey, userId, [group(corrected)], stored);
    expect(changes).toHaveLength(1);
    expect(openSeriesPoints(dataKey, userId, key, changes[0]!.payload)).toEqual(corrected);
  });
});
