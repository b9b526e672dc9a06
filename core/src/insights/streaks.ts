import {
  HEALTH_DATA_TYPES,
  METRIC_CONFIG,
  type Goals,
  type HealthDataType,
  type HealthInsight,
  type LocalDate,
} from '@hearth/schema';
import { addDays, makeInsight, type DayIndex } from './day-values.js';
import { formatValue } from './format.js';

/** A streak is worth telling from this many consecutive days. */
export const MIN_STREAK_DAYS = 3;
/** How far back a streak is followed (the caller usually passes about 35 days of rollups). */
const MAX_STREAK_DAYS = 366;

/**
 * Whether a day meets a goal: amounts (steps, energy, distance, sleep) and SpO2 meet it at or
 * above the goal; for body measures and heart rates a goal is a ceiling to stay at or under.
 */
const GOAL_IS_CEILING: ReadonlySet<HealthDataType> = new Set([
  'WEIGHT',
  'BODY_FAT',
  'HEART_RATE',
  'RESTING_HEART_RATE',
  'BLOOD_GLUCOSE',
]);

/** Whether a type's goal is a ceiling to stay under (weight, heart rate) rather than a target. */
export function goalIsCeiling(type: HealthDataType): boolean {
  return GOAL_IS_CEILING.has(type);
}

function meets(type: HealthDataType, value: number, goal: number): boolean {
  return goalIsCeiling(type) ? value <= goal : value >= goal;
}

/** The default goals of METRIC_CONFIG, overridden and extended by the user's. */
export function effectiveGoals(goals: Goals): Partial<Record<HealthDataType, number>> {
  const result: Partial<Record<HealthDataType, number>> = {};
  for (const type of HEALTH_DATA_TYPES) {
    const goal = goals[type] ?? METRIC_CONFIG[type].goal;
    if (goal !== undefined && goal > 0) result[type] = goal;
  }
  return result;
}

function streakFor(
  type: HealthDataType,
  goal: number,
  days: DayIndex,
  today: LocalDate,
): HealthInsight | null {
  const byDate = days.get(type);
  if (!byDate) return null;
  const metOn = (date: LocalDate) => {
    const rollup = byDate.get(date);
    return rollup !== undefined && meets(type, rollup.value, goal);
  };
  // Today is still under way: a streak that has not reached the goal yet today is still alive,
  // so it is counted up to yesterday. Only an amount that has reached its goal counts today (it
  // can only grow); an average or a latest reading so far may still cross the ceiling.
  const todayIsFinal = METRIC_CONFIG[type].aggregation === 'sum' && metOn(today);
  const end = todayIsFinal ? today : addDays(today, -1);
  let start = end;
  let length = 0;
  while (length < MAX_STREAK_DAYS && metOn(addDays(end, -length))) {
    start = addDays(end, -length);
    length++;
  }
  if (length < MIN_STREAK_DAYS) return null;
  const name = METRIC_CONFIG[type].displayName.toLowerCase();
  const upTo = end === today ? 'including today' : 'up to yesterday';
  const verb = goalIsCeiling(type) ? 'stayed within' : 'reached';
  return makeInsight({
    // The id carries the streak's first day, so one streak stays one insight as it grows.
    type: 'goal_streak',
    subject: type,
    date: start,
    severity: 'low',
    message: `You ${verb} your ${name} goal (${formatValue(type, goal)}) ${length} days in a row, ${upTo}.`,
    recommendation:
      end === today
        ? 'Keep it going: tomorrow makes it one day longer.'
        : 'Reach your goal today to keep the streak going.',
    data: { goal, days: length, startDate: start, endDate: end, includesToday: end === today },
  });
}

/** One insight per goal with a running streak of at least MIN_STREAK_DAYS days. */
export function streakInsights(days: DayIndex, goals: Goals, today: LocalDate): HealthInsight[] {
  const insights: HealthInsight[] = [];
  for (const [type, goal] of Object.entries(effectiveGoals(goals)) as Array<
    [HealthDataType, number]
  >) {
    const insight = streakFor(type, goal, days, today);
    if (insight) insights.push(insight);
  }
  return insights;
}
