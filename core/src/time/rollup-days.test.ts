import { describe, expect, it } from 'vitest';
import {
  formatInstant,
  localDaysTouched,
  sampleWindowForDays,
  sleepDayOf,
  startOfLocalDate,
} from './index.js';

const at = (iso: string) => Date.parse(iso);
const NY = 'America/New_York';

describe('sleep days', () => {
  it('attribute a night to the day it ends, switching at 18:00 local', () => {
    expect(sleepDayOf(at('2026-03-09T21:59:59Z'), NY)).toBe('2026-03-09'); // 17:59 EDT
    expect(sleepDayOf(at('2026-03-09T22:00:00Z'), NY)).toBe('2026-03-10'); // 18:00 EDT
    expect(sleepDayOf(at('2026-03-10T04:00:00Z'), NY)).toBe('2026-03-10'); // 00:00 EDT
  });
});

describe('localDaysTouched', () => {
  it('is the day of the start for discrete types', () => {
    expect(
      localDaysTouched('HEART_RATE', at('2026-03-10T03:59:00Z'), at('2026-03-10T04:01:00Z'), NY),
    ).toEqual(['2026-03-09']);
    expect(
      localDaysTouched('WEIGHT', at('2026-03-10T12:00:00Z'), at('2026-03-10T12:00:00Z'), NY),
    ).toEqual(['2026-03-10']);
  });

  it('covers the days a cumulative sample overlaps plus the next 24 h (sample counts)', () => {
    expect(
      localDaysTouched('STEPS', at('2026-03-10T14:00:00Z'), at('2026-03-10T14:05:00Z'), NY),
    ).toEqual(['2026-03-10', '2026-03-11']);
    expect(
      localDaysTouched('STEPS', at('2026-03-10T03:00:00Z'), at('2026-03-10T05:00:00Z'), NY),
    ).toEqual(['2026-03-09', '2026-03-10', '2026-03-11']);
  });

  it('touches only its own day for a zero-length cumulative sample', () => {
    expect(
      localDaysTouched('STEPS', at('2026-03-10T14:00:00Z'), at('2026-03-10T14:00:00Z'), NY),
    ).toEqual(['2026-03-10']);
  });

  it('uses sleep days for sleep', () => {
    // 23:00 on the 9th to 07:00 on the 10th (EDT): the night of the 10th.
    expect(
      localDaysTouched(
        'SLEEP_ANALYSIS',
        at('2026-03-10T03:00:00Z'),
        at('2026-03-10T11:00:00Z'),
        NY,
      ),
    ).toEqual(['2026-03-10', '2026-03-11']);
  });
});

describe('sampleWindowForDays', () => {
  it('adds 24 h on each side of the days (a calendar day more before sleep days)', () => {
    const window = sampleWindowForDays('STEPS', ['2026-03-09', '2026-03-08'], NY);
    expect(formatInstant(window.startMs, NY)).toBe('2026-03-07T00:00:00-05:00');
    expect(window.endMs).toBe(startOfLocalDate('2026-03-10', NY) + 86_400_000);
    const sleep = sampleWindowForDays('SLEEP_ANALYSIS', ['2026-03-09'], NY);
    expect(sleep.startMs).toBe(startOfLocalDate('2026-03-08', NY) - 86_400_000);
  });
});
