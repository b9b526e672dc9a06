import { z } from 'zod';
import { HEALTH_DATA_TYPES, healthDataTypeSchema, instantSchema } from './health-types.js';

/**
 * The stage of a sleep sample, as sleep trackers record it. Asleep stages (`asleep` when the
 * tracker does not say which, `core`, `deep`, `rem`) count as sleep; a night with no asleep stage
 * from any source counts its `inBed` time; `awake` never counts. Kept so clients can draw stages.
 */
export const SLEEP_STAGES = ['inBed', 'asleep', 'core', 'deep', 'rem', 'awake'] as const;
export const sleepStageSchema = z.enum(SLEEP_STAGES);
export type SleepStage = z.infer<typeof sleepStageSchema>;

/**
 * Fields a device may send that a series does not keep (SPECIFICATION.md §2): checked (a
 * string, an object), then not stored. A sample carrying them is stored all the same, and the
 * answer counts them (`ignored` of `deviceSyncResponseSchema`), so nothing is dropped unsaid.
 */
export const ACCEPTED_NOT_STORED_FIELDS = ['sourceApp', 'metadata'] as const;
export type AcceptedNotStoredField = (typeof ACCEPTED_NOT_STORED_FIELDS)[number];

const notStored = (shape: string) =>
  `${shape} if sent; not stored: the answer's \`ignored\` counts the samples that carried it.`;

/**
 * What a device sends, as the seed defines it. Deliberately loose: each sample of a batch is
 * validated on its own by core's `normalizeSample`, so one bad sample never sinks its batch-mates.
 */
export const rawSampleSchema = z.object({
  type: z.string().describe(`One of ${HEALTH_DATA_TYPES.join(', ')}.`),
  value: z.number().describe('A finite number in `unit`.'),
  unit: z
    .string()
    .describe(
      'A unit accepted for the type (e.g. count, km, kJ, lb, mmol/L, %); converted to its canonical unit.',
    ),
  startDate: z.string().describe('ISO 8601 with an offset or Z, e.g. 2026-01-01T10:00:00Z.'),
  endDate: z
    .string()
    .describe('ISO 8601 with an offset or Z, not before startDate, at most 24 hours after it.'),
  sourceDevice: z
    .string()
    .optional()
    .describe('A string if sent, and not used: a sample belongs to the device the request is for.'),
  sourceApp: z.string().optional().describe(notStored('A string')),
  metadata: z.record(z.string(), z.unknown()).optional().describe(notStored('An object')),
  /** SLEEP_ANALYSIS only; absent means `asleep`. Validated by core. */
  sleepStage: z
    .string()
    .optional()
    .describe(`SLEEP_ANALYSIS only: one of ${SLEEP_STAGES.join(', ')}; absent means asleep.`),
});
export type RawSample = z.infer<typeof rawSampleSchema>;

/**
 * A validated sample in canonical units. Dates are UTC instants (`toISOString()` form).
 * `sourceDevice` is the source id that a rollup's priority list orders (a device id).
 */
export const healthSampleSchema = z.object({
  id: z.string().optional(),
  type: healthDataTypeSchema,
  value: z.number(),
  unit: z.string(),
  startDate: instantSchema,
  endDate: instantSchema,
  sourceDevice: z.string(),
  sourceApp: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** SLEEP_ANALYSIS only; absent means `asleep`. */
  sleepStage: sleepStageSchema.optional(),
});
export type HealthSample = z.infer<typeof healthSampleSchema>;

export const MAX_SAMPLES_PER_SYNC = 5000;

const samplesArray = <T extends z.ZodType>(sample: T) =>
  z
    .array(sample)
    .max(MAX_SAMPLES_PER_SYNC)
    .describe(
      `At most ${MAX_SAMPLES_PER_SYNC} samples. Each is validated on its own: a refused one is ` +
        'listed in errorDetails by index, the others are stored.',
    );

/** Each sample is read as `unknown` and validated on its own (above): the body checks the array. */
export const deviceSyncRequestSchema = z.object({ samples: samplesArray(z.unknown()) });

/**
 * The same body, for the OpenAPI at `/docs`: each sample shown as `rawSampleSchema`. zod writes a
 * schema's metadata into its JSON Schema, and metadata never changes what a schema accepts, so
 * a route using this still checks only the array, and core each sample, once. A function, so
 * bundles that never document an API (the PWA's) do not carry zod's JSON Schema writer.
 */
export function documentedDeviceSyncRequestSchema() {
  const { $schema: _dialect, ...sample } = z.toJSONSchema(rawSampleSchema, {
    target: 'draft-2020-12',
    io: 'input',
  });
  return z.object({ samples: samplesArray(z.unknown().meta(sample)) });
}
export type DeviceSyncRequest = z.infer<typeof deviceSyncRequestSchema>;

export const sampleErrorCodeSchema = z.enum([
  'sample-invalid-shape',
  'sample-unknown-type',
  'sample-invalid-value',
  'sample-unknown-unit',
  'sample-invalid-date',
  'sample-end-before-start',
  'sample-in-future',
  'sample-out-of-range',
  'sample-percent-as-fraction',
  /** A sleep stage that is not one of SLEEP_STAGES, or a stage on a type other than sleep. */
  'sample-invalid-stage',
]);
export type SampleErrorCode = z.infer<typeof sampleErrorCodeSchema>;

export const sampleErrorSchema = z.object({
  code: sampleErrorCodeSchema,
  message: z.string(),
});
export type SampleError = z.infer<typeof sampleErrorSchema>;

export const deviceSyncResponseSchema = z.object({
  synced: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  errorDetails: z
    .array(
      z.object({
        index: z.number().int().nonnegative(),
        code: sampleErrorCodeSchema,
        error: z.string(),
      }),
    )
    .optional(),
  /** Of the samples stored, how many carried each field a series does not keep; absent if none. */
  ignored: z
    .partialRecord(z.enum(ACCEPTED_NOT_STORED_FIELDS), z.number().int().positive())
    .optional()
    .describe(
      'Of the samples stored, how many carried each field Hearth accepts and does not store.',
    ),
});
export type DeviceSyncResponse = z.infer<typeof deviceSyncResponseSchema>;
