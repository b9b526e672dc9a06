import { METRIC_CONFIG, type HealthDataType } from '@hearth/schema';

/**
 * Number formatting for insight messages. Written out by hand (no `toLocaleString`) so that the
 * server and every browser produce byte-identical messages.
 */
export function formatInteger(value: number): string {
  const rounded = Math.round(value);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `-${digits}` : digits;
}

/** One decimal, without a trailing `.0`. */
export function formatOneDecimal(value: number): string {
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** `7 h 5 min`, `45 min`. */
export function formatDuration(minutes: number): string {
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A relative change as a percentage: one decimal under 10 %, whole numbers above. */
export function formatPercentChange(fraction: number): string {
  const percent = Math.abs(fraction) * 100;
  return `${percent < 10 ? formatOneDecimal(percent) : formatInteger(percent)}%`;
}

/** A value of a type with its unit, rounded as a person would say it. */
export function formatValue(type: HealthDataType, value: number): string {
  switch (type) {
    case 'SLEEP_ANALYSIS':
      return formatDuration(value);
    case 'WEIGHT':
      return `${formatOneDecimal(value)} kg`;
    case 'BODY_FAT':
      return `${formatOneDecimal(value)}%`;
    case 'OXYGEN_SATURATION':
      return `${formatInteger(value)}%`;
    case 'DISTANCE':
      return `${formatOneDecimal(value / 1000)} km`;
    default:
      return `${formatInteger(value)} ${METRIC_CONFIG[type].unit}`;
  }
}

/** Rounds a number stored in insight data to at most two decimals. */
export function roundForData(value: number): number {
  return Math.round(value * 100) / 100;
}
