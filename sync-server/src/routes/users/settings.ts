import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { settingsSchema, updateSettingsSchema } from '@hearth/schema';
import { getSettings, updateSettings } from '../../settings/settings.service.js';
import { currentUser } from '../../plugins/auth.js';

/** `GET|PUT /users/me/settings` (the caller registers it behind `requireUser`). */
const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/settings', { schema: { response: { 200: settingsSchema } } }, async (request) =>
    getSettings(app.pool, app.keyring, currentUser(request).id),
  );

  app.put(
    '/settings',
    { schema: { body: updateSettingsSchema, response: { 200: settingsSchema } } },
    async (request) => updateSettings(app.pool, app.keyring, currentUser(request).id, request.body),
  );
};

export default settingsRoutes;
