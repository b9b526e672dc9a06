import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, skipOnEmbedded, type TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { foldInbox } from '../test-support/fold.js';
import { Keyring } from './keyring.js';
import { ROTATION_LOCK, rotateUserKeys } from './rotate-user-keys.js';

const OLD_KEY = Buffer.alloc(32, 0x0a);
const NEW_KEY = Buffer.alloc(32, 0x0b);

const ONE_AT_A_TIME = 'sweeps on one instance at a time';
const embedded = await skipOnEmbedded(import.meta.url, {
  [ONE_AT_A_TIME]: 'holding the lock takes the only connection the sweep would need',
});

let db: TestDatabase;
let app: FastifyInstance;

// The users are created under the old master key.
useTestApp((fixture) => ({ db, app } = fixture), { app: { keyring: new Keyring(OLD_KEY) } });

async function userIds(): Promise<string[]> {
  const res = await db.pool.query<{ id: string }>(
    'SELECT id FROM users WHERE wrapped_key IS NOT NULL ORDER BY id',
  );
  return res.rows.map((r) => r.id);
}

/** Whether `keyring` opens every user's key, and gives the same bytes as `reference`. */
async function opensAll(keyring: Keyring, reference: Map<string, Buffer>): Promise<boolean> {
  for (const id of await userIds()) {
    const key = await keyring.getUserKey(db.pool, id).catch(() => null);
    if (!key?.equals(reference.get(id) ?? Buffer.alloc(0))) return false;
  }
  return true;
}

describe('master key rotation', () => {
  it('rewraps every user key under the new master key; the data stays readable, the old key opens nothing', async () => {
    const users: TestUser[] = [];
    for (let i = 0; i < 3; i++) users.push(await registerUser(app));
    const ann = users[0] as TestUser;
    const watch = await createDevice(app, ann);
    const steps = {
      type: 'STEPS',
      value: 1234,
      unit: 'count',
      startDate: '2026-01-10T15:00:00.000Z',
      endDate: '2026-01-10T15:30:00.000Z',
    };
    expect((await syncSamples(app, watch, [steps])).json()).toEqual({ synced: 1, errors: 0 });
    await foldInbox(db.pool, app.keyring);

    const before = new Map<string, Buffer>();
    for (const id of await userIds()) before.set(id, await app.keyring.getUserKey(db.pool, id));
    expect(await opensAll(new Keyring(NEW_KEY), before)).toBe(false);

    // During the rotation both keys open the user keys.
    const rotating = new Keyring(NEW_KEY, { previousMasterKeys: [OLD_KEY] });
    expect(await opensAll(rotating, before)).toBe(true);
    const batches: number[] = [];
    const done = await rotateUserKeys(db.pool, rotating, (p) => batches.push(p.rewrapped));
    expect(done).toEqual({ rewrapped: before.size, current: 0, unreadable: 0 });
    expect(batches.length).toBeGreaterThan(0);
    // Run again (an interrupted sweep, or another instance later): nothing left to do.
    expect(await rotateUserKeys(db.pool, rotating)).toEqual({
      rewrapped: 0,
      current: before.size,
      unreadable: 0,
    });

    // Afterwards the new key alone opens them all, with the same data keys; the old one opens none.
    expect(await opensAll(new Keyring(NEW_KEY), before)).toBe(true);
    const oldOnly = new Keyring(OLD_KEY);
    for (const id of await userIds()) {
      await expect(oldOnly.getUserKey(db.pool, id)).rejects.toThrow();
    }

    // A server on the new key alone reads the series stored under the old one.
    const rotated = await buildTestApp(db.pool, { keyring: new Keyring(NEW_KEY) });
    try {
      const pull = await rotated.inject({
        url: '/api/v1/replication/series/pull?limit=10',
        headers: { cookie: ann.cookie },
      });
      expect(pull.statusCode).toBe(200);
      expect(JSON.stringify(pull.json())).toContain('1234');
    } finally {
      await rotated.close();
    }
  });

  it('counts a key no configured master key opens, and leaves it as it is', async () => {
    const stranger = await registerUser(app);
    const wrappedKey = async () =>
      (
        await db.pool.query<{ wrapped_key: Buffer }>(
          'SELECT wrapped_key FROM users WHERE id = $1',
          [stranger.me.id],
        )
      ).rows[0]?.wrapped_key;
    const before = await wrappedKey();
    const unrelated = new Keyring(Buffer.alloc(32, 0x0c), { previousMasterKeys: [NEW_KEY] });
    const done = await rotateUserKeys(db.pool, unrelated);
    // The first test's users were rotated to NEW_KEY (rewrapped now to 0x0c); the stranger,
    // created under OLD_KEY, opens with neither.
    expect(done?.unreadable).toBe(1);
    expect(await wrappedKey()).toEqual(before);
    expect(await app.keyring.getUserKey(db.pool, stranger.me.id)).toBeInstanceOf(Buffer);
  });

  it.skipIf(embedded)(ONE_AT_A_TIME, async () => {
    const other = await db.pool.connect();
    try {
      // Another instance's sweep holds the lock: this one steps aside at once.
      await other.query('SELECT pg_advisory_lock($1)', [ROTATION_LOCK]);
      expect(await rotateUserKeys(db.pool, new Keyring(NEW_KEY))).toBeNull();
      await other.query('SELECT pg_advisory_unlock($1)', [ROTATION_LOCK]);
      expect(await rotateUserKeys(db.pool, new Keyring(NEW_KEY))).not.toBeNull();
    } finally {
      other.release();
    }
  });
});
