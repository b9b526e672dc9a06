import type { AggregationPeriod, LocalDate } from '@hearth/schema';
import {
  civilFromDays,
  daysFromCivil,
  isoWeekday,
  localDateToDayNumber,
  MS_PER_DAY,
  MS_PER_HOUR,
} from './civil.js';
import { resolveWallTime } from './local-time.js';
import { zoneOffsets } from './zone-offsets.js';

/**
 * Buckets are the maximal intervals of time over which the local clock, floored to the period,
 * stays the same. Days, weeks and months therefore run across a DST change (23- and 25-hour days);
 * an hour bucket also ends at every offset change, so the repeated autumn hour is two buckets
 * (01:00-04:00 and 01:00-05:00). A local midnight that does not exist starts its day at the first
 * instant that does.
 */

/** Floors a wall time (see `wallTimeOf`) to the start of its period. */
export function floorWallTime(period: AggregationPeriod, wall: number): number {
  switch (period) {
    case 'hour':
      return Math.floor(wall / MS_PER_HOUR) * MS_PER_HOUR;
    case 'day':
      return Math.floor(wall / MS_PER_DAY) * MS_PER_DAY;
    case 'week': {
      const dayNumber = Math.floor(wall / MS_PER_DAY);
      return (dayNumber - (isoWeekday(dayNumber) - 1)) * MS_PER_DAY;
    }
    case 'month': {
      const { year, month } = civilFromDays(Math.floor(wall / MS_PER_DAY));
      return daysFromCivil(year, month, 1) * MS_PER_DAY;
    }
  }
}

/** The floored wall time one period after `flooredWall`. */
function nextWallTime(period: AggregationPeriod, flooredWall: number): number {
  switch (period) {
    case 'hour':
      return flooredWall + MS_PER_HOUR;
    case 'day':
      return flooredWall + MS_PER_DAY;
    case 'week':
      return flooredWall + 7 * MS_PER_DAY;
    case 'month': {
      const { year, month } = civilFromDays(Math.floor(flooredWall / MS_PER_DAY));
      return (
        daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) * MS_PER_DAY
      );
    }
  }
}

/** Offset changes within one bucket are a handful at most; more means a broken offset table. */
const MAX_TRANSITIONS_PER_BUCKET = 16;

/** Start instant of the bucket of `period` holding the instant `ms`. */
export function bucketStart(period: AggregationPeriod, ms: number, timeZone: string): number {
  const zone = zoneOffsets(timeZone);
  let t = ms;
  for (let i = 0; i < MAX_TRANSITIONS_PER_BUCKET; i++) {
    const offset = zone.offsetAt(t);
    const floored = floorWallTime(period, t + offset);
    const candidate = floored - offset;
    // An offset change exactly at the candidate matters too: the clock may have shown the same
    // floored time just before it (the repeated midnight hour of America/Havana).
    const transition = zone.lastTransitionIn(candidate - 1, t);
    if (Number.isNaN(transition)) return candidate;
    if (period === 'hour') return transition;
    // The bucket runs back across the offset change only if the clock just before it showed
    // the same day/week/month; after a skipped midnight it did not, so the bucket starts here.
    const before = transition - 1;
    if (floorWallTime(period, before + zone.offsetAt(before)) !== floored) return transition;
    t = before;
  }
  throw new Error(`Too many offset changes in one ${period} of ${timeZone}`);
}

/** Start instant of the bucket after the one starting at `start` (a `bucketStart` result). */
export function nextBucketStart(
  period: AggregationPeriod,
  start: number,
  timeZone: string,
): number {
  const zone = zoneOffsets(timeZone);
  let from = start;
  let offset = zone.offsetAt(start);
  const floored = floorWallTime(period, start + offset);
  const target = nextWallTime(period, floored);
  for (let i = 0; i < MAX_TRANSITIONS_PER_BUCKET; i++) {
    const reached = target - offset;
    const transition = zone.firstTransitionIn(from, reached);
    if (Number.isNaN(transition)) return reached;
    if (period === 'hour') return transition;
    offset = zone.offsetAt(transition);
    // A change that sets the clock back within the same day (autumn) continues the bucket;
    // one that jumps past its end (spring, skipped midnight) starts the next one right there.
    if (floorWallTime(period, transition + offset) !== floored) return transition;
    from = transition;
  }
  throw new Error(`Too many offset changes in one ${period} of ${timeZone}`);
}

/** End of the bucket holding `ms` is `nextBucketStart(period, bucketStart(...))`; shorthands: */
export function hourStart(ms: number, timeZone: string): number {
  return bucketStart('hour', ms, timeZone);
}
export function dayStart(ms: number, timeZone: string): number {
  return bucketStart('day', ms, timeZone);
}
/** ISO week: Monday 00:00 local. */
export function weekStart(ms: number, timeZone: string): number {
  return bucketStart('week', ms, timeZone);
}
export function monthStart(ms: number, timeZone: string): number {
  return bucketStart('month', ms, timeZone);
}

/**
 * Start instant of a local date: its midnight, or the first instant after a midnight that does not
 * exist. A date the zone skipped entirely (Pacific/Apia, 2011-12-30) gives the next day's start.
 */
export function startOfLocalDate(date: LocalDate, timeZone: string): number {
  const midnight = localDateToDayNumber(date) * MS_PER_DAY;
  return bucketStart('day', resolveWallTime(midnight, timeZone), timeZone);
}
