import { describe, expect, it } from 'vitest';
import { createFormatter } from './formatter.js';

const us = createFormatter({ locale: 'en-US', displayUnits: {} });
const gb = createFormatter({ locale: 'en-GB', displayUnits: {} });
const de = createFormatter({ locale: 'de-DE', displayUnits: {} });
const KG_PER_LB = 0.45359237;
const zone = 'Europe/London';

describe('createFormatter: values', () => {
  it('shows a US locale pounds, miles and mg/dL', () => {
    expect(us.metricValue('WEIGHT', 154.3 * KG_PER_LB)).toBe('154.3 lb');
    expect(us.metricValue('DISTANCE', 1609.344 * 3.1)).toBe('3.1 mi');
    expect(us.metricValue('BLOOD_GLUCOSE', 104.6)).toBe('105 mg/dL');
    expect(us.metricValue('STEPS', 8432.4)).toBe('8,432 steps');
  });

  it('shows a British locale stones and pounds and mmol/L', () => {
    expect(gb.metricValue('WEIGHT', (11 * 14 + 4) * KG_PER_LB)).toBe('11 st 4 lb');
    // 10 st 13.6 lb rounds up to 11 st 0 lb, never "10 st 14 lb".
    expect(gb.metricValue('WEIGHT', (10 * 14 + 13.6) * KG_PER_LB)).toBe('11 st 0 lb');
    expect(gb.metricValue('BLOOD_GLUCOSE', 99)).toBe('5.5 mmol/L');
  });

  it('writes numbers the locale’s way', () => {
    expect(de.metricValue('WEIGHT', 71.26)).toBe('71,3 kg');
    expect(de.metricValue('STEPS', 8432)).toBe('8.432 steps');
    expect(de.metricValue('BLOOD_GLUCOSE', 99)).toBe('99 mg/dL');
  });

  it('follows the person’s choice over the region', () => {
    const chosen = createFormatter({ locale: 'en-US', displayUnits: { WEIGHT: 'kg' } });
    expect(chosen.unitOf('WEIGHT')).toBe('kg');
    expect(chosen.unitOf('DISTANCE')).toBe('mi');
    expect(chosen.metricValue('WEIGHT', 71.26)).toBe('71.3 kg');
  });

  it('shows sleep as hours and minutes', () => {
    expect(us.metricValue('SLEEP_ANALYSIS', 425)).toBe('7 h 05 min');
    expect(us.duration(42)).toBe('42 min');
  });

  it('labels axes in the display unit', () => {
    expect(us.axisValue('DISTANCE', 1609.344 * 2)).toBe('2 mi');
    expect(us.axisValue('WEIGHT', 150 * KG_PER_LB)).toBe('150');
    expect(gb.axisValue('WEIGHT', 150 * KG_PER_LB)).toBe('150');
    expect(us.axisValue('STEPS', 12_000)).toBe('12K');
  });
});

describe('createFormatter: dates and times', () => {
  const at = Date.UTC(2026, 11, 26, 14, 5);

  it('uses the locale’s hour cycle unless the person chose one', () => {
    expect(us.hourCycle).toBe('h12');
    expect(gb.hourCycle).toBe('h23');
    expect(us.date(at, 'time', zone)).toBe('2:05 PM');
    expect(gb.date(at, 'time', zone)).toBe('14:05');
    const us24 = createFormatter({ locale: 'en-US', displayUnits: {}, hourCycle: 'h23' });
    expect(us24.date(at, 'time', zone)).toBe('14:05');
  });

  it('writes a time of day as the locale does, leading zero and all', () => {
    const morning = Date.UTC(2026, 11, 26, 7, 5);
    expect(gb.date(morning, 'time', zone)).toBe('07:05');
    expect(us.date(morning, 'time', zone)).toBe('7:05 AM');
    expect(de.date(morning, 'time', zone)).toBe('07:05');
    expect(createFormatter({ locale: 'ja-JP', displayUnits: {} }).date(morning, 'time', zone)).toBe(
      '7:05',
    );
    // A 24-hour clock chosen in a 12-hour locale, and the other way round.
    const us24 = createFormatter({ locale: 'en-US', displayUnits: {}, hourCycle: 'h23' });
    const gb12 = createFormatter({ locale: 'en-GB', displayUnits: {}, hourCycle: 'h12' });
    expect(us24.date(morning, 'time', zone)).toBe('07:05');
    expect(gb12.date(morning, 'time', zone)).toBe('7:05 am');
    // Hour ticks and time ranges write the same times.
    expect(gb.axisDate('hour', morning, zone, false)).toBe('07:05');
    expect(us.axisDate('hour', morning, zone, false)).toBe('7:05 AM');
    expect(gb.timeRange(morning, morning + 9 * 3_600_000, zone)).toBe('07:05–16:05');
  });

  it('keeps the year on axis ticks when the range spans years', () => {
    expect(us.axisDate('day', at, zone, false)).toBe('Dec 26');
    expect(us.axisDate('day', at, zone, true)).toBe('Dec 26, 2026');
    expect(gb.axisDate('month', at, zone, false)).toBe('Dec 2026');
  });

  it('names buckets in full', () => {
    expect(gb.bucketName('day', at, zone)).toBe('Saturday, 26 December 2026');
    expect(gb.bucketName('week', at, zone)).toBe('Week of 26 December 2026');
  });

  it('says how long ago with the locale’s grammar', () => {
    const now = at;
    expect(us.relativeTime(now - 3000, now)).toBe('now');
    expect(us.relativeTime(now - 3600_000, now)).toBe('1 hour ago');
    expect(us.relativeTime(now - 2 * 3600_000, now)).toBe('2 hours ago');
    expect(us.relativeTime(now - 26 * 3600_000, now)).toBe('yesterday');
    expect(de.relativeTime(now - 5 * 60_000, now)).toBe('vor 5 Minuten');
  });
});
