import { z } from 'zod';

export const HEALTH_DATA_TYPES = [
  'STEPS',
  'DISTANCE',
  'HEART_RATE',
  'RESTING_HEART_RATE',
  'WEIGHT',
  'BODY_FAT',
  'SLEEP_ANALYSIS',
  'ACTIVE_ENERGY',
  'OXYGEN_SATURATION',
  'BLOOD_GLUCOSE',
] as const;
export const healthDataTypeSchema = z.enum(HEALTH_DATA_TYPES);
export type HealthDataType = z.infer<typeof healthDataTypeSchema>;

export const AGGREGATION_PERIODS = ['hour', 'day', 'week', 'month'] as const;
export const aggregationPeriodSchema = z.enum(AGGREGATION_PERIODS);
export type AggregationPeriod = z.infer<typeof aggregationPeriodSchema>;

export const aggregationStrategySchema = z.enum(['sum', 'average', 'latest', 'min', 'max']);
export type AggregationStrategy = z.infer<typeof aggregationStrategySchema>;

export const metricConfigSchema = z.object({
  displayName: z.string(),
  unit: z.string(),
  aggregation: aggregationStrategySchema,
  goal: z.number().positive().optional(),
});
export type MetricConfig = z.infer<typeof metricConfigSchema>;

/** Display name, canonical unit, aggregation strategy and default goal of every type (the seed's). */
export const METRIC_CONFIG: Readonly<Record<HealthDataType, MetricConfig>> = {
  STEPS: { displayName: 'Steps', unit: 'steps', aggregation: 'sum', goal: 10000 },
  DISTANCE: { displayName: 'Distance', unit: 'meters', aggregation: 'sum' },
  HEART_RATE: { displayName: 'Heart Rate', unit: 'bpm', aggregation: 'average' },
  RESTING_HEART_RATE: { displayName: 'Resting HR', unit: 'bpm', aggregation: 'average' },
  WEIGHT: { displayName: 'Weight', unit: 'kg', aggregation: 'latest' },
  BODY_FAT: { displayName: 'Body Fat', unit: '%', aggregation: 'latest' },
  SLEEP_ANALYSIS: { displayName: 'Sleep', unit: 'minutes', aggregation: 'sum' },
  ACTIVE_ENERGY: { displayName: 'Calories', unit: 'kcal', aggregation: 'sum', goal: 500 },
  OXYGEN_SATURATION: { displayName: 'SpO2', unit: '%', aggregation: 'average' },
  BLOOD_GLUCOSE: { displayName: 'Glucose', unit: 'mg/dL', aggregation: 'average' },
};

/** Types whose samples are amounts spread over an interval (deduplicated by a priority sweep). */
export function isCumulativeType(type: HealthDataType): boolean {
  return METRIC_CONFIG[type].aggregation === 'sum';
}

/** A local calendar date, `YYYY-MM-DD`. */
export const localDateSchema = z.iso.date();
export type LocalDate = z.infer<typeof localDateSchema>;

/** An instant: ISO 8601 with an offset or `Z`, in the grammar of instant.ts. */
export { instantSchema } from './instant.js';

function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isIanaTimeZone, { message: 'Not an IANA time zone (e.g. Europe/Paris)' });
