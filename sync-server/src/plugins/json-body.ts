import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorCodes } from 'fastify';
import fp from 'fastify-plugin';
import { parseJsonBuffer } from '../json/parse-json-buffer.js';

/** Replaces Fastify's `application/json` parser (same errors, same checks) for every route. */
async function jsonBodyPlugin(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (_request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
      if (body.length === 0) {
        done(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), undefined);
        return;
      }
      let parsed: unknown;
      try {
        parsed = parseJsonBuffer(body);
      } catch {
        done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), undefined);
        return;
      }
      done(null, parsed);
    },
  );
}

export default fp(jsonBodyPlugin, { name: 'hearth-json-body' });
