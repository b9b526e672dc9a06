import { HEALTH_DATA_TYPES, METRIC_CONFIG, type Goals, type HealthDataType } from '@hearth/schema';
import { canonicalOfTyped, typedOfCanonical, type TypedFigure } from '../entry/typedFigure.js';

/** The fields of each type's goal, in the person's display unit; empty for the default (or none). */
export type GoalInputs = Record<HealthDataType, TypedFigure>;

/** The person's display unit of a type (the formatter's `unitOf`). */
export type UnitOf = (type: HealthDataType) => string;

const EMPTY: TypedFigure = { value: '', pounds: '' };

export function goalInputsFrom(goals: Goals, unitOf: UnitOf): GoalInputs {
  return Object.fromEntries(
    HEALTH_DATA_TYPES.map((type) => {
      const goal = goals[type];
      return [type, goal === undefined ? EMPTY : typedOfCanonical(type, goal, unitOf(type))];
    }),
  ) as GoalInputs;
}

export type GoalsParse =
  { ok: true; goals: Goals } | { ok: false; errors: Partial<Record<HealthDataType, string>> };

const isEmpty = (figure: TypedFigure) =>
  figure.value.trim() === '' && (figure.pounds ?? '').trim() === '';
const sameFigure = (a: TypedFigure, b: TypedFigure) =>
  a.value.trim() === b.value.trim() && (a.pounds ?? '').trim() === (b.pounds ?? '').trim();

/**
 * Goals in canonical units from the fields: empty falls back to the default goal; anything else
 * must be a positive number in the display unit. A goal left as the form showed it keeps its
 * stored value exactly (`previous`): 8 km shown as 4.97 mi must not come back as 7,998 m.
 */
export function parseGoalInputs(inputs: GoalInputs, previous: Goals, unitOf: UnitOf): GoalsParse {
  const shown = goalInputsFrom(previous, unitOf);
  const goals: Goals = {};
  const errors: Partial<Record<HealthDataType, string>> = {};
  for (const type of HEALTH_DATA_TYPES) {
    const figure = inputs[type];
    if (isEmpty(figure)) continue;
    const stored = previous[type];
    if (stored !== undefined && sameFigure(figure, shown[type])) {
      goals[type] = stored;
      continue;
    }
    const value = canonicalOfTyped(type, figure, unitOf(type));
    if (value === null || !(value > 0)) {
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
