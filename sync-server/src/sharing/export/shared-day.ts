import {
  formatInstant,
  resolveWallTime,
  SLEEP_DAY_START_HOUR,
  startOfLocalDate,
  addLocalDays,
  MS_PER_HOUR,
} from '@hearth/core';
import type { HealthDataType, LocalDate, SharedDataPoint } from '@hearth/schema';

/** One shared day of one type: a day rollup with the interval it covers, ready for export. */
export interface SharedDay {
  type: HealthDataType;
  /** The local date the rollup is labelled with (for sleep, the day the night ends). */
  date: LocalDate;
  /** The rollup's periodStart as the API shows it (local midnight, with its offset). */
  periodStart: string;
  /** The interval the value covers, ISO 8601 with the offsets in force. */
  start: string;
  end: string;
  value: number;
  minValue?: number;
  maxValue?: number;
  sampleCount: number;
}

/** Wall time (local clock read as if UTC) of `hour`:00 on a local date. */
function wallAt(date: LocalDate, hour: number): number {
  return Date.parse(`${date}T00:00:00Z`) + hour * MS_PER_HOUR;
}

/**
 * The instants a day rollup covers in the owner's zone: local midnight to the next local
 * midnight (23 or 25 hours across DST), except sleep, whose day D runs from 18:00 on D−1 to
 * 18:00 on D (SPECIFICATION.md §3): a clinician reading "sleep on the 8th" sees which night it was.
 */
export function dayInterval(
  type: HealthDataType,
  date: LocalDate,
  timeZone: string,
): { start: string; end: string } {
  if (type === 'SLEEP_ANALYSIS') {
    const start = resolveWallTime(wallAt(addLocalDays(date, -1), SLEEP_DAY_START_HOUR), timeZone);
    const end = resolveWallTime(wallAt(date, SLEEP_DAY_START_HOUR), timeZone);
    return { start: formatInstant(start, timeZone), end: formatInstant(end, timeZone) };
  }
  const start = startOfLocalDate(date, timeZone);
  const end = startOfLocalDate(addLocalDays(date, 1), timeZone);
  return { start: formatInstant(start, timeZone), end: formatInstant(end, timeZone) };
}

/**
 * The wire shape of a shared day (`sharedDataSchema`): no interval, just the rollup, marked
 * partial while its interval had not ended at `openedAtMs` (the viewer says "so far" and never
 * ranks it).
 */
export function toSharedDataPoint(day: SharedDay, openedAtMs: number): SharedDataPoint {
  const point: SharedDataPoint = {
    type: day.type,
    periodStart: day.periodStart,
    value: day.value,
    sampleCount: day.sampleCount,
  };
  if (day.minValue !== undefined) point.minValue = day.minValue;
  if (day.maxValue !== undefined) point.maxValue = day.maxValue;
  if (Date.parse(day.end) > openedAtMs) point.partial = true;
  return point;
}
