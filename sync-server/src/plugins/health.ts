import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Pool } from '../db/pool.js';

/** A ping slower than this counts as down: a load balancer must not wait on a stuck pool. */
const PING_TIMEOUT_MS = 2000;

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['up', 'down']),
});

async function pingDatabase(pool: Pool): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    const ping = pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /health`: 200 when the database answers a ping, else 503 (never an error body detail). */
async function healthPlugin(app: FastifyInstance, opts: { pool: Pool }): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        description: 'Liveness and database reachability',
        tags: ['operations'],
        response: { 200: healthSchema, 503: healthSchema },
      },
      config: { rateLimit: false },
    },
    async (_request, reply) => {
      if (await pingDatabase(opts.pool)) return { status: 'ok', database: 'up' } as const;
      return reply.code(503).send({ status: 'unavailable', database: 'down' });
    },
  );
}

export default fp(healthPlugin, { name: 'hearth-health' });
