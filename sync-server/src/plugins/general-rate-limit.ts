import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '../errors.js';
import { clientKey } from '../security/client-key.js';

export interface GeneralRateLimitOptions {
  /** Requests per minute per client address (an IPv6 client per /64), on every route. */
  perClientPerMinute: number;
}

/**
 * The general limit, as the app's first `onRequest` hook: it counts every request, to a route or
 * not, before the cookie, token or Argon2 work of authentication and before any body is read, so
 * an unauthenticated flood costs a map lookup per request. It is keyed by address because
 * nothing else is known yet. Routes opt out with `config: { rateLimit: false }` (health checks,
 * metrics scrapes) and may add a stricter limit of their own with `config: { rateLimit: {...} }`
 * (sign-in), which the plugin registered with `global: false` still applies per route.
 *
 * `createRateLimit` rather than an `app.rateLimit()` hook: the plugin marks a request it has
 * limited once and skips its later limiters, so a root `app.rateLimit()` hook would silently
 * switch the routes' own stricter limits off.
 */
async function generalRateLimitPlugin(
  app: FastifyInstance,
  opts: GeneralRateLimitOptions,
): Promise<void> {
  await app.register(rateLimit, { global: false });
  const check = app.createRateLimit({
    max: opts.perClientPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => `general:${clientKey(request.ip)}`,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.rateLimit === false) return;
    const limit = await check(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', String(limit.ttlInSeconds));
    reply.header('x-ratelimit-limit', String(limit.max));
    reply.header('x-ratelimit-remaining', '0');
    throw new AppError('rate-limited', `Too many requests; retry in ${limit.ttlInSeconds} s`);
  });
}

export default fp(generalRateLimitPlugin, { name: 'hearth-general-rate-limit' });
