import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommonInstant, parseInstant, parseInstantByPattern } from './instants.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date-time's fields, deliberately allowed to run past their ranges (month 13, 24:00…). */
const fields = fc.record({
  // Biased towards the edges of the calendar: century years, February, months' last days.
  year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1900, 2000, 2024, 2100)),
  month: fc.oneof(fc.integer({ min: 0, max: 13 }), fc.constant(2)),
  day: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 28, max: 31 })),
  hour: fc.integer({ min: 0, max: 25 }),
  minute: fc.integer({ min: 0, max: 61 }),
  second: fc.integer({ min: 0, max: 61 }),
  fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
  separator: fc.constantFrom('.', ','),
  withSeconds: fc.boolean(),
  offset: fc.oneof(
    fc.constant('Z'),
    fc
      .record({
        sign: fc.constantFrom('+', '-'),
        hours: fc.integer({ min: 0, max: 20 }),
        minutes: fc.integer({ min: 0, max: 75 }),
        form: fc.constantFrom('HH:MM', 'HHMM', 'HH'),
      })
      .map(({ sign, hours, minutes, form }) =>
        form === 'HH'
          ? `${sign}${pad(hours)}`
          : `${sign}${pad(hours)}${form === 'HH:MM' ? ':' : ''}${pad(minutes)}`,
      ),
  ),
});

/** Texts in the full ISO grammar, valid or not in their values. */
const isoLike = fields.map((f) => {
  const seconds = f.withSeconds
    ? `:${pad(f.second)}${f.fraction === undefined ? '' : f.separator + f.fraction}`
    : '';
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}${seconds}${f.offset}`;
});

/** Real instants in the four common shapes, from year 0 to 9999. */
const common = fc
  .record({
    ms: fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
    offsetMinutes: fc.integer({ min: -18 * 60, max: 18 * 60 }),
    millis: fc.boolean(),
  })
  .map(({ ms, offsetMinutes, millis }) => {
    const local = new Date(ms + offsetMinutes * 60_000).toISOString();
    // toISOString writes years outside 0000–9999 with a sign; those are not ISO instants here.
    const body = millis ? local.slice(0, 23) : local.slice(0, 19);
    if (offsetMinutes === 0) return `${body}Z`;
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    return `${body}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  })
  .filter((text) => /^\d{4}-/.test(text));

/** One character of a text replaced, inserted or removed. */
const mutated = fc
  .tuple(
    common,
    fc.nat(),
    fc.constantFrom('0', '9', '-', ':', 'T', 't', 'Z', 'z', '+', '.', ',', ' ', 'x', '٣', ''),
    fc.constantFrom('replace', 'insert'),
  )
  .map(([text, at, char, how]) => {
    const i = at % (text.length + 1);
    return how === 'replace'
      ? text.slice(0, i) + char + text.slice(i + 1)
      : text.slice(0, i) + char + text.slice(i);
  });

const anyText = fc.oneof(
  isoLike,
  common,
  mutated,
  fc.string({ maxLength: 32 }),
  fc.stringMatching(/^[0-9TZ:+\-.]{15,30}$/),
);

describe('parseInstant: the fast path agrees with the pattern', () => {
  it('on texts of any shape, valid or not', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(parseInstant(text)).toBe(parseInstantByPattern(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers the common shapes itself, with the instant they name', () => {
    fc.assert(
      fc.property(common, (text) => {
        const fast = parseCommonInstant(text);
        expect(fast).not.toBeUndefined();
        expect(fast).toBe(parseInstantByPattern(text));
        expect(fast).toBe(Date.parse(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('decides the common shapes with impossible values itself, as the pattern does', () => {
    const impossible = [
      '2026-13-01T10:00:00Z',
      '2026-00-10T10:00:00.000Z',
      '2026-02-29T10:00:00+01:00',
      '2024-04-31T10:00:00.000-05:00',
      '2026-01-00T10:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60:00Z',
      '2026-01-01T10:00:60Z',
      '2026-01-01T10:00:00+18:01',
      '2026-01-01T10:00:00.000-01:60',
    ];
    for (const text of impossible) {
      expect(parseCommonInstant(text), text).toBeNull();
      expect(parseInstantByPattern(text), text).toBeNull();
    }
    expect(parseCommonInstant('0000-02-29T00:00:00Z')).toBe(
      parseInstantByPattern('0000-02-29T00:00:00Z'),
    );
    expect(parseCommonInstant('1900-02-29T00:00:00Z')).toBeNull();
  });

  it('leaves every other shape to the pattern', () => {
    for (const text of [
      '2026-01-01T10:00Z',
      '2026-01-01T10:00:00.5Z',
      '2026-01-01T10:00:00,123Z',
      '2026-01-01T10:00:00+0530',
      '2026-01-01T10:00:00+05',
      '2026-01-01T10:00:00.123456Z',
      '2026-01-01T10:00:00.000Zx',
      '2026-01-01t10:00:00Z',
      '+02026-01-01T10:00:00Z',
    ]) {
      expect(parseCommonInstant(text), text).toBeUndefined();
    }
  });
});
