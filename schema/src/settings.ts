import { z } from 'zod';
import { healthDataTypeSchema, timeZoneSchema } from './health-types.js';
import { defaultPreferences, preferencesSchema } from './preferences.js';

export const goalsSchema = z.partialRecord(healthDataTypeSchema, z.number().positive().finite());
export type Goals = z.infer<typeof goalsSchema>;

const settingsFields = {
  timeZone: timeZoneSchema,
  goals: goalsSchema,
  sourcePriority: z.array(z.string()).max(200),
  preferences: preferencesSchema,
};

/**
 * Per-user settings. `sourcePriority` is the user's explicit order of device ids, highest first;
 * devices not listed rank after it by their kind's default priority (see `devices.ts`).
 * `preferences` absent (a document older than them) reads as the defaults.
 */
export const settingsSchema = z.object({
  ...settingsFields,
  preferences: preferencesSchema.default(defaultPreferences),
});
export type Settings = z.infer<typeof settingsSchema>;

// Built from the fields without the default: an update that leaves preferences out keeps them.
export const updateSettingsSchema = z.object(settingsFields).partial();
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;

/** Settings as replicated: one document per user, id `settings`. */
export const settingsDocSchema = settingsSchema.extend({
  id: z.literal('settings'),
  updatedAt: z.string(),
  _deleted: z.boolean(),
});
export type SettingsDoc = z.infer<typeof settingsDocSchema>;

/** The fields of the settings document a client owns: the only ones compared when a push may conflict. */
export const SETTINGS_CLIENT_FIELDS = [
  'timeZone',
  'goals',
  'sourcePriority',
  'preferences',
  '_deleted',
] as const satisfies readonly (keyof SettingsDoc)[];
