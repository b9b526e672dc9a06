import type { FastifyPluginAsync } from 'fastify';
import { deleteUserShareLinks } from './share-links.repository.js';
import ownerRoutes from './routes/owner-routes.js';
import publicRoutes from './routes/public-routes.js';

export interface SharingOptions {
  /** The clock for expiry, access times and the miss windows (tests pass their own). */
  now?: () => number;
}

/**
 * Share links for clinicians, registered under `/api/v1/sharing`: the owner's `/tokens` routes
 * (session) and the public `/data/:accessCode` routes (the code is the credential).
 */
const sharingPlugin: FastifyPluginAsync<SharingOptions> = async (app, opts) => {
  const now = opts.now ?? Date.now;
  app.accountErasers.push((client, userId) => deleteUserShareLinks(client, userId));
  await app.register(ownerRoutes, { prefix: '/tokens', now });
  await app.register(publicRoutes, { prefix: '/data', now });
};

export default sharingPlugin;
