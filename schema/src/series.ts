import { z } from 'zod';
import { healthDataTypeSchema } from './health-types.js';

/**
 * One sample inside a series: `[startMs, endMs, value]`, epoch milliseconds and canonical units.
 * Tuples keep a user-year (~550k samples) small enough to replicate to a phone.
 */
export const seriesPointSchema = z.tuple([z.number().int(), z.number().int(), z.number()]);
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
] as const;
