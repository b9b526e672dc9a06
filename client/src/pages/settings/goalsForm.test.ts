import { describe, expect, it } from 'vitest';
import { effectiveGoal, goalInputsFrom, parseGoalInputs } from './goalsForm.js';

describe('goals form', () => {
  it('round-trips goals through the text fields', () => {
    const inputs = goalInputsFrom({ STEPS: 8000, SLEEP_ANALYSIS: 450 });
    expect(inputs.STEPS).toBe('8000');
    expect(inputs.WEIGHT).toBe('');
    expect(parseGoalInputs(inputs)).toEqual({
      ok: true,
      goals: { STEPS: 8000, SLEEP_ANALYSIS: 450 },
    });
  });

  it('rejects values that are not positive numbers, field by field', () => {
    const inputs = { ...goalInputsFrom({}), STEPS: '-5', DISTANCE: 'far', WEIGHT: ' 70 ' };
    const parsed = parseGoalInputs(inputs);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors).sort()).toEqual(['DISTANCE', 'STEPS']);
  });

  it('falls back to the default goal of the type', () => {
    expect(effectiveGoal({}, 'STEPS')).toBe(10000);
    expect(effectiveGoal({ STEPS: 6000 }, 'STEPS')).toBe(6000);
    expect(effectiveGoal({}, 'WEIGHT')).toBeUndefined();
  });
});
