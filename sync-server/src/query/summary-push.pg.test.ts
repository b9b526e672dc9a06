import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addLocalDays } from '@hearth/core';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { NotifyHub } from '../notify.js';
import { RollupWorker } from '../worker/rollup-worker.js';
import { SummaryCache } from './summary-cache.js';
import { warmSummariesAfterRollups } from './query.service.js';
import { MAX_PUSHED_DAYS } from './summary-push.js';

let db: TestDatabase;
let app: FastifyInstance;
/** Another API instance: its own LISTEN connection and cache, and no reads of its own. */
let other: { hub: NotifyHub; cache: SummaryCache };

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  const hub = new NotifyHub(db.pool);
  await hub.start();
  const cache = new SummaryCache(hub);
  warmSummariesAfterRollups({ pool: db.pool, keyring: app.keyring, cache });
  other = { hub, cache };
});
afterAll(async () => {
  other.cache.close();
  await other.hub.stop();
});

const steps = (day: string, value: number, hour = 9) => ({
  type: 'STEPS',
  value,
  unit: 'count',
  startDate: `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`,
  endDate: `${day}T${String(hour).padStart(2, '0')}:05:00.000Z`,
});

async function read(user: TestUser, day: string): Promise<string> {
  const res = await app.inject({
    url: `/api/v1/users/me/summary?date=${day}`,
    headers: { cookie: user.cookie },
  });
  return res.body;
}

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const stepsIn = (json: string | undefined) =>
  json === undefined ? undefined : (JSON.parse(json).metrics.STEPS as number | undefined);

describe('summaries pushed with the rollup NOTIFY', () => {
  it('are in every instance’s cache after the worker’s rollup, before anyone reads', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    const day = '2026-04-10';
    await syncSamples(app, watch, [steps(day, 100)]);
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    await waitFor(() => stepsIn(other.cache.get(user.me.id, day)) === 100);
    await waitFor(() => stepsIn(app.summaryCache.get(user.me.id, day)) === 100);
    // What the cache holds is what a read from the rollups answers.
    const cached = app.summaryCache.get(user.me.id, day);
    app.summaryCache.invalidate(user.me.id);
    expect(await read(user, day)).toBe(cached);

    await syncSamples(app, watch, [steps(day, 50, 10)]);
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    await waitFor(() => stepsIn(other.cache.get(user.me.id, day)) === 150);
    expect(stepsIn(await read(user, day))).toBe(150);
  });

  it('carry the latest days of a long backlog, and the job that sends them commits', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    const days = Array.from({ length: 40 }, (_, i) => addLocalDays('2026-02-01', i));
    await syncSamples(
      app,
      watch,
      days.map((d, i) => steps(d, i + 1)),
    );
    await new RollupWorker({ pool: db.pool, keyring: app.keyring, batchDays: 400 }).drain();
    const latest = days.slice(-MAX_PUSHED_DAYS);
    await waitFor(() => latest.every((d) => other.cache.get(user.me.id, d) !== undefined));
    expect(latest.map((d) => stepsIn(other.cache.get(user.me.id, d)))).toEqual(
      latest.map((d) => days.indexOf(d) + 1),
    );
    expect(other.cache.get(user.me.id, days[0] as string)).toBeUndefined();
    const queued = await db.pool.query('SELECT 1 FROM rollup_queue WHERE user_id = $1', [
      user.me.id,
    ]);
    expect(queued.rowCount).toBe(0);
  });
});
