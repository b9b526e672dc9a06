import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import {
  registerUser,
  sessionCookieOf,
  uniqueEmail,
  type TestUser,
} from '../../test-support/http.js';
import { DEFAULT_RATE_LIMITS } from '../../app.js';

let db: TestDatabase;
let app: FastifyInstance;
let ann: TestUser;

useTestApp((fixture) => ({ db, app } = fixture), { database: { poolMax: 4 } });
beforeAll(async () => {
  ann = await registerUser(app);
});

let nextIp = 1;
/** Each test gets its own client address, so the per-client limit never links tests. */
const freshIp = () => `198.51.100.${nextIp++}`;

function login(email: string, password: string, ip = freshIp()) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: ip,
    payload: { email, password },
  });
}

function register(email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password } });
}

/** What an observer of one answer sees: status, body (ids aside) and headers (dates aside). */
function observable(res: LightMyRequestResponse) {
  const { date: _d, 'content-length': _l, 'set-cookie': cookie, ...headers } = res.headers;
  const body = res.json<Record<string, unknown>>();
  const cookieShape = String(cookie ?? '')
    .replace(/=[^;]+/, '=…')
    .replace(/Expires=[^;]+/, '');
  const shaped: Record<string, unknown> = { ...body, id: typeof body['id'] };
  return { status: res.statusCode, headers, body: shaped, cookieShape };
}

describe('per-account sign-in throttling', () => {
  it('lets five wrong passwords through, then asks to wait, even with the right one', async () => {
    const user = await registerUser(app);
    for (let i = 0; i < 6; i++) {
      const res = await login(user.email, `wrong guess number ${i}`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
    }
    const blocked = await login(user.email, user.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate-limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect((await login(ann.email, ann.password)).statusCode).toBe(200);
  });

  it('answers an unknown address exactly as a known one, attempt after attempt', async () => {
    const user = await registerUser(app);
    const nobody = uniqueEmail('nobody');
    for (let i = 0; i < 8; i++) {
      const known = await login(user.email, `wrong guess ${i}`);
      const unknown = await login(nobody, `wrong guess ${i}`);
      expect(observable(unknown), `attempt ${i}`).toEqual(observable(known));
    }
  });

  it('evaluates at most six guesses of a concurrent burst of 40 on one account', async () => {
    const user = await registerUser(app);
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(user.email, `burst guess ${i}`)),
    );
    const statuses = burst.map((res) => res.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(34);
  });

  it('starts the count again after a right password', async () => {
    const user = await registerUser(app);
    for (let i = 0; i < 5; i++) expect((await login(user.email, `typo ${i}`)).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(user.email, `typo ${i}`)).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(200);
  });
});

describe('per-client limit on the credential routes', () => {
  it('counts every address of an IPv6 /64 as one client', async () => {
    const limited = await buildTestApp(db.pool, { rateLimits: DEFAULT_RATE_LIMITS });
    try {
      const attempt = (i: number, prefix: string) =>
        limited.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: `${prefix}::${(i + 1).toString(16)}`,
          payload: { email: uniqueEmail('walker'), password: 'not the password' },
        });
      for (let i = 0; i < 30; i++) {
        expect((await attempt(i, '2001:db8:5:6:7')).statusCode, `attempt ${i}`).toBe(401);
      }
      expect((await attempt(99, '2001:db8:5:6:8')).statusCode).toBe(429);
      expect((await attempt(0, '2001:db8:5:7:7')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('password policy', () => {
  it.each(['12345678', 'password', '        '])('refuses %j with a reason', async (password) => {
    const res = await register(uniqueEmail(), password);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('weak-password');
    expect(res.json().error.message).toMatch(/^Choose a stronger password\. .+/);
  });

  it('refuses the address itself as its password', async () => {
    const email = uniqueEmail();
    const res = await register(email, email);
    expect(res.json().error).toMatchObject({ code: 'weak-password' });
    expect(res.json().error.message).toContain('your email address');
  });
});

describe('registration does not tell which addresses have an account', () => {
  it('answers a taken address like a free one, and changes nothing of the account', async () => {
    const free = await register(uniqueEmail('free'), 'another long password');
    const taken = await register(ann.email, 'another long password');
    const shape = (res: LightMyRequestResponse) => {
      const o = observable(res);
      const createdAt = Date.parse(String(o.body['createdAt']));
      const recent = Math.abs(Date.now() - createdAt) < 60_000;
      return { ...o, body: { ...o.body, email: typeof o.body['email'], createdAt: recent } };
    };
    expect(shape(taken)).toEqual(shape(free));
    expect(taken.json().email).toBe(ann.email);
    expect(taken.json().id).not.toBe(ann.me.id);
    // The decoy cookie opens nothing, and the account keeps its password.
    const me = await app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: sessionCookieOf(taken) },
    });
    expect(me.statusCode).toBe(401);
    expect((await login(ann.email, 'another long password')).statusCode).toBe(401);
    expect((await login(ann.email, ann.password)).statusCode).toBe(200);
  });

  it('signs the owner in when they register again with their own password', async () => {
    const user = await registerUser(app);
    const again = await register(user.email, user.password);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(user.me);
    const me = await app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: sessionCookieOf(again) },
    });
    expect(me.json()).toEqual(user.me);
  });

  it('is no way around the per-account throttle', async () => {
    const user = await registerUser(app);
    for (let i = 0; i < 6; i++) await login(user.email, `wrong guess ${i}`);
    // Blocked: even the right password, sent to the register route, gets only the decoy.
    const res = await register(user.email, user.password);
    expect(res.statusCode).toBe(201);
    const me = await app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: sessionCookieOf(res) },
    });
    expect(me.statusCode).toBe(401);
  });

  it('makes nobody an administrator', async () => {
    const res = await register(uniqueEmail('root'), 'correct horse battery');
    expect(res.json().isAdmin).toBe(false);
  });
});
