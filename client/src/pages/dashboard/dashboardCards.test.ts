import { HEALTH_DATA_TYPES, type HealthDataType } from '@hearth/schema';
import { describe, expect, it } from 'vitest';
import type { MetricBucket } from '../../data/deviceBuckets.js';
import { dashboardCards } from './dashboardCards.js';
import type { LatestDay } from './latestDays.js';

const zone = 'Europe/Paris';
const none = new Map<HealthDataType, LatestDay>();
const cardsOf = (
  todayBuckets: MetricBucket[],
  goals = {},
  latest: ReadonlyMap<HealthDataType, LatestDay> = none,
  types: readonly HealthDataType[] = HEALTH_DATA_TYPES,
) => dashboardCards({ types, todayBuckets, latest, goals, timeZone: zone });

function bucket(patch: Partial<MetricBucket> & Pick<MetricBucket, 'type' | 'value'>): MetricBucket {
  return {
    period: 'day',
    periodStart: '2026-03-02T00:00:00+01:00',
    startMs: Date.UTC(2026, 2, 1, 23),
    sampleCount: 10,
    computedOnDevice: false,
    ...patch,
  };
}

describe('dashboardCards', () => {
  const today = [
    bucket({ type: 'STEPS', value: 7512.6 }),
    bucket({ type: 'ACTIVE_ENERGY', value: 640, computedOnDevice: true }),
    bucket({ type: 'HEART_RATE', value: 71.4, minValue: 52, maxValue: 148, sampleCount: 240 }),
    bucket({ type: 'WEIGHT', value: 70.2, minValue: 70.2, maxValue: 70.2, sampleCount: 1 }),
  ];

  it('makes one card per type, in the order given, saying when there is no data', () => {
    const cards = cardsOf(today, {});
    expect(cards.map((c) => c.type)).toEqual([
      'STEPS',
      'DISTANCE',
      'HEART_RATE',
      'RESTING_HEART_RATE',
      'WEIGHT',
      'BODY_FAT',
      'SLEEP_ANALYSIS',
      'ACTIVE_ENERGY',
      'OXYGEN_SATURATION',
      'BLOOD_GLUCOSE',
    ]);
    expect(cards[1]).toMatchObject({ value: null, valueText: 'No data yet', goal: null });
  });

  it('makes only the cards asked for, in the order asked', () => {
    const cards = cardsOf(today, {}, none, ['WEIGHT', 'STEPS']);
    expect(cards.map((c) => c.type)).toEqual(['WEIGHT', 'STEPS']);
    expect(cards[0]?.valueText).toBe('70.2 kg');
  });

  it('shows progress towards the goal of cumulative types, default or the user’s own', () => {
    const [steps] = cardsOf(today, {});
    expect(steps).toMatchObject({
      value: 7512.6,
      valueText: '7,513 steps so far',
      goal: { target: 10000, percent: 75, text: '75% of 10,000 steps' },
    });
    const energy = cardsOf(today, { ACTIVE_ENERGY: 600 }).find((c) => c.type === 'ACTIVE_ENERGY');
    expect(energy?.goal).toEqual({ target: 600, percent: 100, text: 'Goal of 600 kcal reached' });
    expect(energy?.computedOnDevice).toBe(true);
  });

  it('describes readings of discrete types with their range', () => {
    const cards = cardsOf(today, { HEART_RATE: 60 });
    expect(cards.find((c) => c.type === 'HEART_RATE')).toMatchObject({
      valueText: '71 bpm',
      detail: '240 readings, 52 bpm to 148 bpm',
      goal: null,
    });
    expect(cards.find((c) => c.type === 'WEIGHT')?.detail).toBe('1 reading');
  });

  it('shows the latest day with its date where today has nothing yet, as after midnight', () => {
    const latest = new Map<HealthDataType, LatestDay>([
      ['WEIGHT', { value: 72.44, startMs: Date.UTC(2026, 10, 29, 23) }],
      ['SLEEP_ANALYSIS', { value: 432, startMs: Date.UTC(2026, 11, 1, 23) }],
    ]);
    const cards = cardsOf([bucket({ type: 'SLEEP_ANALYSIS', value: 401 })], {}, latest);
    expect(cards.find((c) => c.type === 'WEIGHT')).toMatchObject({
      value: null,
      valueText: '72.4 kg · Mon 30 Nov',
      detail: 'Latest day with data; nothing yet today',
    });
    expect(cards.find((c) => c.type === 'SLEEP_ANALYSIS')).toMatchObject({
      value: 401,
      valueText: '6 h 41 min last night',
    });
    expect(cards.find((c) => c.type === 'STEPS')?.valueText).toBe('No data yet');
  });
});
