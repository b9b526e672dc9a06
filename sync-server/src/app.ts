import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from './config.js';
import { fastifyTrustProxy } from './config-trust-proxy.js';
import type { Pool } from './db/pool.js';
import { Keyring } from './crypto/keyring.js';
import { NotifyHub } from './notify.js';
import { installErrorHandling } from './errors.js';
import { warmSummariesAfterRollups } from './query/query.service.js';
import { SummaryCache } from './query/summary-cache.js';
import securityHeadersPlugin from './plugins/security-headers.js';
import generalRateLimitPlugin from './plugins/general-rate-limit.js';
import unknownRoutesPlugin from './plugins/unknown-routes.js';
import crossSiteWritesPlugin from './plugins/cross-site-writes.js';
import {
  OneLinePerRequest,
  requestLogOptions,
  type RequestLogOptions,
} from './plugins/request-log.js';
import jsonBodyPlugin from './plugins/json-body.js';
import authPlugin from './plugins/auth.js';
import docsPlugin from './plugins/docs.js';
import healthPlugin from './plugins/health.js';
import metricsPlugin from './plugins/metrics.js';
import staticClientPlugin from './plugins/static-client.js';
import adminRoutes from './routes/admin/index.js';
import type { AccountEraser } from './accounts/erase-account.js';
import authRoutes from './routes/auth/index.js';
import deviceRoutes from './routes/devices/index.js';
import ingestRoutes from './routes/ingest/index.js';
import healthAutoExportRoutes from './routes/health-auto-export/index.js';
import sampleLimitPlugin from './ingest-limits/plugin.js';
import { DEFAULT_SAMPLE_LIMITS, type SampleLimits } from './ingest-limits/sample-limiter.js';
import userRoutes from './routes/users/index.js';

export interface RateLimits {
  enabled: boolean;
  /** Requests per minute per client address (IPv6 per /64) on every route, before auth. */
  perClientPerMinute: number;
  /** Samples a device and a user may send (ingest-limits/sample-limiter.ts), after auth. */
  ingestSamples: SampleLimits;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enabled: true,
  perClientPerMinute: 1200,
  ingestSamples: DEFAULT_SAMPLE_LIMITS,
};

export interface BuildAppOptions {
  config: AppConfig;
  pool: Pool;
  /** Defaults to one built from `config.masterKey`. */
  keyring?: Keyring;
  /** Defaults to a hub listening through the pool's connection settings; started on ready. */
  notifyHub?: NotifyHub;
  /** `false` silences logging (tests); otherwise pino options merged over Hearth's defaults. */
  logger?: false | RequestLogOptions;
  /** `false` turns every rate limit off (tests); defaults to DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimits | false;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    pool: Pool;
    keyring: Keyring;
    notifyHub: NotifyHub;
    rateLimits: RateLimits;
    /** Features with their own per-user tables push an eraser here (account deletion). */
    accountErasers: AccountEraser[];
    summaryCache: SummaryCache;
  }
}

/**
 * The body limit of every route that does not set its own. Requests before authentication
 * (sign-in, registration, share codes) and the account and settings routes take bodies of a
 * few hundred bytes; the routes that take batches (device ingest, Health Auto Export, replication
 * push) set larger limits of their own, and read their body only once the caller is
 * authenticated. So an anonymous client can make the server buffer and parse at most this much.
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Builds the Fastify app (no listen): plugins, the one error handler, and one route plugin per
 * resource under /api/v1. Callers (server.ts, tests) own the pool, and start/stop the worker.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, pool } = options;
  const keyring = options.keyring ?? keyringFromConfig(config);
  const app = Fastify({
    logger:
      options.logger === false ? false : requestLogOptions(config.logLevel, options.logger ?? {}),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  const hub = options.notifyHub ?? new NotifyHub(pool, { log: app.log });
  const rateLimits =
    options.rateLimits === false
      ? { ...DEFAULT_RATE_LIMITS, enabled: false }
      : (options.rateLimits ?? DEFAULT_RATE_LIMITS);
  app.decorate('config', config);
  app.decorate('pool', pool);
  app.decorate('keyring', keyring);
  app.decorate('notifyHub', hub);
  app.decorate('rateLimits', rateLimits);
  app.decorate('accountErasers', [] as AccountEraser[]);
  const summaryCache = new SummaryCache(hub);
  warmSummariesAfterRollups({ pool, keyring, cache: summaryCache });
  app.decorate('summaryCache', summaryCache);
  app.addHook('onClose', async () => summaryCache.close());
  hub.onUserErased((userId) => keyring.forget(userId));
  if (!options.notifyHub) {
    app.addHook('onReady', () => hub.start());
    app.addHook('onClose', () => hub.stop());
  }

  await app.register(securityHeadersPlugin, {
    helmet: {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          // Only behind https: a self-hosted instance reached over plain http on a LAN address
          // would otherwise have every request upgraded to an https port that does not exist.
          upgradeInsecureRequests: config.secureCookies ? [] : null,
        },
      },
      hsts: config.secureCookies,
    },
  });
  // The onRequest hooks that run before any route's own, in this order: the general rate limit,
  // the 404 of unknown routes, the refusal of cross-site writes; then each route authenticates.
  if (rateLimits.enabled) {
    await app.register(generalRateLimitPlugin, {
      perClientPerMinute: rateLimits.perClientPerMinute,
    });
  }
  await app.register(unknownRoutesPlugin);
  await app.register(crossSiteWritesPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(cookie);
  await app.register(authPlugin, { pool });
  await app.register(sampleLimitPlugin, {
    limits: rateLimits.enabled ? rateLimits.ingestSamples : null,
  });

  // Operations: metrics and docs hook every route, so they come before the routes.
  await app.register(metricsPlugin, { pool });
  await app.register(docsPlugin);
  await app.register(healthPlugin, { pool });

  await app.register(
    async (api) => {
      await api.register(authRoutes, { prefix: '/auth' });
      await api.register(deviceRoutes, { prefix: '/devices' });
      await api.register(ingestRoutes, { prefix: '/devices' });
      await api.register(healthAutoExportRoutes, { prefix: '/devices' });
      await api.register(userRoutes, { prefix: '/users/me' });
      await api.register(adminRoutes, { prefix: '/admin' });
      // Replication and sharing register their plugins here.
      await api.register(import('./replication/index.js'), { prefix: '/replication' });
      await api.register(import('./sharing/index.js'), { prefix: '/sharing' });
    },
    { prefix: '/api/v1' },
  );
  // Last: the PWA and its fallback to index.html for client routes.
  await app.register(staticClientPlugin, {});

  return app;
}

function keyringFromConfig(config: AppConfig): Keyring {
  if (!config.masterKey) {
    throw new Error('HEARTH_MASTER_KEY is required (or pass a keyring to buildApp)');
  }
  return new Keyring(config.masterKey, { previousMasterKeys: config.previousMasterKeys });
}
