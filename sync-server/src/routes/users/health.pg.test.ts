import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { computeRollups, localDateOf, resolveSourcePriority } from '@hearth/core';
import type { HealthAggregate } from '@hearth/schema';
import type { TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../../test-support/http.js';
import { loadDemoData, type LoadedDemo } from '../../test-support/demo.js';
import { RollupWorker } from '../../worker/rollup-worker.js';
import { aggregatesCacheKey } from '../../query/query.service.js';

let db: TestDatabase;
let app: FastifyInstance;
let ann: TestUser;
let bob: TestUser;
let demo: LoadedDemo;
const timeZone = 'America/Los_Angeles';
// Recent days, so insights (which look back from today) have something to say.
const endDate = localDateOf(Date.now() - 86_400_000, timeZone);

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  [ann, bob] = await Promise.all([registerUser(app, { timeZone }), registerUser(app)]);
  demo = await loadDemoData(app, ann, { seed: 5, endDate, days: 40, timeZone });
  await new RollupWorker({ pool: db.pool, keyring: app.keyring, batchDays: 400 }).drain();
}, 120_000);

function get(user: TestUser, url: string) {
  return app.inject({ url, headers: { cookie: user.cookie } });
}

async function expected(): Promise<HealthAggregate[]> {
  const res = await db.pool.query<{ id: string; kind: 'iphone'; created_at: Date }>(
    'SELECT id, kind, created_at FROM devices WHERE user_id = $1',
    [ann.me.id],
  );
  const devices = res.rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    createdAt: r.created_at.toISOString(),
  }));
  return computeRollups(demo.samples, { timeZone, priority: resolveSourcePriority(devices, []) });
}

describe('query API', () => {
  it('answers the daily summary from the day rollups, default today in the user’s zone', async () => {
    const all = await expected();
    const days = all.filter((a) => a.period === 'day' && a.periodStart.startsWith(endDate));
    const res = await get(ann, `/api/v1/users/me/summary?date=${endDate}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json();
    // A cached answer is the same text.
    expect((await get(ann, `/api/v1/users/me/summary?date=${endDate}`)).body).toBe(res.body);
    expect(body.date).toBe(endDate);
    for (const day of days.filter((d) => d.type !== 'SLEEP_ANALYSIS')) {
      expect(body.metrics[day.type]).toBe(day.value);
    }
    const today = await get(ann, '/api/v1/users/me/summary');
    expect(today.json().date).toBe(localDateOf(Date.now(), timeZone));
    expect((await get(bob, `/api/v1/users/me/summary?date=${endDate}`)).json().metrics).toEqual({});
    expect((await get(ann, '/api/v1/users/me/summary?date=yesterday')).statusCode).toBe(400);
  });

  it('answers aggregates per period for whole local days', async () => {
    const all = await expected();
    const url = (period: string) =>
      `/api/v1/users/me/aggregates?types=STEPS,HEART_RATE&period=${period}&startDate=${endDate}&endDate=${endDate}`;
    const hours = (await get(ann, url('hour'))).json();
    expect(hours.STEPS).toEqual(
      all.filter(
        (a) => a.type === 'STEPS' && a.period === 'hour' && a.periodStart.startsWith(endDate),
      ),
    );
    const days = (await get(ann, url('day'))).json();
    expect(days.HEART_RATE).toEqual(
      all.filter(
        (a) => a.type === 'HEART_RATE' && a.period === 'day' && a.periodStart.startsWith(endDate),
      ),
    );
    // The week holding endDate starts on or before it.
    const weeks = (await get(ann, url('week'))).json();
    expect(weeks.STEPS).toHaveLength(1);
    expect(all).toContainEqual(weeks.STEPS[0]);
    expect((await get(ann, url('month'))).json().STEPS).toHaveLength(1);
    expect((await get(bob, url('day'))).json()).toEqual({ STEPS: [], HEART_RATE: [] });
    const tooLong = await get(
      ann,
      '/api/v1/users/me/aggregates?period=hour&startDate=2025-01-01&endDate=2025-12-31',
    );
    expect(tooLong.statusCode).toBe(400);
    const backwards = await get(
      ann,
      '/api/v1/users/me/aggregates?startDate=2025-02-01&endDate=2025-01-01',
    );
    expect(backwards.statusCode).toBe(400);
  });

  it('lists insights and acknowledges one, only for its owner', async () => {
    const list = (await get(ann, '/api/v1/users/me/insights')).json().insights;
    expect(list.length).toBeGreaterThan(0);
    const first = list[0];
    const byBob = await app.inject({
      method: 'POST',
      url: `/api/v1/users/me/insights/${encodeURIComponent(first.id)}/acknowledge`,
      headers: { cookie: bob.cookie },
    });
    expect(byBob.statusCode).toBe(404);
    const ack = await app.inject({
      method: 'POST',
      url: `/api/v1/users/me/insights/${encodeURIComponent(first.id)}/acknowledge`,
      headers: { cookie: ann.cookie },
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toEqual({ ...first, acknowledged: true });
    // A recompute keeps the acknowledgement.
    const watch = [...demo.devices.values()][0];
    if (!watch) throw new Error('no device');
    await syncSamples(
      app,
      watch,
      demo.samples.filter((s) => s.sourceDevice === watch.id).slice(0, 10),
    );
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    const again = (await get(ann, '/api/v1/users/me/insights')).json().insights;
    expect(again.find((i: { id: string }) => i.id === first.id)?.acknowledged).toBe(true);
    expect((await get(bob, '/api/v1/users/me/insights')).json()).toEqual({ insights: [] });
  });

  it('serves a cached summary until the worker announces new rollups', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    const t = '2026-01-10T15:00:00.000Z';
    const sample = (value: number, minute: number) => ({
      type: 'STEPS',
      value,
      unit: 'count',
      startDate: new Date(Date.parse(t) + minute * 60_000).toISOString(),
      endDate: new Date(Date.parse(t) + (minute + 1) * 60_000).toISOString(),
    });
    const summary = async () =>
      (await get(user, '/api/v1/users/me/summary?date=2026-01-10')).json();
    await syncSamples(app, watch, [sample(100, 0)]);
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    await waitFor(async () => (await summary()).metrics.STEPS === 100);
    await syncSamples(app, watch, [sample(50, 1)]);
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    // The NOTIFY reaches this instance's cache asynchronously; it must then show the new value.
    await waitFor(async () => (await summary()).metrics.STEPS === 150);
  });

  it('re-reads cached aggregates after the worker announces new rollups, before anyone asks', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    const t = '2026-02-10T12:00:00.000Z';
    const sample = (value: number, minute: number) => ({
      type: 'STEPS',
      value,
      unit: 'count',
      startDate: new Date(Date.parse(t) + minute * 60_000).toISOString(),
      endDate: new Date(Date.parse(t) + (minute + 1) * 60_000).toISOString(),
    });
    const url =
      '/api/v1/users/me/aggregates?types=STEPS&period=day&startDate=2026-02-10&endDate=2026-02-10';
    const key = aggregatesCacheKey({
      types: ['STEPS'],
      period: 'day',
      startDate: '2026-02-10',
      endDate: '2026-02-10',
    });
    const cachedSteps = () => {
      const json = app.summaryCache.get(user.me.id, key);
      return json === undefined ? undefined : (JSON.parse(json).STEPS[0]?.value as number);
    };
    await syncSamples(app, watch, [sample(100, 0)]);
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    await waitFor(async () => (await get(user, url)).json().STEPS[0]?.value === 100);
    expect(cachedSteps()).toBe(100);
    await syncSamples(app, watch, [sample(50, 1)]);
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    // No read in between: the NOTIFY's warm alone puts the new value in the cache.
    await waitFor(async () => cachedSteps() === 150);
    expect((await get(user, url)).json().STEPS[0]?.value).toBe(150);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
