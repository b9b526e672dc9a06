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
import { withDataLabel } from '../../format/withData.js';
import { dailyAverage, type DailyAverage } from './dailyAverage.js';

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
  /**
   * Weeks and months of sums: the mean of their finished days with data (`dailyAverage.ts`),
   * "so far" while the period runs; null for other periods and types, or without day figures.
   */
  dailyAverage: number | null;
  /** How many finished days with data `dailyAverage` is the mean of. */
  daysWithData: number;
  /** The sum of those days. */
  daysWithDataTotal: number;
  /** The period's length in local days (1 for hours and days). */
  days: number;
  /** What a tooltip says about this bucket. */
  description: string;
  /** The same without the name and the daily average: a table row's Value cell. */
  figures: string;
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
  /**
   * For weeks and months: the day buckets of the same range, which their daily averages are
   * taken over. Without them (still loading) no daily average is given rather than a wrong one.
   */
  days?: readonly MetricBucket[] | null;
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

/** "10,000 steps a day on average (5 days with data)", "so far" while the period runs. */
export function dailyAverageText(
  type: HealthDataType,
  average: DailyAverage,
  partial: boolean,
): string | null {
  if (average.perDay === null) return null;
  const perDay = `${formatMetricValue(type, average.perDay)} a day`;
  return `${partial ? soFar(perDay) : `${perDay} on average`} (${withDataLabel(average.daysWithData)})`;
}

function describe(
  type: HealthDataType,
  b: MetricBucket | undefined,
  name: string,
  partial: boolean,
  average: DailyAverage | null,
): string {
  if (!b) return `${name}: no data`;
  const figure = formatMetricValue(type, b.value);
  const perDayText = average ? dailyAverageText(type, average, partial) : null;
  const perDay = perDayText ? `, ${perDayText}` : '';
  const value = `${partial ? soFar(figure) : figure}${perDay}`;
  const range =
    b.minValue !== undefined && b.maxValue !== undefined && b.minValue !== b.maxValue
      ? ` (${formatMetricValue(type, b.minValue)} to ${formatMetricValue(type, b.maxValue)})`
      : '';
  const readings = `${b.sampleCount} ${b.sampleCount === 1 ? 'reading' : 'readings'}`;
  const unsynced = b.computedOnDevice ? ', computed on this device' : '';
  return `${name}: ${value}${range}, ${readings}${unsynced}`;
}

function toPoint(
  options: TrendOptions,
  startMs: number,
  b: MetricBucket | undefined,
  withYear: boolean,
): TrendPoint {
  const { type, period, timeZone, nowMs } = options;
  const name = bucketName(period, startMs, timeZone);
  const partial = b !== undefined && bucketIsPartial(b, nowMs, timeZone);
  const multiDay = period === 'week' || period === 'month';
  const endMs = nextBucketStart(period, startMs, timeZone);
  const days = multiDay
    ? daysBetweenLocalDates(localDateOf(startMs, timeZone), localDateOf(endMs, timeZone))
    : 1;
  const average =
    b && multiDay && options.days && METRIC_CONFIG[type].aggregation === 'sum'
      ? dailyAverage(options.days, startMs, endMs, nowMs, timeZone)
      : null;
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
    dailyAverage: average?.perDay ?? null,
    daysWithData: average?.daysWithData ?? 0,
    daysWithDataTotal: average?.total ?? 0,
    days,
    description: describe(type, b, name, partial, average),
    figures: describe(type, b, name, partial, null).slice(name.length + 2),
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
    const perPeriod = `${fmt(total / withData.length)} ${PER_PERIOD[period]} (${withDataLabel(withData.length, noun)})`;
    // Weeks and months: the mean of their days with data, not the total over every day.
    const daysWithData = withData.reduce((sum, p) => sum + p.daysWithData, 0);
    const dayTotal = withData.reduce((sum, p) => sum + p.daysWithDataTotal, 0);
    const perDay =
      withData.some((p) => p.dailyAverage !== null) && daysWithData > 0
        ? ` and ${fmt(dayTotal / daysWithData)} a day (${withDataLabel(daysWithData)})`
        : '';
    return `Total ${fmt(total)} over ${finished} ${noun}s, on average ${perPeriod}${perDay}. Highest: ${fmt(highest.value ?? 0)} (${highest.name}).`;
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
    toPoint(options, start, byStart.get(start), withYear),
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
