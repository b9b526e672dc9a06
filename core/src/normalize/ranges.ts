import { METRIC_CONFIG, type HealthDataType, type SampleError } from '@hearth/schema';

/**
 * The values each type can hold at all, in canonical units. These rules refuse only what no
 * device can have measured (a negative count, a percentage above 100, a heart rate no heart
 * beats at): plausibility must never refuse a real record, and real records are odder than one
 * would guess (old iPhones wrote 426 steps in 5 s, and Apple Health counts them). The ceilings
 * are generous physical limits that no real record reaches; they exist so a unit mistake or a
 * garbage number (1e308) cannot overflow the sums of a rollup.
 */
export interface PlausibleRange {
  min: number;
  /** When true, `min` itself is refused (a weight of 0 kg is no measurement). */
  minExclusive?: boolean;
  max: number;
}

export const PLAUSIBLE_RANGES: Readonly<Record<HealthDataType, PlausibleRange>> = {
  // No cap per hour: devices batch steps into short records. A sample spans at most 24 hours,
  // and a million steps in a day is over 11 steps a second, every second.
  STEPS: { min: 0, max: 1_000_000 },
  // About twice the 24-hour cycling record (~1,026 km): no record of a day's movement is longer.
  DISTANCE: { min: 0, max: 2_000_000 },
  // Below 20 bpm no one is conscious enough to wear a sensor; above 300 no human heart beats.
  HEART_RATE: { min: 20, max: 300 },
  RESTING_HEART_RATE: { min: 20, max: 300 },
  // A weight of 0 is no reading; the heaviest person on record weighed ~635 kg.
  WEIGHT: { min: 0, minExclusive: true, max: 1000 },
  // Essential fat alone is 2–5 %, so 1 % or less is a fraction sent as `%` (see below).
  BODY_FAT: { min: 1, minExclusive: true, max: 100 },
  // Bounded by its own interval in `checkPlausibleValue`; a sample spans at most 24 hours.
  SLEEP_ANALYSIS: { min: 0, max: 1440 },
  // Over twice the most energy measured in a day of ultra-endurance racing (~20,000 kcal).
  ACTIVE_ENERGY: { min: 0, max: 50_000 },
  // No oximeter reports 1 % or less: such a value is a fraction sent as `%`.
  OXYGEN_SATURATION: { min: 1, minExclusive: true, max: 100 },
  // Nearly twice the highest glucose a person has survived (2,656 mg/dL, 147.6 mmol/L).
  BLOOD_GLUCOSE: { min: 0, max: 5000 },
};

/**
 * Slack for sleep minutes against the interval: a value converted from `h` or `hr` may come out
 * a rounding error above the interval's exact minutes. One millisecond is far above that error
 * and far below any real difference.
 */
const SLEEP_SLACK_MS = 1;

function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function rangeMessage(type: HealthDataType, range: PlausibleRange): string {
  const { displayName, unit } = METRIC_CONFIG[type];
  if (type === 'SLEEP_ANALYSIS') {
    return `${displayName} must be at least 0 ${unit} and at most the sample's own interval (endDate − startDate).`;
  }
  if (range.minExclusive) {
    return `${displayName} must be more than ${range.min} and at most ${formatNumber(range.max)} ${unit}.`;
  }
  return `${displayName} must be between ${range.min} and ${formatNumber(range.max)} ${unit}.`;
}

function upperBound(type: HealthDataType, range: PlausibleRange, durationMs: number): number {
  if (type === 'SLEEP_ANALYSIS') return (durationMs + SLEEP_SLACK_MS) / 60_000;
  return range.max;
}

function inRange(range: PlausibleRange, max: number, value: number): boolean {
  const aboveMin = range.minExclusive ? value > range.min : value >= range.min;
  return aboveMin && value <= max;
}

/**
 * Checks a canonical value against what its type can hold. `unitSent` is the unit the value
 * arrived in, if known: a `%` value of 1 or less whose hundredfold would be valid was almost
 * certainly sent as a fraction, and the message says how to fix it.
 */
export function checkPlausibleValue(
  type: HealthDataType,
  value: number,
  durationMs: number,
  unitSent?: string,
): SampleError | null {
  const range = PLAUSIBLE_RANGES[type];
  const max = upperBound(type, range, durationMs);
  if (inRange(range, max, value)) return null;
  const isPercent = METRIC_CONFIG[type].unit === '%';
  if (isPercent && unitSent !== 'fraction' && value > 0 && value <= 1) {
    if (inRange(range, max, value * 100)) {
      return {
        code: 'sample-percent-as-fraction',
        message: `${METRIC_CONFIG[type].displayName} in % must be more than ${range.min} and at most ${max}; a value of 1 or less looks like a fraction: send unit "fraction", or multiply by 100 and send "%".`,
      };
    }
  }
  const hint =
    isPercent && unitSent === 'fraction' && value > 100
      ? ' With unit "fraction" send a value from 0 to 1, or send unit "%" for 0–100.'
      : '';
  return { code: 'sample-out-of-range', message: rangeMessage(type, range) + hint };
}
