// Proleptic Gregorian day numbers (days since 1970-01-01), with no Date objects: `Date.UTC` maps
// years 0–99 to 1900–1999, and arithmetic is faster in hot loops. Here because the instant grammar
// (instant.ts) needs it and schema is the lowest package; core/src/time/civil.ts builds on it.
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** The Gregorian calendar repeats every 400 years, of this many days. */
export const DAYS_PER_400_YEARS = 146_097;
/** Day number of 0000-03-01 counted from 1970-01-01, negated (the era arithmetic starts in March). */
export const EPOCH_SHIFT = 719_468;

/** Days since 1970-01-01 of a calendar date. Years run from March so leap days come last. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_400_YEARS + dayOfEra - EPOCH_SHIFT;
}
