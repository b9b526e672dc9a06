// Time-zone arithmetic over epoch milliseconds and IANA zone names, using only `Intl`.
export { TimeError, type TimeErrorCode } from './errors.js';
export {
  MS_PER_DAY,
  MS_PER_HOUR,
  addLocalDays,
  daysBetweenLocalDates,
  isoWeekStartDate,
  localDatesBetween,
  monthStartDate,
} from './civil.js';
export { parseInstant } from './instant.js';
export { formatInstant, localDateOf, offsetAt, resolveWallTime, wallTimeOf } from './local-time.js';
export {
  bucketStart,
  dayStart,
  floorWallTime,
  hourStart,
  monthStart,
  nextBucketStart,
  startOfLocalDate,
  weekStart,
} from './buckets.js';
export {
  MAX_SAMPLE_DURATION_MS,
  SLEEP_DAY_START_HOUR,
  localDaysTouched,
  rollupDayOf,
  sampleWindowForDays,
  sleepDayOf,
} from './rollup-days.js';
