import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { TEST_MASTER_KEY, type TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { createDevice, registerUser, syncSamples } from '../../test-support/http.js';
import { RollupWorker } from '../../worker/rollup-worker.js';
import { Keyring } from '../../crypto/keyring.js';
import { openSeriesPoints } from '../../series/series-codec.js';

let db: TestDatabase;
let app: FastifyInstance;

useTestApp((fixture) => ({ db, app } = fixture));

/**
 * Every table holding a `user_id` column, read from the database itself, so a table added later
 * is checked without anyone remembering to list it here. `users` is checked separately below
 * (the row stays, emptied, so the id is never reused).
 */
async function userTables(): Promise<string[]> {
  const res = await db.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'user_id' ORDER BY table_name`,
  );
  return res.rows.map((r) => r.table_name);
}

describe('account deletion', () => {
  it('needs the password, then erases every row and the data key', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    const t = '2026-01-10T15:00:00.000Z';
    await syncSamples(
      app,
      watch,
      [{ type: 'WEIGHT', value: 71.5, unit: 'kg', startDate: t, endDate: t }],
      { 'x-idempotency-key': 'k1' },
    );
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    const series = await db.pool.query<{ payload: Buffer; device_id: string; hour_ms: number }>(
      `SELECT payload, device_id, (extract(epoch FROM hour_start) * 1000)::bigint AS hour_ms
         FROM series WHERE user_id = $1`,
      [user.me.id],
    );
    const sealed = series.rows[0];
    if (!sealed) throw new Error('no series stored');
    const key = { deviceId: sealed.device_id, type: 'WEIGHT' as const, hourStart: sealed.hour_ms };

    const wrong = await app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me',
      headers: { cookie: user.cookie },
      payload: { password: 'not my password' },
    });
    expect(wrong.statusCode).toBe(401);
    const del = await app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me',
      headers: { cookie: user.cookie },
      payload: { password: user.password },
    });
    expect(del.statusCode).toBe(204);

    const tables = await userTables();
    expect(tables).toEqual(expect.arrayContaining(['series', 'rollups', 'ingest_inbox']));
    for (const table of tables) {
      const res = await db.pool.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`,
        [user.me.id],
      );
      expect({ table, n: res.rows[0].n }).toEqual({ table, n: 0 });
    }
    const row = await db.pool.query(
      'SELECT email, password_hash, wrapped_key, erased_at FROM users WHERE id = $1',
      [user.me.id],
    );
    expect(row.rows[0]).toMatchObject({ email: null, password_hash: null, wrapped_key: null });

    // Nothing left to decrypt with: a fresh keyring (no cache) has no key for the user.
    await expect(
      new Keyring(TEST_MASTER_KEY).getUserKey(db.pool, user.me.id),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
    // A copy of the old ciphertext opens only with the destroyed data key, not the master key.
    expect(() => openSeriesPoints(TEST_MASTER_KEY, user.me.id, key, sealed.payload)).toThrow();

    const after = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: user.cookie } });
    expect(after.statusCode).toBe(401);
    const token = await syncSamples(app, watch, []);
    expect(token.statusCode).toBe(401);
    const again = await registerUser(app, { email: user.email });
    expect(again.me.id).not.toBe(user.me.id);
  });
});
