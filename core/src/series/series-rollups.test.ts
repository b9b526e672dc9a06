import { describe, expect, it } from 'vitest';
import { DEMO_DEVICE_LIST, generateDemoData } from '../generator/index.js';
import { computeRollups } from '../rollups/index.js';
import { groupIntoSeries, mergeSeriesPoints, seriesToSamples } from './index.js';

describe('series as the storage grain', () => {
  const timeZone = 'Europe/Berlin';
  // Spans the spring DST change, so hours and days of unusual length are included.
  const { samples } = generateDemoData({ seed: 5, endDate: '2026-03-31', days: 4, timeZone });
  const priority = DEMO_DEVICE_LIST.map((d) => d.id);

  it('gives the same rollups as the samples it was built from', () => {
    const stored = groupIntoSeries(samples).flatMap(seriesToSamples);
    expect(computeRollups(stored, { timeZone, priority })).toEqual(
      computeRollups(samples, { timeZone, priority }),
    );
  });

  it('stores a re-sent batch once: rollups do not change', () => {
    const half = samples.slice(0, samples.length / 2);
    const first = groupIntoSeries(samples);
    const again = new Map(groupIntoSeries(half).map((g) => [g.id, g.points]));
    const merged = first.map((g) => ({
      ...g,
      points: mergeSeriesPoints(g.points, again.get(g.id) ?? []),
    }));
    expect(merged).toEqual(first);
    expect(computeRollups(merged.flatMap(seriesToSamples), { timeZone, priority })).toEqual(
      computeRollups(samples, { timeZone, priority }),
    );
  });
});
