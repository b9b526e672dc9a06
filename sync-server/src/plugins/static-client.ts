import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.js';

/** `client/dist` of this checkout: the same three levels up from `src/plugins/` and `dist/plugins/`. */
export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../../client/dist/', import.meta.url));

/** Paths the server answers itself: never the app shell, even for a browser navigation. */
const SERVER_PATHS = /^\/(api|health|metrics|docs)(\/|$|\?)/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export interface StaticClientOptions {
  /** The built PWA; defaults to `client/dist` next to this package. */
  root?: string;
}

/**
 * Vite names everything under `assets/` by content hash, so those never change and are cached
 * for a year. Everything else (index.html, the service worker and its workbox runtime, the
 * manifest, icons) must be revalidated on every load, or an update would never reach users.
 */
function cacheControlFor(filePath: string): string {
  return filePath.includes(`${sep}assets${sep}`) ? IMMUTABLE : REVALIDATE;
}

/** The share viewer is a page of its own, without the app (client/vite.viewer.config.ts). */
const VIEWER_PATHS = /^\/shared\//;

/** The HTML page a browser navigation gets, or null when the path is not a page. */
function pageFor(request: FastifyRequest): string | null {
  const accept = request.headers.accept ?? '';
  if (!accept.includes('text/html') || SERVER_PATHS.test(request.url)) return null;
  return VIEWER_PATHS.test(request.url) ? 'viewer.html' : 'index.html';
}

/**
 * Serves the built PWA and falls back to index.html for client routes (`/trends/steps`), or to
 * the viewer's page for `/shared/:accessCode`: GET requests that accept HTML and are not server
 * paths. Anything else
 * unknown stays the JSON 404. Without a built client, serves nothing and says so in the log.
 */
async function staticClientPlugin(app: FastifyInstance, opts: StaticClientOptions): Promise<void> {
  const root = opts.root ?? DEFAULT_CLIENT_DIR;
  if (!existsSync(join(root, 'index.html'))) {
    app.log.info({ root }, 'no built client found: the PWA is not served (npm run build)');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    // Routes for the files that exist at start-up; the catch-all below handles the rest.
    wildcard: false,
    // The build writes .br and .gz next to each file (client/scripts/precompress.mjs): the
    // variant the browser accepts is sent as is, never compressed per request.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, filePath: string) => {
      reply.header('cache-control', cacheControlFor(filePath));
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const page = pageFor(request);
    if (!page) throw new AppError('not-found', `No route for ${request.method} here`);
    return reply.sendFile(page);
  });
  app.log.info({ root }, 'serving the PWA');
}

export default fp(staticClientPlugin, { name: 'hearth-static-client' });
