import type { Goals, HealthAggregate, HealthInsight, LocalDate } from '@hearth/schema';
import { indexDayRollups } from './day-values.js';
import { outOfRangeInsights } from './out-of-range.js';
import { streakInsights } from './streaks.js';
import { trendInsights } from './trends.js';

export interface InsightInput {
  /**
   * Day rollups of the user (other periods are ignored). 35 days cover the trend windows; a goal
   * streak is followed only as far back as the rollups go, and its id names its first day, so a
   * streak longer than the history given gets a new id each day: pass more days to avoid that.
   */
  dayRollups: readonly HealthAggregate[];
  /** The user's goals; METRIC_CONFIG's defaults apply to types without one. */
  goals: Goals;
  /** The user's local date today: the end of every window. */
  today: LocalDate;
}

/**
 * Insights derived only from day rollups, so the server and the PWA compute the same ones. Every
 * id is `${kind}:${subject}:${date}`: recomputing replaces an insight instead of adding another.
 * The result is sorted by id.
 */
export function computeInsights(input: InsightInput): HealthInsight[] {
  const days = indexDayRollups(input.dayRollups, input.today);
  const insights = [
    ...trendInsights(days, input.today),
    ...streakInsights(days, input.goals, input.today),
    ...outOfRangeInsights(days, input.today),
  ];
  return insights.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
