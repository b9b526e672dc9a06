import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CreateShareLinkResponse, ShareLink } from '@hearth/schema';
import type { TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { registerUser, type TestUser } from '../../test-support/http.js';

let db: TestDatabase;
let app: FastifyInstance;
let owner: TestUser;
let stranger: TestUser;

useTestApp((fixture) => ({ db, app } = fixture), { database: { poolMax: 4 } });
beforeAll(async () => {
  owner = await registerUser(app);
  stranger = await registerUser(app);
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function createLink(user: TestUser, body: Record<string, unknown> = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/sharing/tokens',
    headers: { cookie: user.cookie },
    payload: {
      recipientEmail: 'dr.lee@clinic.example',
      dataTypes: ['STEPS', 'HEART_RATE'],
      dateStart: '2026-02-01',
      dateEnd: '2026-02-28',
      expiresAt: inDays(30),
      ...body,
    },
  });
}

async function created(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await createLink(user, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CreateShareLinkResponse>();
}

async function listLinks(user: TestUser): Promise<ShareLink[]> {
  const res = await app.inject({
    method: 'GET',
    url: '/api/v1/sharing/tokens',
    headers: { cookie: user.cookie },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ tokens: ShareLink[] }>().tokens;
}

describe('POST /sharing/tokens', () => {
  it('returns a ≥128-bit base64url code once, and a share URL on the configured origin', async () => {
    const link = await created(owner);
    expect(link.accessCode).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(Buffer.from(link.accessCode, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(link.shareUrl).toBe(`http://localhost:3000/shared/${link.accessCode}`);
    expect(link.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts any future expiry, 7/30/90 days or a date years away', async () => {
    for (const expiresAt of [inDays(7), inDays(90), '2031-06-30T12:00:00+02:00']) {
      const link = await created(owner, { expiresAt });
      expect(Date.parse(link.expiresAt)).toBe(Date.parse(expiresAt));
    }
  });

  it('refuses an expiry in the past, reversed dates, no types and unknown types', async () => {
    const cases = [
      { expiresAt: new Date(Date.now() - 1000).toISOString() },
      { dateStart: '2026-03-01', dateEnd: '2026-02-01' },
      { dataTypes: [] },
      { dataTypes: ['STEPS', 'MOOD'] },
      { dateStart: '2000-01-01', dateEnd: '2026-01-01' },
    ];
    for (const body of cases) {
      const res = await createLink(owner, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('invalid-request');
    }
  });

  it('needs a session', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sharing/tokens',
      payload: {
        dataTypes: ['STEPS'],
        dateStart: '2026-01-01',
        dateEnd: '2026-01-02',
        expiresAt: inDays(1),
      },
    });
    expect(res.statusCode).toBe(401);
  });

  it('stores only the SHA-256 of the code: no table holds it in plain text', async () => {
    const link = await created(owner);
    const stored = await db.pool.query<{ code_hash: Buffer }>(
      'SELECT code_hash FROM share_links WHERE id = $1',
      [link.id],
    );
    const expectedHash = createHash('sha256').update(link.accessCode).digest();
    expect(stored.rows[0]?.code_hash.equals(expectedHash)).toBe(true);

    const tables = await db.pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const needles = [link.accessCode, Buffer.from(link.accessCode).toString('hex')];
    for (const { table_name } of tables.rows) {
      const rows = await db.pool.query<{ row: string }>(
        `SELECT t::text AS row FROM ${table_name} t`,
      );
      for (const { row } of rows.rows) {
        for (const needle of needles) expect(row, table_name).not.toContain(needle);
      }
    }
  });
});

describe('GET /sharing/tokens', () => {
  it('lists the owner’s links, newest first, with counts, last access and revocation', async () => {
    const user = await registerUser(app);
    const older = await created(user, { dataTypes: ['WEIGHT', 'STEPS', 'WEIGHT'] });
    // Creation times are milliseconds: keep the two apart so "newest first" is well defined.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await created(user, { recipientEmail: undefined });
    const links = await listLinks(user);
    expect(links.map((l) => l.id)).toEqual([newer.id, older.id]);
    expect(links[1]).toMatchObject({
      recipientEmail: 'dr.lee@clinic.example',
      // Once each, in the canonical order.
      dataTypes: ['STEPS', 'WEIGHT'],
      dateStart: '2026-02-01',
      dateEnd: '2026-02-28',
      accessCount: 0,
      lastAccessedAt: null,
      revokedAt: null,
    });
    expect(links[0]?.recipientEmail).toBeNull();
    expect(JSON.stringify(links)).not.toContain(older.accessCode);
  });

  it('never shows another user’s links', async () => {
    const mine = await created(owner);
    expect((await listLinks(stranger)).map((l) => l.id)).not.toContain(mine.id);
  });
});

describe('DELETE /sharing/tokens/:id', () => {
  it('revokes (204), keeps the first revocation time on a repeat, and shows it in the list', async () => {
    const link = await created(owner);
    const revoke = () =>
      app.inject({
        method: 'DELETE',
        url: `/api/v1/sharing/tokens/${link.id}`,
        headers: { cookie: owner.cookie },
      });
    expect((await revoke()).statusCode).toBe(204);
    const first = (await listLinks(owner)).find((l) => l.id === link.id)?.revokedAt;
    expect(first).toEqual(expect.any(String));
    expect((await revoke()).statusCode).toBe(204);
    expect((await listLinks(owner)).find((l) => l.id === link.id)?.revokedAt).toBe(first);
  });

  it('is a 404 for another user’s link, which stays live', async () => {
    const link = await created(owner);
    for (const url of [
      `/api/v1/sharing/tokens/${link.id}`,
      '/api/v1/sharing/tokens/00000000-0000-4000-8000-000000000000',
      '/api/v1/sharing/tokens/not-a-uuid',
    ]) {
      const res = await app.inject({ method: 'DELETE', url, headers: { cookie: stranger.cookie } });
      expect(res.statusCode, url).toBe(404);
    }
    expect((await listLinks(owner)).find((l) => l.id === link.id)?.revokedAt).toBeNull();
    const open = await app.inject({
      method: 'GET',
      url: `/api/v1/sharing/data/${link.accessCode}`,
    });
    expect(open.statusCode).toBe(200);
  });
});

describe('GET /sharing/tokens/:id/accesses', () => {
  it('is a 404 for another user’s link and for an unknown id', async () => {
    const link = await created(owner);
    for (const [user, id] of [
      [stranger, link.id],
      [owner, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/sharing/tokens/${id}/accesses`,
        headers: { cookie: user.cookie },
      });
      expect(res.statusCode).toBe(404);
    }
  });
});

describe('account erasure', () => {
  it('deletes the user’s links and their log, and the code stops working', async () => {
    const user = await registerUser(app);
    const link = await created(user);
    const url = `/api/v1/sharing/data/${link.accessCode}`;
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    const erase = await app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me',
      headers: { cookie: user.cookie },
      payload: { password: user.password },
    });
    expect(erase.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url });
    expect(after.statusCode).toBe(404);
    expect(after.json().error.code).toBe('share-link-not-found');
    const left = await db.pool.query(
      `SELECT 1 FROM share_links WHERE user_id = $1
       UNION ALL SELECT 1 FROM share_link_accesses WHERE user_id = $1`,
      [user.me.id],
    );
    expect(left.rowCount).toBe(0);
  });
});
