import {
  computeRollups,
  generateDemoData,
  groupIntoSeries,
  seriesToSamples,
  startOfLocalDate,
} from '@hearth/core';
import { AGGREGATION_PERIODS } from '@hearth/schema';
import { describe, expect, it } from 'vitest';
import type { SeriesRow } from '../db/types.js';
import { computeDeviceBuckets, type DeviceBucketQuery } from './deviceBuckets.js';

const zone = 'Europe/Berlin';
// Ends just after the autumn change: a 25-hour day whose repeated hour is two buckets.
const demo = generateDemoData({ seed: 4, endDate: '2026-10-26', days: 4, timeZone: zone });
const series: SeriesRow[] = groupIntoSeries(demo.samples).map((s) => ({
  ...s,
  updatedAt: '2026-10-27T00:00:00.000Z',
}));
const priority = demo.devices.map((d) => d.id);
const fromMs = startOfLocalDate('2026-10-01', zone);
const toMs = startOfLocalDate('2026-11-01', zone);

describe('computeDeviceBuckets', () => {
  it.each(AGGREGATION_PERIODS)(
    'gives the %s buckets computeRollups gives on the samples',
    (period) => {
      const query: DeviceBucketQuery = {
        types: ['STEPS', 'HEART_RATE', 'SLEEP_ANALYSIS', 'WEIGHT'],
        period,
        fromMs,
        toMs,
        timeZone: zone,
        priority,
      };
      const expected = computeRollups(series.flatMap(seriesToSamples), { timeZone: zone, priority })
        .map((a) => ({ ...a, startMs: Date.parse(a.periodStart), computedOnDevice: true }))
        .filter(
          (a) =>
            a.period === period &&
            query.types.includes(a.type) &&
            a.startMs >= fromMs &&
            a.startMs < toMs,
        );
      const buckets = computeDeviceBuckets(series, query);
      expect(buckets.length).toBeGreaterThan(0);
      expect(buckets).toStrictEqual(expected);
    },
  );
});
