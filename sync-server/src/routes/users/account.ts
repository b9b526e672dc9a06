import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteAccountSchema } from '@hearth/schema';
import { eraseAccount } from '../../accounts/erase-account.js';
import { currentUser, SESSION_COOKIE } from '../../plugins/auth.js';

/** `DELETE /users/me`: erase the account (password required). */
const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/',
    { schema: { body: deleteAccountSchema, response: { 204: z.undefined() } } },
    async (request, reply) => {
      const deps = { pool: app.pool, keyring: app.keyring, erasers: app.accountErasers };
      const userId = currentUser(request).id;
      await eraseAccount(deps, userId, request.body.password);
      // Here at once; other instances when the erasure's NOTIFY reaches them.
      app.sessionCache.forgetUser(userId);
      app.deviceTokenCache.forgetUser(userId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );
};

export default accountRoutes;
