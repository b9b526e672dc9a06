import { METRIC_CONFIG, type HealthDataType } from '@hearth/schema';
import { format } from './currentFormat.js';

/** A value in the canonical unit, as a person reads it, in their display unit and locale. */
export function formatMetricValue(type: HealthDataType, value: number): string {
  return format().metricValue(type, value);
}

/** Short axis labels: no unit, compact ("12K"), hours for sleep. */
export function formatAxisValue(type: HealthDataType, value: number): string {
  return format().axisValue(type, value);
}

/** "7 h 05 min", "42 min". */
export function formatMinutes(minutes: number): string {
  return format().duration(minutes);
}

export function metricName(type: HealthDataType): string {
  return METRIC_CONFIG[type].displayName;
}

/** Type names in URLs: `steps`, `resting-heart-rate`. */
export function metricSlug(type: HealthDataType): string {
  return type.toLowerCase().replace(/_/g, '-');
}

export function metricFromSlug(slug: string | undefined): HealthDataType | null {
  if (!slug) return null;
  const type = slug.toUpperCase().replace(/-/g, '_');
  return Object.hasOwn(METRIC_CONFIG, type) ? (type as HealthDataType) : null;
}
