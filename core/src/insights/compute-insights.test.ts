import {
  healthInsightSchema,
  type HealthAggregate,
  type HealthDataType,
  type LocalDate,
} from '@hearth/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInsights } from './compute-insights.js';
import { addDays } from './day-values.js';

const TODAY = '2026-03-31';

function day(
  type: HealthDataType,
  date: LocalDate,
  value: number,
  extra: Partial<HealthAggregate> = {},
): HealthAggregate {
  return {
    type,
    period: 'day',
    periodStart: `${date}T00:00:00-04:00`,
    value,
    sampleCount: 1,
    ...extra,
  };
}

/** Day rollups for the `count` days ending `last`, valued by how many days back they are. */
function run(
  type: HealthDataType,
  count: number,
  valueOf: (back: number) => number,
  last: LocalDate = TODAY,
): HealthAggregate[] {
  return Array.from({ length: count }, (_, back) => day(type, addDays(last, -back), valueOf(back)));
}

const insightsOf = (dayRollups: HealthAggregate[], goals = {}, today = TODAY) =>
  computeInsights({ dayRollups, goals, today });

describe('trend insights', () => {
  it('compares the 7 days up to yesterday with the 28 before and reads well', () => {
    const rollups = run('RESTING_HEART_RATE', 36, (back) => (back <= 7 ? 56 : 60));
    expect(insightsOf(rollups)).toEqual([
      {
        id: 'trend:RESTING_HEART_RATE:2026-03-31',
        type: 'trend',
        subject: 'RESTING_HEART_RATE',
        date: TODAY,
        severity: 'low',
        direction: 'decreasing',
        message:
          'Your resting heart rate averaged 56 bpm over the last 7 days, 6.7% lower than the 60 bpm of the 28 days before.',
        recommendation:
          'A falling resting heart rate often comes with better fitness and recovery. Keep up your routine.',
        data: {
          recentMean: 56,
          baselineMean: 60,
          changePercent: -6.67,
          recentDays: 7,
          baselineDays: 28,
          recentStart: '2026-03-24',
          recentEnd: '2026-03-30',
          baselineStart: '2026-02-24',
          baselineEnd: '2026-03-23',
        },
        acknowledged: false,
        createdAt: '2026-03-31T00:00:00.000Z',
      },
    ]);
  });

  it('grades severity by the relative size of the change', () => {
    const severityFor = (ratio: number) => {
      // Today is still being counted, so the windows end yesterday.
      const rollups = run('STEPS', 36, (back) =>
        back === 0 ? 1 : back <= 7 ? 6000 * ratio : 6000,
      );
      return insightsOf(rollups).map((i) => [i.severity, i.direction]);
    };
    expect(severityFor(1.09)).toEqual([]);
    expect(severityFor(1.12)).toEqual([['low', 'increasing']]);
    expect(severityFor(1.25)).toEqual([['medium', 'increasing']]);
    expect(severityFor(1.4)).toEqual([['high', 'increasing']]);
    expect(severityFor(0.6)).toEqual([['high', 'decreasing']]);
  });

  it('ignores a half-counted today, whatever the type', () => {
    const steps = run('STEPS', 36, (back) => (back === 0 ? 500 : 9000));
    expect(insightsOf(steps)).toEqual([]);
    const heart = run('RESTING_HEART_RATE', 36, (back) => (back === 0 ? 90 : 58));
    expect(insightsOf(heart)).toEqual([]);
    const sleep = run('SLEEP_ANALYSIS', 36, (back) => (back === 0 ? 30 : 420));
    expect(insightsOf(sleep)).toEqual([]);
    const shortNights = run('SLEEP_ANALYSIS', 36, (back) => (back <= 7 ? 380 : 460));
    expect(insightsOf(shortNights)[0]).toMatchObject({
      id: 'trend:SLEEP_ANALYSIS:2026-03-31',
      severity: 'medium',
      direction: 'decreasing',
      message:
        'Your nightly sleep averaged 6 h 20 min over the last 7 days, 17% lower than the 7 h 40 min of the 28 days before.',
    });
  });

  it('needs enough days of data in both windows', () => {
    const sparse = run('RESTING_HEART_RATE', 36, (back) => (back <= 7 ? 50 : 60)).filter(
      (_, k) => k % 3 === 0,
    );
    expect(insightsOf(sparse)).toEqual([]);
    const recentOnly = run('RESTING_HEART_RATE', 7, () => 50);
    expect(insightsOf(recentOnly)).toEqual([]);
  });

  it('works for weight weighed twice a week', () => {
    const twiceWeekly = run('WEIGHT', 36, (back) => (back <= 7 ? 78 : 80)).filter(
      (_, back) => back % 7 === 1 || back % 7 === 4,
    );
    expect(twiceWeekly).toHaveLength(10);
    expect(insightsOf(twiceWeekly)).toMatchObject([
      {
        id: 'trend:WEIGHT:2026-03-31',
        severity: 'medium',
        direction: 'decreasing',
        message:
          'Your weight averaged 78 kg over the 2 days with data in the last 7, 2.5% lower than the 80 kg of the 8 days with data in the 28 before.',
      },
    ]);
  });
});

describe('goal streak insights', () => {
  it('counts consecutive days meeting the default goal, today included', () => {
    const rollups = run('STEPS', 10, (back) => (back < 5 ? 10_500 : 4_000));
    expect(insightsOf(rollups)).toEqual([
      {
        id: 'goal_streak:STEPS:2026-03-27',
        type: 'goal_streak',
        subject: 'STEPS',
        date: '2026-03-27',
        severity: 'low',
        message: 'You reached your steps goal (10,000 steps) 5 days in a row, including today.',
        recommendation: 'Keep it going: tomorrow makes it one day longer.',
        data: {
          goal: 10_000,
          days: 5,
          startDate: '2026-03-27',
          endDate: TODAY,
          includesToday: true,
        },
        acknowledged: false,
        createdAt: '2026-03-27T00:00:00.000Z',
      },
    ]);
  });

  it('keeps a streak alive through a today that has not reached the goal yet', () => {
    const rollups = run('ACTIVE_ENERGY', 6, (back) => (back === 0 ? 120 : 650));
    expect(insightsOf(rollups)).toMatchObject([
      {
        id: 'goal_streak:ACTIVE_ENERGY:2026-03-26',
        message: 'You reached your calories goal (500 kcal) 5 days in a row, up to yesterday.',
        recommendation: 'Reach your goal today to keep the streak going.',
        data: { days: 5, endDate: '2026-03-30', includesToday: false },
      },
    ]);
  });

  it('is broken by a missed day or a day without data, and needs three days', () => {
    const missed = run('STEPS', 6, (back) => (back === 2 ? 9_000 : 12_000));
    expect(insightsOf(missed)).toEqual([]);
    const gap = run('STEPS', 6, () => 12_000).filter((_, back) => back !== 2);
    expect(insightsOf(gap)).toEqual([]);
    expect(insightsOf(run('STEPS', 3, () => 12_000))).toHaveLength(1);
  });

  it('keeps the same id as the streak grows day by day', () => {
    const rollups = run('STEPS', 8, () => 11_000);
    const yesterday = insightsOf(rollups.slice(1), {}, '2026-03-30');
    const today = insightsOf(rollups);
    expect(yesterday.map((i) => i.id)).toEqual(['goal_streak:STEPS:2026-03-24']);
    expect(today.map((i) => i.id)).toEqual(['goal_streak:STEPS:2026-03-24']);
    expect(today[0]!.data['days']).toBe(8);
  });

  it("uses the user's goals, as a ceiling for body measures", () => {
    const steps = run('STEPS', 4, () => 8_000);
    expect(insightsOf(steps)).toEqual([]);
    expect(insightsOf(steps, { STEPS: 7_500 })).toMatchObject([
      { message: 'You reached your steps goal (7,500 steps) 4 days in a row, including today.' },
    ]);
    // A weighing today may still be followed by another above the ceiling: up to yesterday.
    const weight = run('WEIGHT', 4, (back) => 74.5 + back * 0.1);
    expect(insightsOf(weight, { WEIGHT: 75 })).toMatchObject([
      {
        id: 'goal_streak:WEIGHT:2026-03-28',
        message: 'You stayed within your weight goal (75 kg) 3 days in a row, up to yesterday.',
      },
    ]);
  });
});

describe('out-of-range insights', () => {
  it('flags a night of low blood oxygen, graded by how low', () => {
    const severityOf = (min: number) =>
      insightsOf([day('OXYGEN_SATURATION', '2026-03-29', 95, { minValue: min, maxValue: 99 })]).map(
        (i) => i.severity,
      );
    expect(severityOf(92)).toEqual([]);
    expect(severityOf(91.5)).toEqual(['low']);
    expect(severityOf(89)).toEqual(['medium']);
    expect(severityOf(85)).toEqual(['high']);
    const [insight] = insightsOf([
      day('OXYGEN_SATURATION', '2026-03-29', 95, { minValue: 89.4, maxValue: 99, sampleCount: 9 }),
    ]);
    expect(insight).toMatchObject({
      id: 'out_of_range:OXYGEN_SATURATION:2026-03-29',
      date: '2026-03-29',
      message:
        'Your blood oxygen (SpO2) went down to 89% on 2026-03-29, below the usual lower limit of 92%.',
      data: { minValue: 89.4, limit: 92, readings: 9 },
    });
    expect(insight!.recommendation).toMatch(/talk to a clinician/);
    expect(insight!.recommendation).toMatch(/not a diagnosis or medical advice/);
  });

  it('flags glucose below 70 or above 180 mg/dL, both in one insight per day', () => {
    const glucose = (min: number, max: number) =>
      insightsOf([day('BLOOD_GLUCOSE', '2026-03-30', 120, { minValue: min, maxValue: max })]);
    expect(glucose(70, 180)).toEqual([]);
    expect(glucose(65, 150)[0]).toMatchObject({ severity: 'medium' });
    expect(glucose(50, 150)[0]).toMatchObject({ severity: 'high' });
    expect(glucose(90, 200)[0]).toMatchObject({ severity: 'low' });
    expect(glucose(90, 260)[0]).toMatchObject({ severity: 'medium' });
    expect(glucose(90, 320)[0]).toMatchObject({ severity: 'high' });
    const both = glucose(62, 262);
    expect(both).toHaveLength(1);
    expect(both[0]).toMatchObject({
      id: 'out_of_range:BLOOD_GLUCOSE:2026-03-30',
      severity: 'medium',
      message:
        'Your blood glucose went as low as 62 mg/dL and as high as 262 mg/dL on 2026-03-30, outside the usual range of 70–180 mg/dL.',
    });
    expect(both[0]!.recommendation).toMatch(/Talk to a clinician/);
  });

  it('only looks at the last 7 days', () => {
    const low = (date: LocalDate) => day('OXYGEN_SATURATION', date, 90, { minValue: 88 });
    expect(insightsOf([low('2026-03-25')])).toHaveLength(1);
    expect(insightsOf([low('2026-03-24')])).toEqual([]);
  });
});

describe('computeInsights', () => {
  const mixed = [
    ...run('RESTING_HEART_RATE', 35, (back) => (back < 7 ? 55 : 62)),
    ...run('STEPS', 35, (back) => (back < 8 ? 12_000 : 8_000)),
    ...run('WEIGHT', 35, (back) => 80 - (back < 7 ? 1.5 : 0)),
    day('OXYGEN_SATURATION', '2026-03-29', 95, { minValue: 90 }),
    day('BLOOD_GLUCOSE', '2026-03-28', 140, { minValue: 80, maxValue: 230 }),
  ];

  it('returns valid insights sorted by id, unique, the same on every recompute', () => {
    const insights = insightsOf(mixed);
    expect(insights.map((i) => i.id)).toEqual([
      'goal_streak:STEPS:2026-03-24',
      'out_of_range:BLOOD_GLUCOSE:2026-03-28',
      'out_of_range:OXYGEN_SATURATION:2026-03-29',
      'trend:RESTING_HEART_RATE:2026-03-31',
      'trend:STEPS:2026-03-31',
      'trend:WEIGHT:2026-03-31',
    ]);
    for (const insight of insights) expect(healthInsightSchema.parse(insight)).toEqual(insight);
    expect(insightsOf(mixed)).toEqual(insights);
  });

  it('does not depend on the order of the rollups', () => {
    const expected = insightsOf(mixed);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(mixed, { minLength: mixed.length, maxLength: mixed.length }),
        (shuffled) => {
          expect(insightsOf(shuffled)).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('ignores other periods and days after today', () => {
    const week: HealthAggregate = { ...day('OXYGEN_SATURATION', '2026-03-30', 80), period: 'week' };
    const future = day('OXYGEN_SATURATION', '2026-04-01', 80, { minValue: 80 });
    expect(insightsOf([week, future])).toEqual([]);
  });

  it('returns nothing without data', () => {
    expect(insightsOf([])).toEqual([]);
  });
});
