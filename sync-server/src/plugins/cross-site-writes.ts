import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { isCrossSite } from '../security/same-origin.js';

/** The methods that change state; GET and HEAD never do (and OPTIONS gets no CORS here). */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery: the session cookie is `SameSite=Lax`, which still lets a page of a
 * sibling subdomain (same site) send it, and older browsers ignore it. So every state-changing
 * request a browser sends from another origin is refused (403 `forbidden`) before any route or
 * authentication runs, bodyless POSTs included, on every route present and future. Requests with
 * an `Authorization` header (device tokens) are exempt: a page of another origin cannot add that
 * header without a CORS preflight, which Hearth never grants, and device clients send no Origin.
 */
async function crossSiteWritesPlugin(app: FastifyInstance): Promise<void> {
  const { baseUrl } = app.config;
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method) || request.headers.authorization !== undefined) return;
    if (isCrossSite(request, baseUrl)) {
      throw new AppError('forbidden', 'Cross-site request refused');
    }
  });
}

export default fp(crossSiteWritesPlugin, { name: 'hearth-cross-site-writes' });
