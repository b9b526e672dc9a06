import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, testConfig, type TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { registerUser, sessionCookieOf, uniqueEmail } from '../../test-support/http.js';

let db: TestDatabase;
let app: FastifyInstance;

useTestApp((fixture) => ({ db, app } = fixture));

describe('auth routes', () => {
  it('registers with a session cookie, a manual-entry device and default settings', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email: uniqueEmail('Ann').toUpperCase(),
        password: 'long enough',
        timeZone: 'Europe/Berlin',
      },
    });
    expect(res.statusCode).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'hearth_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const me = res.json();
    expect(me.email).toMatch(/^ann-/);
    expect(me.timeZone).toBe('Europe/Berlin');

    const rows = await db.pool.query(
      `SELECT (SELECT count(*) FROM devices WHERE user_id = $1 AND kind = 'manual_entry') AS devices,
              (SELECT time_zone FROM settings WHERE user_id = $1) AS zone,
              (SELECT change_seq FROM users WHERE id = $1) AS seq`,
      [me.id],
    );
    expect(rows.rows[0]).toEqual({ devices: 1, zone: 'Europe/Berlin', seq: 2 });
  });

  it('answers /me for the session and 401 without one', async () => {
    const user = await registerUser(app);
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: user.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(user.me);
    const anon = await app.inject({ url: '/api/v1/auth/me' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('unauthenticated');
    const forged = await app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: 'hearth_session=not-a-real-token' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('logs in with the right password only, and logs out', async () => {
    const user = await registerUser(app);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'wrong password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid-credentials');
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: uniqueEmail(), password: 'whatever it is' },
    });
    expect(unknown.json().error.code).toBe('invalid-credentials');

    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = sessionCookieOf(ok);
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('signs a session out on every instance, even one that has it cached', async () => {
    const other = await buildTestApp(db.pool);
    try {
      const user = await registerUser(app);
      const me = () => other.inject({ url: '/api/v1/auth/me', headers: { cookie: user.cookie } });
      expect((await me()).statusCode).toBe(200);
      expect((await me()).statusCode).toBe(200);
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie: user.cookie },
      });
      const started = Date.now();
      while ((await me()).statusCode !== 401) {
        // Bounded well below the 30 s cache lifetime: only the NOTIFY can sign it out this soon.
        expect(Date.now() - started).toBeLessThan(10_000);
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      await other.close();
    }
  });

  it('refuses malformed bodies with stable codes', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'not-an-email', password: 'short' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid-request');
    expect(bad.json().error.details.issues.length).toBeGreaterThanOrEqual(2);

    const notJson = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('invalid-request');
    expect(notJson.body).not.toMatch(/at .*\.js/);
  });

  it('answers unknown routes with a JSON 404 and sets security headers', async () => {
    const res = await app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not-found');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // Served over plain http (a LAN install): nothing may force browsers onto https.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('asks browsers for https only when the public origin is https', async () => {
    const secure = await buildTestApp(db.pool, {
      config: testConfig({ BASE_URL: 'https://hearth.example.org' }),
    });
    try {
      const res = await secure.inject({ url: '/api/v1/nope' });
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});
