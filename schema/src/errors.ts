import { z } from 'zod';

/** The closed set of error codes the API answers with; mapped to HTTP status in one place. */
export const ERROR_CODES = {
  'invalid-request': 400,
  /** A password the policy refuses (sync-server/src/accounts/password-policy.ts). */
  'weak-password': 400,
  unauthenticated: 401,
  'invalid-credentials': 401,
  forbidden: 403,
  'not-found': 404,
  'share-link-not-found': 404,
  'payload-too-large': 413,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
