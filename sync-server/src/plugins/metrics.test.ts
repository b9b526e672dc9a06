import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../db/pool.js';
import healthPlugin from './health.js';
import metricsPlugin, { IngestRateWindow } from './metrics.js';

describe('IngestRateWindow', () => {
  it('averages the samples of the last 60 seconds and forgets older ones', () => {
    let now = Date.parse('2026-03-10T12:00:00.000Z');
    const window = new IngestRateWindow(() => now);
    window.add(600);
    now += 30_000;
    window.add(1200);
    expect(window.perSecond()).toBe(30);
    now += 31_000; // the first batch is now 61 s old
    expect(window.perSecond()).toBe(20);
    now += 60_000; // a slot is reused a minute later: its old count must not leak in
    window.add(60);
    expect(window.perSecond()).toBe(1);
  });
});

/** A pool pointed at a port nobody listens on: the database is down. */
let deadPool: Pool;
let app: FastifyInstance;

beforeAll(async () => {
  deadPool = createPool('postgres://hearth@127.0.0.1:1/hearth', { max: 1 });
  app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(metricsPlugin, { pool: deadPool });
  await app.register(healthPlugin, { pool: deadPool });
  app.post('/api/v1/devices/:deviceId/sync', async () => ({ synced: 7, errors: 0 }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await deadPool.end();
});

describe('health and metrics with the database down', () => {
  it('answers /health with 503', async () => {
    const res = await app.inject({ url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', database: 'down' });
  });

  it('still serves /metrics, saying the database is down', async () => {
    await app.inject({ method: 'POST', url: '/api/v1/devices/dev-1/sync', payload: {} });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('hearth_database_up 0');
    expect(res.body).toContain('hearth_samples_ingested_total 7');
    expect(app.metrics.ingestRate.perSecond()).toBeCloseTo(7 / 60);
    // Labelled by route pattern: the device id never becomes a label value.
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/devices\/:deviceId\/sync",status_code="200"\} 1/,
    );
    expect(res.body).not.toContain('dev-1');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });
});
