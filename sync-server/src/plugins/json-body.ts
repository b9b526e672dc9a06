import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { readJsonBody } from '../json/read-json-body.js';

/**
 * Replaces Fastify's `application/json` parser with the same results and errors, depth-bounded
 * (json/nesting.ts). Every route reads its body the same way. Device ingest used to read its
 * 150–180 KB batches from their bytes, never decoding one body-sized string, because V8's
 * large-object strings cost 0.6–1 ms each on the machine it was measured on; on the machines of
 * 2026-12-04 decoding 176 KB takes 0.14 ms, and that byte reader took 730 µs a watch batch against
 * 458 µs for this one (BENCHMARKS.md, "Reading the JSON body from its bytes"), so it was removed.
 */
async function jsonBodyPlugin(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (_request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
      let parsed: unknown;
      try {
        parsed = readJsonBody(body);
      } catch (err) {
        done(err as Error, undefined);
        return;
      }
      done(null, parsed);
    },
  );
}

export default fp(jsonBodyPlugin, { name: 'hearth-json-body' });
