import { HEALTH_DATA_TYPES, METRIC_CONFIG, type Goals, type HealthDataType } from '@hearth/schema';
import type { MetricBucket } from '../../data/deviceBuckets.js';
import { formatMetricValue, metricName } from '../../format/metricFormat.js';
import { effectiveGoal } from '../settings/goalsForm.js';

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

/** One card per health type for today, in the schema's order, with or without data. */
export function dashboardCards(
  todayBuckets: readonly MetricBucket[],
  goals: Goals,
): DashboardCard[] {
  const byType = new Map(todayBuckets.map((b) => [b.type, b]));
  return HEALTH_DATA_TYPES.map((type) => {
    const bucket = byType.get(type);
    if (!bucket) {
      return {
        type,
        title: metricName(type),
        value: null,
        valueText: 'No data today',
        detail: null,
        goal: null,
        computedOnDevice: false,
      };
    }
    return {
      type,
      title: metricName(type),
      value: bucket.value,
      valueText: formatMetricValue(type, bucket.value),
      detail: detailOf(bucket),
      goal: goalProgress(type, bucket.value, goals),
      computedOnDevice: bucket.computedOnDevice,
    };
  });
}
