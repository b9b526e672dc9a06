import { z } from 'zod';
import { healthDataTypeSchema, localDateSchema } from './health-types.js';

export const insightKindSchema = z.enum(['trend', 'goal_streak', 'out_of_range']);
export type InsightKind = z.infer<typeof insightKindSchema>;

/**
 * The seed's insight. `id` is `${kind}:${subject}:${date}`, so recomputing an insight for the
 * same day replaces it instead of adding another; `createdAt` derives from that date, not a clock.
 */
export const healthInsightSchema = z.object({
  id: z.string(),
  type: insightKindSchema,
  subject: healthDataTypeSchema,
  date: localDateSchema,
  severity: z.enum(['low', 'medium', 'high']),
  direction: z.enum(['increasing', 'decreasing']).optional(),
  message: z.string(),
  recommendation: z.string().optional(),
  data: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  acknowledged: z.boolean(),
  createdAt: z.string(),
});
export type HealthInsight = z.infer<typeof healthInsightSchema>;

export const insightDocSchema = healthInsightSchema.extend({
  updatedAt: z.string(),
  _deleted: z.boolean(),
});
export type InsightDoc = z.infer<typeof insightDocSchema>;

/** Acknowledging is a client's only write to an insight: the one field it owns. */
export const INSIGHT_CLIENT_FIELDS = [
  'acknowledged',
] as const satisfies readonly (keyof InsightDoc)[];

export const insightsResponseSchema = z.object({ insights: z.array(healthInsightSchema) });
