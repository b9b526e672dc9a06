import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginSchema, meSchema, registerSchema } from '@hearth/schema';
import {
  login,
  logout,
  register,
  type AccountDeps,
  type SignedIn,
} from '../../accounts/accounts.service.js';
import { AppError } from '../../errors.js';
import { currentUser, SESSION_COOKIE, SESSION_TTL_MS } from '../../plugins/auth.js';
import { hashToken } from '../../crypto/tokens.js';
import { clientKey } from '../../security/client-key.js';
import { LoginThrottle } from '../../security/login-throttle.js';

/**
 * Credential guessing is slow by Argon2, throttled per account (security/login-throttle.ts) and
 * limited per client on top: an IPv6 client for its whole /64, which it could otherwise walk.
 */
const CREDENTIAL_RATE_LIMIT = {
  max: 30,
  timeWindow: '1 minute',
  keyGenerator: (request: FastifyRequest) => `credentials:${clientKey(request.ip)}`,
};

/** A throttled sign-in says when to come back, like the rate limiter's 429s. */
function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    const details = err instanceof AppError ? err.details : undefined;
    if (details && typeof details === 'object' && 'retryAfterSeconds' in details) {
      reply.header('retry-after', String(details.retryAfterSeconds));
    }
    throw err;
  });
}

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: AccountDeps = {
    pool: app.pool,
    keyring: app.keyring,
    throttle: new LoginThrottle(app.pool),
    sessionTtlMs: SESSION_TTL_MS,
  };

  function setSessionCookie(reply: FastifyReply, signedIn: SignedIn) {
    reply.setCookie(SESSION_COOKIE, signedIn.sessionToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.secureCookies,
      path: '/',
      expires: signedIn.expiresAt,
    });
  }

  app.post(
    '/register',
    {
      schema: { body: registerSchema, response: { 201: meSchema } },
      config: { rateLimit: CREDENTIAL_RATE_LIMIT },
    },
    async (request, reply) => {
      const signedIn = await register(deps, request.body);
      setSessionCookie(reply, signedIn);
      return reply.code(201).send(signedIn.me);
    },
  );

  app.post(
    '/login',
    {
      schema: { body: loginSchema, response: { 200: meSchema } },
      config: { rateLimit: CREDENTIAL_RATE_LIMIT },
    },
    async (request, reply) => {
      const signedIn = await withRetryAfter(reply, () => login(deps, request.body));
      setSessionCookie(reply, signedIn);
      return signedIn.me;
    },
  );

  app.post('/logout', { schema: { response: { 204: z.undefined() } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    await logout(app.pool, token);
    // This instance forgets at once; the others when the NOTIFY reaches them.
    if (token) app.sessionCache.delete(hashToken(token).toString('hex'));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/me',
    { onRequest: app.requireUser, schema: { response: { 200: meSchema } } },
    async (request) => {
      const user = currentUser(request);
      return {
        id: user.id,
        email: user.email,
        timeZone: user.timeZone,
        isAdmin: user.isAdmin,
        createdAt: user.createdAt,
      };
    },
  );
};

export default authRoutes;
