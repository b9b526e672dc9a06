import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { registerUser, type TestUser } from '../../test-support/http.js';
import { deleteDevice } from '../../devices/devices.service.js';

let db: TestDatabase;
let app: FastifyInstance;
let ann: TestUser;
let bob: TestUser;

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  [ann, bob] = await Promise.all([registerUser(app), registerUser(app)]);
});

async function createDevice(user: TestUser, name: string, kind = 'apple_watch') {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/devices',
    headers: { cookie: user.cookie },
    payload: { name, kind },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; token: string }>();
}

function syncAs(device: { id: string; token: string }, samples: object[]) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/devices/${device.id}/sync`,
    headers: { authorization: `Bearer ${device.token}` },
    payload: { samples },
  });
}

const ONE_STEP = {
  type: 'STEPS',
  value: 10,
  unit: 'count',
  startDate: '2026-01-10T15:00:00.000Z',
  endDate: '2026-01-10T15:01:00.000Z',
};

describe('device routes', () => {
  it('creates a device, shows its token once and stores only its hash', async () => {
    const device = await createDevice(ann, 'Watch');
    expect(device.token).toMatch(/^hdt_[A-Za-z0-9_-]{43}$/);
    const stored = await db.pool.query<{ token_hash: Buffer }>(
      'SELECT token_hash FROM devices WHERE id = $1',
      [device.id],
    );
    expect(stored.rows[0]?.token_hash.length).toBe(32);
    expect(stored.rows[0]?.token_hash.includes(Buffer.from(device.token))).toBe(false);

    const list = await app.inject({ url: '/api/v1/devices', headers: { cookie: ann.cookie } });
    const devices = list.json<{ devices: Array<{ id: string; kind: string }> }>().devices;
    expect(devices.map((d) => d.kind).sort()).toEqual(['apple_watch', 'manual_entry']);
    expect(JSON.stringify(devices)).not.toContain(device.token);
  });

  it('tombstones a deleted device and revokes its token', async () => {
    const device = await createDevice(ann, 'Old phone', 'iphone');
    // Synced once: its token is in this instance's cache, which the deletion must drop at once.
    expect((await syncAs(device, [])).statusCode).toBe(200);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${device.id}`,
      headers: { cookie: ann.cookie },
    });
    expect(del.statusCode).toBe(204);
    const row = await db.pool.query('SELECT deleted, token_hash FROM devices WHERE id = $1', [
      device.id,
    ]);
    expect(row.rows[0]).toEqual({ deleted: true, token_hash: null });
    const sync = await app.inject({
      method: 'POST',
      url: `/api/v1/devices/${device.id}/sync`,
      headers: { authorization: `Bearer ${device.token}` },
      payload: { samples: [] },
    });
    expect(sync.statusCode).toBe(401);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${device.id}`,
      headers: { cookie: ann.cookie },
    });
    expect(again.statusCode).toBe(404);
  });

  it("refuses another user's device and anonymous callers", async () => {
    const device = await createDevice(ann, 'Scale', 'third_party_scale');
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${device.id}`,
      headers: { cookie: bob.cookie },
    });
    expect(del.statusCode).toBe(404);
    const anon = await app.inject({ url: '/api/v1/devices' });
    expect(anon.statusCode).toBe(401);
    const bobList = await app.inject({ url: '/api/v1/devices', headers: { cookie: bob.cookie } });
    expect(bobList.json().devices.map((d: { id: string }) => d.id)).not.toContain(device.id);
  });

  it('refuses an unknown kind', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/devices',
      headers: { cookie: ann.cookie },
      payload: { name: 'Toaster', kind: 'toaster' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('stops taking a cached token once another instance deletes its device', async () => {
    const device = await createDevice(ann, 'Watch');
    expect((await syncAs(device, [ONE_STEP])).json()).toEqual({ synced: 1, errors: 0 });
    // As another instance deletes it: this one hears of it only through the revocation NOTIFY.
    await deleteDevice(db.pool, ann.me.id, device.id);
    const deadline = Date.now() + 5000;
    let status = 0;
    while (status !== 401 && Date.now() < deadline) {
      status = (await syncAs(device, [ONE_STEP])).statusCode;
      // Until then the cached token may pass, but the write refuses a deleted device.
      expect([401, 404]).toContain(status);
    }
    expect(status).toBe(401);
    const inbox = await db.pool.query(
      'SELECT count(*)::int AS n FROM ingest_inbox WHERE device_id = $1',
      [device.id],
    );
    expect(inbox.rows[0].n).toBe(1);
  });
});
