import type { HealthDataType, HealthInsight, LocalDate } from '@hearth/schema';
import { addDays, makeInsight, mean, valuesBetween, type DayIndex } from './day-values.js';
import { formatPercentChange, formatValue, roundForData } from './format.js';

type Severity = HealthInsight['severity'];
type Direction = 'increasing' | 'decreasing';

export const RECENT_DAYS = 7;
export const BASELINE_DAYS = 28;

/**
 * How each trend subject is judged. A trend compares the mean of the last 7 days with the mean of
 * the 28 days before. `thresholds` are the relative changes (|recent − baseline| / baseline) at
 * which it becomes a low, medium or high severity insight; below the first there is no insight.
 * They reflect each measure's normal day-to-day noise: steps swing widely, weight barely moves.
 * A trend needs at least `minRecent` and `minBaseline` days with data in the two windows.
 */
interface TrendRule {
  subject: HealthDataType;
  thresholds: readonly [low: number, medium: number, high: number];
  minRecent: number;
  minBaseline: number;
  phrase: string;
  advice: Record<Direction, string>;
}

export const TREND_RULES: readonly TrendRule[] = [
  {
    subject: 'RESTING_HEART_RATE',
    thresholds: [0.05, 0.1, 0.15],
    minRecent: 4,
    minBaseline: 14,
    phrase: 'Your resting heart rate',
    advice: {
      increasing:
        'A rising resting heart rate can follow short sleep, stress, illness, alcohol or hard training. Rest well; if it stays high or you feel unwell, talk to a clinician.',
      decreasing:
        'A falling resting heart rate often comes with better fitness and recovery. Keep up your routine.',
    },
  },
  {
    subject: 'STEPS',
    thresholds: [0.1, 0.2, 0.35],
    minRecent: 5,
    minBaseline: 20,
    phrase: 'Your daily steps',
    advice: {
      increasing: 'You are moving more. Keep the extra walking going and build up gradually.',
      decreasing:
        'You are moving less than usual. A short walk after meals is an easy way to add steps back.',
    },
  },
  {
    subject: 'SLEEP_ANALYSIS',
    thresholds: [0.07, 0.15, 0.25],
    minRecent: 4,
    minBaseline: 14,
    phrase: 'Your nightly sleep',
    advice: {
      increasing: 'You are sleeping more. A regular bedtime helps you keep it that way.',
      decreasing:
        'You are sleeping less than usual. A regular bedtime and a screen-free hour before bed can help.',
    },
  },
  {
    subject: 'WEIGHT',
    thresholds: [0.01, 0.025, 0.04],
    // People weigh themselves anything from daily to weekly.
    minRecent: 2,
    minBaseline: 4,
    phrase: 'Your weight',
    advice: {
      increasing:
        'Your weight is going up. Look at recent changes in meals and activity; a clinician or dietitian can help you set a healthy target.',
      decreasing:
        'Your weight is going down. If you are not trying to lose weight, mention it to a clinician.',
    },
  },
];

function severityOf(change: number, thresholds: TrendRule['thresholds']): Severity | null {
  const size = Math.abs(change);
  if (size >= thresholds[2]) return 'high';
  if (size >= thresholds[1]) return 'medium';
  if (size >= thresholds[0]) return 'low';
  return null;
}

/**
 * Which days a mean is of: "over the last 7 days" when each has data, else "over the 2 days with
 * data in the last 7", so a twice-weekly weighing is not read as a week of them.
 */
export function recentWindowText(daysWithData: number, num: (n: number) => string = String) {
  return daysWithData >= RECENT_DAYS
    ? `over the last ${num(RECENT_DAYS)} days`
    : `over the ${withData(daysWithData, num)} in the last ${num(RECENT_DAYS)}`;
}

/** "of the 28 days before", or "of the 20 days with data in the 28 before". */
export function baselineWindowText(daysWithData: number, num: (n: number) => string = String) {
  return daysWithData >= BASELINE_DAYS
    ? `of the ${num(BASELINE_DAYS)} days before`
    : `of the ${withData(daysWithData, num)} in the ${num(BASELINE_DAYS)} before`;
}

const withData = (days: number, num: (n: number) => string) =>
  `${num(days)} ${days === 1 ? 'day' : 'days'} with data`;

function trendFor(rule: TrendRule, days: DayIndex, today: LocalDate): HealthInsight | null {
  const byDate = days.get(rule.subject);
  // Today is still being counted (SPECIFICATION.md §13): six readings after midnight or a
  // morning's steps would drive the trend, so both windows end yesterday.
  const recentEnd = addDays(today, -1);
  const recentStart = addDays(recentEnd, -(RECENT_DAYS - 1));
  const baselineEnd = addDays(recentStart, -1);
  const baselineStart = addDays(baselineEnd, -(BASELINE_DAYS - 1));
  const recent = valuesBetween(byDate, recentStart, recentEnd);
  const baseline = valuesBetween(byDate, baselineStart, baselineEnd);
  if (recent.length < rule.minRecent || baseline.length < rule.minBaseline) return null;
  const recentMean = mean(recent);
  const baselineMean = mean(baseline);
  if (!(baselineMean > 0)) return null;
  const change = (recentMean - baselineMean) / baselineMean;
  const severity = severityOf(change, rule.thresholds);
  if (severity === null) return null;
  const direction: Direction = change > 0 ? 'increasing' : 'decreasing';
  const comparison = `${formatPercentChange(change)} ${change > 0 ? 'higher' : 'lower'}`;
  return makeInsight({
    type: 'trend',
    subject: rule.subject,
    date: today,
    severity,
    direction,
    message: `${rule.phrase} averaged ${formatValue(rule.subject, recentMean)} ${recentWindowText(recent.length)}, ${comparison} than the ${formatValue(rule.subject, baselineMean)} ${baselineWindowText(baseline.length)}.`,
    recommendation: rule.advice[direction],
    data: {
      recentMean: roundForData(recentMean),
      baselineMean: roundForData(baselineMean),
      changePercent: roundForData(change * 100),
      recentDays: recent.length,
      baselineDays: baseline.length,
      recentStart,
      recentEnd,
      baselineStart,
      baselineEnd,
    },
  });
}

/** Trend insights for resting heart rate, steps, sleep and weight, where data suffices. */
export function trendInsights(days: DayIndex, today: LocalDate): HealthInsight[] {
  return TREND_RULES.map((rule) => trendFor(rule, days, today)).filter(
    (insight): insight is HealthInsight => insight !== null,
  );
}
