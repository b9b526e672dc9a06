import { describe, expect, it } from 'vitest';
import { parseAppleDate } from './apple-date.js';

describe('parseAppleDate', () => {
  it('reads the instant, whatever offset the export printed', () => {
    expect(parseAppleDate('2021-03-07 23:15:00 +0100')).toBe(Date.parse('2021-03-07T22:15:00Z'));
    expect(parseAppleDate('2021-03-07 17:15:00 -0500')).toBe(Date.parse('2021-03-07T22:15:00Z'));
    expect(parseAppleDate('2024-02-29 00:00:59 +0530')).toBe(Date.parse('2024-02-28T18:30:59Z'));
    expect(parseAppleDate('1999-12-31 23:59:59 +0000')).toBe(Date.parse('1999-12-31T23:59:59Z'));
  });

  it('refuses other forms and impossible dates', () => {
    for (const text of [
      '',
      '2021-03-07T23:15:00+01:00',
      '2021-03-07 23:15:00 +01:00',
      '2021-03-07 23:15:00',
      '2021-03-07 23:15 +0100',
      '2023-02-29 10:00:00 +0000',
      '2021-13-07 10:00:00 +0000',
      '2021-03-07 24:00:00 +0000',
      '2021-03-07 23:60:00 +0000',
      '2021-03-07 23:15:00 +1900',
      '2021-03-07 23:15:00 +0160',
      '2021-03-07 23:15:00 ~0100',
      '2021-03-x7 23:15:00 +0100',
    ]) {
      expect(parseAppleDate(text), text).toBeNull();
    }
  });
});
