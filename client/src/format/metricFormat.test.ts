import { describe, expect, it } from 'vitest';
import {
  formatAxisValue,
  formatMetricValue,
  formatMinutes,
  metricFromSlug,
  metricSlug,
} from './metricFormat.js';
import { formatRelativeTime } from './relativeTime.js';

describe('formatMetricValue', () => {
  it('shows each type in the unit a person expects', () => {
    expect(formatMetricValue('STEPS', 8432.4)).toBe('8,432 steps');
    expect(formatMetricValue('DISTANCE', 5212)).toBe('5.21 km');
    expect(formatMetricValue('DISTANCE', 640)).toBe('640 m');
    expect(formatMetricValue('SLEEP_ANALYSIS', 425)).toBe('7 h 05 min');
    expect(formatMetricValue('WEIGHT', 71.26)).toBe('71.3 kg');
    expect(formatMetricValue('OXYGEN_SATURATION', 97)).toBe('97 %');
    expect(formatMetricValue('BLOOD_GLUCOSE', 104.6)).toBe('105 mg/dL');
  });

  it('keeps axis labels short', () => {
    expect(formatAxisValue('STEPS', 12000)).toBe('12k');
    expect(formatAxisValue('SLEEP_ANALYSIS', 450)).toBe('7.5 h');
    expect(formatMinutes(42)).toBe('42 min');
  });

  it('round-trips metric slugs and refuses unknown ones', () => {
    expect(metricSlug('RESTING_HEART_RATE')).toBe('resting-heart-rate');
    expect(metricFromSlug('resting-heart-rate')).toBe('RESTING_HEART_RATE');
    expect(metricFromSlug('toString')).toBeNull();
    expect(metricFromSlug('nope')).toBeNull();
  });
});

describe('formatRelativeTime', () => {
  const now = Date.UTC(2026, 0, 10, 12);
  it('says how long ago in words', () => {
    expect(formatRelativeTime(now - 3000, now)).toBe('now');
    expect(formatRelativeTime(now + 12_000, now)).toBe('now');
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelativeTime(now - 26 * 3600_000, now)).toBe('yesterday');
    expect(formatRelativeTime(now - 21 * 86_400_000, now)).toBe('3 weeks ago');
  });
});
