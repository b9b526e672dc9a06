import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysBetweenLocalDates,
  addLocalDays,
  civilFromDays,
  daysFromCivil,
  isoWeekday,
  isoWeekStartDate,
  localDatesBetween,
  localDateToDayNumber,
  monthStartDate,
} from './civil.js';
import { TimeError } from './errors.js';

describe('calendar arithmetic', () => {
  it('counts whole days between local dates, across month, leap and year ends', () => {
    expect(daysBetweenLocalDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetweenLocalDates('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetweenLocalDates('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetweenLocalDates('2027-01-01', '2026-01-01')).toBe(-365);
  });

  it('agrees with Date for any day from 1600 to 2400', () => {
    fc.assert(
      fc.property(fc.integer({ min: -135_000, max: 156_000 }), (dayNumber) => {
        const date = new Date(dayNumber * 86_400_000);
        const civil = civilFromDays(dayNumber);
        expect(civil).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(dayNumber);
        expect(isoWeekday(dayNumber)).toBe(((date.getUTCDay() + 6) % 7) + 1);
      }),
    );
  });

  it('finds Mondays, month starts and date ranges', () => {
    expect(isoWeekStartDate('2026-03-08')).toBe('2026-03-02'); // a Sunday
    expect(isoWeekStartDate('2026-03-09')).toBe('2026-03-09'); // a Monday
    expect(isoWeekStartDate('2027-01-01')).toBe('2026-12-28'); // across a year
    expect(monthStartDate('2024-02-29')).toBe('2024-02-01');
    expect(addLocalDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addLocalDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(localDatesBetween('2025-12-30', '2026-01-02')).toEqual([
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
    ]);
  });

  it('refuses dates that do not exist', () => {
    expect(() => localDateToDayNumber('2023-02-29')).toThrow(TimeError);
    expect(() => localDateToDayNumber('2023-2-1')).toThrow(TimeError);
  });
});
