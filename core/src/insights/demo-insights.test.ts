import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../generator/index.js';
import { computeRollups } from '../rollups/index.js';
import { resolveSourcePriority } from '../series/index.js';
import { computeInsights } from './compute-insights.js';

const TIME_ZONE = 'America/New_York';
const END = '2026-03-31';

/** The demo as the app shows it: generated data → deduplicated day rollups → insights. */
function demoInsights(seed: number | string) {
  const demo = generateDemoData({ seed, endDate: END, days: 36, timeZone: TIME_ZONE });
  const devices = demo.devices.map((d) => ({ ...d, createdAt: '2026-01-01T00:00:00Z' }));
  const priority = resolveSourcePriority(devices, []);
  const dayRollups = computeRollups(demo.samples, { timeZone: TIME_ZONE, priority }).filter(
    (r) => r.period === 'day',
  );
  return computeInsights({ dayRollups, goals: {}, today: END });
}

describe('insights on generated demo data', () => {
  it.each([1, 42, 'demo'])(
    'shows the trends and the low-oxygen night built into seed %j',
    (seed) => {
      const insights = demoInsights(seed);
      const ids = insights.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(insights).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: `trend:RESTING_HEART_RATE:${END}`,
            direction: 'decreasing',
          }),
          expect.objectContaining({ id: `trend:SLEEP_ANALYSIS:${END}`, direction: 'decreasing' }),
          expect.objectContaining({ id: 'out_of_range:OXYGEN_SATURATION:2026-03-29' }),
        ]),
      );
    },
  );
});
