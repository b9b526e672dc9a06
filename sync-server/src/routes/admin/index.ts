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
import { isLiveAdmin } from '../../accounts/users.repository.js';
import { deadLetterStats, requeueDeadLetters } from '../../worker/dead-letters.repository.js';

/**
 * `/admin`: operators only. An administrator is an account whose `is_admin` flag was set with
 * `npm run admin -- grant <email>` (admin-cli/); the flag is read on every request, so a revoke
 * holds at once. Registering an address never grants it: HEARTH_ADMIN_EMAILS, which did, is
 * ignored (with a warning), since whoever registered a listed address first became an admin.
 */
const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  if (app.config.adminEmails.size > 0) {
    app.log.warn(
      'HEARTH_ADMIN_EMAILS is ignored: designate administrators with `npm run admin -- grant <email>`',
    );
  }
  const requireAdmin = async (request: FastifyRequest) => {
    const user = currentUser(request);
    if (!(await isLiveAdmin(app.pool, user.id))) {
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
