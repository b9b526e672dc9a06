import { z } from 'zod';
import { timeZoneSchema } from './health-types.js';

export const emailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

export const registerSchema = z.object({
  email: emailSchema,
  password: z.string().min(8, 'Password must have at least 8 characters').max(256),
  timeZone: timeZoneSchema.optional(),
});
export type Register = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(256),
});
export type Login = z.infer<typeof loginSchema>;

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  timeZone: z.string(),
  isAdmin: z.boolean(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof meSchema>;

/** `DELETE /users/me`: erasing an account asks for the password again. */
export const deleteAccountSchema = z.object({ password: z.string().min(1).max(256) });
export type DeleteAccount = z.infer<typeof deleteAccountSchema>;
