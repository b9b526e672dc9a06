import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sharedDataSchema, type CreateShareLinkResponse, type Profile } from '@hearth/schema';
import { useTestApp } from '../../test-support/fixture.js';
import type { TestDatabase } from '../../test-support/test-db.js';
import { registerUser, type TestUser } from '../../test-support/http.js';

let db: TestDatabase;
let app: FastifyInstance;

useTestApp((fixture) => ({ db, app } = fixture));

const ORIGIN = 'http://localhost:3000';

const getProfile = (user: TestUser) =>
  app.inject({ method: 'GET', url: '/api/v1/users/me/profile', headers: { cookie: user.cookie } });

const putProfile = (user: TestUser, displayName: unknown) =>
  app.inject({
    method: 'PUT',
    url: '/api/v1/users/me/profile',
    headers: { cookie: user.cookie, origin: ORIGIN },
    payload: { displayName },
  });

async function viewerData(user: TestUser) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/sharing/tokens',
    headers: { cookie: user.cookie, origin: ORIGIN },
    payload: {
      dataTypes: ['STEPS'],
      dateStart: '2026-03-01',
      dateEnd: '2026-03-07',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { accessCode } = created.json<CreateShareLinkResponse>();
  const res = await app.inject({ method: 'GET', url: `/api/v1/sharing/data/${accessCode}` });
  expect(res.statusCode).toBe(200);
  return { body: sharedDataSchema.parse(res.json()), accessCode };
}

describe('GET|PUT /users/me/profile', () => {
  it('starts with no display name and keeps the one set, trimmed', async () => {
    const user = await registerUser(app);
    expect((await getProfile(user)).json<Profile>()).toEqual({ displayName: '' });
    const put = await putProfile(user, '  Ada Lovelace ');
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<Profile>()).toEqual({ displayName: 'Ada Lovelace' });
    expect((await getProfile(user)).json<Profile>()).toEqual({ displayName: 'Ada Lovelace' });
  });

  it('stores the name sealed, never as text', async () => {
    const user = await registerUser(app);
    await putProfile(user, 'Grace Hopper');
    const row = await db.pool.query<{ display_name_sealed: Buffer }>(
      'SELECT display_name_sealed FROM users WHERE id = $1',
      [user.me.id],
    );
    const sealed = row.rows[0]!.display_name_sealed;
    expect(sealed.length).toBeGreaterThan(0);
    expect(sealed.includes(Buffer.from('Grace'))).toBe(false);
  });

  it('clears the name when it is set to nothing', async () => {
    const user = await registerUser(app);
    await putProfile(user, 'Someone');
    expect((await putProfile(user, '   ')).statusCode).toBe(200);
    expect((await getProfile(user)).json<Profile>()).toEqual({ displayName: '' });
    const row = await db.pool.query('SELECT display_name_sealed FROM users WHERE id = $1', [
      user.me.id,
    ]);
    expect(row.rows[0]).toEqual({ display_name_sealed: null });
  });

  it('refuses a name too long or with control characters, keeping the old one', async () => {
    const user = await registerUser(app);
    await putProfile(user, 'Kept');
    expect((await putProfile(user, 'x'.repeat(81))).statusCode).toBe(400);
    expect((await putProfile(user, 'Line\nbreak')).statusCode).toBe(400);
    expect((await putProfile(user, 42)).statusCode).toBe(400);
    expect((await getProfile(user)).json<Profile>()).toEqual({ displayName: 'Kept' });
  });

  it('is each person’s own, and a 401 without a session', async () => {
    const [a, b] = [await registerUser(app), await registerUser(app)];
    await putProfile(a, 'Person A');
    expect((await getProfile(b)).json<Profile>()).toEqual({ displayName: '' });
    const res = await app.inject({ method: 'GET', url: '/api/v1/users/me/profile' });
    expect(res.statusCode).toBe(401);
  });
});

describe('the share viewer’s data', () => {
  it('says whose data it is once a name is set, and nothing before', async () => {
    const user = await registerUser(app);
    expect((await viewerData(user)).body).not.toHaveProperty('sharedBy');
    await putProfile(user, 'Ada Lovelace');
    const { body, accessCode } = await viewerData(user);
    expect(body.sharedBy).toBe('Ada Lovelace');
    // The exports' Patient carries nothing but its id (SPECIFICATION.md §14).
    const fhir = await app.inject({
      method: 'GET',
      url: `/api/v1/sharing/data/${accessCode}/fhir`,
    });
    expect(fhir.statusCode).toBe(200);
    expect(fhir.body.includes('Lovelace')).toBe(false);
  });
});
