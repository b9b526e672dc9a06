export { computeInsights } from './compute-insights.js';
export type { InsightInput } from './compute-insights.js';
export {
  TREND_RULES,
  RECENT_DAYS,
  BASELINE_DAYS,
  recentWindowText,
  baselineWindowText,
} from './trends.js';
export { MIN_STREAK_DAYS, effectiveGoals, goalIsCeiling } from './streaks.js';
export { OUT_OF_RANGE_DAYS, OXYGEN_LOW, GLUCOSE_LOW, GLUCOSE_HIGH } from './out-of-range.js';
export { formatDuration, formatValue } from './format.js';
export {
  finishedExtremes,
  isPartialPeriod,
  periodCollectsUntil,
  type Extremes,
} from './partial-periods.js';
