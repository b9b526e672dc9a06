import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatInteger,
  formatOneDecimal,
  formatPercentChange,
  formatValue,
} from './format.js';

describe('insight number formatting', () => {
  it('groups thousands and rounds to whole numbers', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(999.5)).toBe('1,000');
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatInteger(-12345)).toBe('-12,345');
  });

  it('keeps one decimal only when it says something', () => {
    expect(formatOneDecimal(75.04)).toBe('75');
    expect(formatOneDecimal(75.05)).toBe('75.1');
    expect(formatOneDecimal(6.25)).toBe('6.3');
  });

  it('writes durations in hours and minutes', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(420)).toBe('7 h');
    expect(formatDuration(432.4)).toBe('7 h 12 min');
    expect(formatDuration(59.6)).toBe('1 h');
  });

  it('gives small changes a decimal and large ones none', () => {
    expect(formatPercentChange(-0.0625)).toBe('6.3%');
    expect(formatPercentChange(0.05)).toBe('5%');
    expect(formatPercentChange(0.2249)).toBe('22%');
  });

  it('formats each type with its unit', () => {
    expect(formatValue('STEPS', 10432.4)).toBe('10,432 steps');
    expect(formatValue('RESTING_HEART_RATE', 57.6)).toBe('58 bpm');
    expect(formatValue('WEIGHT', 78.44)).toBe('78.4 kg');
    expect(formatValue('BODY_FAT', 21)).toBe('21%');
    expect(formatValue('OXYGEN_SATURATION', 89.4)).toBe('89%');
    expect(formatValue('SLEEP_ANALYSIS', 400)).toBe('6 h 40 min');
    expect(formatValue('DISTANCE', 5234)).toBe('5.2 km');
    expect(formatValue('ACTIVE_ENERGY', 512.3)).toBe('512 kcal');
    expect(formatValue('BLOOD_GLUCOSE', 182)).toBe('182 mg/dL');
  });
});
