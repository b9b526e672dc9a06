import { describe, expect, it } from 'vitest';
import { formatDay, formatRange, trendText } from './summaryText.js';

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
