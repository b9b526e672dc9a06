import { z } from 'zod';
import { registerSchema } from './auth.js';

/** `PUT /users/me/password`: the current password again, and a new one as registering asks. */
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: registerSchema.shape.password,
});
export type ChangePassword = z.infer<typeof changePasswordSchema>;

/**
 * The person's profile: a display name shown to whoever opens their share links (a doctor must
 * know whose figures they read). Empty means none.
 */
export const DISPLAY_NAME_MAX_LENGTH = 80;
export const profileSchema = z.object({
  displayName: z
    .string()
    .max(DISPLAY_NAME_MAX_LENGTH)
    .transform((s) => s.trim())
    .refine(
      (s) => [...s].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f),
      'No control characters',
    ),
});
export type Profile = z.infer<typeof profileSchema>;
/** The profile as `GET|PUT /users/me/profile` answer it: checked, not transformed again. */
export const profileResponseSchema = z.object({ displayName: z.string() });

/** `GET /users/me/export?format=`: everything, as a FHIR R4 Bundle or as CSV. */
export const accountExportQuerySchema = z.object({ format: z.enum(['fhir', 'csv']) });
export type AccountExportFormat = z.infer<typeof accountExportQuerySchema>['format'];
