import type { HealthDataType } from '@hearth/schema';
import { CONVERSIONS } from './units.js';

/**
 * Converts a value in its type's canonical unit to a unit the person reads it in (one of schema's
 * DISPLAY_UNITS, all of which are input units), through the same factor `toCanonicalUnit` uses:
 * each factor is written once, in units.ts. Null for a unit the type does not accept.
 */
export function fromCanonicalUnit(
  type: HealthDataType,
  value: number,
  unit: string,
): number | null {
  const conversion = CONVERSIONS[type].get(unit);
  if (!conversion) return null;
  return 'times' in conversion ? value / conversion.times : value * conversion.per;
}
