import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createShareLinkResponseSchema,
  createShareLinkSchema,
  shareAccessesResponseSchema,
  shareLinksResponseSchema,
} from '@hearth/schema';
import { currentUser } from '../../plugins/auth.js';
import {
  createShareLink,
  getAccessLog,
  getShareLinks,
  revokeLink,
  type ShareLinkDeps,
} from '../share-links.service.js';

const linkParams = z.object({ id: z.string().min(1).max(100) });

/** `/sharing/tokens`: the signed-in owner creates, lists and revokes links and reads their log. */
const ownerRoutes: FastifyPluginAsyncZod<{ now: () => number }> = async (app, opts) => {
  app.addHook('onRequest', app.requireUser);
  const deps: ShareLinkDeps = {
    db: app.pool,
    keyring: app.keyring,
    baseUrl: app.config.baseUrl,
    now: opts.now,
  };

  app.post(
    '/',
    { schema: { body: createShareLinkSchema, response: { 201: createShareLinkResponseSchema } } },
    async (request, reply) => {
      const created = await createShareLink(deps, currentUser(request).id, request.body);
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get('/', { schema: { response: { 200: shareLinksResponseSchema } } }, async (request) => ({
    tokens: await getShareLinks(deps, currentUser(request).id),
  }));

  app.get(
    '/:id/accesses',
    { schema: { params: linkParams, response: { 200: shareAccessesResponseSchema } } },
    async (request) => ({
      accesses: await getAccessLog(deps, currentUser(request).id, request.params.id),
    }),
  );

  app.delete(
    '/:id',
    { schema: { params: linkParams, response: { 204: z.undefined() } } },
    async (request, reply) => {
      await revokeLink(deps, currentUser(request).id, request.params.id);
      return reply.code(204).send();
    },
  );
};

export default ownerRoutes;
