import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { profileResponseSchema, profileSchema } from '@hearth/schema';
import { readDisplayName, writeDisplayName } from '../../accounts/display-name.js';
import { currentUser } from '../../plugins/auth.js';

/** `GET|PUT /users/me/profile`: the display name share links show (SPECIFICATION.md §14). */
const profileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/profile', { schema: { response: { 200: profileResponseSchema } } }, async (request) => {
    const userId = currentUser(request).id;
    const dataKey = await app.keyring.getUserKey(app.pool, userId);
    return { displayName: await readDisplayName(app.pool, userId, dataKey) };
  });

  app.put(
    '/profile',
    { schema: { body: profileSchema, response: { 200: profileResponseSchema } } },
    async (request) => {
      const userId = currentUser(request).id;
      const dataKey = await app.keyring.getUserKey(app.pool, userId);
      await writeDisplayName(app.pool, userId, dataKey, request.body.displayName);
      return { displayName: request.body.displayName };
    },
  );
};

export default profileRoutes;
