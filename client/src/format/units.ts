import { fromCanonicalUnit } from '@hearth/core';
import {
  DISPLAY_UNITS,
  type DisplayUnit,
  type DisplayUnits,
  type HealthDataType,
} from '@hearth/schema';
import { regionDefaultUnit } from './regionDefaults.js';

/** What a form calls each display unit: never a wire spelling like `count/min` or `fraction`. */
const UNIT_NAMES: Record<string, string> = {
  steps: 'steps',
  km: 'kilometres (km)',
  mi: 'miles (mi)',
  bpm: 'beats per minute (bpm)',
  kg: 'kilograms (kg)',
  lb: 'pounds (lb)',
  st: 'stones and pounds (st lb)',
  '%': 'percent (%)',
  h: 'hours (h)',
  kcal: 'kilocalories (kcal)',
  kJ: 'kilojoules (kJ)',
  'mg/dL': 'mg/dL',
  'mmol/L': 'mmol/L',
};

export function unitName(unit: string): string {
  return UNIT_NAMES[unit] ?? unit;
}

/** The person's unit for a type: their choice if it is still a display unit, else the region's. */
export function displayUnitFor<T extends HealthDataType>(
  type: T,
  chosen: DisplayUnits,
  region: string | undefined,
): DisplayUnit<T> {
  const pick = chosen[type];
  const units = DISPLAY_UNITS[type] as readonly string[];
  return pick !== undefined && units.includes(pick)
    ? (pick as DisplayUnit<T>)
    : regionDefaultUnit(type, region);
}

/** A canonical value in a display unit (a display unit always converts: schema guarantees it). */
export function inUnit(type: HealthDataType, canonical: number, unit: string): number {
  return fromCanonicalUnit(type, canonical, unit) ?? canonical;
}

export const POUNDS_PER_STONE = 14;

/** Whole stones and pounds rounded to `digits`, carried so "10 st 14 lb" reads "11 st 0 lb". */
export function stonesAndPounds(kg: number, digits = 0): { stones: number; pounds: number } {
  const scale = 10 ** digits;
  const totalPounds = Math.round(inUnit('WEIGHT', kg, 'lb') * scale) / scale;
  const stones = Math.floor(totalPounds / POUNDS_PER_STONE);
  const pounds = Math.round((totalPounds - stones * POUNDS_PER_STONE) * scale) / scale;
  return { stones, pounds };
}
