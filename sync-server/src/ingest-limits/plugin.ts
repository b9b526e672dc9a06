import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import { SampleLimiter, type SampleLimits } from './sample-limiter.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The ingest sample limiter of this instance; null when rate limits are off. */
    sampleLimiter: SampleLimiter | null;
  }
}

/** Who is charged: the authenticated caller's user and the device it proved it may write to. */
export interface ChargedCaller {
  userId: string;
  deviceId: string;
}

/**
 * Charges `samples` to the caller's buckets, or answers 429 `rate-limited` with `Retry-After`
 * (whole seconds until both buckets hold enough). Returns the amount taken, for a refund.
 * Call it only once the device is known to be the caller's: that is what keeps one user from
 * spending another's budget.
 */
export function chargeSamples(
  app: FastifyInstance,
  reply: FastifyReply,
  caller: ChargedCaller,
  samples: number,
): number {
  const limiter = app.sampleLimiter;
  if (!limiter) return 0;
  const result = limiter.charge(caller.userId, caller.deviceId, samples);
  if (result.ok) return result.cost;
  void reply.header('retry-after', String(result.retryAfterSeconds));
  throw new AppError(
    'rate-limited',
    `This device sent more samples than its limit allows; retry in ${result.retryAfterSeconds} s`,
  );
}

/** Gives back a charge for a request that stored nothing. */
export function refundSamples(app: FastifyInstance, caller: ChargedCaller, cost: number): void {
  if (cost > 0) app.sampleLimiter?.refund(caller.userId, caller.deviceId, cost);
}

async function sampleLimitPlugin(
  app: FastifyInstance,
  opts: { limits: SampleLimits | null },
): Promise<void> {
  app.decorate('sampleLimiter', opts.limits ? new SampleLimiter(opts.limits) : null);
}

export default fp(sampleLimitPlugin, { name: 'hearth-sample-limits' });
