import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { computeRollups, resolveSourcePriority } from '@hearth/core';
import type { TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../../test-support/http.js';
import { loadDemoData } from '../../test-support/demo.js';
import { storedAggregates } from '../../test-support/rollups.js';
import { RollupWorker } from '../../worker/rollup-worker.js';

let db: TestDatabase;
let app: FastifyInstance;

useTestApp((fixture) => ({ db, app } = fixture));

const drain = () => new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();

function putSettings(user: TestUser, payload: object) {
  return app.inject({
    method: 'PUT',
    url: '/api/v1/users/me/settings',
    headers: { cookie: user.cookie },
    payload,
  });
}

async function priorityOf(userId: string, explicit: string[]) {
  const res = await db.pool.query<{ id: string; kind: 'iphone'; created_at: Date }>(
    'SELECT id, kind, created_at FROM devices WHERE user_id = $1',
    [userId],
  );
  const devices = res.rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    createdAt: r.created_at.toISOString(),
  }));
  return resolveSourcePriority(devices, explicit);
}

describe('settings', () => {
  it('starts from the registration zone and keeps a partial update', async () => {
    const user = await registerUser(app, { timeZone: 'Asia/Kolkata' });
    const get = await app.inject({
      url: '/api/v1/users/me/settings',
      headers: { cookie: user.cookie },
    });
    const preferences = { displayUnits: {}, dashboard: { order: [], hidden: [] } };
    expect(get.json()).toEqual({
      timeZone: 'Asia/Kolkata',
      goals: {},
      sourcePriority: [],
      preferences,
    });
    const watch = await createDevice(app, user);
    const put = await putSettings(user, {
      goals: { STEPS: 8000 },
      sourcePriority: [watch.id, 'not-a-device', watch.id],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      timeZone: 'Asia/Kolkata',
      goals: { STEPS: 8000 },
      sourcePriority: [watch.id],
      preferences,
    });
    const bad = await putSettings(user, { timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    const anon = await app.inject({ url: '/api/v1/users/me/settings' });
    expect(anon.statusCode).toBe(401);
  });

  it('re-buckets every rollup when the zone changes', async () => {
    const user = await registerUser(app, { timeZone: 'UTC' });
    const demo = await loadDemoData(app, user, {
      seed: 3,
      endDate: '2026-01-20',
      days: 2,
      timeZone: 'UTC',
    });
    await drain();
    const put = await putSettings(user, { timeZone: 'Asia/Kathmandu' });
    expect(put.json().timeZone).toBe('Asia/Kathmandu');
    await drain();
    const expected = computeRollups(demo.samples, {
      timeZone: 'Asia/Kathmandu',
      priority: await priorityOf(user.me.id, []),
    });
    expect(await storedAggregates(app, user.me.id)).toEqual(expected);
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: user.cookie } });
    expect(me.json().timeZone).toBe('Asia/Kathmandu');
  });

  it('re-deduplicates every day when the source priority changes', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user, { kind: 'apple_watch' });
    const phone = await createDevice(app, user, { kind: 'iphone' });
    const t = '2026-01-10T15:00:00.000Z';
    const half = '2026-01-10T15:30:00.000Z';
    const hour = '2026-01-10T16:00:00.000Z';
    await syncSamples(app, watch, [
      { type: 'STEPS', value: 1000, unit: 'count', startDate: t, endDate: half },
    ]);
    await syncSamples(app, phone, [
      { type: 'STEPS', value: 1200, unit: 'count', startDate: t, endDate: hour },
    ]);
    await drain();
    const summary = () =>
      app.inject({
        url: '/api/v1/users/me/summary?date=2026-01-10',
        headers: { cookie: user.cookie },
      });
    expect((await summary()).json().metrics.STEPS).toBe(1600);
    await putSettings(user, { sourcePriority: [phone.id, watch.id] });
    await drain();
    expect((await summary()).json().metrics.STEPS).toBe(1200);
  });

  it('brings goal streaks up to date with one day of work, not the whole history', async () => {
    const user = await registerUser(app, { timeZone: 'UTC' });
    const phone = await createDevice(app, user, { kind: 'iphone' });
    const dayStart = Date.UTC(
      new Date().getUTCFullYear(),
      new Date().getUTCMonth(),
      new Date().getUTCDate(),
    );
    // 5,000 steps on each of the five days before today: under the default goal.
    const samples = Array.from({ length: 5 }, (_, i) => ({
      type: 'STEPS',
      value: 5000,
      unit: 'count',
      startDate: new Date(dayStart - (i + 1) * 86_400_000 + 36_000_000).toISOString(),
      endDate: new Date(dayStart - (i + 1) * 86_400_000 + 39_600_000).toISOString(),
    }));
    expect((await syncSamples(app, phone, samples)).json()).toEqual({ synced: 5, errors: 0 });
    await drain();
    const streaks = async () =>
      (
        await app.inject({
          url: '/api/v1/users/me/insights',
          headers: { cookie: user.cookie },
        })
      )
        .json<{ insights: Array<{ type: string; subject?: string }> }>()
        .insights.filter((i) => i.type === 'goal_streak');
    expect(await streaks()).toEqual([]);

    expect((await putSettings(user, { goals: { STEPS: 4000 } })).statusCode).toBe(200);
    const queued = await db.pool.query(
      'SELECT type, local_day::text AS day FROM rollup_queue WHERE user_id = $1',
      [user.me.id],
    );
    expect(queued.rows).toEqual([
      { type: 'STEPS', day: new Date(dayStart).toISOString().slice(0, 10) },
    ]);
    await drain();
    expect(await streaks()).toEqual([expect.objectContaining({ subject: 'STEPS' })]);
  });
});
