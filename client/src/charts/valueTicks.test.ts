import { afterEach, describe, expect, it } from 'vitest';
import { applyFormatPreferences } from '../format/currentFormat.js';
import { valueTicks } from './valueTicks.js';

const KG_PER_LB = 0.45359237;
const pinned = { WEIGHT: 'kg', DISTANCE: 'km', BLOOD_GLUCOSE: 'mg/dL' } as const;

describe('valueTicks', () => {
  afterEach(() => {
    applyFormatPreferences({ displayUnits: pinned, hourCycle: 'h23' }, 'en-GB');
  });

  it('puts sleep ticks on whole hours, never 8.3 h', () => {
    const ticks = valueTicks('SLEEP_ANALYSIS', [380, 520]) ?? [];
    expect(ticks).toEqual([420, 480]);
    expect(ticks.every((m) => m % 60 === 0)).toBe(true);
  });

  it('puts weight ticks on round pounds for a person who reads pounds', () => {
    applyFormatPreferences({ displayUnits: { WEIGHT: 'lb' } }, 'en-US');
    const ticks = valueTicks('WEIGHT', [68, 75]) ?? [];
    const pounds = ticks.map((kg) => Math.round((kg / KG_PER_LB) * 1e9) / 1e9);
    // 68–75 kg is 149.9–165.3 lb: the scale's nice step there is 2 lb.
    expect(pounds).toEqual([150, 152, 154, 156, 158, 160, 162, 164]);
  });

  it('leaves the scale its own ticks in the canonical unit', () => {
    expect(valueTicks('WEIGHT', [68, 75])).toBeUndefined();
    expect(valueTicks('STEPS', [0, 15000])).toBeUndefined();
  });
});
