/**
 * Health Auto Export prints dates with the phone's formatter: `2024-01-05 07:57:00 -0700`, or,
 * when the phone uses a 12-hour clock, `2024-01-05 7:57:00 AM -0700` (`am`/`pm` too, and since
 * iOS 17 with a NARROW NO-BREAK SPACE, U+202F, or a NO-BREAK SPACE, U+00A0, before the marker).
 * The offset is always there, so the instant is exact; this turns such text into the ISO 8601
 * form the device API validates (`2024-01-05T07:57:00-07:00`), and refuses anything else. Tools
 * that replay HAE's JSON write ISO 8601 with milliseconds (`2026-01-01T10:00:00.000Z`): read too,
 * to the millisecond (a sample's identity includes its instants).
 */
const HAE_DATE =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?(?:[\s\u00a0\u202f]*([AaPp])\.?[Mm]\.?)?[\s\u00a0\u202f]*(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO 8601 text of a Health Auto Export date-time, or null if it is not one. */
export function haeDateToIso(text: string): string | null {
  const m = HAE_DATE.exec(text.trim());
  if (!m) return null;
  const [, year, month, day, h, minute, second, fraction, meridiem, zulu, sign, offH, offM] = m;
  let hour = Number(h);
  if (meridiem) {
    // 12-hour clock: 12 AM is midnight, 12 PM noon; 0 or 13+ with a marker is not a time.
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem === 'P' || meridiem === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23) return null;
  const offset = zulu ? 'Z' : `${sign}${offH}:${offM}`;
  const millis = fraction ? `.${fraction.padEnd(3, '0')}` : '';
  return `${year}-${month}-${day}T${pad(hour)}:${minute}:${second ?? '00'}${millis}${offset}`;
}
