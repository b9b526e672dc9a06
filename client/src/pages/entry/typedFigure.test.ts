import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTypedNumber } from './typedFigure.js';

// Locales whose grouping is in thousands (Indian lakh grouping, "1,00,000", is not read).
const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'de-CH', 'sv-SE'];

describe('parseTypedNumber', () => {
  it('reads a number as the locale writes it, grouping and decimals included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.integer({ min: 0, max: 10_000_000_00 }),
        (locale, hundredths) => {
          const value = hundredths / 100;
          const written = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
          expect(parseTypedNumber(written, locale)).toBeCloseTo(value, 9);
        },
      ),
    );
  });

  it('takes a point or a comma as the decimal where it cannot be grouping', () => {
    expect(parseTypedNumber('10,000', 'en-US')).toBe(10_000);
    expect(parseTypedNumber('1,5', 'en-US')).toBe(1.5);
    expect(parseTypedNumber('71.5', 'de-DE')).toBe(71.5);
    expect(parseTypedNumber('71,5', 'de-DE')).toBe(71.5);
    expect(parseTypedNumber('10.000', 'de-DE')).toBe(10_000);
    expect(parseTypedNumber(' 70 ', 'en-GB')).toBe(70);
    expect(parseTypedNumber('-5', 'en-GB')).toBe(-5);
  });

  it('refuses what is no number', () => {
    for (const text of ['', ' ', 'heavy', '1,2,3', '0x10', '1e5', '.']) {
      expect(parseTypedNumber(text, 'en-US')).toBeNaN();
    }
  });
});
