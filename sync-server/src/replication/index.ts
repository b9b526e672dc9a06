import type { FastifyPluginAsync } from 'fastify';
import replicationHttpRoutes from './http.routes.js';
import streamRoute, { type StreamOptions } from './stream/stream.route.js';

export { replicationStreamsOf } from './stream/stream.route.js';
export type { StreamRegistry } from './stream/stream-registry.js';

/**
 * The replication endpoint (sync-server/SPEC.md), registered under `/api/v1/replication`:
 * pull and push per collection, and the live stream.
 */
const replicationPlugin: FastifyPluginAsync<StreamOptions> = async (app, options) => {
  await app.register(replicationHttpRoutes);
  const { heartbeatMs, maxChangeBatch, maxBufferedBytes } = options;
  // Only the stream's own options: the rest (the prefix) already applies to this plugin.
  await app.register(streamRoute, {
    ...(heartbeatMs !== undefined ? { heartbeatMs } : {}),
    ...(maxChangeBatch !== undefined ? { maxChangeBatch } : {}),
    ...(maxBufferedBytes !== undefined ? { maxBufferedBytes } : {}),
  });
};

export default replicationPlugin;
