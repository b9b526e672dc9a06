import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deviceSyncRequestSchema, deviceSyncResponseSchema } from '@hearth/schema';
import { ingestSamples, type IngestDeps } from '../../ingest/ingest.service.js';
import { AppError } from '../../errors.js';

export const INGEST_BODY_LIMIT = 5 * 1024 * 1024;

const params = z.object({ deviceId: z.string().min(1).max(100) });
const headers = z.looseObject({
  'x-idempotency-key': z.string().min(1).max(200).optional(),
});

/** `POST /devices/:deviceId/sync`: a device's bearer token or its owner's session. */
const ingestRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: IngestDeps = { pool: app.pool, keyring: app.keyring };
  const limits = app.rateLimits;

  app.post(
    '/:deviceId/sync',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      // Authenticate before reading (up to 5 MB of) body.
      onRequest: app.requireIngestCaller,
      schema: {
        params,
        headers,
        body: deviceSyncRequestSchema,
        response: { 200: deviceSyncResponseSchema },
      },
      config: {
        rateLimit: {
          max: limits.ingestPerDevicePerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) =>
            `device:${(request.params as { deviceId?: string }).deviceId ?? ''}`,
        },
      },
    },
    async (request) => {
      const caller = request.ingestCaller;
      if (!caller) throw new AppError('unauthenticated', 'Send a device token or sign in');
      return ingestSamples(deps, {
        userId: caller.userId,
        deviceId: caller.deviceId,
        samples: request.body.samples,
        idempotencyKey: request.headers['x-idempotency-key'],
      });
    },
  );
};

export default ingestRoutes;
