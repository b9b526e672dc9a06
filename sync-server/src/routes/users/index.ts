import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import accountRoutes from './account.js';
import exportRoutes from './export.js';
import healthRoutes from './health.js';
import passwordRoutes from './password.js';
import profileRoutes from './profile.js';
import settingsRoutes from './settings.js';

/** Everything under `/users/me`: always the signed-in user, never an id from the request. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireUser);
  await app.register(accountRoutes);
  await app.register(settingsRoutes);
  await app.register(healthRoutes);
  await app.register(exportRoutes);
  await app.register(passwordRoutes);
  await app.register(profileRoutes);
};

export default userRoutes;
