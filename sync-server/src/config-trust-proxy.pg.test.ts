import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ShareAccess } from '@hearth/schema';
import { testConfig, type TestDatabase } from './test-support/test-db.js';
import { useTestApp } from './test-support/fixture.js';
import { registerUser } from './test-support/http.js';
import { fastifyTrustProxy, type TrustProxy } from './config-trust-proxy.js';

let app: FastifyInstance;

useTestApp((fixture: { db: TestDatabase; app: FastifyInstance }) => ({ app } = fixture), {
  app: { config: testConfig({ HEARTH_TRUST_PROXY: '10.0.0.0/8' }) },
});

const PROXY = '10.1.2.3';

describe('HEARTH_TRUST_PROXY', () => {
  it('logs the address the trusted proxy saw in the share access log, not a forged one', async () => {
    const owner = await registerUser(app);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/sharing/tokens',
      remoteAddress: '192.0.2.200',
      headers: { cookie: owner.cookie },
      payload: {
        dataTypes: ['STEPS'],
        dateStart: '2026-01-01',
        dateEnd: '2026-01-02',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { accessCode, id } = created.json<{ accessCode: string; id: string }>();
    const opened = await app.inject({
      url: `/api/v1/sharing/data/${accessCode}`,
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '192.0.2.1, 198.51.100.44, 10.9.9.9' },
    });
    expect(opened.statusCode).toBe(200);
    const log = await app.inject({
      url: `/api/v1/sharing/tokens/${id}/accesses`,
      remoteAddress: '192.0.2.201',
      headers: { cookie: owner.cookie },
    });
    const accesses = log.json<{ accesses: ShareAccess[] }>().accesses;
    // 10.9.9.9 is a trusted hop too; 198.51.100.44 is the first address no proxy vouches for.
    expect(accesses.map((a) => a.ip)).toEqual(['198.51.100.44']);
  });
});

describe('fastifyTrustProxy', () => {
  it('turns a hop count into the function Fastify builds from one', () => {
    const trust = fastifyTrustProxy(2 satisfies TrustProxy);
    expect(typeof trust).toBe('function');
    if (typeof trust !== 'function') return;
    expect([0, 1, 2].map((hop) => trust('192.0.2.1', hop))).toEqual([true, true, false]);
    expect(fastifyTrustProxy(['10.0.0.0/8'])).toEqual(['10.0.0.0/8']);
    expect(fastifyTrustProxy(false)).toBe(false);
  });
});
