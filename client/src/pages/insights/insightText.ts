import {
  BASELINE_DAYS,
  RECENT_DAYS,
  TREND_RULES,
  baselineWindowText,
  goalIsCeiling,
  recentWindowText,
} from '@hearth/core';
import type { InsightRow } from '../../db/types.js';
import { format } from '../../format/currentFormat.js';
import { metricName } from '../../format/metricFormat.js';

const KIND_LABEL: Record<InsightRow['type'], string> = {
  trend: 'Trend',
  goal_streak: 'Goal streak',
  out_of_range: 'Out of range',
};

const SEVERITY_ORDER: Record<InsightRow['severity'], number> = { high: 0, medium: 1, low: 2 };

export function insightTitle(insight: InsightRow): string {
  return `${KIND_LABEL[insight.type]}: ${metricName(insight.subject)}`;
}

/** New insights first, most severe first, then newest. */
export function sortInsights(insights: readonly InsightRow[]): InsightRow[] {
  return [...insights].sort(
    (a, b) =>
      Number(a.acknowledged) - Number(b.acknowledged) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      b.date.localeCompare(a.date) ||
      a.id.localeCompare(b.id),
  );
}

/** The insight the dashboard banner shows: the most important one not yet acknowledged. */
export function bannerInsight(insights: readonly InsightRow[]): InsightRow | null {
  const first = sortInsights(insights)[0];
  return first && !first.acknowledged ? first : null;
}

/**
 * An insight's message in the person's units, locale and date format. The server writes one
 * English message for everyone (kilograms, kilometres, ISO dates: core/src/insights/format.ts
 * keeps them byte-identical across machines), and it keeps the figures in `data`; the message is
 * rebuilt from those with the one formatter, in the server's wording. An insight whose figures
 * are not all there (an older server) keeps the server's message.
 */
export function insightMessage(insight: InsightRow): string {
  return rebuiltMessage(insight) ?? insight.message;
}

function rebuiltMessage(insight: InsightRow): string | null {
  const f = format();
  const { data, subject } = insight;
  const num = (key: string): number | null => {
    const v = data[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const text = (key: string): string | null => {
    const v = data[key];
    return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
  };
  const value = (v: number) => f.metricValue(subject, v);
  switch (insight.type) {
    case 'trend': {
      const rule = TREND_RULES.find((r) => r.subject === subject);
      const recent = num('recentMean');
      const baseline = num('baselineMean');
      const change = num('changePercent');
      if (!rule || recent === null || baseline === null || change === null) return null;
      const size = Math.abs(change);
      const percent = `${f.number(size, size < 10 ? 1 : 0)} %`;
      const comparison = `${percent} ${change > 0 ? 'higher' : 'lower'}`;
      // Means over the days with data, and said so (an older insight without the counts: full).
      const recentDays = num('recentDays') ?? RECENT_DAYS;
      const baselineDays = num('baselineDays') ?? BASELINE_DAYS;
      return `${rule.phrase} averaged ${value(recent)} ${recentWindowText(recentDays, f.number)}, ${comparison} than the ${value(baseline)} ${baselineWindowText(baselineDays, f.number)}.`;
    }
    case 'goal_streak': {
      const goal = num('goal');
      const days = num('days');
      const end = text('endDate');
      if (goal === null || days === null || end === null) return null;
      const verb = goalIsCeiling(subject) ? 'stayed within' : 'reached';
      const name = metricName(subject).toLowerCase();
      // A date, not "up to yesterday": the insight is read on later days too.
      return `You ${verb} your ${name} goal (${value(goal)}) ${f.number(days)} days in a row, up to ${insightDay(end)}.`;
    }
    case 'out_of_range':
      return outOfRangeMessage(insight, num, value);
  }
}

function outOfRangeMessage(
  insight: InsightRow,
  num: (key: string) => number | null,
  value: (v: number) => string,
): string | null {
  const on = insightDay(insight.date);
  const min = num('minValue');
  if (insight.subject === 'OXYGEN_SATURATION') {
    const limit = num('limit');
    if (min === null || limit === null) return null;
    return `Your blood oxygen (SpO2) went down to ${value(min)} on ${on}, below the usual lower limit of ${value(limit)}.`;
  }
  if (insight.subject !== 'BLOOD_GLUCOSE') return null;
  const max = num('maxValue');
  const low = num('lowLimit');
  const high = num('highLimit');
  if (min === null || max === null || low === null || high === null) return null;
  const parts: string[] = [];
  if (min < low) parts.push(`as low as ${value(min)}`);
  if (max > high) parts.push(`as high as ${value(max)}`);
  if (parts.length === 0) return null;
  return `Your blood glucose went ${parts.join(' and ')} on ${on}, outside the usual range of ${value(low)} to ${value(high)}.`;
}

/** An insight's local date ("3 March 2026" in the person's locale): a calendar day, no zone. */
export function insightDay(date: string): string {
  return format().date(Date.parse(`${date}T12:00:00Z`), 'day', 'UTC');
}

/** An acknowledgement is a local write: it fails only when this browser's storage does. */
export const ACKNOWLEDGE_FAILED =
  'The acknowledgement could not be saved in this browser. Reload the page and try again.';
