import {
  MAX_SERIES_SLEEP_STAGE_CODE,
  type HealthDataType,
  type SampleError,
  type SampleErrorCode,
  type SeriesPoint,
} from '@hearth/schema';
import { checkPlausibleValue, checkSampleTimes } from '../normalize/index.js';
import { comparePoints } from './points.js';
import { MS_PER_HOUR, utcHourStart } from './series-key.js';

export type SeriesValidation = { ok: true } | { ok: false; index: number; error: SampleError };

export interface SeriesValidationOptions {
  /** The series' hour: every point must start inside it. */
  hourStart?: number;
  /** The current time (epoch ms); without it the "in the future" check is skipped (core has no clock). */
  now?: number;
}

const POINT_NAMES = { start: 'start', end: 'end' };

const invalid = (index: number, code: SampleErrorCode, message: string): SeriesValidation => ({
  ok: false,
  index,
  error: { code, message: `Point ${index}: ${message}` },
});

/** Why a point's 4th element (its sleep stage code, schema/src/series.ts) is wrong, or null. */
function checkStage(type: HealthDataType, stage: number | undefined): string | null {
  if (stage === undefined) return null;
  if (type !== 'SLEEP_ANALYSIS') return 'only sleep points carry a stage (a 4th element).';
  if (!Number.isInteger(stage) || stage < 1 || stage > MAX_SERIES_SLEEP_STAGE_CODE) {
    return `the stage code must be an integer from 1 to ${MAX_SERIES_SLEEP_STAGE_CODE} (asleep has none).`;
  }
  return null;
}

/**
 * Checks the points of a series with the same rules `normalizeSample` applies to a sample (the
 * values are already canonical), plus the series' own invariants: sorted by (start, end), unique,
 * and starting inside the series hour. Reports the first bad point.
 */
export function validateSeriesPoints(
  type: HealthDataType,
  points: readonly SeriesPoint[],
  options: SeriesValidationOptions = {},
): SeriesValidation {
  for (let index = 0; index < points.length; index++) {
    const point = points[index]!;
    const [start, end, value] = point;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
      return invalid(index, 'sample-invalid-date', 'start and end must be epoch milliseconds.');
    }
    if (!Number.isFinite(value)) {
      return invalid(index, 'sample-invalid-value', 'value must be a finite number.');
    }
    if (options.hourStart !== undefined && utcHourStart(start) !== options.hourStart) {
      const hour = `[${options.hourStart}, ${options.hourStart + MS_PER_HOUR})`;
      return invalid(index, 'sample-invalid-date', `start lies outside the series hour ${hour}.`);
    }
    const timesError = checkSampleTimes(start, end, options.now, POINT_NAMES);
    if (timesError) return invalid(index, timesError.code, timesError.message);
    const previous = points[index - 1];
    if (previous && comparePoints(previous, point) >= 0) {
      return invalid(
        index,
        'sample-invalid-shape',
        'points must be sorted by (start, end) with no two alike.',
      );
    }
    const stageError = checkStage(type, point[3]);
    if (stageError) return invalid(index, 'sample-invalid-stage', stageError);
    const rangeError = checkPlausibleValue(type, value, end - start);
    if (rangeError) return invalid(index, rangeError.code, rangeError.message);
  }
  return { ok: true };
}
