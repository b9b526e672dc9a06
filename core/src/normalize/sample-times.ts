import type { SampleError } from '@hearth/schema';

/**
 * The instants every layer can store and roll up: PostgreSQL's timestamps, the rollups' zone
 * tables, the replica's indexes (client/src/db/collections.ts bounds epoch milliseconds to 2200).
 * A sample outside must be refused at the edge with its own error, never acknowledged and then
 * found unstorable by the worker (issue 14: a year-0000 sample stalled a user's pipeline).
 */
export const EARLIEST_SAMPLE_MS = Date.UTC(1900, 0, 1);
export const LATEST_SAMPLE_MS = Date.UTC(2200, 0, 1);

/** The longest a sample may span. Rollups are recomputed with one day of margin around a change. */
export const MAX_SAMPLE_SPAN_MS = 24 * 3_600_000;

/**
 * How far after `now` a sample may end: device clocks drift a little, and a sample that ends
 * later than that has not happened yet (it would count in today's total before it is true).
 */
export const MAX_FUTURE_MS = 5 * 60_000;

/** Names the two instants in messages: `startDate`/`endDate` for samples, `start`/`end` for points. */
export interface TimeNames {
  start: string;
  end: string;
}

const SAMPLE_NAMES: TimeNames = { start: 'startDate', end: 'endDate' };

/**
 * The rules on a sample's interval, the same on every path (device API, replication push,
 * manual entry, importers): inside the storable years, end not before start, at most 24 hours,
 * and, when `now` is given, ending at most 5 minutes after it. Messages name the rule broken,
 * never the dates (they are health data).
 */
export function checkSampleTimes(
  start: number,
  end: number,
  now?: number,
  names: TimeNames = SAMPLE_NAMES,
): SampleError | null {
  if (start < EARLIEST_SAMPLE_MS || end < EARLIEST_SAMPLE_MS) {
    const which = start < EARLIEST_SAMPLE_MS ? names.start : names.end;
    return {
      code: 'sample-invalid-date',
      message: `${which} is before 1900-01-01T00:00:00Z; check the device clock.`,
    };
  }
  if (start > LATEST_SAMPLE_MS || end > LATEST_SAMPLE_MS) {
    const which = start > LATEST_SAMPLE_MS ? names.start : names.end;
    return {
      code: 'sample-invalid-date',
      message: `${which} is after 2200-01-01T00:00:00Z; check the device clock.`,
    };
  }
  if (end < start) {
    return { code: 'sample-end-before-start', message: `${names.end} is before ${names.start}.` };
  }
  if (end - start > MAX_SAMPLE_SPAN_MS) {
    return {
      code: 'sample-invalid-date',
      message:
        'A sample may span at most 24 hours (rollups are recomputed with one day of margin); split longer samples.',
    };
  }
  if (now !== undefined && end > now + MAX_FUTURE_MS) {
    return {
      code: 'sample-in-future',
      message: `${names.end} is more than 5 minutes in the future; check the device clock and time zone.`,
    };
  }
  return null;
}
