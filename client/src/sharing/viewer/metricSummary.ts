import { daysBetweenLocalDates, finishedExtremes } from '@hearth/core';
import {
  METRIC_CONFIG,
  type HealthDataType,
  type SharedData,
  type SharedDataPoint,
} from '@hearth/schema';

/** One day of one metric as the viewer charts and summarises it. */
export interface DayValue {
  /** Local date, `YYYY-MM-DD`, from the rollup's periodStart. */
  date: string;
  value: number;
  minValue?: number;
  maxValue?: number;
  /** The day had not ended when the link was opened: "so far", never ranked or averaged. */
  partial?: true;
}

export type TrendDirection = 'rising' | 'falling' | 'steady';

export interface Trend {
  direction: TrendDirection;
  /** Fitted change from the first to the last day with data, in the metric's unit. */
  change: number;
  /** Days between the first and the last day with data. */
  spanDays: number;
}

export interface MetricSummary {
  type: HealthDataType;
  /** Every day with data, partial ones included (the chart and the table show them). */
  days: DayValue[];
  /**
   * Mean of the finished days with data (days without any are not zeros, and the day still being
   * counted is left out); null while no shared day has ended.
   */
  average: number | null;
  /** How many days `average` is the mean of. */
  averageDays: number;
  /** Lowest and highest finished day, with their dates (null while none has ended). */
  min: DayValue | null;
  max: DayValue | null;
  /** The day still being counted, if the range reaches it. */
  soFar: DayValue | null;
  /** Lowest and highest single reading (discrete types only). */
  readingRange?: { min: number; max: number };
  /**
   * Fitted through the finished days only; null when fewer than MIN_TREND_DAYS have data: a line
   * through two points says little.
   */
  trend: Trend | null;
}

export const MIN_TREND_DAYS = 3;

/**
 * The smallest fitted change over the range that counts as a trend, per metric, in its
 * canonical unit: below these a clinician would call the series flat.
 */
export const MEANINGFUL_CHANGE: Readonly<Record<HealthDataType, number>> = {
  STEPS: 500,
  DISTANCE: 400,
  HEART_RATE: 3,
  RESTING_HEART_RATE: 2,
  WEIGHT: 0.5,
  BODY_FAT: 0.5,
  SLEEP_ANALYSIS: 20,
  ACTIVE_ENERGY: 50,
  OXYGEN_SATURATION: 1,
  BLOOD_GLUCOSE: 10,
};

function dayNumber(date: string): number {
  return daysBetweenLocalDates('1970-01-01', date);
}

function toDayValue(point: SharedDataPoint): DayValue {
  const day: DayValue = { date: point.periodStart.slice(0, 10), value: point.value };
  if (point.minValue !== undefined) day.minValue = point.minValue;
  if (point.maxValue !== undefined) day.maxValue = point.maxValue;
  if (point.partial) day.partial = true;
  return day;
}

/**
 * Least-squares line through (day number, value); returns its rise from the first to the last
 * day. Days without data are simply absent, so gaps do not drag the line towards zero.
 */
export function fittedChange(days: readonly DayValue[]): Trend | null {
  if (days.length < MIN_TREND_DAYS) return null;
  const xs = days.map((d) => dayNumber(d.date));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = days.reduce((a, d) => a + d.value, 0) / days.length;
  let num = 0;
  let den = 0;
  days.forEach((d, i) => {
    const dx = (xs[i] ?? meanX) - meanX;
    num += dx * (d.value - meanY);
    den += dx * dx;
  });
  const spanDays = Math.max(...xs) - Math.min(...xs);
  if (den === 0 || spanDays === 0) return null;
  return { direction: 'steady', change: (num / den) * spanDays, spanDays };
}

function trendOf(type: HealthDataType, days: readonly DayValue[]): Trend | null {
  const fitted = fittedChange(days);
  if (!fitted) return null;
  const direction: TrendDirection =
    Math.abs(fitted.change) < MEANINGFUL_CHANGE[type]
      ? 'steady'
      : fitted.change > 0
        ? 'rising'
        : 'falling';
  return { ...fitted, direction };
}

function readingRange(type: HealthDataType, days: readonly DayValue[]) {
  if (METRIC_CONFIG[type].aggregation === 'sum') return undefined;
  const mins = days.flatMap((d) => (d.minValue === undefined ? [] : [d.minValue]));
  const maxes = days.flatMap((d) => (d.maxValue === undefined ? [] : [d.maxValue]));
  if (mins.length === 0 || maxes.length === 0) return undefined;
  return { min: Math.min(...mins), max: Math.max(...maxes) };
}

/** Summary of one metric's days, or null when the metric has no data in the range. */
export function summariseMetric(
  type: HealthDataType,
  points: readonly SharedDataPoint[],
): MetricSummary | null {
  const days = points
    .filter((p) => p.type === type && Number.isFinite(p.value))
    .map(toDayValue)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (days.length === 0) return null;
  const finished = days.filter((d) => !d.partial);
  const extremes = finishedExtremes(
    days,
    (d) => d.value,
    (d) => d.partial === true,
  );
  const summary: MetricSummary = {
    type,
    days,
    average:
      finished.length === 0 ? null : finished.reduce((a, d) => a + d.value, 0) / finished.length,
    averageDays: finished.length,
    min: extremes?.lowest ?? null,
    max: extremes?.highest ?? null,
    soFar: days.findLast((d) => d.partial) ?? null,
    trend: trendOf(type, finished),
  };
  const range = readingRange(type, days);
  if (range) summary.readingRange = range;
  return summary;
}

/** Every shared metric, in the order shared; metrics without data come back as `null` entries. */
export function summariseShare(
  data: SharedData,
): Array<{ type: HealthDataType; summary: MetricSummary | null }> {
  return data.dataTypes.map((type) => ({ type, summary: summariseMetric(type, data.data) }));
}

/** Number of calendar days in the shared range, both ends included. */
export function rangeLength(range: SharedData['dateRange']): number {
  return dayNumber(range.end) - dayNumber(range.start) + 1;
}
