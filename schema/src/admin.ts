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
});
export type AdminStats = z.infer<typeof adminStatsSchema>;
