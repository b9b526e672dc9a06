import { describe, expect, it } from 'vitest';
import { SERIES_SLEEP_STAGE_CODES, type SeriesPoint } from '@hearth/schema';
import { PENDING_UPDATED_AT, type SeriesRow } from '../db/types.js';
import { seriesConflictHandler } from './conflicts.js';

const HOUR = Date.UTC(2026, 1, 2, 1);
const { core, deep } = SERIES_SLEEP_STAGE_CODES;
const at = (stage: number): SeriesPoint => [HOUR, HOUR + 600_000, 600_000, stage];

const sleep = (points: SeriesPoint[], updatedAt = '2026-02-02T02:00:00.000Z') => ({
  id: `watch|SLEEP_ANALYSIS|${HOUR}`,
  deviceId: 'watch',
  type: 'SLEEP_ANALYSIS' as const,
  hourStart: HOUR,
  points,
  updatedAt,
  _deleted: false,
});

const resolve = (master: SeriesRow & { _deleted: boolean }, local: typeof master) =>
  seriesConflictHandler.resolve({ realMasterState: master, newDocumentState: local }, 'test');

describe('seriesConflictHandler', () => {
  it('tells apart two states whose points differ in their sleep stage alone', () => {
    expect(seriesConflictHandler.isEqual(sleep([at(core)]), sleep([at(core)]), 'test')).toBe(true);
    expect(seriesConflictHandler.isEqual(sleep([at(core)]), sleep([at(deep)]), 'test')).toBe(false);
  });

  it('keeps a stage corrected on this device, to upload, over the server’s', async () => {
    const resolved = await resolve(sleep([at(core)]), sleep([at(deep)], PENDING_UPDATED_AT));
    expect(resolved.points).toEqual([at(deep)]);
    expect(resolved.updatedAt).toBe(PENDING_UPDATED_AT);
  });

  it('takes the server’s state when it already holds every local point', async () => {
    const master = sleep([at(deep)]);
    expect(await resolve(master, sleep([at(deep)], PENDING_UPDATED_AT))).toBe(master);
  });
});
