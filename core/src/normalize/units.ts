import { HEALTH_DATA_TYPES, METRIC_CONFIG, type HealthDataType } from '@hearth/schema';

/**
 * Every conversion here is linear, so one factor serves both directions: `times` multiplies into
 * the canonical unit and `per` divides into it (kept apart so 1000 kJ is exactly 1000 / 4.184 kcal,
 * not 1000 × a rounded reciprocal). display-units.ts inverts the same entries.
 */
export type Conversion = { readonly times: number } | { readonly per: number };

const same: Conversion = { times: 1 };
const times = (factor: number): Conversion => ({ times: factor });
const per = (factor: number): Conversion => ({ per: factor });
const beatsPerMinute: Array<[string, Conversion]> = [
  ['bpm', same],
  ['count/min', same],
  ['/min', same],
];
const percent: Array<[string, Conversion]> = [
  ['%', same],
  // `fraction` means 0–1, as HealthKit reports percentages.
  ['fraction', times(100)],
];
/** mg/dL per mmol/L of glucose (molar mass 180.15588 g/mol), the factor Apple Health uses. */
export const GLUCOSE_MGDL_PER_MMOLL = 18.01558800000541;

/**
 * Accepted input units per type and their exact conversion to the canonical unit (listed first,
 * so a canonical sample re-sent as is is always accepted). Case matters: `Cal` is a kilocalorie.
 */
export const CONVERSIONS: Readonly<Record<HealthDataType, ReadonlyMap<string, Conversion>>> = {
  STEPS: new Map([
    ['steps', same],
    ['count', same],
  ]),
  DISTANCE: new Map([
    ['meters', same],
    ['m', same],
    ['cm', per(100)],
    ['km', times(1000)],
    ['mi', times(1609.344)],
    ['ft', times(0.3048)],
    ['yd', times(0.9144)],
  ]),
  HEART_RATE: new Map(beatsPerMinute),
  RESTING_HEART_RATE: new Map(beatsPerMinute),
  WEIGHT: new Map([
    ['kg', same],
    ['g', per(1000)],
    ['lb', times(0.45359237)],
    ['st', times(6.35029318)],
  ]),
  BODY_FAT: new Map(percent),
  OXYGEN_SATURATION: new Map(percent),
  SLEEP_ANALYSIS: new Map([
    ['minutes', same],
    ['min', same],
    ['h', times(60)],
    // Apple Health's and Health Auto Export's spelling of hours.
    ['hr', times(60)],
    ['s', per(60)],
  ]),
  ACTIVE_ENERGY: new Map([
    ['kcal', same],
    ['Cal', same],
    ['kJ', per(4.184)],
    ['J', per(4184)],
  ]),
  BLOOD_GLUCOSE: new Map([
    ['mg/dL', same],
    ['mmol/L', times(GLUCOSE_MGDL_PER_MMOLL)],
    ['mmol<180.1558800000541>/L', times(GLUCOSE_MGDL_PER_MMOLL)],
  ]),
};

/** Units a sample of each type may be sent in, canonical unit first (for manual-entry forms). */
export const ACCEPTED_UNITS: Readonly<Record<HealthDataType, readonly string[]>> = (() => {
  const units = {} as Record<HealthDataType, readonly string[]>;
  for (const type of HEALTH_DATA_TYPES) units[type] = Object.freeze([...CONVERSIONS[type].keys()]);
  return Object.freeze(units);
})();

/** Converts a value to its type's canonical unit, or returns null for a unit the type does not accept. */
export function toCanonicalUnit(type: HealthDataType, value: number, unit: string): number | null {
  const conversion = CONVERSIONS[type].get(unit);
  if (!conversion) return null;
  return 'times' in conversion ? value * conversion.times : value / conversion.per;
}

export function canonicalUnit(type: HealthDataType): string {
  return METRIC_CONFIG[type].unit;
}
