import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * OpenAPI generated from the same zod schemas the routes validate with (so the document cannot
 * drift from the code): `GET /docs` is Swagger UI, `GET /docs/json` the document itself.
 *
 * Register BEFORE the routes: @fastify/swagger collects them as they are added.
 *
 * CSP: Swagger UI loads only files from /docs/static (no inline script), so the app's
 * `script-src 'self'` holds. It does write one inline style, so its pages (and only they) also
 * allow inline styles. The validator badge (a third-party image) is turned off. No `servers`
 * entry: "Try it out" then targets the origin the page was loaded from.
 */
async function docsPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hearth API',
        description:
          'Self-hostable, offline-first health data pipeline. Sessions are an httpOnly cookie ' +
          '(`hearth_session`); devices send samples with `Authorization: Bearer <device token>`.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hearth_session' },
          deviceToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true },
    validatorUrl: false,
    transformStaticCSP: (header) =>
      header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });
}

export default fp(docsPlugin, { name: 'hearth-docs' });
