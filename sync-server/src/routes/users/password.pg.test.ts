import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { useTestApp } from '../../test-support/fixture.js';
import { registerUser, sessionCookieOf, type TestUser } from '../../test-support/http.js';

let app: FastifyInstance;

useTestApp((fixture) => ({ app } = fixture));

const NEW_PASSWORD = 'lantern meadow copper violin';

function login(email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
}

function change(user: TestUser, cookie: string, currentPassword: string, newPassword: string) {
  return app.inject({
    method: 'PUT',
    url: '/api/v1/users/me/password',
    headers: { cookie, origin: 'http://localhost:3000' },
    payload: { currentPassword, newPassword },
  });
}

const me = (cookie: string) =>
  app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });

describe('PUT /users/me/password', () => {
  it('needs the current password, then signs every other session out and keeps this one', async () => {
    const user = await registerUser(app);
    const other = sessionCookieOf(await login(user.email, user.password));
    expect((await me(other)).statusCode).toBe(200);

    const wrong = await change(user, user.cookie, 'not my password', NEW_PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(200);

    expect((await change(user, user.cookie, user.password, NEW_PASSWORD)).statusCode).toBe(204);
    expect((await me(user.cookie)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a new password the registration would refuse', async () => {
    const user = await registerUser(app);
    const short = await change(user, user.cookie, user.password, 'short');
    expect(short.statusCode).toBe(400);
    const common = await change(user, user.cookie, user.password, 'password123');
    expect(common.statusCode).toBe(400);
    expect(common.json<{ error: { code: string } }>().error.code).toBe('weak-password');
    expect((await login(user.email, user.password)).statusCode).toBe(200);
  });

  it('is a 401 without a session', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/password',
      payload: { currentPassword: 'x', newPassword: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
  });
});
