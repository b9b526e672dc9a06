import { computeInsights } from '@hearth/core';
import type { HealthAggregate, HealthDataType } from '@hearth/schema';
import { afterEach, describe, expect, it } from 'vitest';
import type { InsightRow } from '../../db/types.js';
import { applyFormatPreferences } from '../../format/currentFormat.js';
import { bannerInsight, insightMessage, insightTitle, sortInsights } from './insightText.js';

function insight(id: string, patch: Partial<InsightRow>): InsightRow {
  return {
    id,
    type: 'trend',
    subject: 'STEPS',
    date: '2026-03-01',
    severity: 'low',
    message: 'm',
    data: {},
    acknowledged: false,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...patch,
  };
}

describe('insights ordering', () => {
  const list = [
    insight('a', { acknowledged: true, severity: 'high' }),
    insight('b', { severity: 'low', date: '2026-03-05' }),
    insight('c', { severity: 'high', type: 'out_of_range', subject: 'OXYGEN_SATURATION' }),
    insight('d', { severity: 'low', date: '2026-03-02' }),
  ];

  it('puts new, severe, recent insights first', () => {
    expect(sortInsights(list).map((i) => i.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('banners the most important unacknowledged insight, or nothing', () => {
    expect(bannerInsight(list)?.id).toBe('c');
    expect(bannerInsight([list[0]!])).toBeNull();
    expect(insightTitle(list[2]!)).toBe('Out of range: SpO2');
  });
});

describe('insight messages in the person’s units', () => {
  const TODAY = '2026-03-31';
  const day = (type: HealthDataType, back: number, value: number, extra = {}): HealthAggregate => {
    const date = new Date(Date.parse(`${TODAY}T12:00:00Z`) - back * 86_400_000);
    return {
      type,
      period: 'day',
      periodStart: `${date.toISOString().slice(0, 10)}T00:00:00Z`,
      value,
      sampleCount: 1,
      ...extra,
    };
  };
  // Weight: 70 kg for four weeks, then 73 kg for the last week (today left out by core).
  const weight = Array.from({ length: 36 }, (_, back) => day('WEIGHT', back, back <= 7 ? 73 : 70));
  const glucose = [day('BLOOD_GLUCOSE', 2, 120, { minValue: 60, maxValue: 200 })];
  const steps = Array.from({ length: 5 }, (_, back) => day('STEPS', back + 1, 12_000));
  const rows = (): InsightRow[] =>
    computeInsights({ dayRollups: [...weight, ...glucose, ...steps], goals: {}, today: TODAY }).map(
      (i) => ({ ...i, updatedAt: i.createdAt }),
    );
  const of = (kind: InsightRow['type'], subject: HealthDataType) => {
    const found = rows().find((i) => i.type === kind && i.subject === subject);
    if (!found) throw new Error(`core made no ${kind} insight for ${subject}`);
    return found;
  };

  afterEach(() => {
    // Back to the tests' pinned format (pinnedFormat.setup.ts).
    applyFormatPreferences(
      { displayUnits: { WEIGHT: 'kg', DISTANCE: 'km', BLOOD_GLUCOSE: 'mg/dL' }, hourCycle: 'h23' },
      'en-GB',
    );
  });

  it('rebuilds core’s messages from their figures, in kilograms and mg/dL by default', () => {
    expect(insightMessage(of('trend', 'WEIGHT'))).toBe(
      'Your weight averaged 73 kg over the last 7 days, 4.3 % higher than the 70 kg of the 28 days before.',
    );
    expect(insightMessage(of('out_of_range', 'BLOOD_GLUCOSE'))).toBe(
      'Your blood glucose went as low as 60 mg/dL and as high as 200 mg/dL on 29 Mar 2026, outside the usual range of 70 mg/dL to 180 mg/dL.',
    );
    expect(insightMessage(of('goal_streak', 'STEPS'))).toBe(
      'You reached your steps goal (10,000 steps) 5 days in a row, up to 30 Mar 2026.',
    );
  });

  it('speaks pounds, mmol/L and US dates when the person reads those', () => {
    applyFormatPreferences({ displayUnits: { BLOOD_GLUCOSE: 'mmol/L' } }, 'en-US');
    expect(insightMessage(of('trend', 'WEIGHT'))).toBe(
      'Your weight averaged 160.9 lb over the last 7 days, 4.3 % higher than the 154.3 lb of the 28 days before.',
    );
    expect(insightMessage(of('out_of_range', 'BLOOD_GLUCOSE'))).toBe(
      'Your blood glucose went as low as 3.3 mmol/L and as high as 11.1 mmol/L on Mar 29, 2026, outside the usual range of 3.9 mmol/L to 10 mmol/L.',
    );
  });

  it('says how many days with data each mean is of', () => {
    // Weighed on 3 of the last 7 days and 10 of the 28 before.
    const sparse = weight.filter((_, back) => back % 3 === 1);
    const [trend] = computeInsights({ dayRollups: sparse, goals: {}, today: TODAY });
    expect(trend?.data).toMatchObject({ recentDays: 3, baselineDays: 9 });
    expect(insightMessage({ ...trend!, updatedAt: trend!.createdAt })).toBe(
      'Your weight averaged 73 kg over the 3 days with data in the last 7, 4.3 % higher than the 70 kg of the 9 days with data in the 28 before.',
    );
  });

  it('keeps the server’s message when its figures are missing', () => {
    expect(insightMessage(insight('x', { message: 'As the server said.' }))).toBe(
      'As the server said.',
    );
  });
});
