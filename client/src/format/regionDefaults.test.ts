import { DISPLAY_UNITS, HEALTH_DATA_TYPES } from '@hearth/schema';
import { describe, expect, it } from 'vitest';
import { regionDefaultUnit, regionOf } from './regionDefaults.js';

describe('regionOf', () => {
  it('reads the region from the locale, filling it in from the language', () => {
    expect(regionOf('en-US')).toBe('US');
    expect(regionOf('en-GB')).toBe('GB');
    expect(regionOf('de')).toBe('DE');
    expect(regionOf('fr-CA')).toBe('CA');
    expect(regionOf('not a locale')).toBeUndefined();
  });
});

describe('regionDefaultUnit', () => {
  const defaults = (region: string | undefined) =>
    Object.fromEntries(HEALTH_DATA_TYPES.map((t) => [t, regionDefaultUnit(t, region)]));

  it('gives the US pounds, miles, kilocalories and mg/dL', () => {
    expect(defaults('US')).toMatchObject({
      WEIGHT: 'lb',
      DISTANCE: 'mi',
      ACTIVE_ENERGY: 'kcal',
      BLOOD_GLUCOSE: 'mg/dL',
    });
  });

  it('gives the UK stones, miles, kilocalories and mmol/L', () => {
    expect(defaults('GB')).toMatchObject({
      WEIGHT: 'st',
      DISTANCE: 'mi',
      ACTIVE_ENERGY: 'kcal',
      BLOOD_GLUCOSE: 'mmol/L',
    });
  });

  it.each([
    ['CA', 'mmol/L', 'kcal'],
    ['AU', 'mmol/L', 'kJ'],
    ['SE', 'mmol/L', 'kcal'],
    ['DE', 'mg/dL', 'kcal'],
    ['FR', 'mg/dL', 'kcal'],
    ['JP', 'mg/dL', 'kcal'],
  ])('gives %s kilograms, kilometres, %s and %s', (region, glucose, energy) => {
    expect(defaults(region)).toMatchObject({
      WEIGHT: 'kg',
      DISTANCE: 'km',
      BLOOD_GLUCOSE: glucose,
      ACTIVE_ENERGY: energy,
    });
  });

  it('always picks a unit the type can be shown in', () => {
    for (const region of ['US', 'GB', 'AU', 'ZZ', undefined]) {
      for (const type of HEALTH_DATA_TYPES) {
        expect(DISPLAY_UNITS[type]).toContain(regionDefaultUnit(type, region));
      }
    }
  });
});
