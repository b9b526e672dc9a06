import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  aggregatesQuerySchema,
  aggregatesResponseSchema,
  dailySummarySchema,
  healthInsightSchema,
  insightsResponseSchema,
  summaryQuerySchema,
} from '@hearth/schema';
import {
  getAggregatesJson,
  getDailySummaryJson,
  type QueryDeps,
} from '../../query/query.service.js';
import { acknowledge, getInsights } from '../../insights/insights.service.js';
import { currentUser } from '../../plugins/auth.js';

// Ids are printable ASCII (`i_` + base64url, or an older readable id): anything else, a NUL byte
// above all (PostgreSQL refuses it in text), is a 400 before any query.
const insightParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/),
});

/** Summary, aggregates and insights of the signed-in user (registered behind `requireUser`). */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: QueryDeps = { pool: app.pool, keyring: app.keyring, cache: app.summaryCache };

  app.get(
    '/summary',
    { schema: { querystring: summaryQuerySchema, response: { 200: dailySummarySchema } } },
    // The cached JSON text, sent as it is: Fastify does not serialise a string whose content
    // type is JSON (the type provider expects the object, hence `never`).
    async (request, reply) => {
      const json = await getDailySummaryJson(deps, currentUser(request), request.query.date);
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  app.get(
    '/aggregates',
    { schema: { querystring: aggregatesQuerySchema, response: { 200: aggregatesResponseSchema } } },
    // Cached JSON text like the summary: a chart asks for the same range until new rollups.
    async (request, reply) => {
      const json = await getAggregatesJson(deps, currentUser(request).id, request.query);
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  app.get(
    '/insights',
    { schema: { response: { 200: insightsResponseSchema } } },
    async (request) => ({
      insights: await getInsights(app.pool, app.keyring, currentUser(request).id),
    }),
  );

  app.post(
    '/insights/:id/acknowledge',
    { schema: { params: insightParams, response: { 200: healthInsightSchema } } },
    async (request) =>
      acknowledge(app.pool, app.keyring, currentUser(request).id, request.params.id),
  );
};

export default healthRoutes;
