import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAppleDate } from './apple-date.js';

describe('parseAppleDate', () => {
  it('reads the instant, whatever offset the export printed', () => {
    expect(parseAppleDate('2021-03-07 23:15:00 +0100')).toBe(Date.parse('2021-03-07T22:15:00Z'));
    expect(parseAppleDate('2021-03-07 17:15:00 -0500')).toBe(Date.parse('2021-03-07T22:15:00Z'));
    expect(parseAppleDate('2024-02-29 00:00:59 +0530')).toBe(Date.parse('2024-02-28T18:30:59Z'));
    expect(parseAppleDate('1999-12-31 23:59:59 +0000')).toBe(Date.parse('1999-12-31T23:59:59Z'));
  });

  it('reads the packed form of iOS 8 exports', () => {
    expect(parseAppleDate('20150718103801+0200')).toBe(Date.parse('2015-07-18T08:38:01Z'));
    expect(parseAppleDate('20141231230000-0530')).toBe(Date.parse('2015-01-01T04:30:00Z'));
  });

  it('reads both forms of any instant and offset as that instant', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2199, 11, 30) }),
        fc.integer({ min: -18 * 60, max: 18 * 60 }),
        (ms, offset) => {
          const instant = Math.floor(ms / 1000) * 1000;
          const wall = new Date(instant + offset * 60_000);
          const date = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
          const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
          const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
          expect(parseAppleDate(`${date} ${time} ${zone}`)).toBe(instant);
          expect(parseAppleDate(`${date.replace(/-/g, '')}${time.replace(/:/g, '')}${zone}`)).toBe(
            instant,
          );
        },
      ),
    );
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
      '20150718103801 0200',
      '2015071810380+02000',
      '20150230103801+0200',
      '20150718103801+1900',
    ]) {
      expect(parseAppleDate(text), text).toBeNull();
    }
  });
});
