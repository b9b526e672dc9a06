import { describe, expect, it } from 'vitest';
import type { DeviceRow, SeriesRow } from '../../db/types.js';
import { daySamples } from './daySamples.js';

const HOUR = 3_600_000;
const device = (id: string, kind: DeviceRow['kind'], name: string): DeviceRow => ({
  id,
  kind,
  name,
  lastSyncAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const series = (
  deviceId: string,
  type: SeriesRow['type'],
  hourStart: number,
  points: SeriesRow['points'],
): SeriesRow => ({
  id: `${deviceId}|${type}|${hourStart}`,
  deviceId,
  type,
  hourStart,
  points,
  updatedAt: '',
});

const DEVICES = [device('w', 'apple_watch', 'Watch'), device('m', 'manual_entry', 'Entries')];
// 1 March 2026, 23:30 UTC is 2 March 00:30 in Berlin.
const H = Date.parse('2026-03-01T23:00:00Z');

describe('daySamples', () => {
  it("lists the day's samples in the person's zone, by start, with their source", () => {
    const rows = daySamples(
      [
        series('w', 'STEPS', H, [[H + 1_800_000, H + 2_100_000, 30]]),
        series('m', 'STEPS', H - 2 * HOUR, [[H - 2 * HOUR, H - 2 * HOUR + 60_000, 5]]),
        series('gone', 'STEPS', H + HOUR, [[H + HOUR, H + HOUR + 60_000, 9]]),
        series('w', 'HEART_RATE', H, [[H + 1_800_000, H + 1_800_000, 60]]),
      ],
      DEVICES,
      { type: 'STEPS', day: '2026-03-02', timeZone: 'Europe/Berlin' },
    );
    expect(rows.map((r) => [r.value, r.source, r.sourceRemoved, r.editable])).toEqual([
      [30, 'Watch', false, false],
      [9, 'Removed source', true, false],
    ]);
  });

  it('cuts a sleep day as the night that ends on it and names the stage', () => {
    const evening = Date.parse('2026-03-01T21:00:00Z');
    const rows = daySamples(
      [series('m', 'SLEEP_ANALYSIS', evening, [[evening, evening + HOUR, 60, 3]])],
      DEVICES,
      { type: 'SLEEP_ANALYSIS', day: '2026-03-02', timeZone: 'Europe/Berlin' },
    );
    expect(rows.map((r) => [r.value, r.editable, typeof r.stage])).toEqual([[60, true, 'string']]);
  });
});
