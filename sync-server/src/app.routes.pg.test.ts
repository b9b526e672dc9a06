import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from './app.js';
import { useTestApp } from './test-support/fixture.js';
import { createDevice, registerUser, type TestDevice, type TestUser } from './test-support/http.js';
import { PARAM, routesOf, type RouteTemplate } from './fuzz/routes.js';

// Checks that hold for every route the app has, found in its own router (fuzz/routes.ts), so a
// route added later is covered without anyone listing it here.

let app: FastifyInstance;
let user: TestUser;
let device: TestDevice;

useTestApp((fixture) => ({ app } = fixture));
beforeAll(async () => {
  user = await registerUser(app);
  device = await createDevice(app, user);
});

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SAME_ORIGIN = 'http://localhost:3000';
const FOREIGN_ORIGIN = 'https://evil.example';

/** A concrete URL for a route: the user's own device for `:deviceId`, a made-up id elsewhere. */
function urlOf(route: RouteTemplate): string {
  return route.parts
    .map((part, i) => {
      if (part !== PARAM) return part;
      return route.parts[i - 1] === '/api/v1/devices/' ? device.id : 'abcdefghijklmnopqrstuv';
    })
    .join('');
}

function routes(filter: (route: RouteTemplate) => boolean): RouteTemplate[] {
  const found = routesOf(app).filter(filter);
  // The enumeration must really see the app's routes, or every check below passes vacuously.
  expect(found.length).toBeGreaterThan(5);
  return found;
}

const writes = () => routes((r) => STATE_CHANGING.has(r.method));

describe('every state-changing route', () => {
  it('refuses a cookie-authenticated request from a foreign Origin, bodyless or not', async () => {
    const refused: string[] = [];
    for (const route of writes()) {
      for (const payload of [undefined, {}]) {
        const res = await app.inject({
          method: route.method,
          url: urlOf(route),
          headers: { cookie: user.cookie, origin: FOREIGN_ORIGIN },
          ...(payload ? { payload } : {}),
        });
        if (res.statusCode === 403 && res.json().error.code === 'forbidden') continue;
        refused.push(`${route.method} ${urlOf(route)}: ${res.statusCode}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('refuses one marked Sec-Fetch-Site: cross-site, or with an unreadable Origin', async () => {
    for (const route of writes()) {
      for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { origin: 'null' }]) {
        const res = await app.inject({
          method: route.method,
          url: urlOf(route),
          headers: { cookie: user.cookie, ...headers },
        });
        expect(res.statusCode, `${route.method} ${urlOf(route)}`).toBe(403);
      }
    }
  });

  it('lets same-origin requests through, and device-token requests whatever their Origin', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/devices',
      headers: { cookie: user.cookie, origin: SAME_ORIGIN, 'sec-fetch-site': 'same-origin' },
      payload: { name: 'Phone', kind: 'iphone' },
    });
    expect(created.statusCode).toBe(201);
    const synced = await app.inject({
      method: 'POST',
      url: `/api/v1/devices/${device.id}/sync`,
      headers: { authorization: `Bearer ${device.token}`, origin: FOREIGN_ORIGIN },
      payload: { samples: [] },
    });
    expect(synced.statusCode).not.toBe(403);
  });

  it('reads no body over the default limit before its caller is authenticated', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(DEFAULT_BODY_LIMIT) });
    for (const route of writes()) {
      const res = await app.inject({
        method: route.method,
        url: urlOf(route),
        headers: { 'content-type': 'application/json' },
        payload: big,
      });
      // 413: the route's limit; 401/404: refused from the headers, before reading the body.
      expect([401, 404, 413], `${route.method} ${urlOf(route)}`).toContain(res.statusCode);
    }
  });
});

describe('every API response', () => {
  it('says Cache-Control: no-store, whatever its status', async () => {
    const api = routes((r) => r.parts[0] === '/api/v1/' || String(r.parts[0]).startsWith('/api/'));
    for (const route of api) {
      for (const cookie of [user.cookie, '']) {
        const res = await app.inject({
          method: route.method,
          url: urlOf(route),
          headers: cookie ? { cookie, origin: SAME_ORIGIN } : {},
        });
        expect(res.headers['cache-control'], `${route.method} ${urlOf(route)}`).toBe('no-store');
      }
    }
  });
});

describe('a request to no route', () => {
  it('is a 404 at once, its body never read or parsed', async () => {
    for (const payload of ['{"not json', 'x'.repeat(2 * 1024 * 1024)]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/no-such-route',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not-found');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});
