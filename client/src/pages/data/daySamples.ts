import { rollupDayOf, sleepStageOfCode } from '@hearth/core';
import { isCumulativeType } from '@hearth/schema';
import type { HealthDataType, LocalDate, SleepStage } from '@hearth/schema';
import type { DeviceRow, SeriesRow } from '../../db/types.js';
import type { SampleRef } from './sampleEdits.js';

/** One row of the samples behind a day's figure. */
export type DaySample = SampleRef & {
  deviceId: string;
  value: number;
  /** Sleep only. */
  stage: SleepStage | null;
  /** The source's name; removed sources keep their data until it is deleted. */
  source: string;
  sourceRemoved: boolean;
  /** Entries made in this app can be edited; any sample can be deleted. */
  editable: boolean;
};

/**
 * The samples of `type` that count towards `day` in `timeZone`, from every source, by start time:
 * a reading in the day of its start, an amount in every day its interval overlaps (a sleep day is
 * the night ending on it, as the rollups cut it: core's rollupDayOf).
 * `series` must hold every series that can reach into the day (metricView's loadSeries does).
 */
export function daySamples(
  series: readonly SeriesRow[],
  devices: readonly DeviceRow[],
  query: { type: HealthDataType; day: LocalDate; timeZone: string },
): DaySample[] {
  const byId = new Map(devices.map((d) => [d.id, d]));
  const rows: DaySample[] = [];
  for (const s of series) {
    if (s.type !== query.type) continue;
    const device = byId.get(s.deviceId);
    for (const point of s.points) {
      const [start, end, value] = point;
      if (!countsIn(s.type, start, end, query)) continue;
      rows.push({
        seriesId: s.id,
        type: s.type,
        start,
        end,
        deviceId: s.deviceId,
        value,
        stage: s.type === 'SLEEP_ANALYSIS' ? sleepStageOfCode(point[3]) : null,
        source: device?.name ?? 'Removed source',
        sourceRemoved: !device,
        editable: device?.kind === 'manual_entry',
      });
    }
  }
  return rows.sort((a, b) => a.start - b.start || a.end - b.end || cmp(a.deviceId, b.deviceId));
}

function countsIn(
  type: HealthDataType,
  start: number,
  end: number,
  query: { day: LocalDate; timeZone: string },
): boolean {
  const first = rollupDayOf(type, start, query.timeZone);
  const last =
    isCumulativeType(type) && end > start ? rollupDayOf(type, end - 1, query.timeZone) : first;
  return first <= query.day && query.day <= last;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
