import { localDatesBetween } from '@hearth/core';
import { METRIC_CONFIG, type HealthDataType } from '@hearth/schema';
import type { DayValue } from './metricSummary.js';

export interface ChartDay {
  date: string;
  value: number | null;
  min: number | null;
  max: number | null;
  /** Still being counted when the link was opened (drawn as "so far"). */
  partial: boolean;
}

export interface SharedChartData {
  /** Bars for daily totals (steps, sleep...), a line for averages and latest readings. */
  kind: 'bars' | 'line';
  /** Every day of the shared range, in order; days without data have `value: null`. */
  days: ChartDay[];
  yDomain: [number, number];
}

/**
 * Shapes one metric's days for a small chart over the whole shared range. Bars start at zero;
 * lines get a domain around the readings (a heart rate axis from 0 would flatten every change).
 */
export function sharedChartData(
  type: HealthDataType,
  days: readonly DayValue[],
  range: { start: string; end: string },
): SharedChartData {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const chartDays = localDatesBetween(range.start, range.end).map((date): ChartDay => {
    const day = byDate.get(date);
    return {
      date,
      value: day?.value ?? null,
      min: day?.minValue ?? null,
      max: day?.maxValue ?? null,
      partial: day?.partial ?? false,
    };
  });
  const kind = METRIC_CONFIG[type].aggregation === 'sum' ? 'bars' : 'line';
  const values = chartDays.flatMap((d) =>
    [d.value, d.min, d.max].filter((v): v is number => v !== null),
  );
  if (values.length === 0) return { kind, days: chartDays, yDomain: [0, 1] };
  const hi = Math.max(...values);
  if (kind === 'bars') return { kind, days: chartDays, yDomain: [0, hi > 0 ? hi : 1] };
  const lo = Math.min(...values);
  const pad = hi === lo ? Math.max(1, Math.abs(hi) * 0.05) : (hi - lo) * 0.1;
  return { kind, days: chartDays, yDomain: [lo - pad, hi + pad] };
}

/** About `maxTicks` evenly spaced dates to label on the time axis (always the first). */
export function axisDates(days: readonly ChartDay[], maxTicks: number): string[] {
  if (days.length === 0) return [];
  const step = Math.max(1, Math.ceil(days.length / Math.max(1, maxTicks)));
  return days.filter((_, i) => i % step === 0).map((d) => d.date);
}

export { valueTicks } from '../../charts/valueTicks.js';
