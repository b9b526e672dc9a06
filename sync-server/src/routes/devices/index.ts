import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDeviceResponseSchema,
  createDeviceSchema,
  devicesResponseSchema,
} from '@hearth/schema';
import { createDevice, deleteDevice, getDevices } from '../../devices/devices.service.js';
import { currentUser } from '../../plugins/auth.js';

const deviceParams = z.object({ id: z.string().min(1).max(100) });

const deviceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.get('/', { schema: { response: { 200: devicesResponseSchema } } }, async (request) => ({
    devices: await getDevices(app.pool, currentUser(request).id),
  }));

  app.post(
    '/',
    { schema: { body: createDeviceSchema, response: { 201: createDeviceResponseSchema } } },
    async (request, reply) => {
      const created = await createDevice(app.pool, currentUser(request).id, request.body);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/:id',
    { schema: { params: deviceParams, response: { 204: z.undefined() } } },
    async (request, reply) => {
      const userId = currentUser(request).id;
      await deleteDevice(app.pool, userId, request.params.id);
      // Here at once; other instances when the revocation's NOTIFY reaches them.
      app.deviceTokenCache.forgetUser(userId);
      return reply.code(204).send();
    },
  );
};

export default deviceRoutes;
