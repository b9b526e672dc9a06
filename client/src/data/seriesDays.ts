import { localDaysTouched } from '@hearth/core';
import type { SeriesPoint } from '@hearth/schema';
import type { SeriesRow } from '../db/types.js';
import { changedDay, type ChangedDay } from './localChanges.js';

/**
 * The (type, local day)s whose rollups the points of one series can move: a superset of each
 * point's `localDaysTouched`, in two calls instead of one per point. Every start lies in one UTC
 * hour, so the days of the starts are those of the first and last start, and the days a
 * cumulative sample reaches run from its start's day to a day the latest end bounds (the server
 * marks dirty days the same way, sync-server/src/rollups/dirty-days.ts).
 */
export function seriesDays(
  series: Pick<SeriesRow, 'type'> & { points: readonly SeriesPoint[] },
  timeZone: string,
): Set<ChangedDay> {
  const days = new Set<ChangedDay>();
  if (series.points.length === 0) return days;
  let minStart = Infinity;
  let maxStart = -Infinity;
  let maxEnd = -Infinity;
  for (const [start, end] of series.points) {
    if (start < minStart) minStart = start;
    if (start > maxStart) maxStart = start;
    if (end > maxEnd) maxEnd = end;
  }
  for (const start of [minStart, maxStart]) {
    for (const day of localDaysTouched(series.type, start, maxEnd, timeZone)) {
      days.add(changedDay(series.type, day));
    }
  }
  return days;
}
