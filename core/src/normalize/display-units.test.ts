import { DISPLAY_UNITS, HEALTH_DATA_TYPES, type HealthDataType } from '@hearth/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCanonicalUnit } from './display-units.js';
import { PLAUSIBLE_RANGES } from './ranges.js';
import { toCanonicalUnit } from './units.js';

const pairs: Array<[HealthDataType, string]> = HEALTH_DATA_TYPES.flatMap((type) =>
  DISPLAY_UNITS[type].map((unit): [HealthDataType, string] => [type, unit]),
);

/** Two floats agree to 12 significant digits: far finer than any display rounds to. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('fromCanonicalUnit', () => {
  it.each(pairs)(
    '%s in %s: display → canonical → display returns the typed value',
    (type, unit) => {
      const range = PLAUSIBLE_RANGES[type];
      // The plausible range, read in the display unit, so the property covers real values.
      const max = fromCanonicalUnit(type, range.max, unit) ?? 0;
      fc.assert(
        fc.property(fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true }), (shown) => {
          const canonical = toCanonicalUnit(type, shown, unit);
          expect(canonical).not.toBeNull();
          expect(close(fromCanonicalUnit(type, canonical ?? NaN, unit) ?? NaN, shown)).toBe(true);
        }),
      );
    },
  );

  it.each(pairs)(
    '%s in %s: canonical → display → canonical returns the stored value',
    (type, unit) => {
      const { min, max } = PLAUSIBLE_RANGES[type];
      fc.assert(
        fc.property(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), (stored) => {
          const shown = fromCanonicalUnit(type, stored, unit) ?? NaN;
          expect(close(toCanonicalUnit(type, shown, unit) ?? NaN, stored)).toBe(true);
        }),
      );
    },
  );

  it('uses the factors of the input table', () => {
    expect(fromCanonicalUnit('WEIGHT', 0.45359237, 'lb')).toBe(1);
    expect(fromCanonicalUnit('WEIGHT', 6.35029318, 'st')).toBe(1);
    expect(fromCanonicalUnit('DISTANCE', 1609.344, 'mi')).toBe(1);
    expect(fromCanonicalUnit('SLEEP_ANALYSIS', 450, 'h')).toBe(7.5);
    expect(fromCanonicalUnit('ACTIVE_ENERGY', 1, 'kJ')).toBe(4.184);
    expect(fromCanonicalUnit('BLOOD_GLUCOSE', 18.01558800000541, 'mmol/L')).toBe(1);
  });

  it('refuses a unit the type does not accept', () => {
    expect(fromCanonicalUnit('WEIGHT', 70, 'km')).toBeNull();
    expect(toCanonicalUnit('WEIGHT', 70, 'km')).toBeNull();
  });
});
