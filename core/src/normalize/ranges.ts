import { METRIC_CONFIG, type HealthDataType, type SampleError } from '@hearth/schema';

/**
 * Plausible values per type, in canonical units. A value outside is far more likely a unit or
 * device error than a measurement. `maxPerHour` bounds amounts by the sample's duration.
 */
export interface PlausibleRange {
  min: number;
  max?: number;
  maxPerHour?: number;
}

export const PLAUSIBLE_RANGES: Readonly<Record<HealthDataType, PlausibleRange>> = {
  // 20,000 steps an hour is 333 a minute, above a sprinter's cadence held for a whole hour.
  STEPS: { min: 0, maxPerHour: 20_000 },
  // Above a day's ultra-cycling record: anything larger is a unit error (or would overflow sums).
  DISTANCE: { min: 0, max: 1_000_000 },
  HEART_RATE: { min: 20, max: 300 },
  RESTING_HEART_RATE: { min: 20, max: 200 },
  WEIGHT: { min: 1, max: 500 },
  BODY_FAT: { min: 2, max: 75 },
  // A sample spans at most 24 hours, so it cannot hold more than a day of sleep.
  SLEEP_ANALYSIS: { min: 0, max: 1440 },
  ACTIVE_ENERGY: { min: 0, max: 20_000 },
  OXYGEN_SATURATION: { min: 50, max: 100 },
  BLOOD_GLUCOSE: { min: 10, max: 1000 },
};

/** The longest a sample may span. Rollups are recomputed with one day of margin around a change. */
export const MAX_SAMPLE_SPAN_MS = 24 * 3_600_000;

const MS_PER_HOUR = 3_600_000;
/** Amounts bounded per hour are judged over at least a minute, so instants are not held to 0. */
const MIN_RATE_WINDOW_MS = 60_000;

function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function rangeMessage(type: HealthDataType, range: PlausibleRange): string {
  const { displayName, unit } = METRIC_CONFIG[type];
  if (range.maxPerHour !== undefined) {
    return `${displayName} must be at least ${range.min} and at most ${formatNumber(range.maxPerHour)} ${unit} per hour of the sample's duration.`;
  }
  if (range.max === undefined) return `${displayName} must be at least ${range.min} ${unit}.`;
  return `${displayName} must be between ${range.min} and ${formatNumber(range.max)} ${unit}.`;
}

function upperBound(range: PlausibleRange, durationMs: number): number {
  if (range.maxPerHour !== undefined) {
    return (range.maxPerHour * Math.max(durationMs, MIN_RATE_WINDOW_MS)) / MS_PER_HOUR;
  }
  return range.max ?? Infinity;
}

/**
 * Checks a canonical value against its type's plausible range. `unitSent` is the unit the value
 * arrived in, if known: a `%` value of 1 or less whose hundredfold would be plausible was almost
 * certainly sent as a fraction, and the message says how to fix it.
 */
export function checkPlausibleValue(
  type: HealthDataType,
  value: number,
  durationMs: number,
  unitSent?: string,
): SampleError | null {
  const range = PLAUSIBLE_RANGES[type];
  const max = upperBound(range, durationMs);
  if (value >= range.min && value <= max) return null;
  const isPercent = METRIC_CONFIG[type].unit === '%';
  if (isPercent && unitSent !== 'fraction' && value > 0 && value <= 1) {
    if (value * 100 >= range.min && value * 100 <= max) {
      return {
        code: 'sample-percent-as-fraction',
        message: `${METRIC_CONFIG[type].displayName} in % must be between ${range.min} and ${max}; a value of 1 or less looks like a fraction: send unit "fraction", or multiply by 100 and send "%".`,
      };
    }
  }
  const hint =
    isPercent && unitSent === 'fraction' && value > 100
      ? ' With unit "fraction" send a value from 0 to 1, or send unit "%" for 0–100.'
      : '';
  return { code: 'sample-out-of-range', message: rangeMessage(type, range) + hint };
}
