import type { HealthDataType } from '@hearth/schema';

/** Health Auto Export's metric names (its JSON `name`) of the ten types Hearth stores. */
export const HAE_METRIC_TYPES: Readonly<Record<string, HealthDataType>> = {
  step_count: 'STEPS',
  walking_running_distance: 'DISTANCE',
  heart_rate: 'HEART_RATE',
  resting_heart_rate: 'RESTING_HEART_RATE',
  weight_body_mass: 'WEIGHT',
  body_fat_percentage: 'BODY_FAT',
  sleep_analysis: 'SLEEP_ANALYSIS',
  active_energy: 'ACTIVE_ENERGY',
  blood_oxygen_saturation: 'OXYGEN_SATURATION',
  blood_glucose: 'BLOOD_GLUCOSE',
};

/**
 * Its unit spellings that the device API spells differently; every other unit (`count`, `km`,
 * `mi`, `count/min`, `kg`, `lb`, `kcal`, `kJ`, `min`, `mg/dL`, `mmol/L`) is the API's own, and an
 * unknown one goes through as is, to be refused with `sample-unknown-unit` and its reason.
 */
const UNIT_SPELLINGS: Readonly<Record<string, string>> = {
  hr: 'h',
  hrs: 'h',
  'mmol/l': 'mmol/L',
  'mg/dl': 'mg/dL',
};

/**
 * The device API's unit for a value in Health Auto Export's `unit`. Percentages: HAE's JSON
 * writes `%` values on the 0–100 scale (97 for SpO2), but HealthKit holds fractions and some
 * versions and preferences pass them through (0.97); no real SpO2 or body fat is at or below 1 %,
 * so a `%` value of at most 1 is read as a fraction rather than refused.
 */
export function apiUnit(unit: string, value: number): string {
  if (unit === '%') return value <= 1 ? 'fraction' : '%';
  return UNIT_SPELLINGS[unit] ?? unit;
}

/** Interval of one aggregated point (HAE's "Aggregation"/"Interval" setting of the automation). */
export const HAE_AGGREGATIONS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type HaeAggregation = (typeof HAE_AGGREGATIONS)[number];

export const AGGREGATION_MS: Readonly<Record<HaeAggregation, number>> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};
