import { z } from 'zod';
import { healthDataTypeSchema, timeZoneSchema } from './health-types.js';

export const goalsSchema = z.partialRecord(healthDataTypeSchema, z.number().positive().finite());
export type Goals = z.infer<typeof goalsSchema>;

/**
 * Per-user settings. `sourcePriority` is the user's explicit order of device ids, highest first;
 * devices not listed rank after it by their kind's default priority (see `devices.ts`).
 */
export const settingsSchema = z.object({
  timeZone: timeZoneSchema,
  goals: goalsSchema,
  sourcePriority: z.array(z.string()).max(200),
});
export type Settings = z.infer<typeof settingsSchema>;

export const updateSettingsSchema = settingsSchema.partial();
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;

/** Settings as replicated: one document per user, id `settings`. */
export const settingsDocSchema = settingsSchema.extend({
  id: z.literal('settings'),
  updatedAt: z.string(),
  _deleted: z.boolean(),
});
export type SettingsDoc = z.infer<typeof settingsDocSchema>;
