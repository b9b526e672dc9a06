import type { HealthDataType, SleepStage } from '@hearth/schema';
import { toCanonicalUnit } from '../../normalize/units.js';

/** Apple's identifiers of the ten types Hearth stores; every other `type` is counted and skipped. */
export const APPLE_TYPES: ReadonlyMap<string, HealthDataType> = new Map([
  ['HKQuantityTypeIdentifierStepCount', 'STEPS'],
  ['HKQuantityTypeIdentifierDistanceWalkingRunning', 'DISTANCE'],
  ['HKQuantityTypeIdentifierHeartRate', 'HEART_RATE'],
  ['HKQuantityTypeIdentifierRestingHeartRate', 'RESTING_HEART_RATE'],
  ['HKQuantityTypeIdentifierBodyMass', 'WEIGHT'],
  ['HKQuantityTypeIdentifierBodyFatPercentage', 'BODY_FAT'],
  ['HKQuantityTypeIdentifierActiveEnergyBurned', 'ACTIVE_ENERGY'],
  ['HKQuantityTypeIdentifierOxygenSaturation', 'OXYGEN_SATURATION'],
  ['HKQuantityTypeIdentifierBloodGlucose', 'BLOOD_GLUCOSE'],
  ['HKCategoryTypeIdentifierSleepAnalysis', 'SLEEP_ANALYSIS'],
]);

/**
 * Sleep records carry a category, not a quantity. `Asleep` is the pre-iOS 16 value and
 * `AsleepUnspecified` its successor; both mean "asleep, stage unknown". iOS 8's exports wrote the
 * category's number (HealthKit's `HKCategoryValueSleepAnalysis`: 0 in bed, 1 asleep, 2 awake),
 * and left the attribute out for 0 (see `LEGACY_IN_BED`).
 */
export const APPLE_SLEEP_STAGES: ReadonlyMap<string, SleepStage> = new Map([
  ['HKCategoryValueSleepAnalysisInBed', 'inBed'],
  ['HKCategoryValueSleepAnalysisAsleep', 'asleep'],
  ['HKCategoryValueSleepAnalysisAsleepUnspecified', 'asleep'],
  ['HKCategoryValueSleepAnalysisAsleepCore', 'core'],
  ['HKCategoryValueSleepAnalysisAsleepDeep', 'deep'],
  ['HKCategoryValueSleepAnalysisAsleepREM', 'rem'],
  ['HKCategoryValueSleepAnalysisAwake', 'awake'],
  ['0', 'inBed'],
  ['1', 'asleep'],
  ['2', 'awake'],
]);

/** The value iOS 8 meant by a sleep record without one: HealthKit's 0, in bed. */
export const LEGACY_IN_BED = '0';

/**
 * The unit, as core's converter names it, of a value Apple wrote with `unit`. HealthKit stores
 * percentages as fractions (SpO2 0.97 is written `value="0.97" unit="%"`), so Apple's `%` is
 * core's `fraction`; every other unit is passed on as written.
 */
export function hearthUnit(type: HealthDataType, unit: string): string {
  if (unit === '%' && (type === 'OXYGEN_SATURATION' || type === 'BODY_FAT')) return 'fraction';
  return unit;
}

/** The value in the type's canonical unit, or null for a unit core does not accept for it. */
export function toCanonicalValue(type: HealthDataType, value: number, unit: string): number | null {
  // HealthKit's own beats per second, in which iOS 8 exported heart rates (never sent to the
  // device API, whose units are SPECIFICATION.md §2's).
  if (unit === 'count/s') return toCanonicalUnit(type, value * 60, 'count/min');
  return toCanonicalUnit(type, value, hearthUnit(type, unit));
}

/**
 * The hardware model and the device name in Apple's `device` attribute,
 * `<<HKDevice: 0x283fb5e00>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, …>`.
 * The memory address changes from record to record, so it is never part of an identity.
 */
export function readDeviceAttribute(device: string): { model?: string; name?: string } {
  const found: { model?: string; name?: string } = {};
  const model = fieldOf(device, 'model:');
  const name = fieldOf(device, 'name:');
  if (model) found.model = model;
  if (name) found.name = name;
  return found;
}

function fieldOf(device: string, label: string): string | undefined {
  const at = device.indexOf(`, ${label}`);
  if (at < 0) return undefined;
  const from = at + label.length + 2;
  let to = device.indexOf(', ', from);
  if (to < 0) to = device.lastIndexOf('>');
  if (to < from) to = device.length;
  return device.slice(from, to).trim();
}
