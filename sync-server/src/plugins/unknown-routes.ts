import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

/**
 * A request no route matches is answered 404 from its headers alone: Fastify would otherwise
 * read and parse its body (up to the body limit) before calling the not-found handler, work an
 * unauthenticated client could ask for at no cost to itself. An `onRequest` hook runs before the
 * body is read; the connection's unread body is discarded by Node.
 */
async function unknownRoutesPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request) => {
    if (request.is404) throw new AppError('not-found', `No route for ${request.method} here`);
  });
}

export default fp(unknownRoutesPlugin, { name: 'hearth-unknown-routes' });
