import type { HealthDataType, LocalDate } from '@hearth/schema';
import { metricSlug } from '../../format/metricFormat.js';

/** Where the samples behind one day of one metric are listed (DayDataPage). */
export function dayDataPath(type: HealthDataType, day: LocalDate | 'today'): string {
  return `/data/${metricSlug(type)}/${day}`;
}
