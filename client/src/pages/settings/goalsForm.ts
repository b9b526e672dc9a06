import { HEALTH_DATA_TYPES, METRIC_CONFIG, type Goals, type HealthDataType } from '@hearth/schema';

/** One text field per type: the user's goal, or empty for the default (or none). */
export type GoalInputs = Record<HealthDataType, string>;

export function goalInputsFrom(goals: Goals): GoalInputs {
  return Object.fromEntries(
    HEALTH_DATA_TYPES.map((type) => [type, goals[type] === undefined ? '' : String(goals[type])]),
  ) as GoalInputs;
}

export type GoalsParse = { ok: true; goals: Goals } | { ok: false; errors: Partial<GoalInputs> };

/** Empty fields fall back to the default goal; anything else must be a positive number. */
export function parseGoalInputs(inputs: GoalInputs): GoalsParse {
  const goals: Goals = {};
  const errors: Partial<GoalInputs> = {};
  for (const type of HEALTH_DATA_TYPES) {
    const text = inputs[type].trim();
    if (text === '') continue;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) {
      errors[type] = 'Enter a positive number, or leave empty for no goal.';
    } else {
      goals[type] = value;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, goals };
}

/** The goal in force for a type: the user's, else the default of METRIC_CONFIG. */
export function effectiveGoal(goals: Goals, type: HealthDataType): number | undefined {
  return goals[type] ?? METRIC_CONFIG[type].goal;
}
