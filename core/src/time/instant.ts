import { daysInMonth, MS_PER_DAY, MS_PER_HOUR } from './civil.js';
import { TimeError } from './errors.js';

const ZERO = 48;
/** Days before each month in a common year (index 1–12). */
const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** The digit at `i` (0–9), or a value above 9 for any other character. */
function digitAt(text: string, i: number): number {
  return (text.charCodeAt(i) - ZERO) >>> 0;
}

/**
 * Epoch ms of `YYYY-MM-DDTHH:mm:ss.sssZ` (what `toISOString()` writes and what samples carry),
 * or NaN when `text` is not exactly that shape. Reading the characters directly is several times
 * faster than `Date.parse`, which matters when a user-year holds a million dates.
 */
function parseUtcIsoString(text: string): number {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */) return NaN;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T') return NaN;
  if (text[13] !== ':' || text[16] !== ':' || text[19] !== '.') return NaN;
  const y1 = digitAt(text, 0);
  const y2 = digitAt(text, 1);
  const y3 = digitAt(text, 2);
  const y4 = digitAt(text, 3);
  const mo1 = digitAt(text, 5);
  const mo2 = digitAt(text, 6);
  const d1 = digitAt(text, 8);
  const d2 = digitAt(text, 9);
  const h1 = digitAt(text, 11);
  const h2 = digitAt(text, 12);
  const mi1 = digitAt(text, 14);
  const mi2 = digitAt(text, 15);
  const s1 = digitAt(text, 17);
  const s2 = digitAt(text, 18);
  const f1 = digitAt(text, 20);
  const f2 = digitAt(text, 21);
  const f3 = digitAt(text, 22);
  // A digit reads as 0–9; any other character as more than 9 (the subtraction is unsigned).
  if (Math.max(y1, y2, y3, y4, mo1, mo2, d1, d2, h1, h2, mi1, mi2, s1, s2, f1, f2, f3) > 9) {
    return NaN;
  }
  const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const month = mo1 * 10 + mo2;
  const day = d1 * 10 + d2;
  const hour = h1 * 10 + h2;
  const minute = mi1 * 10 + mi2;
  const second = s1 * 10 + s2;
  const ms = f1 * 100 + f2 * 10 + f3;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > 28 && day > daysInMonth(year, month)) return NaN;
  // Days since 1970-01-01 from whole years (leap days counted up to the previous year).
  const y = year - 1;
  const yearDays =
    365 * (year - 1970) + (Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) - 477;
  const dayNumber =
    yearDays + (DAYS_BEFORE_MONTH[month] as number) + (leap && month > 2 ? 1 : 0) + day - 1;
  return dayNumber * MS_PER_DAY + hour * MS_PER_HOUR + minute * 60_000 + second * 1000 + ms;
}

/** Date-time with an explicit offset or `Z`, the only instants core accepts. */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Other ISO shapes (offsets, no milliseconds): checked field by field, then `Date.parse`. */
function parseOtherIsoString(text: string): number {
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match) return NaN;
  const [year, month, day, hour] = [match[1], match[2], match[3], match[4]].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23) {
    return NaN;
  }
  return Date.parse(text);
}

/**
 * Epoch milliseconds of an ISO 8601 instant that carries an offset or `Z`. Throws
 * `TimeError('invalid-instant')` for anything else (a local time without offset is ambiguous).
 */
export function parseInstant(text: string): number {
  const fast = parseUtcIsoString(text);
  if (!Number.isNaN(fast)) return fast;
  const parsed = parseOtherIsoString(text);
  if (Number.isNaN(parsed)) {
    throw new TimeError('invalid-instant', `Not an ISO 8601 instant with an offset: ${text}`);
  }
  return parsed;
}
