import type { HealthAggregate, HealthDataType } from '@hearth/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startOfLocalDate } from '../time/buckets.js';
import { computeInsights } from './compute-insights.js';
import { addDays } from './day-values.js';
import { finishedExtremes, isPartialPeriod, periodCollectsUntil } from './partial-periods.js';
import { TREND_RULES } from './trends.js';

const ZONE = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

describe('when a period stops collecting', () => {
  it('is the next bucket start, across daylight saving time', () => {
    const day = startOfLocalDate('2026-03-08', ZONE);
    expect(periodCollectsUntil('STEPS', 'day', day, ZONE)).toBe(at('2026-03-09T04:00:00Z'));
    const week = startOfLocalDate('2026-03-02', ZONE);
    expect(periodCollectsUntil('HEART_RATE', 'week', week, ZONE)).toBe(at('2026-03-09T04:00:00Z'));
  });

  it('is 18:00 on the last day for sleep, whose nights end in the morning', () => {
    const night = startOfLocalDate('2026-03-08', ZONE);
    expect(periodCollectsUntil('SLEEP_ANALYSIS', 'day', night, ZONE)).toBe(
      at('2026-03-08T22:00:00Z'),
    );
    const month = startOfLocalDate('2026-03-01', ZONE);
    expect(periodCollectsUntil('SLEEP_ANALYSIS', 'month', month, ZONE)).toBe(
      at('2026-03-31T22:00:00Z'),
    );
  });

  it('makes today, this week and this month partial, and yesterday not', () => {
    const now = at('2026-03-11T13:00:00Z'); // Wednesday 09:00 in New York
    const today = startOfLocalDate('2026-03-11', ZONE);
    const yesterday = startOfLocalDate('2026-03-10', ZONE);
    expect(isPartialPeriod('STEPS', 'day', today, now, ZONE)).toBe(true);
    expect(isPartialPeriod('STEPS', 'day', yesterday, now, ZONE)).toBe(false);
    expect(isPartialPeriod('STEPS', 'week', startOfLocalDate('2026-03-09', ZONE), now, ZONE)).toBe(
      true,
    );
    expect(isPartialPeriod('STEPS', 'week', startOfLocalDate('2026-03-02', ZONE), now, ZONE)).toBe(
      false,
    );
    expect(
      isPartialPeriod('WEIGHT', 'month', startOfLocalDate('2026-03-01', ZONE), now, ZONE),
    ).toBe(true);
    // Last night is still open until 18:00: an evening nap belongs to it.
    expect(isPartialPeriod('SLEEP_ANALYSIS', 'day', today, now, ZONE)).toBe(true);
    expect(isPartialPeriod('SLEEP_ANALYSIS', 'day', today, at('2026-03-11T22:00:00Z'), ZONE)).toBe(
      false,
    );
  });
});

type Bucket = { value: number; partial: boolean };
const bucket = fc.record({
  value: fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  partial: fc.boolean(),
});

describe('a partial bucket is never a lowest or highest', () => {
  it('ranks only finished buckets, whatever their values', () => {
    fc.assert(
      fc.property(fc.array(bucket, { maxLength: 30 }), (buckets: Bucket[]) => {
        const found = finishedExtremes(
          buckets,
          (b) => b.value,
          (b) => b.partial,
        );
        const finished = buckets.filter((b) => !b.partial);
        if (finished.length === 0) {
          expect(found).toBeNull();
          return;
        }
        expect(found!.lowest.partial).toBe(false);
        expect(found!.highest.partial).toBe(false);
        expect(found!.lowest.value).toBe(Math.min(...finished.map((b) => b.value)));
        expect(found!.highest.value).toBe(Math.max(...finished.map((b) => b.value)));
      }),
    );
  });

  it('leaves out the partial day that would have been the lowest', () => {
    const days = [
      { date: '2026-03-09', value: 8100, partial: false },
      { date: '2026-03-10', value: 6400, partial: false },
      { date: '2026-03-11', value: 46, partial: true },
    ];
    const found = finishedExtremes(
      days,
      (d) => d.value,
      (d) => d.partial,
    );
    expect(found).toEqual({ lowest: days[1], highest: days[0] });
  });
});

const TODAY = '2026-03-31';
function dayRollup(type: HealthDataType, date: string, value: number): HealthAggregate {
  return { type, period: 'day', periodStart: `${date}T00:00:00-04:00`, value, sampleCount: 1 };
}

describe('a partial day is never a trend input', () => {
  const history = TREND_RULES.flatMap((rule) =>
    Array.from({ length: 35 }, (_, k) =>
      dayRollup(rule.subject, addDays(TODAY, -(k + 1)), k < 7 ? 100 + k : 90),
    ),
  );
  const trendsOf = (rollups: HealthAggregate[]) =>
    computeInsights({ dayRollups: rollups, goals: {}, today: TODAY }).filter(
      (i) => i.type === 'trend',
    );

  it('gives the same trends whatever today holds so far', () => {
    const expected = trendsOf(history);
    expect(expected.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e5 }), {
          minLength: TREND_RULES.length,
          maxLength: TREND_RULES.length,
        }),
        (values) => {
          const today = TREND_RULES.map((rule, i) => dayRollup(rule.subject, TODAY, values[i]!));
          expect(trendsOf([...history, ...today])).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});
