import { HEALTH_DATA_TYPES, METRIC_CONFIG, type HealthDataType } from '@hearth/schema';

type Conversion = (value: number) => number;

const same: Conversion = (v) => v;
const beatsPerMinute: Array<[string, Conversion]> = [
  ['bpm', same],
  ['count/min', same],
  ['/min', same],
];
const percent: Array<[string, Conversion]> = [
  ['%', same],
  // `fraction` means 0–1, as HealthKit reports percentages.
  ['fraction', (v) => v * 100],
];
/** mg/dL per mmol/L of glucose (molar mass 180.15588 g/mol), the factor Apple Health uses. */
export const GLUCOSE_MGDL_PER_MMOLL = 18.01558800000541;

/**
 * Accepted input units per type and their exact conversion to the canonical unit (listed first,
 * so a canonical sample re-sent as is is always accepted). Case matters: `Cal` is a kilocalorie.
 */
const CONVERSIONS: Readonly<Record<HealthDataType, ReadonlyMap<string, Conversion>>> = {
  STEPS: new Map([
    ['steps', same],
    ['count', same],
  ]),
  DISTANCE: new Map([
    ['meters', same],
    ['m', same],
    ['cm', (v) => v / 100],
    ['km', (v) => v * 1000],
    ['mi', (v) => v * 1609.344],
    ['ft', (v) => v * 0.3048],
    ['yd', (v) => v * 0.9144],
  ]),
  HEART_RATE: new Map(beatsPerMinute),
  RESTING_HEART_RATE: new Map(beatsPerMinute),
  WEIGHT: new Map([
    ['kg', same],
    ['g', (v) => v / 1000],
    ['lb', (v) => v * 0.45359237],
    ['st', (v) => v * 6.35029318],
  ]),
  BODY_FAT: new Map(percent),
  OXYGEN_SATURATION: new Map(percent),
  SLEEP_ANALYSIS: new Map([
    ['minutes', same],
    ['min', same],
    ['h', (v) => v * 60],
    // Apple Health's and Health Auto Export's spelling of hours.
    ['hr', (v) => v * 60],
    ['s', (v) => v / 60],
  ]),
  ACTIVE_ENERGY: new Map([
    ['kcal', same],
    ['Cal', same],
    ['kJ', (v) => v / 4.184],
    ['J', (v) => v / 4184],
  ]),
  BLOOD_GLUCOSE: new Map([
    ['mg/dL', same],
    ['mmol/L', (v) => v * GLUCOSE_MGDL_PER_MMOLL],
    ['mmol<180.1558800000541>/L', (v) => v * GLUCOSE_MGDL_PER_MMOLL],
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
  const convert = CONVERSIONS[type].get(unit);
  return convert ? convert(value) : null;
}

export function canonicalUnit(type: HealthDataType): string {
  return METRIC_CONFIG[type].unit;
}
