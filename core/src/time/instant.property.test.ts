import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: four-digit years, no sign. */
const YEAR_0_MS = -62_167_219_200_000;
const YEAR_9999_END_MS = 253_402_300_799_999;
const MAX_OFFSET_MINUTES = 18 * 60;

/**
 * An independent reading of the grammar in instant.ts for the tests to hold the reader to: a
 * pattern for the shape, a Date for the calendar (setUTCFullYear, which, unlike Date.UTC, keeps
 * years 0–99, and rolls 2026-02-30 over into March, so a real date is one that survives).
 */
const GRAMMAR =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/;

function referenceInstant(text: string): number | null {
  const m = GRAMMAR.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, millis);
  if (m[8] === 'Z') return date.getTime();
  const offsetHours = Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > MAX_OFFSET_MINUTES) return null;
  const sign = m[9] === '-' ? -1 : 1;
  return date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

const instantMs = fc.integer({ min: YEAR_0_MS, max: YEAR_9999_END_MS });
const offsetMinutes = fc.integer({ min: -MAX_OFFSET_MINUTES, max: MAX_OFFSET_MINUTES });

/** `ms` as a clock `offset` minutes east of UTC shows it, with that offset in `form`. */
function withOffset(ms: number, offset: number, form: 'HH:MM' | 'HHMM' | 'HH', millis: boolean) {
  const local = new Date(ms + offset * 60_000).toISOString();
  const body = millis ? local.slice(0, 23) : local.slice(0, 19);
  const abs = Math.abs(offset);
  const hours = `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}`;
  if (form === 'HH') return `${body}${hours}`;
  return `${body}${hours}${form === 'HH:MM' ? ':' : ''}${pad(abs % 60)}`;
}

/** The last second or millisecond a text without fraction or with three digits can name. */
const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

describe('parseInstant: properties', () => {
  it('reads toISOString() back to the same millisecond, as Date.parse does', () => {
    fc.assert(
      fc.property(instantMs, (ms) => {
        const text = new Date(ms).toISOString();
        fc.pre(/^\d{4}-/.test(text)); // toISOString writes a sign outside years 0–9999
        expect(parseInstant(text)).toBe(ms);
        expect(parseInstant(text)).toBe(Date.parse(text));
        expect(parseInstant(`${text.slice(0, 19)}Z`)).toBe(toSecond(ms));
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads a local time with its offset, in each of the three forms, as the same instant', () => {
    const form = fc.constantFrom('HH:MM' as const, 'HHMM' as const);
    const inRange = (ms: number) => ms >= YEAR_0_MS && ms <= YEAR_9999_END_MS;
    fc.assert(
      fc.property(instantMs, offsetMinutes, form, fc.boolean(), (ms, offset, how, millis) => {
        // Whole hours may also be written as ±HH.
        const hourly = offset - (offset % 60);
        fc.pre(inRange(ms + offset * 60_000) && inRange(ms + hourly * 60_000));
        // Offsets are whole minutes, so the local text names the same second as UTC's.
        const expected = millis ? ms : toSecond(ms);
        const text = withOffset(ms, offset, how, millis);
        expect(parseInstant(text)).toBe(expected);
        if (how === 'HH:MM') expect(parseInstant(text)).toBe(Date.parse(text));
        expect(parseInstant(withOffset(ms, hourly, 'HH', millis))).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps the milliseconds of any fraction of a second and drops what is below', () => {
    fc.assert(
      fc.property(
        instantMs,
        fc.stringMatching(/^[0-9]{1,15}$/),
        fc.constantFrom('.', ','),
        fc.constantFrom('Z', '+02:00'),
        (ms, fraction, mark, offset) => {
          const text = `${new Date(ms).toISOString().slice(0, 19)}${mark}${fraction}${offset}`;
          fc.pre(/^\d{4}-/.test(text));
          const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
          const shift = offset === 'Z' ? 0 : 2 * 3_600_000;
          expect(parseInstant(text)).toBe(toSecond(ms) + millis - shift);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('refuses exactly the dates and times that do not exist (leap days, month ends, 24:00)', () => {
    const fields = fc.record({
      // Biased towards the calendar's edges: century years, February, months' last days.
      year: fc.oneof(
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom(0, 1900, 2000, 2023, 2024, 2100, 2400),
      ),
      month: fc.oneof(fc.integer({ min: 0, max: 13 }), fc.constant(2)),
      day: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 28, max: 31 })),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.integer({ min: 0, max: 61 }),
    });
    fc.assert(
      fc.property(fields, ({ year, month, day, hour, minute, second }) => {
        const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`;
        const date = new Date(0);
        date.setUTCFullYear(year, month - 1, day);
        date.setUTCHours(hour, minute, second, 0);
        // A Date rolls impossible fields over; the fields of a real instant come back unchanged.
        const real =
          date.getUTCFullYear() === year &&
          date.getUTCMonth() === month - 1 &&
          date.getUTCDate() === day &&
          date.getUTCHours() === hour &&
          date.getUTCMinutes() === minute &&
          date.getUTCSeconds() === second;
        expect(parseInstant(text)).toBe(real ? date.getTime() : null);
      }),
      { numRuns: 10_000 },
    );
  });

  it('refuses offsets beyond ±18:00 or with minutes past 59', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom('+', '-'),
        (hours, minutes, sign) => {
          const text = `2026-06-01T12:00:00${sign}${pad(hours)}:${pad(minutes)}`;
          const valid = minutes <= 59 && hours * 60 + minutes <= MAX_OFFSET_MINUTES;
          const offset = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
          expect(parseInstant(text)).toBe(
            valid ? Date.UTC(2026, 5, 1, 12) - offset * 60_000 : null,
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('agrees with an independent reading of the grammar on any text, valid or not', () => {
    const valid = fc
      .tuple(
        instantMs,
        offsetMinutes,
        fc.constantFrom('HH:MM' as const, 'HHMM' as const, 'HH' as const),
        fc.boolean(),
      )
      .map(([ms, offset, form, millis]) =>
        withOffset(ms, form === 'HH' ? offset - (offset % 60) : offset, form, millis),
      );
    /** One character of a valid text replaced, inserted or removed. */
    const mutated = fc
      .tuple(
        valid,
        fc.nat(),
        fc.constantFrom('0', '9', '-', ':', 'T', 't', 'Z', 'z', '+', '.', ',', ' ', 'x', '٣', ''),
        fc.boolean(),
      )
      .map(([text, at, char, replace]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + char + text.slice(replace ? i + 1 : i);
      });
    const anyText = fc.oneof(
      valid,
      mutated,
      fc.string({ maxLength: 32 }),
      fc.stringMatching(/^[0-9TZ:+\-.,]{15,32}$/),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        expect(parseInstant(text)).toBe(referenceInstant(text));
      }),
      { numRuns: 20_000 },
    );
  });
});
