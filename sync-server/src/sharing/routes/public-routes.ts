import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sharedDataSchema } from '@hearth/schema';
import { AppError } from '../../errors.js';
import { clientKey } from '../../security/client-key.js';
import { ShareCodeMissLimiter } from '../access/miss-limiter.js';
import { buildCsv } from '../export/csv.js';
import { buildFhirBundle } from '../export/fhir-bundle.js';
import {
  openShare,
  toSharedData,
  type Requester,
  type SharedDataDeps,
} from '../shared-data.service.js';

// Real codes are 43 characters; anything up to this length is looked up (and counted as a miss).
const codeParams = z.object({ accessCode: z.string().min(1).max(256) });

const MAX_USER_AGENT = 512;

function requesterOf(request: FastifyRequest): Requester {
  const agent = request.headers['user-agent'];
  return {
    clientKey: clientKey(request.ip),
    ip: request.ip || null,
    userAgent: agent ? agent.slice(0, MAX_USER_AGENT) : null,
  };
}

function attachment(filename: string): string {
  return `attachment; filename="${filename}"`;
}

/**
 * `/sharing/data/:accessCode[/fhir|/csv]`: no session, the code is the credential. Responses are
 * never cached (a revoked link must stop working at once) nor indexed; helmet's headers apply.
 */
const publicRoutes: FastifyPluginAsyncZod<{ now: () => number }> = async (app, opts) => {
  const limiter = new ShareCodeMissLimiter(app.pool, { now: opts.now });
  const deps: SharedDataDeps = { db: app.pool, keyring: app.keyring, limiter, now: opts.now };

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-robots-tag', 'noindex, nofollow');
    // Every attempt takes a unit of the client's budget now; a live code gives it back.
    const waitMs = await limiter.reserve(clientKey(request.ip));
    if (waitMs > 0) {
      reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
      throw new AppError('rate-limited', 'Too many unknown share links from this address');
    }
  });

  app.get(
    '/:accessCode',
    { schema: { params: codeParams, response: { 200: sharedDataSchema } } },
    async (request) =>
      toSharedData(await openShare(deps, request.params.accessCode, requesterOf(request), 'json')),
  );

  app.get('/:accessCode/fhir', { schema: { params: codeParams } }, async (request, reply) => {
    const { link, days } = await openShare(
      deps,
      request.params.accessCode,
      requesterOf(request),
      'fhir',
    );
    const bundle = buildFhirBundle(days, new Date(opts.now()).toISOString());
    return reply
      .type('application/fhir+json; charset=utf-8')
      .header(
        'content-disposition',
        attachment(`hearth-${link.dateStart}-to-${link.dateEnd}.fhir.json`),
      )
      .send(JSON.stringify(bundle));
  });

  app.get('/:accessCode/csv', { schema: { params: codeParams } }, async (request, reply) => {
    const { link, days } = await openShare(
      deps,
      request.params.accessCode,
      requesterOf(request),
      'csv',
    );
    return reply
      .type('text/csv; charset=utf-8; header=present')
      .header('content-disposition', attachment(`hearth-${link.dateStart}-to-${link.dateEnd}.csv`))
      .send(buildCsv(days));
  });
};

export default publicRoutes;
