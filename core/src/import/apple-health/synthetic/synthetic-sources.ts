import type { HealthDataType } from '@hearth/schema';
import { GLUCOSE_MGDL_PER_MMOLL } from '../../../normalize/units.js';
import type { Rng } from '../../../generator/prng.js';

/** How one of the synthetic person's sources writes its records. */
export interface SyntheticSource {
  /** The name as written in the XML, in its variants (entities and apostrophes differ). */
  names: readonly string[];
  version: string;
  /** Apple's `device` attribute, with a memory address that changes per record. */
  device?: (rng: Rng) => string;
}

const address = (rng: Rng) => `0x2${rng.int(0x10000000, 0xfffffff0).toString(16)}`;
const hkDevice = (fields: string) => (rng: Rng) =>
  `&lt;&lt;HKDevice: ${address(rng)}&gt;, ${fields}&gt;`;

/** The generator's devices as an iPhone export names them. */
export const SYNTHETIC_SOURCES: Readonly<Record<string, SyntheticSource>> = {
  'demo-watch': {
    names: [
      'Anna’s Apple Watch',
      'Anna&#8217;s Apple Watch',
      'Anna&apos;s Apple Watch',
      "Anna's Apple Watch",
    ],
    version: '10.1',
    device: hkDevice(
      'name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.1',
    ),
  },
  'demo-phone': {
    names: ['Anna’s iPhone'],
    version: '17.1',
    device: hkDevice(
      'name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.1',
    ),
  },
  'demo-band': {
    names: ['Oura'],
    version: '5.2',
    device: hkDevice('name:Oura Ring, manufacturer:Oura Health, model:Gen3'),
  },
  'demo-scale': {
    names: ['Withings'],
    version: '6.3.1',
    device: hkDevice('name:Body+, manufacturer:Withings, model:WBS05'),
  },
  'demo-manual': { names: ['Health'], version: '17.1' },
};

/** The units each type is written in, rotated record by record so every one Apple uses appears. */
export const WRITTEN_UNITS: Readonly<Record<HealthDataType, readonly string[]>> = {
  STEPS: ['count'],
  DISTANCE: ['km', 'mi', 'm', 'ft'],
  HEART_RATE: ['count/min'],
  RESTING_HEART_RATE: ['count/min'],
  WEIGHT: ['kg', 'lb', 'g'],
  BODY_FAT: ['%'],
  SLEEP_ANALYSIS: [''],
  ACTIVE_ENERGY: ['kcal', 'Cal', 'kJ'],
  OXYGEN_SATURATION: ['%'],
  BLOOD_GLUCOSE: ['mg/dL', 'mmol&lt;180.1558800000541&gt;/L'],
};

/** Canonical units per written unit: the writer divides by these, the reader multiplies back. */
const FACTORS: Readonly<Record<string, number>> = {
  count: 1,
  'count/min': 1,
  m: 1,
  km: 1000,
  mi: 1609.344,
  ft: 0.3048,
  kg: 1,
  lb: 0.45359237,
  g: 0.001,
  kcal: 1,
  Cal: 1,
  kJ: 1 / 4.184,
  // Apple writes percentages as fractions.
  '%': 100,
  'mg/dL': 1,
  'mmol&lt;180.1558800000541&gt;/L': GLUCOSE_MGDL_PER_MMOLL,
};

/** A canonical value in `unit`, as text. */
export function writtenValue(canonical: number, unit: string): string {
  return String(canonical / (FACTORS[unit] ?? 1));
}
