import { daysFromCivil, MS_PER_DAY, MS_PER_HOUR } from '../../time/civil.js';
import { lastDayOfMonth, twoDigits } from '@hearth/schema';

/**
 * Apple Health writes every date as `2021-03-07 23:15:00 +0100`: local wall clock, a space, and
 * an offset without a colon. The offset is often the one in force when the file was exported,
 * not when the record was made, so only the instant it names is meaningful; the wall clock is
 * never kept. Exports made by iOS 8 (2014–2015, files people still keep) wrote the same fields
 * packed together, `20150718103801+0200`. Exports hold two or three dates per record, millions
 * of records: this reads the two forms digit by digit (no pattern, no Date) and refuses anything
 * else.
 */
const LENGTH = 25;
const COMPACT_LENGTH = 19;
const CHAR_PLUS = 43;
const CHAR_MINUS = 45;
/** ±18:00, the widest offset ISO 8601 and every platform accept. */
const MAX_OFFSET_MINUTES = 18 * 60;

/** Where each field starts in one form of the date. */
interface Layout {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  sign: number;
}

const SPACED: Layout = { month: 5, day: 8, hour: 11, minute: 14, second: 17, sign: 20 };
const COMPACT: Layout = { month: 4, day: 6, hour: 8, minute: 10, second: 12, sign: 14 };

/** Epoch milliseconds of an Apple Health date, or null for any other text or an impossible date. */
export function parseAppleDate(text: string): number | null {
  if (text.length === LENGTH) {
    if (text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':') return null;
    if (text[16] !== ':' || text[19] !== ' ') return null;
    return readFields(text, SPACED);
  }
  return text.length === COMPACT_LENGTH ? readFields(text, COMPACT) : null;
}

/** Whether a date is in the iOS 8 form, whose records differ in more than their dates. */
export function isCompactAppleDate(text: string): boolean {
  return text.length === COMPACT_LENGTH;
}

function readFields(text: string, at: Layout): number | null {
  const sign = text.charCodeAt(at.sign);
  if (sign !== CHAR_PLUS && sign !== CHAR_MINUS) return null;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, at.month);
  const day = twoDigits(text, at.day);
  const hour = twoDigits(text, at.hour);
  const minute = twoDigits(text, at.minute);
  const second = twoDigits(text, at.second);
  const offsetHours = twoDigits(text, at.sign + 1);
  const offsetMinutes = twoDigits(text, at.sign + 3);
  const year = century * 100 + yearOfCentury;
  if (century > 99 || yearOfCentury > 99 || month < 1 || month > 12) return null;
  if (day < 1 || day > lastDayOfMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetMinutes > 59) return null;
  const offset = offsetHours * 60 + offsetMinutes;
  if (offset > MAX_OFFSET_MINUTES) return null;
  const timeOfDay = hour * MS_PER_HOUR + minute * 60_000 + second * 1000;
  const offsetMs = (sign === CHAR_MINUS ? -offset : offset) * 60_000;
  return daysFromCivil(year, month, day) * MS_PER_DAY + timeOfDay - offsetMs;
}
