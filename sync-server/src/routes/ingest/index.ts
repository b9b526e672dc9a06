import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deviceSyncResponseSchema, documentedDeviceSyncRequestSchema } from '@hearth/schema';
import { ingestSamples, type IngestDeps } from '../../ingest/ingest.service.js';
import { AppError } from '../../errors.js';
import { chargeSamples, refundSamples } from '../../ingest-limits/plugin.js';

export const INGEST_BODY_LIMIT = 5 * 1024 * 1024;

const params = z.object({ deviceId: z.string().min(1).max(100) });
const headers = z.looseObject({
  'x-idempotency-key': z.string().min(1).max(200).optional(),
});

/**
 * `POST /devices/:deviceId/sync`: a device's bearer token or its owner's session. Rate limited
 * twice: per IP on every request (the app-wide limit, which also covers callers that fail to
 * authenticate), then by samples once the caller is known (ingest-limits/), charged to the
 * caller's own user and device, so naming another user's device never spends that user's budget.
 */
const ingestRoutes: FastifyPluginAsyncZod = async (app) => {
  // Validates as `deviceSyncRequestSchema` (the array only); documents every sample's fields.
  const body = documentedDeviceSyncRequestSchema();
  const deps: IngestDeps = { pool: app.pool, keyring: app.keyring };

  app.post(
    '/:deviceId/sync',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      // Authenticate before reading (up to 5 MB of) body.
      onRequest: app.requireIngestCaller,
      schema: {
        params,
        headers,
        body,
        response: { 200: deviceSyncResponseSchema },
      },
    },
    async (request, reply) => {
      const caller = request.ingestCaller;
      if (!caller) throw new AppError('unauthenticated', 'Send a device token or sign in');
      const { samples } = request.body;
      const cost = chargeSamples(app, reply, caller, samples.length);
      try {
        return await ingestSamples(deps, {
          userId: caller.userId,
          deviceId: caller.deviceId,
          samples,
          idempotencyKey: request.headers['x-idempotency-key'],
        });
      } catch (err) {
        // A session naming a device it does not own is refused here, in the write's transaction.
        if (err instanceof AppError && err.code === 'not-found') refundSamples(app, caller, cost);
        throw err;
      }
    },
  );
};

export default ingestRoutes;
