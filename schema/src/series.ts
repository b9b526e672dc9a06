import { z } from 'zod';
import { healthDataTypeSchema } from './health-types.js';
import type { SleepStage } from './samples.js';

/**
 * The sleep stage of a series point, as a small integer in its optional 4th element. `asleep`
 * has no code: a point without a 4th element is asleep, so every series stored or replicated
 * before stages existed keeps its meaning, and a series of other types never carries one.
 * Stored and replicated: never renumber.
 */
export const SERIES_SLEEP_STAGE_CODES = {
  inBed: 1,
  core: 2,
  deep: 3,
  rem: 4,
  awake: 5,
} as const satisfies Record<Exclude<SleepStage, 'asleep'>, number>;
export const MAX_SERIES_SLEEP_STAGE_CODE = 5;

/**
 * One sample inside a series: `[startMs, endMs, value]` or, for a sleep stage other than
 * `asleep`, `[startMs, endMs, value, stageCode]`; epoch milliseconds and canonical units.
 * Tuples keep a user-year (~550k samples) small enough to replicate to a phone.
 */
export const seriesPointSchema = z.tuple([
  z.number().int(),
  z.number().int(),
  z.number(),
  z.number().int().min(1).max(MAX_SERIES_SLEEP_STAGE_CODE).optional(),
]);
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

/**
 * The storage grain: the samples of one device, one type, one UTC hour (by sample start).
 * Within a series a sample is identified by (start, end), so re-sending a sample replaces it.
 */
export const seriesDocSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  type: healthDataTypeSchema,
  /** Epoch ms of the UTC hour that holds every point's start. */
  hourStart: z.number().int(),
  /** Points sorted by (start, end), unique by (start, end). */
  points: z.array(seriesPointSchema),
  /** Server-managed: when the server last stored this series (ISO). */
  updatedAt: z.string(),
  _deleted: z.boolean(),
});
export type SeriesDoc = z.infer<typeof seriesDocSchema>;

/** The fields of a series that a client owns: the only ones compared when a push may conflict. */
export const SERIES_CLIENT_FIELDS = [
  'id',
  'deviceId',
  'type',
  'hourStart',
  'points',
  '_deleted',
] as const satisfies readonly (keyof SeriesDoc)[];
