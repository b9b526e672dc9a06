import type { FastifyInstance, InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../app.js';
import { useTestApp } from '../test-support/fixture.js';

const LIMIT = 5;
let app: FastifyInstance;

useTestApp((fixture) => ({ app } = fixture), {
  app: { rateLimits: { ...DEFAULT_RATE_LIMITS, perClientPerMinute: LIMIT } },
});

/** `count` requests from one address; their status codes in order. */
async function statuses(count: number, request: InjectOptions) {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) codes.push((await app.inject(request)).statusCode);
  return codes;
}

describe('the general rate limit', () => {
  it('counts requests with a forged session before any session lookup', async () => {
    const codes = await statuses(LIMIT + 2, {
      url: '/api/v1/users/me/settings',
      headers: { cookie: 'hearth_session=forged' },
      remoteAddress: '198.51.100.1',
    });
    expect(codes).toEqual([...Array<number>(LIMIT).fill(401), 429, 429]);
  });

  it('counts requests to no route, and answers 429 with Retry-After', async () => {
    const codes = await statuses(LIMIT, {
      method: 'POST',
      url: '/no-such-route',
      payload: {},
      remoteAddress: '198.51.100.2',
    });
    expect(codes).toEqual(Array<number>(LIMIT).fill(404));
    const limited = await app.inject({ url: '/no-such-route', remoteAddress: '198.51.100.2' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('charges an IPv6 client for its /64, and other clients not at all', async () => {
    const addresses = Array.from({ length: LIMIT + 1 }, (_, i) => `2001:db8:7:1::${i + 1}`);
    const codes: number[] = [];
    for (const remoteAddress of addresses) {
      codes.push((await app.inject({ url: '/api/v1/auth/me', remoteAddress })).statusCode);
    }
    expect(codes.at(-1)).toBe(429);
    const other = await app.inject({ url: '/api/v1/auth/me', remoteAddress: '2001:db8:7:2::1' });
    expect(other.statusCode).toBe(401);
  });

  it('leaves out the routes that opt out (health checks)', async () => {
    const codes = await statuses(LIMIT + 2, { url: '/health', remoteAddress: '198.51.100.3' });
    expect(codes.every((code) => code !== 429)).toBe(true);
  });
});
