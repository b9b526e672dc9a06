import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The response headers `helmet(options)` sets, computed once. With no per-request nonces they
 * are the same for every response; building them per request (as @fastify/helmet does, options
 * parsing and CSP string included) was 3–8 % of a cached summary request's CPU.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    failure = err ?? null;
  });
  // Rethrows what an upload or helmet failed with, whatever it is.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (failure) throw failure;
  return headers;
}

/**
 * Adds the security headers to every response, before any handler can add or change its own,
 * with `Cache-Control: no-store`: health data, account and sharing answers must stay out of
 * browser and proxy caches. Responses that may be cached say so themselves (the PWA's files).
 */
async function securityHeadersPlugin(
  app: FastifyInstance,
  opts: { helmet: HelmetOptions },
): Promise<void> {
  const headers = { ...securityHeaders(opts.helmet), 'cache-control': 'no-store' };
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

export default fp(securityHeadersPlugin, { name: 'hearth-security-headers' });
