import type { FastifyRequest } from 'fastify';

/**
 * Whether a browser says this request comes from a page of another site: an `Origin` that is not
 * this server's (the Host it was reached by, or the configured public URL; `null` and unreadable
 * origins included), or `Sec-Fetch-Site: cross-site`. A request without either header is not a
 * browser's cross-site request (native clients, curl): it passes.
 */
export function isCrossSite(request: FastifyRequest, baseUrl: string): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  // `request.host` honours X-Forwarded-Host behind a trusted proxy (the app sets trustProxy).
  return host === '' || (host !== request.host && host !== new URL(baseUrl).host);
}
