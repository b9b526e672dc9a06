import { METRIC_CONFIG, type HealthDataType } from '@hearth/schema';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** A value in the canonical unit, as a person reads it: "8,432 steps", "7 h 05 min", "5.21 km". */
export function formatMetricValue(type: HealthDataType, value: number): string {
  switch (type) {
    case 'SLEEP_ANALYSIS':
      return formatMinutes(value);
    case 'DISTANCE':
      return value >= 1000
        ? `${twoDecimals.format(value / 1000)} km`
        : `${integer.format(value)} m`;
    case 'STEPS':
      return `${integer.format(value)} steps`;
    case 'ACTIVE_ENERGY':
      return `${integer.format(value)} kcal`;
    case 'HEART_RATE':
    case 'RESTING_HEART_RATE':
      return `${integer.format(value)} bpm`;
    case 'WEIGHT':
      return `${oneDecimal.format(value)} kg`;
    case 'BODY_FAT':
    case 'OXYGEN_SATURATION':
      return `${oneDecimal.format(value)} %`;
    case 'BLOOD_GLUCOSE':
      return `${integer.format(value)} mg/dL`;
  }
}

/** Short axis labels: no unit, compact ("12k"), hours for sleep. */
export function formatAxisValue(type: HealthDataType, value: number): string {
  if (type === 'SLEEP_ANALYSIS') return `${oneDecimal.format(value / 60)} h`;
  if (type === 'DISTANCE') return `${oneDecimal.format(value / 1000)} km`;
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(
    value,
  );
}

export function formatMinutes(minutes: number): string {
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  return hours > 0 ? `${hours} h ${String(rest).padStart(2, '0')} min` : `${rest} min`;
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
