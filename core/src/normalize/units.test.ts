import {
  DISPLAY_UNITS,
  HEALTH_DATA_TYPES,
  METRIC_CONFIG,
  type HealthDataType,
} from '@hearth/schema';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_UNITS, toCanonicalUnit } from './units.js';

describe('toCanonicalUnit', () => {
  const cases: Array<[HealthDataType, string, number, number]> = [
    ['STEPS', 'steps', 1234, 1234],
    ['STEPS', 'count', 1234, 1234],
    ['DISTANCE', 'meters', 12.5, 12.5],
    ['DISTANCE', 'm', 12.5, 12.5],
    ['DISTANCE', 'cm', 150, 1.5],
    ['DISTANCE', 'km', 1.5, 1500],
    ['DISTANCE', 'mi', 1, 1609.344],
    ['DISTANCE', 'mi', 26.2, 26.2 * 1609.344],
    ['DISTANCE', 'ft', 1, 0.3048],
    ['DISTANCE', 'ft', 5280, 5280 * 0.3048],
    ['DISTANCE', 'yd', 1, 0.9144],
    ['DISTANCE', 'yd', 100, 100 * 0.9144],
    ['HEART_RATE', 'bpm', 72, 72],
    ['HEART_RATE', 'count/min', 72, 72],
    ['HEART_RATE', '/min', 72, 72],
    ['RESTING_HEART_RATE', 'bpm', 58, 58],
    ['RESTING_HEART_RATE', 'count/min', 58, 58],
    ['RESTING_HEART_RATE', '/min', 58, 58],
    ['WEIGHT', 'kg', 70.2, 70.2],
    ['WEIGHT', 'g', 70200, 70.2],
    ['WEIGHT', 'lb', 1, 0.45359237],
    ['WEIGHT', 'lb', 154.3, 154.3 * 0.45359237],
    ['WEIGHT', 'st', 1, 6.35029318],
    ['WEIGHT', 'st', 11, 11 * 6.35029318],
    ['BODY_FAT', '%', 21.5, 21.5],
    ['BODY_FAT', 'fraction', 0.215, 0.215 * 100],
    ['OXYGEN_SATURATION', '%', 97, 97],
    ['OXYGEN_SATURATION', 'fraction', 0.97, 0.97 * 100],
    ['SLEEP_ANALYSIS', 'minutes', 90, 90],
    ['SLEEP_ANALYSIS', 'min', 90, 90],
    ['SLEEP_ANALYSIS', 'h', 7.5, 450],
    ['SLEEP_ANALYSIS', 'hr', 7.5, 450],
    ['SLEEP_ANALYSIS', 's', 5400, 90],
    ['ACTIVE_ENERGY', 'kcal', 250, 250],
    ['ACTIVE_ENERGY', 'Cal', 250, 250],
    ['ACTIVE_ENERGY', 'kJ', 4.184, 1],
    ['ACTIVE_ENERGY', 'kJ', 1000, 1000 / 4.184],
    ['ACTIVE_ENERGY', 'J', 4184, 1],
    ['ACTIVE_ENERGY', 'J', 1_000_000, 1_000_000 / 4184],
    ['BLOOD_GLUCOSE', 'mg/dL', 105, 105],
    ['BLOOD_GLUCOSE', 'mmol/L', 5.5, 5.5 * 18.01558800000541],
    ['BLOOD_GLUCOSE', 'mmol<180.1558800000541>/L', 5.5, 5.5 * 18.01558800000541],
  ];

  it.each(cases)('converts %s %s exactly (%d → %d)', (type, unit, value, expected) => {
    expect(toCanonicalUnit(type, value, unit)).toBe(expected);
  });

  it('uses the exact factors', () => {
    expect(toCanonicalUnit('DISTANCE', 1, 'mi')).toBe(1609.344);
    expect(toCanonicalUnit('BLOOD_GLUCOSE', 1, 'mmol/L')).toBe(18.01558800000541);
    expect(toCanonicalUnit('ACTIVE_ENERGY', 1, 'kJ')).toBe(1 / 4.184);
  });

  it('rejects units a type does not accept, including case variants and inherited names', () => {
    expect(toCanonicalUnit('WEIGHT', 70, 'lbs')).toBeNull();
    expect(toCanonicalUnit('WEIGHT', 70, 'KG')).toBeNull();
    expect(toCanonicalUnit('ACTIVE_ENERGY', 70, 'cal')).toBeNull();
    expect(toCanonicalUnit('HEART_RATE', 70, 'steps')).toBeNull();
    expect(toCanonicalUnit('STEPS', 70, 'constructor')).toBeNull();
    expect(toCanonicalUnit('STEPS', 70, '__proto__')).toBeNull();
  });

  it('is covered by the cases above for every accepted unit', () => {
    for (const type of HEALTH_DATA_TYPES) {
      for (const unit of ACCEPTED_UNITS[type]) {
        expect(cases.some(([t, u]) => t === type && u === unit)).toBe(true);
      }
    }
  });
});

describe('ACCEPTED_UNITS', () => {
  it('accepts every display unit a person may choose, so their entries convert', () => {
    for (const type of HEALTH_DATA_TYPES) {
      for (const unit of DISPLAY_UNITS[type]) expect(ACCEPTED_UNITS[type]).toContain(unit);
    }
  });

  it('lists the canonical unit first for every type', () => {
    for (const type of HEALTH_DATA_TYPES) {
      expect(ACCEPTED_UNITS[type][0]).toBe(METRIC_CONFIG[type].unit);
    }
  });

  it('lists the units of SPECIFICATION.md §2', () => {
    expect(ACCEPTED_UNITS.STEPS).toEqual(['steps', 'count']);
    expect(ACCEPTED_UNITS.DISTANCE).toEqual(['meters', 'm', 'cm', 'km', 'mi', 'ft', 'yd']);
    expect(ACCEPTED_UNITS.HEART_RATE).toEqual(['bpm', 'count/min', '/min']);
    expect(ACCEPTED_UNITS.RESTING_HEART_RATE).toEqual(['bpm', 'count/min', '/min']);
    expect(ACCEPTED_UNITS.WEIGHT).toEqual(['kg', 'g', 'lb', 'st']);
    expect(ACCEPTED_UNITS.ACTIVE_ENERGY).toEqual(['kcal', 'Cal', 'kJ', 'J']);
    expect(ACCEPTED_UNITS.OXYGEN_SATURATION).toEqual(['%', 'fraction']);
    expect(ACCEPTED_UNITS.BODY_FAT).toEqual(['%', 'fraction']);
    // `hr` is how Apple Health and Health Auto Export spell hours.
    expect(ACCEPTED_UNITS.SLEEP_ANALYSIS).toEqual(['minutes', 'min', 'h', 'hr', 's']);
    expect(ACCEPTED_UNITS.BLOOD_GLUCOSE).toEqual(['mg/dL', 'mmol/L', 'mmol<180.1558800000541>/L']);
  });
});
