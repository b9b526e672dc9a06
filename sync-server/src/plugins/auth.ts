import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { hashToken } from '../crypto/tokens.js';
import { findSessionUser, type SessionUser } from '../accounts/sessions.repository.js';
import { SessionCache } from '../accounts/session-cache.js';
import { DeviceTokenCache } from '../devices/device-token-cache.js';
import { findDeviceByTokenHash } from '../devices/devices.repository.js';
import type { Pool } from '../db/pool.js';

export const SESSION_COOKIE = 'hearth_session';
export const SESSION_TTL_MS = 30 * 24 * 3600_000;

export type AuthUser = SessionUser;

/** Who is sending samples to a device's ingest route. */
export interface IngestCaller {
  userId: string;
  deviceId: string;
  via: 'device-token' | 'session';
}

type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireUser` (and by `requireIngestCaller` when a session is used). */
    user: AuthUser | null;
    ingestCaller: IngestCaller | null;
  }
  interface FastifyInstance {
    /** onRequest hook: a live session cookie, else 401 `unauthenticated`. */
    requireUser: PreHandler;
    /** onRequest hook for `/devices/:deviceId/...`: the device's bearer token or its owner's session. */
    requireIngestCaller: PreHandler;
    /** Resolves the session cookie if present (null otherwise), without failing. */
    sessionUser(request: FastifyRequest): Promise<AuthUser | null>;
    /** Recently resolved sessions (see accounts/session-cache.ts). */
    sessionCache: SessionCache;
    /** Recently resolved device tokens (see devices/device-token-cache.ts). */
    deviceTokenCache: DeviceTokenCache;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

async function authPlugin(app: FastifyInstance, opts: { pool: Pool }): Promise<void> {
  const { pool } = opts;
  app.decorateRequest('user', null);
  app.decorateRequest('ingestCaller', null);

  const cache = new SessionCache(app.notifyHub);
  app.decorate('sessionCache', cache);
  app.addHook('onClose', async () => cache.close());

  const devices = new DeviceTokenCache(app.notifyHub);
  app.decorate('deviceTokenCache', devices);
  app.addHook('onClose', async () => devices.close());

  async function sessionUser(request: FastifyRequest): Promise<AuthUser | null> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return null;
    const hash = hashToken(token);
    return cache.resolve(hash, () => findSessionUser(pool, hash));
  }
  app.decorate('sessionUser', sessionUser);

  app.decorate('requireUser', async (request: FastifyRequest) => {
    const user = await sessionUser(request);
    if (!user) throw new AppError('unauthenticated', 'Sign in first');
    request.user = user;
  });

  app.decorate('requireIngestCaller', async (request: FastifyRequest) => {
    const { deviceId } = request.params as { deviceId?: string };
    if (!deviceId) throw new AppError('not-found', 'No such device');
    const token = bearerToken(request);
    if (token) {
      const hash = hashToken(token);
      const device = await devices.resolve(hash, () => findDeviceByTokenHash(pool, hash));
      if (!device) throw new AppError('unauthenticated', 'Unknown or revoked device token');
      // A valid token for another device must not reveal whether :deviceId exists.
      if (device.deviceId !== deviceId) throw new AppError('not-found', 'No such device');
      request.ingestCaller = { ...device, via: 'device-token' };
      return;
    }
    const user = await sessionUser(request);
    if (!user) throw new AppError('unauthenticated', 'Send a device token or sign in');
    request.user = user;
    // Ownership of :deviceId is checked by the ingest service in its transaction.
    request.ingestCaller = { userId: user.id, deviceId, via: 'session' };
  });
}

export default fp(authPlugin, { name: 'hearth-auth', dependencies: ['@fastify/cookie'] });

/** The signed-in user of a route guarded by `requireUser`. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AppError('unauthenticated', 'Sign in first');
  return request.user;
}
