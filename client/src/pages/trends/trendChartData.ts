import { daysBetweenLocalDates, localDateOf, nextBucketStart } from '@hearth/core';
import {
  METRIC_CONFIG,
  type AggregationPeriod,
  type Goals,
  type HealthDataType,
} from '@hearth/schema';
import type { MetricBucket } from '../../data/deviceBuckets.js';
import { bucketIsPartial, soFar } from '../../charts/partialPeriod.js';
import { formatMetricValue } from '../../format/metricFormat.js';
import { effectiveGoal } from '../settings/goalsForm.js';
import { axisLabel, bucketName, spansYears } from './bucketLabels.js';

export type TrendPoint = {
  startMs: number;
  axisLabel: string;
  name: string;
  value: number | null;
  min: number | null;
  max: number | null;
  count: number;
  computedOnDevice: boolean;
  /** Still being counted (today, this week, this month): "so far", never ranked or averaged. */
  partial: boolean;
  /** Weeks and months of sums, once finished: the total over the period's days (7, 28–31). */
  dailyAverage: number | null;
  /** The period's length in local days (1 for hours and days). */
  days: number;
  /** What a tooltip says about this bucket. */
  description: string;
};

export type TrendChartData = {
  points: TrendPoint[];
  /** Sums are bars from zero; averages and latest values are a line with their range. */
  kind: 'bars' | 'line';
  yDomain: [number, number];
  /** The daily goal, drawn on day charts of cumulative types. */
  goal: number | null;
  summary: string;
};

export type TrendOptions = {
  type: HealthDataType;
  period: AggregationPeriod;
  bucketStarts: readonly number[];
  timeZone: string;
  goals: Goals;
  /** The clock: buckets that have not ended by then are partial. */
  nowMs: number;
};

const PERIOD_NOUN: Record<AggregationPeriod, string> = {
  hour: 'hour',
  day: 'day',
  week: 'week',
  month: 'month',
};

/** "a day", "an hour": the article goes by the sound, and only "hour" starts with a vowel one. */
const PER_PERIOD: Record<AggregationPeriod, string> = {
  hour: 'an hour',
  day: 'a day',
  week: 'a week',
  month: 'a month',
};

function describe(
  type: HealthDataType,
  b: MetricBucket | undefined,
  name: string,
  partial: boolean,
  dailyAverage: number | null,
): string {
  if (!b) return `${name}: no data`;
  const figure = formatMetricValue(type, b.value);
  const perDay =
    dailyAverage === null ? '' : `, ${formatMetricValue(type, dailyAverage)} a day on average`;
  const value = partial ? soFar(figure) : `${figure}${perDay}`;
  const range =
    b.minValue !== undefined && b.maxValue !== undefined && b.minValue !== b.maxValue
      ? ` (${formatMetricValue(type, b.minValue)} to ${formatMetricValue(type, b.maxValue)})`
      : '';
  const readings = `${b.sampleCount} ${b.sampleCount === 1 ? 'reading' : 'readings'}`;
  const unsynced = b.computedOnDevice ? ', computed on this device' : '';
  return `${name}: ${value}${range}, ${readings}${unsynced}`;
}

function toPoint(
  type: HealthDataType,
  period: AggregationPeriod,
  startMs: number,
  timeZone: string,
  b: MetricBucket | undefined,
  nowMs: number,
  withYear: boolean,
): TrendPoint {
  const name = bucketName(period, startMs, timeZone);
  const partial = b !== undefined && bucketIsPartial(b, nowMs, timeZone);
  const days =
    period === 'week' || period === 'month'
      ? daysBetweenLocalDates(
          localDateOf(startMs, timeZone),
          localDateOf(nextBucketStart(period, startMs, timeZone), timeZone),
        )
      : 1;
  // Partial periods are never averaged (SPECIFICATION.md §13): a week's Monday is not its mean.
  const dailyAverage =
    b && days > 1 && !partial && METRIC_CONFIG[type].aggregation === 'sum' ? b.value / days : null;
  return {
    startMs,
    axisLabel: axisLabel(period, startMs, timeZone, withYear),
    name,
    value: b?.value ?? null,
    min: b?.minValue ?? null,
    max: b?.maxValue ?? null,
    count: b?.sampleCount ?? 0,
    computedOnDevice: b?.computedOnDevice ?? false,
    partial,
    dailyAverage,
    days,
    description: describe(type, b, name, partial, dailyAverage),
  };
}

function domain(
  points: TrendPoint[],
  kind: TrendChartData['kind'],
  goal: number | null,
): [number, number] {
  const values = points
    .flatMap((p) => [p.value, p.min, p.max])
    .filter((v): v is number => v !== null);
  if (values.length === 0) return [0, goal ?? 1];
  const high = Math.max(...values, goal ?? -Infinity);
  if (kind === 'bars') return [0, high * 1.1 || 1];
  const low = Math.min(...values);
  const pad = (high - low) * 0.1 || Math.abs(high) * 0.05 || 1;
  return [Math.max(0, low - pad), high + pad];
}

/** The figures over the range leave the period still being counted out (SPECIFICATION.md §13). */
function summarise(type: HealthDataType, period: AggregationPeriod, points: TrendPoint[]): string {
  const noun = PERIOD_NOUN[period];
  const current = points.find((p) => p.partial && p.value !== null);
  const soFarText = current
    ? ` ${period === 'day' ? 'Today' : `This ${noun}`}: ${soFar(formatMetricValue(type, current.value ?? 0))}, not counted above.`
    : '';
  return summariseFinished(type, period, points) + soFarText;
}

function summariseFinished(
  type: HealthDataType,
  period: AggregationPeriod,
  points: TrendPoint[],
): string {
  const withData = points.filter((p) => p.value !== null && !p.partial);
  const noun = PERIOD_NOUN[period];
  if (withData.length === 0) {
    return points.some((p) => p.partial)
      ? `No finished ${noun} with data in this range.`
      : `No data in these ${points.length} ${noun}s.`;
  }
  const fmt = (v: number) => formatMetricValue(type, v);
  const highest = withData.reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a));
  const aggregation = METRIC_CONFIG[type].aggregation;
  if (aggregation === 'sum') {
    const total = withData.reduce((sum, p) => sum + (p.value ?? 0), 0);
    const finished = points.filter((p) => !p.partial).length;
    const days = withData.reduce((sum, p) => sum + p.days, 0);
    const perDay = days > withData.length ? `, ${fmt(total / days)} a day` : '';
    return `Total ${fmt(total)} over ${finished} ${noun}s, on average ${fmt(total / withData.length)} ${PER_PERIOD[period]} with data${perDay}. Highest: ${fmt(highest.value ?? 0)} (${highest.name}).`;
  }
  if (aggregation === 'latest') {
    const last = withData[withData.length - 1]!;
    return `Latest ${fmt(last.value ?? 0)} (${last.name}); highest ${fmt(highest.value ?? 0)} (${highest.name}).`;
  }
  const readings = withData.reduce((sum, p) => sum + p.count, 0);
  const mean =
    withData.reduce((sum, p) => sum + (p.value ?? 0) * p.count, 0) / Math.max(readings, 1);
  const lows = withData.map((p) => p.min ?? p.value ?? 0);
  const highs = withData.map((p) => p.max ?? p.value ?? 0);
  return `Average ${fmt(mean)} over ${readings} readings, from ${fmt(Math.min(...lows))} to ${fmt(Math.max(...highs))}.`;
}

/** Everything the trend chart draws and says, one point per bucket of the range. */
export function trendChartData(
  buckets: readonly MetricBucket[],
  options: TrendOptions,
): TrendChartData {
  const { type, period, timeZone } = options;
  const byStart = new Map(buckets.filter((b) => b.type === type).map((b) => [b.startMs, b]));
  const withYear = spansYears(options.bucketStarts, timeZone);
  const points = options.bucketStarts.map((start) =>
    toPoint(type, period, start, timeZone, byStart.get(start), options.nowMs, withYear),
  );
  const kind = METRIC_CONFIG[type].aggregation === 'sum' ? 'bars' : 'line';
  const goal =
    kind === 'bars' && period === 'day' ? (effectiveGoal(options.goals, type) ?? null) : null;
  return {
    points,
    kind,
    yDomain: domain(points, kind, goal),
    goal,
    summary: summarise(type, period, points),
  };
}

/** Label every n-th tick so labels never overlap: about one per `minSpacing` pixels. */
export function tickStep(count: number, width: number, minSpacing = 64): number {
  const fit = Math.max(1, Math.floor(width / minSpacing));
  return Math.max(1, Math.ceil(count / fit));
}
