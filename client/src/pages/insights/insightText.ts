import type { InsightRow } from '../../db/types.js';
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
