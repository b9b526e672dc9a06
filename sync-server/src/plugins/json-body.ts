import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { readJsonBody } from '../json/read-json-body.js';

/**
 * The routes whose bodies are read from their bytes (json/parse-json-buffer.ts): device ingest
 * only, the one route whose bodies are large and frequent (a 1,000-sample batch is 150–180 KB,
 * where decoding it whole into one string cost as much as storing it). Its caller is
 * authenticated before the body is read (routes/ingest/). Every other route, and every request
 * not yet authenticated, gets Fastify's own parser (JSON.parse and secure-json-parse).
 */
const BYTE_READER_ROUTES = /\/devices\/:deviceId\/sync$/;

/** Replaces Fastify's `application/json` parser: the same results and errors, depth-bounded. */
async function jsonBodyPlugin(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
      const route = request.routeOptions.url ?? '';
      let parsed: unknown;
      try {
        parsed = readJsonBody(body, BYTE_READER_ROUTES.test(route) ? 'bytes' : 'text');
      } catch (err) {
        done(err as Error, undefined);
        return;
      }
      done(null, parsed);
    },
  );
}

export default fp(jsonBodyPlugin, { name: 'hearth-json-body' });
