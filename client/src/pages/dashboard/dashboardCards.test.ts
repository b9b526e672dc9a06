import { describe, expect, it } from 'vitest';
import type { MetricBucket } from '../../data/deviceBuckets.js';
import { dashboardCards } from './dashboardCards.js';

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

  it('makes one card per type, in a stable order, saying when there is no data', () => {
    const cards = dashboardCards(today, {});
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
    expect(cards[1]).toMatchObject({ value: null, valueText: 'No data today', goal: null });
  });

  it('shows progress towards the goal of cumulative types, default or the user’s own', () => {
    const [steps] = dashboardCards(today, {});
    expect(steps).toMatchObject({
      value: 7512.6,
      valueText: '7,513 steps',
      goal: { target: 10000, percent: 75, text: '75% of 10,000 steps' },
    });
    const energy = dashboardCards(today, { ACTIVE_ENERGY: 600 }).find(
      (c) => c.type === 'ACTIVE_ENERGY',
    );
    expect(energy?.goal).toEqual({ target: 600, percent: 100, text: 'Goal of 600 kcal reached' });
    expect(energy?.computedOnDevice).toBe(true);
  });

  it('describes readings of discrete types with their range', () => {
    const cards = dashboardCards(today, { HEART_RATE: 60 });
    expect(cards.find((c) => c.type === 'HEART_RATE')).toMatchObject({
      valueText: '71 bpm',
      detail: '240 readings, 52 bpm to 148 bpm',
      goal: null,
    });
    expect(cards.find((c) => c.type === 'WEIGHT')?.detail).toBe('1 reading');
  });
});
