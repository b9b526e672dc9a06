import { instantSchema } from '@hearth/schema';
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Texts near the grammar of schema/src/instant.ts, valid and not: every part is drawn from values
 * in and just outside its range (month 13, hour 24, a one-digit minute), in every separator and
 * offset form, with now and then a lowercase letter, a space or trailing characters.
 */
const nearInstant = fc
  .record({
    year: fc.oneof(
      fc.integer({ min: 0, max: 9999 }).map((y) => pad(y, 4)),
      fc.constant('+2026'),
    ),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    t: fc.constantFrom('T', 'T', 'T', 't', ' '),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.oneof(
      fc.integer({ min: 0, max: 60 }).map((m) => pad(m)),
      fc.constant('5'),
    ),
    seconds: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    fraction: fc.option(
      fc.record({ mark: fc.constantFrom('.', ','), digits: fc.stringMatching(/^\d{0,10}$/) }),
      { nil: undefined },
    ),
    offset: fc.oneof(
      fc.constantFrom('Z', 'z', ''),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          hours: fc.integer({ min: 0, max: 24 }),
          minutes: fc.integer({ min: 0, max: 60 }),
          form: fc.constantFrom('HH:MM', 'HHMM', 'HH', 'H:MM'),
        })
        .map(({ sign, hours, minutes, form }) =>
          form === 'HH'
            ? `${sign}${pad(hours)}`
            : form === 'H:MM'
              ? `${sign}${hours}:${pad(minutes)}`
              : `${sign}${pad(hours)}${form === 'HH:MM' ? ':' : ''}${pad(minutes)}`,
        ),
    ),
    trailing: fc.constantFrom('', '', '', ' ', 'x', '0'),
  })
  .map(({ year, month, day, t, hour, minute, seconds, fraction, offset, trailing }) => {
    const sec = seconds === undefined ? '' : `:${pad(seconds)}`;
    const frac = seconds === undefined || !fraction ? '' : `${fraction.mark}${fraction.digits}`;
    return `${year}-${pad(month)}-${pad(day)}${t}${pad(hour)}:${minute}${sec}${frac}${offset}${trailing}`;
  });

/** Texts of RFC 3339's shape (seconds, `.` fraction, `Z` or `±hh:mm` to ±23:59), a few of no real day. */
const rfc3339Text = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.stringMatching(/^(\.\d{1,10})?$/),
    offset: fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(
          fc.constantFrom('+', '-'),
          fc.integer({ min: 0, max: 23 }),
          fc.integer({ min: 0, max: 59 }),
        )
        .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction}${t.offset}`,
  );

const anyText = fc.oneof(nearInstant, nearInstant, fc.string({ maxLength: 40 }));

/** What the API's zod schemas accepted for an instant before they used the one grammar. */
const rfc3339 = z.iso.datetime({ offset: true });

describe('instantSchema and parseInstant: one grammar', () => {
  it('the API schema accepts exactly the texts core reads, and core reads what the schema passed', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const ms = parseInstant(text);
        const checked = instantSchema.safeParse(text);
        expect(checked.success).toBe(ms !== null);
        if (checked.success) expect(parseInstant(checked.data)).toBe(ms);
      }),
      { numRuns: 5_000 },
    );
  });

  it('accepts every text the RFC 3339 schema accepted with an offset core allows, as the same instant', () => {
    fc.assert(
      fc.property(rfc3339Text, (text) => {
        fc.pre(rfc3339.safeParse(text).success); // drops the days that do not exist
        const offset = /([+-])(\d\d):(\d\d)$/.exec(text);
        const beyond = offset !== null && Number(offset[2]) * 60 + Number(offset[3]) > 18 * 60;
        // Offsets past ±18:00 (no zone has one) are the one thing the RFC 3339 pattern took and
        // the grammar refuses; clients send toISOString() text, with `Z`.
        expect(instantSchema.safeParse(text).success).toBe(!beyond);
        // The grammar keeps the first three digits of a fraction; V8's Date.parse misreads some
        // longer ones (`.0006000000` as 6 ms), so it reads the text cut to the millisecond.
        const toMillis = text.replace(/\.(\d{3})\d+/, '.$1');
        if (!beyond) expect(parseInstant(text)).toBe(Date.parse(toMillis));
      }),
      { numRuns: 5_000 },
    );
  });

  it("accepts what clients send: toISOString() text, and a share link's expiry", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(instantSchema.parse(text)).toBe(text);
        expect(parseInstant(text)).toBe(ms);
      }),
    );
  });

  it('says what an instant looks like when it refuses one', () => {
    const refused = instantSchema.safeParse('2026-01-01 10:00:00');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/^Expected an ISO 8601 date and time/);
  });
});
