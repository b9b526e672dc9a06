/**
 * Digit readers shared by the hand-written date readers (schema/src/instant.ts for ISO
 * 8601, core/src/import/apple-health/apple-date.ts for Apple's exports): both sit on hot paths
 * of millions of dates, so they read character codes, not patterns.
 */
const CHAR_0 = 48;

/** The digit at `i` (0–9), or a number above 9 for any other character (unsigned wrap-around). */
export function digitAt(text: string, i: number): number {
  return (text.charCodeAt(i) - CHAR_0) >>> 0;
}

/** `DD` at `i` as a number, or a number above 99 if either character is not a digit. */
export function twoDigits(text: string, i: number): number {
  const tens = digitAt(text, i);
  const ones = digitAt(text, i + 1);
  return tens > 9 || ones > 9 ? 100 : tens * 10 + ones;
}

/** The month's length by arithmetic (civil.ts's daysInMonth goes through two day numbers). */
export function lastDayOfMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
