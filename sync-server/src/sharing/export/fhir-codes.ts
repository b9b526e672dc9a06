import type { HealthDataType } from '@hearth/schema';

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY_SYSTEM =
  'http://terminology.hl7.org/CodeSystem/observation-category';

export type ObservationCategory = 'vital-signs' | 'activity';

export const CATEGORY_DISPLAY: Readonly<Record<ObservationCategory, string>> = {
  'vital-signs': 'Vital Signs',
  activity: 'Activity',
};

export interface LoincCoding {
  code: string;
  display: string;
}

/** How one Hearth type is written as a daily FHIR Observation (and in the CSV export). */
export interface ExportMetric {
  category: ObservationCategory;
  /** Empty where LOINC has no fitting code: the Observation then carries `code.text` only. */
  loinc: readonly LoincCoding[];
  /** `code.text`: what the value is, for a person reading the bundle. */
  text: string;
  /** UCUM code of the exported value, and the unit as a person reads it. */
  ucum: string;
  unit: string;
  /** Factor from Hearth's canonical unit to the exported unit (sleep: minutes → hours). */
  factor: number;
  /** Decimals kept in exports: day sums spread over intervals carry meaningless digits. */
  decimals: number;
}

export const EXPORT_METRICS: Readonly<Record<HealthDataType, ExportMetric>> = {
  STEPS: {
    category: 'activity',
    loinc: [{ code: '41950-7', display: 'Number of steps in 24 hour Measured' }],
    text: 'Steps per day',
    ucum: '/d',
    unit: 'steps/day',
    factor: 1,
    decimals: 0,
  },
  DISTANCE: {
    category: 'activity',
    // No LOINC code for a day's walking and running distance from a wearable: text only.
    loinc: [],
    text: 'Walking and running distance per day',
    ucum: 'm',
    unit: 'm',
    factor: 1,
    decimals: 0,
  },
  HEART_RATE: {
    category: 'vital-signs',
    loinc: [{ code: '8867-4', display: 'Heart rate' }],
    text: 'Heart rate, daily mean',
    ucum: '/min',
    unit: 'beats/minute',
    factor: 1,
    decimals: 1,
  },
  RESTING_HEART_RATE: {
    category: 'vital-signs',
    loinc: [{ code: '40443-4', display: 'Heart rate --resting' }],
    text: 'Resting heart rate, daily mean',
    ucum: '/min',
    unit: 'beats/minute',
    factor: 1,
    decimals: 1,
  },
  WEIGHT: {
    category: 'vital-signs',
    loinc: [{ code: '29463-7', display: 'Body weight' }],
    text: 'Body weight, last reading of the day',
    ucum: 'kg',
    unit: 'kg',
    factor: 1,
    decimals: 2,
  },
  BODY_FAT: {
    category: 'vital-signs',
    loinc: [{ code: '41982-0', display: 'Percentage of body fat Measured' }],
    text: 'Body fat, last reading of the day',
    ucum: '%',
    unit: '%',
    factor: 1,
    decimals: 1,
  },
  SLEEP_ANALYSIS: {
    category: 'activity',
    loinc: [{ code: '93832-4', display: 'Sleep duration' }],
    text: 'Sleep duration of the night ending this day',
    ucum: 'h',
    unit: 'h',
    factor: 1 / 60,
    decimals: 2,
  },
  ACTIVE_ENERGY: {
    category: 'activity',
    loinc: [{ code: '41979-6', display: 'Calories burned in 24 hour Calculated' }],
    text: 'Active energy burned per day',
    ucum: 'kcal',
    unit: 'kcal',
    factor: 1,
    decimals: 0,
  },
  OXYGEN_SATURATION: {
    category: 'vital-signs',
    // Both codes, as the US Core pulse oximetry profile asks.
    loinc: [
      { code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
      { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
    ],
    text: 'Oxygen saturation (SpO2), daily mean',
    ucum: '%',
    unit: '%',
    factor: 1,
    decimals: 1,
  },
  BLOOD_GLUCOSE: {
    category: 'vital-signs',
    loinc: [{ code: '41653-7', display: 'Glucose [Mass/volume] in Capillary blood by Glucometer' }],
    text: 'Blood glucose, daily mean',
    ucum: 'mg/dL',
    unit: 'mg/dL',
    factor: 1,
    decimals: 0,
  },
};

/** A canonical value in the exported unit, rounded to the metric's decimals. */
export function exportValue(type: HealthDataType, canonical: number): number {
  const metric = EXPORT_METRICS[type];
  const scale = 10 ** metric.decimals;
  const rounded = Math.round(canonical * metric.factor * scale) / scale;
  // Avoid "-0" in exports.
  return rounded === 0 ? 0 : rounded;
}
