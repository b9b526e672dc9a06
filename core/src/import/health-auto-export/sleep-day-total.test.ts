import type { HealthSample } from '@hearth/schema';
import { describe, expect, it } from 'vitest';
import { normalizeSample } from '../../normalize/index.js';
import { computeRollups } from '../../rollups/index.js';
import { mapHealthAutoExport } from './map-payload.js';

const WATCH = 'Anna’s Apple Watch';
const PHONE = 'Anna’s iPhone';
const ZONE = 'America/Denver';

/** The sleep day totals core computes from a payload, each source one device. */
function sleepDays(points: unknown[]): Array<[string, number]> {
  const mapping = mapHealthAutoExport(
    { data: { metrics: [{ name: 'sleep_analysis', units: 'hr', data: points }] } },
    { aggregation: 'minutes' },
  );
  expect(mapping.refused).toEqual([]);
  const samples: HealthSample[] = mapping.samples.map(({ sample, source }) => {
    const result = normalizeSample(sample, { sourceDevice: source ?? 'health-auto-export' });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.sample;
  });
  return computeRollups(samples, { timeZone: ZONE, priority: [WATCH, PHONE] })
    .filter((r) => r.type === 'SLEEP_ANALYSIS' && r.period === 'day')
    .map((r) => [r.periodStart, Number(r.value.toFixed(6))]);
}

const stage = (value: string, start: string, end: string, source = WATCH) => ({
  startDate: `2024-01-0${start}`,
  endDate: `2024-01-0${end}`,
  value,
  source,
});

describe('Health Auto Export sleep: per stage and aggregated', () => {
  it('give the same day total for the same night', () => {
    // One night of the watch, 23:10–06:55 local: 4 h core, 1 h 15 deep, 2 h REM, 30 min awake;
    // the phone's in-bed time around it does not count, since the night has asleep time.
    const perStage = sleepDays([
      stage('Core', '5 11:10:00 PM -0700', '6 3:10:00 AM -0700'),
      stage('Deep', '6 3:10:00 AM -0700', '6 4:25:00 AM -0700'),
      stage('REM', '6 4:25:00 AM -0700', '6 6:25:00 AM -0700'),
      stage('Awake', '6 6:25:00 AM -0700', '6 6:55:00 AM -0700'),
      stage('In Bed', '5 11:00:00 PM -0700', '6 7:10:00 AM -0700', PHONE),
    ]);
    const aggregated = sleepDays([
      {
        date: '2024-01-06',
        totalSleep: 7.25,
        asleep: 0,
        core: 4,
        deep: 1.25,
        rem: 2,
        awake: 0.5,
        sleepStart: '2024-01-05 11:10:00 PM -0700',
        sleepEnd: '2024-01-06 6:55:00 AM -0700',
        inBed: 8 + 1 / 6,
        inBedStart: '2024-01-05 11:00:00 PM -0700',
        inBedEnd: '2024-01-06 7:10:00 AM -0700',
        source: WATCH,
      },
    ]);
    expect(perStage).toEqual([['2024-01-06T00:00:00-07:00', 435]]);
    expect(aggregated).toEqual(perStage);
  });
});
