import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  adminStatsSchema,
  errorResponseSchema,
  requeueDeadLettersBodySchema,
  requeueDeadLettersResponseSchema,
  type AdminStats,
  type RequeueDeadLettersResponse,
} from '@hearth/schema';
import { AppError } from '../../errors.js';
import { currentUser } from '../../plugins/auth.js';
import { rollupQueueStats } from '../../rollups/rollup-queue.repository.js';
import { inboxStats } from '../../ingest/inbox.repository.js';
import { countStoredData } from './admin-stats.repository.js';
import { deadLetterStats, requeueDeadLetters } from '../../worker/dead-letters.repository.js';

/**
 * `/admin`: operators only. Who is an admin is read from HEARTH_ADMIN_EMAILS on every request
 * (not from the flag stored at registration), so removing an address revokes access at the next
 * restart.
 */
const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const admins = app.config.adminEmails;
  const requireAdmin = async (request: FastifyRequest) => {
    const user = currentUser(request);
    if (!admins.has(user.email.toLowerCase())) {
      throw new AppError('forbidden', 'Only administrators can see this');
    }
  };
  app.addHook('onRequest', app.requireUser);
  app.addHook('onRequest', requireAdmin);

  app.get(
    '/stats',
    {
      schema: {
        description:
          'Instance-wide counts, ingest rate, and inbox and rollup queue health (admins only)',
        tags: ['admin'],
        response: { 200: adminStatsSchema, 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (): Promise<AdminStats> => {
      const [counts, queue, inbox, dead] = await Promise.all([
        countStoredData(app.pool),
        rollupQueueStats(app.pool),
        inboxStats(app.pool),
        deadLetterStats(app.pool),
      ]);
      return {
        ...counts,
        // This instance's rate: each API instance counts the samples it stored itself.
        ingestRatePerSecond: app.metrics.ingestRate.perSecond(),
        queueDepth: queue.depth,
        rollupLagSeconds: queue.oldestAgeSeconds,
        inboxBatches: inbox.batches,
        inboxSamples: inbox.samples,
        inboxLagSeconds: inbox.oldestAgeSeconds,
        deadLetters: { ...dead, oldestAt: dead.oldestAt?.toISOString() ?? null },
      };
    },
  );

  app.post(
    '/dead-letters/requeue',
    {
      schema: {
        description:
          'Puts the batches and days the workers set aside (all, or one user’s) back in line, ' +
          'their tries counted from zero (admins only)',
        tags: ['admin'],
        body: requeueDeadLettersBodySchema.optional(),
        response: {
          200: requeueDeadLettersResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request): Promise<RequeueDeadLettersResponse> =>
      requeueDeadLetters(app.pool, request.body?.userId ?? null),
  );
};

export default adminRoutes;
