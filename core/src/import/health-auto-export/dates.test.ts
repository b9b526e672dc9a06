import { describe, expect, it } from 'vitest';
import { haeDateToIso } from './dates.js';

describe('haeDateToIso', () => {
  it('reads the 24-hour form with its offset', () => {
    expect(haeDateToIso('2024-01-05 07:57:00 -0700')).toBe('2024-01-05T07:57:00-07:00');
    expect(haeDateToIso('2024-07-01 23:05:09 +0530')).toBe('2024-07-01T23:05:09+05:30');
  });

  it('reads the 12-hour form, whatever space precedes AM or PM', () => {
    expect(haeDateToIso('2024-01-05 7:57:00 AM -0700')).toBe('2024-01-05T07:57:00-07:00');
    expect(haeDateToIso('2024-01-05 7:57:00 pm -0700')).toBe('2024-01-05T19:57:00-07:00');
    expect(haeDateToIso('2024-01-05 7:57:00\u202fPM -0700')).toBe('2024-01-05T19:57:00-07:00');
    expect(haeDateToIso('2024-01-05 7:57:00\u00a0am -0700')).toBe('2024-01-05T07:57:00-07:00');
  });

  it('reads ISO 8601 with milliseconds, to the millisecond', () => {
    expect(haeDateToIso('2026-01-01T10:00:00.000Z')).toBe('2026-01-01T10:00:00.000Z');
    expect(haeDateToIso('2026-01-01T10:00:00.5+01:00')).toBe('2026-01-01T10:00:00.500+01:00');
    expect(haeDateToIso('2026-01-01T10:00:00.123456Z')).toBe('2026-01-01T10:00:00.123Z');
  });

  it('puts 12 AM at midnight and 12 PM at noon', () => {
    expect(haeDateToIso('2024-01-05 12:30:00 AM +0000')).toBe('2024-01-05T00:30:00+00:00');
    expect(haeDateToIso('2024-01-05 12:30:00 PM +0000')).toBe('2024-01-05T12:30:00+00:00');
  });

  it('refuses what is not such a date', () => {
    for (const text of [
      '2024-01-05',
      '2024-01-05 07:57:00',
      '2024-01-05 13:00:00 PM -0700',
      '2024-01-05 0:10:00 AM -0700',
      '2024-01-05 25:00:00 -0700',
      'yesterday',
    ]) {
      expect(haeDateToIso(text), text).toBeNull();
    }
  });
});
