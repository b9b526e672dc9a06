import type { HealthDataType } from '@hearth/schema';
import { describe, expect, it } from 'vitest';
import { effectiveGoal, goalInputsFrom, parseGoalInputs } from './goalsForm.js';

const metric = (type: HealthDataType) =>
  ({ DISTANCE: 'km', WEIGHT: 'kg', SLEEP_ANALYSIS: 'h' })[type as string] ?? 'steps';
const imperial = (type: HealthDataType) =>
  ({ DISTANCE: 'mi', WEIGHT: 'st', SLEEP_ANALYSIS: 'h' })[type as string] ?? 'steps';

describe('goals form', () => {
  it('round-trips goals through the fields, in display units', () => {
    const stored = { STEPS: 8000, SLEEP_ANALYSIS: 450 };
    const inputs = goalInputsFrom(stored, metric);
    expect(inputs.STEPS.value).toBe('8000');
    expect(inputs.SLEEP_ANALYSIS.value).toBe('7.5');
    expect(inputs.WEIGHT.value).toBe('');
    expect(parseGoalInputs(inputs, stored, metric)).toEqual({ ok: true, goals: stored });
  });

  it('reads a typed goal in miles or stones and pounds into canonical units', () => {
    const inputs = {
      ...goalInputsFrom({}, imperial),
      DISTANCE: { value: '5' },
      WEIGHT: { value: '11', pounds: '4' },
    };
    expect(parseGoalInputs(inputs, {}, imperial)).toEqual({
      ok: true,
      goals: { DISTANCE: 5 * 1609.344, WEIGHT: 158 * 0.45359237 },
    });
  });

  it('keeps a stored goal exactly when its field is left as shown', () => {
    // 8 km is 4.97 mi on screen; saving the form unchanged must not store 7,998.4 m.
    const stored = { DISTANCE: 8000 };
    const inputs = goalInputsFrom(stored, imperial);
    expect(inputs.DISTANCE.value).toBe('4.97');
    expect(parseGoalInputs(inputs, stored, imperial)).toEqual({ ok: true, goals: stored });
  });

  it('rejects values that are not positive numbers, field by field', () => {
    const inputs = {
      ...goalInputsFrom({}, metric),
      STEPS: { value: '-5' },
      DISTANCE: { value: 'far' },
      WEIGHT: { value: ' 70 ' },
    };
    const parsed = parseGoalInputs(inputs, {}, metric);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors).sort()).toEqual(['DISTANCE', 'STEPS']);
  });

  it('falls back to the default goal of the type', () => {
    expect(effectiveGoal({}, 'STEPS')).toBe(10000);
    expect(effectiveGoal({ STEPS: 6000 }, 'STEPS')).toBe(6000);
    expect(effectiveGoal({}, 'WEIGHT')).toBeUndefined();
  });
});
