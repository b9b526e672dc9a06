import { daysFromCivil, MS_PER_DAY, MS_PER_HOUR } from '../time/civil.js';
import { digitAt, lastDayOfMonth, twoDigits } from '../time/digits.js';

/**
 * Strict ISO 8601 instants: a calendar date, `T`, a time to at least the minute, and an explicit
 * offset (`Z`, `±HH:MM`, `±HHMM` or `±HH`). A time without offset is ambiguous (whose clock?), so
 * it is rejected rather than guessed.
 */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/;

const MAX_OFFSET_MINUTES = 18 * 60;

/**
 * Epoch milliseconds of an ISO 8601 instant with an offset, or null if it is not one.
 * Devices almost always send one of four shapes (`toISOString()` and its relatives), which are
 * read digit by digit; anything else takes the pattern. Both give the same answer for every input
 * (a property test holds them to it).
 */
export function parseInstant(text: string): number | null {
  const fast = parseCommonInstant(text);
  return fast === undefined ? parseInstantByPattern(text) : fast;
}

/** The full grammar through the pattern above: the reference the fast path must agree with. */
export function parseInstantByPattern(text: string): number | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  // Sub-millisecond digits are dropped: series store whole milliseconds.
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // setUTCFullYear rolls 2026-02-30 over into March; a real date survives unchanged.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, millis);
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const hours = Number(m[10]);
    const minutes = m[11] === undefined ? 0 : Number(m[11]);
    if (minutes > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return null;
  }
  return date.getTime() - offsetMinutes * 60_000;
}

const CHAR_Z = 90;
const CHAR_PLUS = 43;
const CHAR_MINUS = 45;
const CHAR_DOT = 46;

/**
 * `YYYY-MM-DDTHH:MM:SS` followed by `Z`, `.sssZ`, `±HH:MM` or `.sss±HH:MM`, read without a
 * pattern or a Date. Returns the epoch ms, null for a text of one of these shapes that is not a
 * real instant (month 13, 24:00, offset beyond ±18:00), or undefined for any other shape.
 */
export function parseCommonInstant(text: string): number | null | undefined {
  const length = text.length;
  if (length !== 20 && length !== 24 && length !== 25 && length !== 29) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T') return undefined;
  if (text[13] !== ':' || text[16] !== ':') return undefined;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (Math.max(century, yearOfCentury, month, day, hour, minute, second) > 99) return undefined;

  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === CHAR_DOT) {
    if (length !== 24 && length !== 29) return undefined;
    const hundreds = digitAt(text, 20);
    const tens = digitAt(text, 21);
    const ones = digitAt(text, 22);
    if (hundreds > 9 || tens > 9 || ones > 9) return undefined;
    millis = hundreds * 100 + tens * 10 + ones;
    at = 23;
  }
  const offsetMinutes = readOffset(text, at);
  if (offsetMinutes === undefined) return undefined;

  const year = century * 100 + yearOfCentury;
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetMinutes === null) return null;
  const timeOfDay = hour * MS_PER_HOUR + minute * 60_000 + second * 1000 + millis;
  return daysFromCivil(year, month, day) * MS_PER_DAY + timeOfDay - offsetMinutes * 60_000;
}

/**
 * The offset that ends the text at `at`: `Z` (0) or `±HH:MM` in minutes; null for one out of
 * range, undefined for anything else (including trailing characters).
 */
function readOffset(text: string, at: number): number | null | undefined {
  const sign = text.charCodeAt(at);
  if (sign === CHAR_Z) return at + 1 === text.length ? 0 : undefined;
  if ((sign !== CHAR_PLUS && sign !== CHAR_MINUS) || at + 6 !== text.length) return undefined;
  if (text[at + 3] !== ':') return undefined;
  const hours = twoDigits(text, at + 1);
  const minutes = twoDigits(text, at + 4);
  if (hours > 99 || minutes > 99) return undefined;
  const total = hours * 60 + minutes;
  if (minutes > 59 || total > MAX_OFFSET_MINUTES) return null;
  return sign === CHAR_MINUS ? -total : total;
}
