import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors.js';
import { hashToken } from '../../crypto/tokens.js';
import { currentUser, SESSION_COOKIE } from '../../plugins/auth.js';
import { isCrossSite } from '../../security/same-origin.js';
import { StreamRegistry, type StreamRegistryOptions } from './stream-registry.js';

export type StreamOptions = Pick<
  StreamRegistryOptions,
  'heartbeatMs' | 'maxChangeBatch' | 'maxBufferedBytes'
>;

/**
 * The registry of each app's sockets, keyed by its HTTP server (shared by every encapsulation
 * context of one app), so tests and other routes (logout) can reach it from the root instance.
 */
const registries = new WeakMap<object, StreamRegistry>();

export function replicationStreamsOf(app: FastifyInstance): StreamRegistry | undefined {
  return registries.get(app.server);
}

/** `GET /replication/stream` (WebSocket): session checked on upgrade (401 otherwise). */
const streamRoute: FastifyPluginAsync<StreamOptions> = async (app, options) => {
  // Clients only listen; anything they send is ignored, so frames stay tiny.
  await app.register(websocket, { options: { maxPayload: 4096 } });
  const registry = new StreamRegistry({
    pool: app.pool,
    keyring: app.keyring,
    hub: app.notifyHub,
    log: app.log,
    ...options,
  });
  registries.set(app.server, registry);
  app.addHook('preClose', async () => registry.close());
  app.addHook('onClose', async () => {
    registries.delete(app.server);
  });

  app.get(
    '/stream',
    {
      websocket: true,
      onRequest: async (request, reply) => {
        // A page on another site must not open the stream with the user's cookie.
        if (isCrossSite(request, app.config.baseUrl)) {
          throw new AppError('forbidden', 'Cross-origin stream refused');
        }
        await app.requireUser(request, reply);
      },
    },
    (socket, request) => {
      const user = currentUser(request);
      const token = request.cookies[SESSION_COOKIE] ?? '';
      registry.attach(socket, user.id, hashToken(token));
    },
  );
};

export default streamRoute;
