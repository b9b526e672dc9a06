import { METRIC_CONFIG, type Goals, type HealthDataType } from '@hearth/schema';
import { soFar } from '../../charts/partialPeriod.js';
import type { MetricBucket } from '../../data/deviceBuckets.js';
import { formatMetricValue, metricName } from '../../format/metricFormat.js';
import { effectiveGoal } from '../settings/goalsForm.js';
import type { LatestDay } from './latestDays.js';
import { format } from '../../format/currentFormat.js';

export type GoalProgress = {
  target: number;
  /** 0–100, capped for the bar; the text says the real ratio. */
  percent: number;
  text: string;
};

export type DashboardCard = {
  type: HealthDataType;
  title: string;
  value: number | null;
  valueText: string;
  detail: string | null;
  goal: GoalProgress | null;
  computedOnDevice: boolean;
};

/** Goals are daily targets to reach for sums (steps); for other types they are shown, not scored. */
function goalProgress(type: HealthDataType, value: number, goals: Goals): GoalProgress | null {
  const target = effectiveGoal(goals, type);
  if (target === undefined || METRIC_CONFIG[type].aggregation !== 'sum') return null;
  const ratio = value / target;
  const text =
    ratio >= 1
      ? `Goal of ${formatMetricValue(type, target)} reached`
      : `${Math.floor(ratio * 100)}% of ${formatMetricValue(type, target)}`;
  return { target, percent: Math.min(100, Math.round(ratio * 100)), text };
}

function detailOf(bucket: MetricBucket): string | null {
  const { type, minValue, maxValue, sampleCount } = bucket;
  const readings = `${sampleCount} ${sampleCount === 1 ? 'reading' : 'readings'}`;
  if (METRIC_CONFIG[type].aggregation === 'sum') return null;
  if (minValue === undefined || maxValue === undefined || minValue === maxValue) return readings;
  return `${readings}, ${formatMetricValue(type, minValue)} to ${formatMetricValue(type, maxValue)}`;
}

/** "Mon 30 Nov": the day a latest value is from. */

/** Today's sleep day is the night just ended; today's amounts are still being counted. */
function todayText(type: HealthDataType, value: number): string {
  if (type === 'SLEEP_ANALYSIS') return `${formatMetricValue(type, value)} last night`;
  const figure = formatMetricValue(type, value);
  return METRIC_CONFIG[type].aggregation === 'sum' ? soFar(figure) : figure;
}

export type DashboardInput = {
  /** The cards to show, in order: the person's arrangement (`cardLayout.ts`). */
  types: readonly HealthDataType[];
  todayBuckets: readonly MetricBucket[];
  /** The last finished day with data per type, for the cards today has nothing for yet. */
  latest: ReadonlyMap<HealthDataType, LatestDay>;
  goals: Goals;
  timeZone: string;
};

/**
 * One card per type asked for, in that order: today's figure where there is one, else the
 * latest day's with its date ("72.4 kg · Mon 30 Nov"), else "No data yet".
 */
export function dashboardCards({
  types,
  todayBuckets,
  latest,
  goals,
  timeZone,
}: DashboardInput): DashboardCard[] {
  const byType = new Map(todayBuckets.map((b) => [b.type, b]));
  return types.map((type) => {
    const bucket = byType.get(type);
    if (!bucket) {
      const last = latest.get(type);
      return {
        type,
        title: metricName(type),
        value: null,
        valueText: last
          ? `${formatMetricValue(type, last.value)} · ${format().date(last.startMs, 'short-day', timeZone)}`
          : 'No data yet',
        detail: last ? 'Latest day with data; nothing yet today' : null,
        goal: null,
        computedOnDevice: false,
      };
    }
    return {
      type,
      title: metricName(type),
      value: bucket.value,
      valueText: todayText(type, bucket.value),
      detail: detailOf(bucket),
      goal: goalProgress(type, bucket.value, goals),
      computedOnDevice: bucket.computedOnDevice,
    };
  });
}
