import { z } from 'zod';
import {
  aggregationPeriodSchema,
  healthDataTypeSchema,
  HEALTH_DATA_TYPES,
  localDateSchema,
  type HealthDataType,
} from './health-types.js';

/** The seed's aggregate: one bucket of one type. `periodStart` carries the local offset. */
export const healthAggregateSchema = z.object({
  type: healthDataTypeSchema,
  period: aggregationPeriodSchema,
  periodStart: z.string(),
  value: z.number(),
  minValue: z.number().optional(),
  maxValue: z.number().optional(),
  sampleCount: z.number().int().nonnegative(),
});
export type HealthAggregate = z.infer<typeof healthAggregateSchema>;

/** A day, week or month rollup as replicated to devices (read-only there). */
export const rollupDocSchema = healthAggregateSchema.extend({
  /** `${type}|${period}|${periodStart}` */
  id: z.string(),
  /** Epoch ms of the bucket start, for range queries on the replica. */
  startMs: z.number().int(),
  updatedAt: z.string(),
  _deleted: z.boolean(),
});
export type RollupDoc = z.infer<typeof rollupDocSchema>;

export const dailySummarySchema = z.object({
  date: localDateSchema,
  metrics: z.partialRecord(healthDataTypeSchema, z.number()),
});
export type DailySummary = z.infer<typeof dailySummarySchema>;

export const summaryQuerySchema = z.object({ date: localDateSchema.optional() });

const typeListSchema = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(z.array(healthDataTypeSchema).min(1));

export const aggregatesQuerySchema = z
  .object({
    types: typeListSchema.default([...HEALTH_DATA_TYPES]),
    period: aggregationPeriodSchema.default('day'),
    startDate: localDateSchema,
    endDate: localDateSchema,
  })
  .refine((q) => q.startDate <= q.endDate, { message: 'startDate must not be after endDate' });
export type AggregatesQuery = z.infer<typeof aggregatesQuerySchema>;

export const aggregatesResponseSchema = z.partialRecord(
  healthDataTypeSchema,
  z.array(healthAggregateSchema),
);
export type AggregatesResponse = Partial<Record<HealthDataType, HealthAggregate[]>>;

/** The id of the one document of the `freshness` collection. */
export const FRESHNESS_DOC_ID = 'rollups';

/**
 * How far the server's rollups have caught up with the user's changes, replicated to every
 * device (read-only). Every change at or below `rolledUpTo` in the user's change order (a push's
 * `position`, sync-server/SPEC.md R15) is folded into series and included in the rollups; a day
 * a device changed is computed on the device exactly until its upload's position is covered.
 */
export const freshnessDocSchema = z.object({
  id: z.literal(FRESHNESS_DOC_ID),
  rolledUpTo: z.number().int().nonnegative(),
  _deleted: z.boolean(),
});
export type FreshnessDoc = z.infer<typeof freshnessDocSchema>;
