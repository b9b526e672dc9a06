import { z } from 'zod';
import { healthDataTypeSchema, instantSchema, localDateSchema } from './health-types.js';
import { emailSchema } from './auth.js';

export const createShareLinkSchema = z
  .object({
    recipientEmail: emailSchema.optional(),
    dataTypes: z.array(healthDataTypeSchema).min(1).max(10),
    dateStart: localDateSchema,
    dateEnd: localDateSchema,
    expiresAt: instantSchema,
  })
  .refine((b) => b.dateStart <= b.dateEnd, {
    message: 'dateStart must not be after dateEnd',
    path: ['dateEnd'],
  });
export type CreateShareLink = z.infer<typeof createShareLinkSchema>;

/** The access code is shown once, here; the server keeps only its hash. */
export const createShareLinkResponseSchema = z.object({
  id: z.string(),
  accessCode: z.string(),
  shareUrl: z.string(),
  expiresAt: z.string(),
});
export type CreateShareLinkResponse = z.infer<typeof createShareLinkResponseSchema>;

export const shareLinkSchema = z.object({
  id: z.string(),
  recipientEmail: z.string().nullable(),
  dataTypes: z.array(healthDataTypeSchema),
  dateStart: localDateSchema,
  dateEnd: localDateSchema,
  expiresAt: z.string(),
  createdAt: z.string(),
  accessCount: z.number().int().nonnegative(),
  lastAccessedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ShareLink = z.infer<typeof shareLinkSchema>;

export const shareLinksResponseSchema = z.object({ tokens: z.array(shareLinkSchema) });

export const shareAccessSchema = z.object({
  accessedAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  format: z.enum(['json', 'fhir', 'csv']),
});
export type ShareAccess = z.infer<typeof shareAccessSchema>;
export const shareAccessesResponseSchema = z.object({ accesses: z.array(shareAccessSchema) });

export const sharedDataPointSchema = z.object({
  type: healthDataTypeSchema,
  periodStart: z.string(),
  value: z.number(),
  minValue: z.number().optional(),
  maxValue: z.number().optional(),
  sampleCount: z.number().int().nonnegative(),
  /** The day had not ended when the link was opened: its value is "so far" (SPECIFICATION.md §13). */
  partial: z.literal(true).optional(),
});
export type SharedDataPoint = z.infer<typeof sharedDataPointSchema>;

export const sharedDataSchema = z.object({
  dataTypes: z.array(healthDataTypeSchema),
  dateRange: z.object({ start: localDateSchema, end: localDateSchema }),
  data: z.array(sharedDataPointSchema),
  /** The owner's display name (SPECIFICATION.md §14); absent when they set none. */
  sharedBy: z.string().optional(),
});
export type SharedData = z.infer<typeof sharedDataSchema>;
