import { isCumulativeType, type HealthDataType, type LocalDate } from '@hearth/schema';
import {
  addLocalDays,
  dayNumberToLocalDate,
  localDatesBetween,
  MS_PER_DAY,
  MS_PER_HOUR,
} from './civil.js';
import { startOfLocalDate } from './buckets.js';
import { wallTimeOf } from './local-time.js';

/**
 * Sleep is attributed to the night it ends: the sleep day D runs from 18:00 on D−1 to 18:00 on D
 * (local clock). Shifting the wall clock by six hours turns that into an ordinary date.
 */
export const SLEEP_DAY_START_HOUR = 18;
const SLEEP_SHIFT_MS = (24 - SLEEP_DAY_START_HOUR) * MS_PER_HOUR;

/** Longest sample the rollups are exact for when recomputing a few days (normalisation caps it). */
export const MAX_SAMPLE_DURATION_MS = 24 * MS_PER_HOUR;

/** The sleep day an instant belongs to. */
export function sleepDayOf(ms: number, timeZone: string): LocalDate {
  return dayNumberToLocalDate(Math.floor((wallTimeOf(ms, timeZone) + SLEEP_SHIFT_MS) / MS_PER_DAY));
}

/** The rollup day of an instant for a type: the sleep day for SLEEP_ANALYSIS, else the local date. */
export function rollupDayOf(type: HealthDataType, ms: number, timeZone: string): LocalDate {
  return type === 'SLEEP_ANALYSIS'
    ? sleepDayOf(ms, timeZone)
    : dayNumberToLocalDate(Math.floor(wallTimeOf(ms, timeZone) / MS_PER_DAY));
}

/**
 * The (sleep) days whose rollups a sample of `type` over [startMs, endMs) can change, i.e. the days
 * to recompute when such a sample is added, replaced or removed.
 *
 * A discrete sample counts only in the day of its start. A cumulative sample changes the days it
 * overlaps, and also the sample counts of later days: a lower-priority sample that overlaps it is
 * counted in the day of the first instant it owns, which this sample can move to any point before
 * that sample's end — at most MAX_SAMPLE_DURATION_MS after this sample's end.
 */
export function localDaysTouched(
  type: HealthDataType,
  startMs: number,
  endMs: number,
  timeZone: string,
): LocalDate[] {
  const first = rollupDayOf(type, startMs, timeZone);
  if (!isCumulativeType(type) || endMs <= startMs) return [first];
  const last = rollupDayOf(type, endMs + MAX_SAMPLE_DURATION_MS - 1, timeZone);
  return last > first ? localDatesBetween(first, last) : [first];
}

/**
 * The instants [startMs, endMs) whose samples must all be loaded to recompute `days` of `type`
 * exactly: a day's sums depend on the samples overlapping it, its counts on every sample
 * overlapping those (each at most MAX_SAMPLE_DURATION_MS long). Load samples with
 * `start < endMs && end >= startMs`; then keep only the requested days' buckets.
 */
export function sampleWindowForDays(
  type: HealthDataType,
  days: readonly LocalDate[],
  timeZone: string,
): { startMs: number; endMs: number } {
  if (days.length === 0) return { startMs: 0, endMs: 0 };
  const sorted = [...days].sort();
  // A sleep day begins at 18:00 the evening before: starting a calendar day earlier covers it.
  const firstDay = type === 'SLEEP_ANALYSIS' ? addLocalDays(sorted[0] as LocalDate, -1) : sorted[0];
  const afterLast = addLocalDays(sorted[sorted.length - 1] as LocalDate, 1);
  return {
    startMs: startOfLocalDate(firstDay as LocalDate, timeZone) - MAX_SAMPLE_DURATION_MS,
    endMs: startOfLocalDate(afterLast, timeZone) + MAX_SAMPLE_DURATION_MS,
  };
}
