import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mapHealthAutoExport } from '@hearth/core/import';
import type { IngestDeps } from '../../ingest/ingest.service.js';
import { deviceIsLive } from '../../devices/devices.repository.js';
import { AppError } from '../../errors.js';
import { chargeSamples, refundSamples } from '../../ingest-limits/plugin.js';
import { ingestHealthAutoExport } from './hae.service.js';
import { haeBodySchema, haeQuerySchema, haeResponseSchema } from './schema.js';

/**
 * HAE posts a whole period at once (a day of minute-level metrics and second-level heart rate is
 * ~30k points, ~3 MB; "previous 7 days" several times that). 16 MB and 100k points take a week
 * of minute data in one post; the automation's "batch requests" setting splits larger periods.
 */
export const HAE_BODY_LIMIT = 16 * 1024 * 1024;
export const MAX_HAE_POINTS = 100_000;

const params = z.object({ deviceId: z.string().min(1).max(100) });
const headers = z.looseObject({
  'x-idempotency-key': z.string().min(1).max(200).optional(),
});

/**
 * `POST /devices/:deviceId/health-auto-export?aggregation=minutes`: the REST body of the Health
 * Auto Export iOS app, with the device's bearer token (an `Authorization` header set in the
 * automation) or its owner's session. Limited as `/sync` is: per IP, then by the points posted,
 * charged to the caller's own user and device once the device is known to be theirs.
 */
const healthAutoExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: IngestDeps = { pool: app.pool, keyring: app.keyring };

  app.post(
    '/:deviceId/health-auto-export',
    {
      bodyLimit: HAE_BODY_LIMIT,
      // Authenticate before reading (up to 16 MB of) body.
      onRequest: app.requireIngestCaller,
      schema: {
        params,
        headers,
        querystring: haeQuerySchema,
        body: haeBodySchema,
        response: { 200: haeResponseSchema },
      },
    },
    async (request, reply) => {
      const caller = request.ingestCaller;
      if (!caller) throw new AppError('unauthenticated', 'Send a device token or sign in');
      // A session names the device in the URL: it must be the caller's before anything is spent
      // or created (per-source devices) in the caller's name.
      if (
        caller.via === 'session' &&
        !(await deviceIsLive(app.pool, caller.userId, caller.deviceId))
      ) {
        throw new AppError('not-found', 'No such device');
      }
      const mapping = mapHealthAutoExport(request.body, {
        aggregation: request.query.aggregation,
      });
      if (mapping.points > MAX_HAE_POINTS) {
        throw new AppError(
          'payload-too-large',
          `At most ${MAX_HAE_POINTS} points a request; turn on the automation's batch requests`,
        );
      }
      const cost = chargeSamples(app, reply, caller, mapping.points);
      try {
        return await ingestHealthAutoExport(deps, {
          userId: caller.userId,
          deviceId: caller.deviceId,
          mapping,
          idempotencyKey: request.headers['x-idempotency-key'],
        });
      } catch (err) {
        if (err instanceof AppError && err.code === 'not-found') refundSamples(app, caller, cost);
        throw err;
      }
    },
  );
};

export default healthAutoExportRoutes;
