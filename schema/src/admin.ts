import { z } from 'zod';

export const adminStatsSchema = z.object({
  users: z.number().int().nonnegative(),
  devices: z.number().int().nonnegative(),
  series: z.number().int().nonnegative(),
  samples: z.number().int().nonnegative(),
  /** Samples accepted per second over the last minute. */
  ingestRatePerSecond: z.number().nonnegative(),
  queueDepth: z.number().int().nonnegative(),
  /** Age in seconds of the oldest unprocessed rollup work item (0 when the queue is empty). */
  rollupLagSeconds: z.number().nonnegative(),
  /** Device batches acknowledged and not yet folded into series, and their samples. */
  inboxBatches: z.number().int().nonnegative(),
  inboxSamples: z.number().int().nonnegative(),
  /** Age in seconds of the oldest of them (0 when none waits). */
  inboxLagSeconds: z.number().nonnegative(),
  /**
   * Work the workers tried several times and set aside (kept, not deleted, until an operator
   * requeues it): device batches not folded, dirty days not rolled up, and when the oldest of
   * them was set aside (null when there is none). Not counted in the queue or inbox above.
   */
  deadLetters: z.object({
    inboxBatches: z.number().int().nonnegative(),
    rollupDays: z.number().int().nonnegative(),
    oldestAt: z.iso.datetime().nullable(),
  }),
});
export type AdminStats = z.infer<typeof adminStatsSchema>;

/** `POST /admin/dead-letters/requeue`: every dead letter, or one user's, back in line. */
export const requeueDeadLettersBodySchema = z.object({ userId: z.uuid().optional() });
export const requeueDeadLettersResponseSchema = z.object({
  inboxBatches: z.number().int().nonnegative(),
  rollupDays: z.number().int().nonnegative(),
});
export type RequeueDeadLettersResponse = z.infer<typeof requeueDeadLettersResponseSchema>;
