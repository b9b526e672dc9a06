import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordSchema } from '@hearth/schema';
import { changePassword } from '../../accounts/change-password.js';
import { currentUser, SESSION_COOKIE } from '../../plugins/auth.js';
import { LoginThrottle } from '../../security/login-throttle.js';

/** `PUT /users/me/password`: a new password; every other session of the account ends. */
const passwordRoutes: FastifyPluginAsyncZod = async (app) => {
  const throttle = new LoginThrottle(app.pool);
  app.put(
    '/password',
    { schema: { body: changePasswordSchema, response: { 204: z.undefined() } } },
    async (request, reply) => {
      const userId = currentUser(request).id;
      // requireUser has checked the cookie: this session is the one that stays signed in.
      const token = request.cookies[SESSION_COOKIE] ?? '';
      await changePassword({ pool: app.pool, throttle }, userId, token, request.body);
      // Here at once; other instances when the revocations' NOTIFYs reach them.
      app.sessionCache.forgetUser(userId);
      return reply.code(204).send();
    },
  );
};

export default passwordRoutes;
