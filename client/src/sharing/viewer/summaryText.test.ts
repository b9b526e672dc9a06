import { afterEach, describe, expect, it } from 'vitest';
import { applyFormatPreferences } from '../../format/currentFormat.js';
import { formatDay, formatRange, trendText, unitsNote } from './summaryText.js';

describe('trendText', () => {
  it('states direction, signed change with unit, and span', () => {
    expect(trendText('RESTING_HEART_RATE', { direction: 'rising', change: 6.4, spanDays: 6 })).toBe(
      'Rising: +6 bpm over 6 days',
    );
    expect(trendText('STEPS', { direction: 'falling', change: -1234.4, spanDays: 19 })).toBe(
      'Falling: −1,234 steps over 19 days',
    );
    expect(trendText('WEIGHT', { direction: 'steady', change: -0.2, spanDays: 8 })).toBe(
      'Steady (−0.2 kg over 8 days)',
    );
  });

  it('says so when there are too few days', () => {
    expect(trendText('STEPS', null)).toBe('Too few days for a trend');
  });
});

describe('formatDay / formatRange', () => {
  it('shows calendar days, whatever the viewer’s zone', () => {
    expect(formatDay('2026-03-08')).toBe('8 Mar 2026');
    expect(formatRange({ start: '2026-03-01', end: '2026-03-08' })).toBe('1 Mar 2026 – 8 Mar 2026');
    expect(formatRange({ start: '2026-03-01', end: '2026-03-01' })).toBe('1 Mar 2026');
  });
});

describe('unitsNote', () => {
  afterEach(() => {
    // Back to the tests' pinned format (pinnedFormat.setup.ts).
    applyFormatPreferences(
      { displayUnits: { WEIGHT: 'kg', DISTANCE: 'km', BLOOD_GLUCOSE: 'mg/dL' }, hourCycle: 'h23' },
      'en-GB',
    );
  });

  it('names the units of the reader’s region, for the types that have a choice', () => {
    applyFormatPreferences({ displayUnits: {} }, 'en-US');
    expect(unitsNote(['STEPS', 'WEIGHT', 'DISTANCE', 'BLOOD_GLUCOSE'])).toBe(
      'Figures are in the units usual where you are (United States): pounds (lb), miles (mi) and mg/dL.',
    );
    applyFormatPreferences({ displayUnits: {} }, 'en-GB');
    expect(unitsNote(['WEIGHT', 'BLOOD_GLUCOSE'])).toBe(
      'Figures are in the units usual where you are (United Kingdom): stones and pounds (st lb) and mmol/L.',
    );
    expect(unitsNote(['STEPS', 'HEART_RATE'])).toBeNull();
  });
});
