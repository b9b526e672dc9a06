import { healthSampleSchema, type HealthSample } from '@hearth/schema';
import { describe, expect, it } from 'vitest';
import { normalizeSample } from '../normalize/index.js';
import { startOfLocalDate } from '../time/index.js';
import { zoneOffsets } from '../time/zone-offsets.js';
import { DEMO_DEVICES, demoDataDates, generateDemoData } from './index.js';
import { minuteZeroOfDay } from './local-days.js';
import { hashString } from './prng.js';

const THIRTY_DAYS = { seed: 7, endDate: '2026-03-20', days: 30, timeZone: 'America/New_York' };
const data = generateDemoData(THIRTY_DAYS);

const ms = (iso: string) => Date.parse(iso);
const ofDevice = (samples: HealthSample[], device: string, type: HealthSample['type']) =>
  samples.filter((s) => s.sourceDevice === device && s.type === type);

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function localDate(iso: string, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone })));
  return format.format(new Date(iso));
}

function localHour(iso: string, timeZone: string): number {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  return Number(text.format(new Date(iso)));
}

/** Whether [start, end) meets any interval of a list sorted by start whose lengths are ≤ 5 min. */
function overlapsAny(sorted: HealthSample[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms(sorted[mid]!.startDate) < start - 5 * 60_000) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && ms(sorted[i]!.startDate) < end; i++) {
    if (ms(sorted[i]!.endDate) > start) return true;
  }
  return false;
}

describe('generateDemoData', () => {
  it('is reproducible from the seed and changes with it', () => {
    expect(generateDemoData(THIRTY_DAYS)).toEqual(data);
    const other = generateDemoData({ ...THIRTY_DAYS, seed: 8 });
    expect(other.samples.length).not.toBe(data.samples.length);
    expect(generateDemoData({ ...THIRTY_DAYS, seed: 'demo' })).toEqual(
      generateDemoData({ ...THIRTY_DAYS, seed: 'demo' }),
    );
  });

  it('gives each day the same samples however far back the range starts', () => {
    const longer = generateDemoData({ ...THIRTY_DAYS, days: 60 });
    const tail = longer.samples.slice(longer.samples.length - data.samples.length);
    expect(tail).toEqual(data.samples);
    expect(longer.samples.length).toBeGreaterThan(data.samples.length * 1.9);
  });

  it('returns five devices and only samples from them', () => {
    expect(data.devices.map((d) => d.kind)).toEqual([
      'apple_watch',
      'iphone',
      'third_party_wearable',
      'third_party_scale',
      'manual_entry',
    ]);
    const ids = new Set(data.devices.map((d) => d.id));
    expect(data.samples.every((s) => ids.has(s.sourceDevice))).toBe(true);
  });

  it('produces well-formed canonical samples, unique per device, type, start and end', () => {
    const keys = new Set<string>();
    const malformed = data.samples.filter((sample) => {
      keys.add(`${sample.sourceDevice}|${sample.type}|${sample.startDate}|${sample.endDate}`);
      const span = ms(sample.endDate) - ms(sample.startDate);
      return (
        !healthSampleSchema.safeParse(sample).success ||
        span < 0 ||
        span > 24 * 3_600_000 ||
        !(sample.value >= 0)
      );
    });
    expect(malformed).toEqual([]);
    expect(keys.size).toBe(data.samples.length);
  });

  it('passes normalizeSample with every sample, unchanged', () => {
    // The moment the last sample ends: nothing is in the future then.
    const now = data.samples.reduce((latest, s) => Math.max(latest, Date.parse(s.endDate)), 0);
    const changed = data.samples.filter((sample) => {
      const result = normalizeSample(sample, { now });
      return !result.ok || JSON.stringify(result.sample) !== JSON.stringify(sample);
    });
    expect(changed).toEqual([]);
  });

  it('makes about 1,500 samples a day', () => {
    const perDay = data.samples.length / THIRTY_DAYS.days;
    expect(perDay).toBeGreaterThan(1_250);
    expect(perDay).toBeLessThan(1_750);
  });

  it('covers every local day of the range with activity', () => {
    const zone = THIRTY_DAYS.timeZone;
    const stepDays = new Set(
      data.samples.filter((s) => s.type === 'STEPS').map((s) => localDate(s.startDate, zone)),
    );
    for (const date of demoDataDates(THIRTY_DAYS.endDate, THIRTY_DAYS.days)) {
      expect(stepDays.has(date)).toBe(true);
    }
  });

  it('has watch and phone step samples that genuinely overlap in time', () => {
    const watch = ofDevice(data.samples, DEMO_DEVICES.watch.id, 'STEPS').sort(
      (a, b) => ms(a.startDate) - ms(b.startDate),
    );
    const phone = ofDevice(data.samples, DEMO_DEVICES.phone.id, 'STEPS');
    const overlapping = phone.filter((p) => overlapsAny(watch, ms(p.startDate), ms(p.endDate)));
    expect(overlapping.length).toBeGreaterThan(phone.length / 2);
    // ...and phone-only stretches where the watch was off, which the phone fills.
    expect(overlapping.length).toBeLessThan(phone.length);
    const watchSpans = new Set(watch.map((w) => (ms(w.endDate) - ms(w.startDate)) / 60_000));
    expect([...watchSpans].every((minutes) => minutes >= 1 && minutes <= 4)).toBe(true);
    const phoneSpans = new Set(phone.map((p) => (ms(p.endDate) - ms(p.startDate)) / 60_000));
    expect([...phoneSpans]).toEqual([10]);
  });

  it('mirrors some watch heart-rate readings on the phone with the same start and end', () => {
    const watch = ofDevice(data.samples, DEMO_DEVICES.watch.id, 'HEART_RATE');
    const phone = ofDevice(data.samples, DEMO_DEVICES.phone.id, 'HEART_RATE');
    const watchByTime = new Map(watch.map((s) => [`${s.startDate}|${s.endDate}`, s.value]));
    expect(phone.length).toBeGreaterThan(watch.length / 10);
    for (const p of phone) expect(watchByTime.get(`${p.startDate}|${p.endDate}`)).toBe(p.value);
  });

  it('leaves the watch off for some hours and some whole days', () => {
    const zone = THIRTY_DAYS.timeZone;
    // Resting heart rate is recorded once per day the watch is worn in the daytime.
    const watchDays = new Set(
      ofDevice(data.samples, DEMO_DEVICES.watch.id, 'RESTING_HEART_RATE').map((s) =>
        localDate(s.startDate, zone),
      ),
    );
    const heartRate = ofDevice(data.samples, DEMO_DEVICES.watch.id, 'HEART_RATE');
    const gaps = heartRate.filter(
      (s, i) => i > 0 && ms(s.startDate) - ms(heartRate[i - 1]!.startDate) > 40 * 60_000,
    );
    expect(gaps.length).toBeGreaterThan(THIRTY_DAYS.days / 2);
    expect(watchDays.size).toBeLessThan(THIRTY_DAYS.days);
    expect(watchDays.size).toBeGreaterThan(THIRTY_DAYS.days * 0.7);
  });

  it('adds a band on some days that overlaps the watch for steps, heart rate and sleep', () => {
    const band = data.samples.filter((s) => s.sourceDevice === DEMO_DEVICES.band.id);
    const types = new Set(band.map((s) => s.type));
    expect([...types].sort()).toEqual(
      ['HEART_RATE', 'OXYGEN_SATURATION', 'SLEEP_ANALYSIS', 'STEPS'].sort(),
    );
    const bandDays = new Set(band.map((s) => localDate(s.startDate, THIRTY_DAYS.timeZone)));
    expect(bandDays.size).toBeGreaterThan(3);
    expect(bandDays.size).toBeLessThan(THIRTY_DAYS.days);
  });

  it('records each night as several sleep samples across midnight, ending in the morning', () => {
    const zone = THIRTY_DAYS.timeZone;
    const sleep = ofDevice(data.samples, DEMO_DEVICES.watch.id, 'SLEEP_ANALYSIS');
    const nights = new Map<string, HealthSample[]>();
    for (const s of sleep) {
      // A night belongs to the date it ends on (before noon).
      const key = localDate(new Date(ms(s.endDate) + 12 * 3_600_000).toISOString(), zone);
      nights.set(key, [...(nights.get(key) ?? []), s]);
    }
    expect(nights.size).toBeGreaterThan(THIRTY_DAYS.days * 0.7);
    for (const stages of nights.values()) {
      expect(stages.length).toBeGreaterThanOrEqual(5);
      const minutes = stages.reduce((sum, s) => sum + s.value, 0);
      expect(minutes).toBeGreaterThan(4 * 60);
      expect(minutes).toBeLessThan(11 * 60);
      for (const s of stages) expect(s.value).toBe((ms(s.endDate) - ms(s.startDate)) / 60_000);
    }
  });

  it('weighs in on most mornings and enters glucose by hand on some days', () => {
    const weights = ofDevice(data.samples, DEMO_DEVICES.scale.id, 'WEIGHT');
    const bodyFat = ofDevice(data.samples, DEMO_DEVICES.scale.id, 'BODY_FAT');
    expect(weights.length).toBe(bodyFat.length);
    expect(weights.length).toBeGreaterThan(THIRTY_DAYS.days * 0.4);
    expect(weights.length).toBeLessThan(THIRTY_DAYS.days);
    const glucose = ofDevice(data.samples, DEMO_DEVICES.manual.id, 'BLOOD_GLUCOSE');
    expect(glucose.length).toBeGreaterThan(6);
    const oxygen = data.samples.filter((s) => s.type === 'OXYGEN_SATURATION');
    expect(oxygen.every((s) => s.value >= 50 && s.value <= 100)).toBe(true);
    expect(oxygen.some((s) => s.value < 92)).toBe(true);
  });

  it('follows the local clock of the zone it is given', () => {
    for (const timeZone of ['Asia/Kolkata', 'Europe/Berlin', 'Pacific/Auckland']) {
      const demo = generateDemoData({ ...THIRTY_DAYS, days: 10, timeZone });
      const resting = ofDevice(demo.samples, DEMO_DEVICES.watch.id, 'RESTING_HEART_RATE');
      expect(resting.length).toBeGreaterThan(5);
      for (const s of resting) {
        const hour = localHour(s.startDate, timeZone);
        expect(hour).toBeGreaterThanOrEqual(6);
        expect(hour).toBeLessThan(12);
      }
    }
  });

  it('gives the same samples as it always has for a seed (pinned fingerprints)', () => {
    // Demo accounts, tests and benchmarks rely on a seed meaning the same data over time. If a
    // change to the generator is meant to alter its output, update these on purpose.
    const fingerprints = ['America/New_York', 'America/Havana', 'Asia/Kolkata'].map((timeZone) => {
      const { samples } = generateDemoData({ seed: 7, endDate: '2026-03-10', days: 4, timeZone });
      return [samples.length, hashString(JSON.stringify(samples)).toString(16)];
    });
    expect(fingerprints).toEqual([
      [5496, '39061ce3'],
      [5311, '557be60a'],
      [5563, 'f65969a0'],
    ]);
  });

  it('counts a day from its local midnight, or an hour before a skipped midnight', () => {
    const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    const berlin = zoneOffsets('Europe/Berlin');
    for (const date of ['2026-03-29', '2026-10-25', '2026-06-01']) {
      expect(minuteZeroOfDay(day(date), berlin)).toBe(startOfLocalDate(date, 'Europe/Berlin'));
    }
    // Havana skips 00:00–01:00 on 8 March 2026: minute 60 is the first instant of the day.
    const havana = minuteZeroOfDay(day('2026-03-08'), zoneOffsets('America/Havana'));
    expect(havana + 3_600_000).toBe(startOfLocalDate('2026-03-08', 'America/Havana'));
  });

  it('rejects invalid options', () => {
    expect(() => generateDemoData({ ...THIRTY_DAYS, endDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateDemoData({ ...THIRTY_DAYS, days: 0 })).toThrow(RangeError);
    expect(() => generateDemoData({ ...THIRTY_DAYS, days: 1.5 })).toThrow(RangeError);
    expect(() => generateDemoData({ ...THIRTY_DAYS, timeZone: 'Mars/Olympus' })).toThrow(
      RangeError,
    );
  });
});
