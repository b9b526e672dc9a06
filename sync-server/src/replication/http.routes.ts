import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  pullQuerySchema,
  pullResponseSchema,
  pushBodySchema,
  pushResponseSchema,
  REPLICATED_COLLECTIONS,
  REPLICATED_DOC_SCHEMAS,
  type PushRow,
  type ReplicatedCollection,
  type ReplicatedDoc,
} from '@hearth/schema';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { currentUser } from '../plugins/auth.js';
import { pullChanges } from './pull.service.js';
import { pushChanges } from './push.service.js';

/**
 * A push carries up to MAX_PUSH_ROWS documents, each twice (assumed and new state); a series
 * of one-second samples is ~3,600 points. Larger than the app's 1 MB default, same order as the
 * device ingest limit.
 */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

function collectionRoutes<C extends ReplicatedCollection>(
  app: FastifyInstance,
  collection: C,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const doc = REPLICATED_DOC_SCHEMAS[collection];
  const deps = { pool: app.pool, keyring: app.keyring };

  api.get(
    `/${collection}/pull`,
    { schema: { querystring: pullQuerySchema, response: { 200: pullResponseSchema(doc) } } },
    async (request) => pullChanges(deps, currentUser(request).id, collection, request.query),
  );

  api.post(
    `/${collection}/push`,
    {
      bodyLimit: PUSH_BODY_LIMIT,
      schema: { body: pushBodySchema(doc), response: { 200: pushResponseSchema(doc) } },
    },
    async (request) => {
      // Validated by this collection's document schema; the generic schema types it loosely.
      const rows = request.body.rows as PushRow<ReplicatedDoc<C>>[];
      return pushChanges(deps, currentUser(request).id, collection, rows);
    },
  );
}

/** `GET /replication/:collection/pull` and `POST /replication/:collection/push`, per collection. */
const replicationHttpRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireUser);
  for (const collection of REPLICATED_COLLECTIONS) collectionRoutes(app, collection);
};

export default replicationHttpRoutes;
