import { z } from 'zod';
import { HAE_AGGREGATIONS } from '@hearth/core/import';
import { deviceKindSchema, sampleErrorCodeSchema } from '@hearth/schema';

/**
 * The wire shapes of `POST /devices/:deviceId/health-auto-export`. The body is read loosely
 * (`data` must be an object; everything in it is mapped point by point, see
 * core/src/import/health-auto-export/), so one odd point never refuses a whole export.
 */
export const haeBodySchema = z.looseObject({ data: z.record(z.string(), z.unknown()) });

export const haeQuerySchema = z.object({
  /** The automation's aggregation: how long a point that carries only a `date` lasts. */
  aggregation: z.enum(HAE_AGGREGATIONS).default('minutes'),
});

export const haeResponseSchema = z.object({
  /** Points stored (valid samples). */
  synced: z.number().int().nonnegative(),
  /** Points refused, each with its reason in `errorDetails` (the first 100). */
  errors: z.number().int().nonnegative(),
  errorDetails: z
    .array(
      z.object({
        metric: z.string(),
        index: z.number().int().nonnegative(),
        code: sampleErrorCodeSchema,
        error: z.string(),
      }),
    )
    .optional(),
  /** Points of metrics Hearth does not store (and workouts), by metric name. */
  skipped: z.record(z.string(), z.number().int().nonnegative()),
  /** Where the stored points went: the device posted to, and one device per single source. */
  devices: z.array(
    z.object({
      id: z.string(),
      name: z.string().optional(),
      kind: deviceKindSchema.optional(),
      synced: z.number().int().nonnegative(),
    }),
  ),
});
export type HaeResponse = z.infer<typeof haeResponseSchema>;
