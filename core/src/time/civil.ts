// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), with no Date
// objects: `Date.UTC` maps years 0–99 to 1900–1999, and arithmetic is faster in hot loops.
import { DAYS_PER_400_YEARS, EPOCH_SHIFT, daysFromCivil, type LocalDate } from '@hearth/schema';
import { TimeError } from './errors.js';

export { MS_PER_DAY, MS_PER_HOUR, daysFromCivil } from '@hearth/schema';

/** A calendar date as numbers; `month` is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar date of a day number (inverse of `daysFromCivil`). */
export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_400_YEARS);
  const dayOfEra = z - era * DAYS_PER_400_YEARS;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number. Years outside 0000–9999 are not supported by `LocalDate`. */
export function dayNumberToLocalDate(dayNumber: number): LocalDate {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` date; throws `TimeError('invalid-local-date')` on anything else. */
export function localDateToDayNumber(date: LocalDate): number {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return daysFromCivil(year, month, day);
    }
  }
  throw new TimeError('invalid-local-date', `Not a calendar date (YYYY-MM-DD): ${date}`);
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return dayNumberToLocalDate(localDateToDayNumber(date) + days);
}

/** Whole days from `first` to `last` (negative when `last` comes first). */
export function daysBetweenLocalDates(first: LocalDate, last: LocalDate): number {
  return localDateToDayNumber(last) - localDateToDayNumber(first);
}

/** The Monday of the ISO week holding `date`. */
export function isoWeekStartDate(date: LocalDate): LocalDate {
  const dayNumber = localDateToDayNumber(date);
  return dayNumberToLocalDate(dayNumber - (isoWeekday(dayNumber) - 1));
}

/** The first day of the calendar month holding `date`. */
export function monthStartDate(date: LocalDate): LocalDate {
  return `${date.slice(0, 8)}01`;
}

/** Every date from `first` to `last`, both included (empty if `last` is before `first`). */
export function localDatesBetween(first: LocalDate, last: LocalDate): LocalDate[] {
  const from = localDateToDayNumber(first);
  const to = localDateToDayNumber(last);
  const dates: LocalDate[] = [];
  for (let n = from; n <= to; n++) dates.push(dayNumberToLocalDate(n));
  return dates;
}
