import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { summaryToAggregate } from '@hearth/core';
import { HEALTH_DATA_TYPES, type DailySummary } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { RollupWorker } from '../worker/rollup-worker.js';
import { findRollups } from '../rollups/rollups.repository.js';
import { openSummary } from '../rollups/rollup-codec.js';
import { SummaryCache, type SummaryCacheHub } from './summary-cache.js';
import { SummaryLoader } from './summary-loader.js';
import { readDailySummaries } from './summary-reader.js';

let db: TestDatabase;
let app: FastifyInstance;
let ann: TestUser;
let bob: TestUser;

useTestApp((fixture) => ({ db, app } = fixture));

const sample = (type: string, unit: string, value: number, start: string, minutes: number) => ({
  type,
  value,
  unit,
  startDate: start,
  endDate: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
});

beforeAll(async () => {
  [ann, bob] = await Promise.all([registerUser(app), registerUser(app)]);
  const annWatch = await createDevice(app, ann);
  const bobWatch = await createDevice(app, bob);
  await syncSamples(app, annWatch, [
    sample('STEPS', 'count', 120, '2026-05-01T08:00:00.000Z', 10),
    sample('STEPS', 'count', 80, '2026-05-01T18:00:00.000Z', 10),
    sample('HEART_RATE', 'count/min', 64, '2026-05-01T09:00:00.000Z', 0),
    sample('HEART_RATE', 'count/min', 90, '2026-05-01T19:00:00.000Z', 0),
    sample('STEPS', 'count', 300, '2026-05-02T12:00:00.000Z', 10),
  ]);
  await syncSamples(app, bobWatch, [sample('STEPS', 'count', 7, '2026-05-01T10:00:00.000Z', 5)]);
  await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
}, 60_000);

/** The summary as the read path built it before (every type's day rollup, one query a date). */
async function reference(userId: string, day: string): Promise<string> {
  const dataKey = await app.keyring.getUserKey(db.pool, userId);
  const rows = await findRollups(db.pool, userId, {
    types: HEALTH_DATA_TYPES,
    periods: ['day'],
    fromDate: day,
    toDate: day,
  });
  const summary: DailySummary = { date: day, metrics: {} };
  for (const row of rows) {
    const opened = openSummary(dataKey, userId, row, row.summary);
    summary.metrics[row.type] = summaryToAggregate(row.type, 'day', row.localStart, opened).value;
  }
  return JSON.stringify(summary);
}

/** A real pool that counts the day-summary queries sent through it. */
function countingPool(): Queryable & { queries: () => number } {
  let queries = 0;
  const query = ((config: unknown, values?: unknown) => {
    if ((config as { name?: string }).name === 'hearth-day-summaries') queries += 1;
    return db.pool.query(config as string, values as unknown[]);
  }) as Queryable['query'];
  return { query, queries: () => queries };
}

const listeningHub: SummaryCacheHub = {
  listening: true,
  onChange: () => () => {},
  onResync: () => () => {},
  onUserErased: () => () => {},
};

describe('daily summaries read together', () => {
  it('answers each (person, date) as one query per date did, in the order asked', async () => {
    const refs = await Promise.all(
      [
        [ann, '2026-05-01'],
        [bob, '2026-05-01'],
        [ann, '2026-05-02'],
        [ann, '2026-05-03'],
        [ann, '2026-05-01'],
      ].map(async ([user, day]) => {
        const userId = (user as TestUser).me.id;
        return {
          userId,
          day: day as string,
          dataKey: await app.keyring.getUserKey(db.pool, userId),
        };
      }),
    );
    const read = await readDailySummaries(db.pool, refs);
    expect(read).toEqual(await Promise.all(refs.map((r) => reference(r.userId, r.day))));
    expect(JSON.parse(read[0] as string)).toEqual({
      date: '2026-05-01',
      metrics: { HEART_RATE: 77, STEPS: 200 },
    });
    expect(JSON.parse(read[3] as string)).toEqual({ date: '2026-05-03', metrics: {} });
  });

  it('leaves out tombstoned day rollups', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    await syncSamples(app, watch, [
      sample('STEPS', 'count', 5, '2026-06-01T10:00:00.000Z', 5),
      sample('HEART_RATE', 'count/min', 70, '2026-06-01T10:00:00.000Z', 0),
    ]);
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    await db.pool.query(
      `UPDATE rollups SET deleted = true WHERE user_id = $1 AND type = 'STEPS' AND period = 'day'`,
      [user.me.id],
    );
    const dataKey = await app.keyring.getUserKey(db.pool, user.me.id);
    const [json] = await readDailySummaries(db.pool, [
      { userId: user.me.id, day: '2026-06-01', dataKey },
    ]);
    expect(JSON.parse(json as string).metrics).toEqual({ HEART_RATE: 70 });
  });

  it('fails only the read whose row does not open, not the others sharing its query', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    await syncSamples(app, watch, [sample('STEPS', 'count', 5, '2026-07-01T10:00:00.000Z', 5)]);
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    // Another user's sealed summary in this row: it cannot authenticate here.
    await db.pool.query(
      `UPDATE rollups SET summary = (SELECT summary FROM rollups WHERE user_id = $2 LIMIT 1)
        WHERE user_id = $1 AND period = 'day'`,
      [user.me.id, bob.me.id],
    );
    await app.keyring.getUserKey(db.pool, user.me.id);
    const pool = countingPool();
    const loader = new SummaryLoader({
      pool,
      keyring: app.keyring,
      cache: new SummaryCache(listeningHub),
    });
    const [broken, fine] = await Promise.allSettled([
      loader.load(user.me.id, '2026-07-01'),
      loader.load(bob.me.id, '2026-05-01'),
    ]);
    expect(broken.status === 'rejected' && String(broken.reason)).toContain('authenticate');
    expect(fine).toEqual({ status: 'fulfilled', value: await reference(bob.me.id, '2026-05-01') });
    expect(pool.queries()).toBe(1);
  });

  it('sends the misses of one turn as one query, and the same pair once', async () => {
    const pool = countingPool();
    const cache = new SummaryCache(listeningHub);
    const loader = new SummaryLoader({ pool, keyring: app.keyring, cache });
    const pairs: Array<[TestUser, string]> = [
      [ann, '2026-05-01'],
      [bob, '2026-05-01'],
      [ann, '2026-05-02'],
      [ann, '2026-05-01'],
    ];
    const jsons = await Promise.all(pairs.map(([user, day]) => loader.load(user.me.id, day)));
    expect(pool.queries()).toBe(1);
    expect(jsons).toEqual(await Promise.all(pairs.map(([u, day]) => reference(u.me.id, day))));
    expect(cache.get(bob.me.id, '2026-05-01')).toBe(jsons[1]);
  });

  it('neither stores nor shares a read that a change overtook', async () => {
    // The day-summary query answers only once the test opens the gate.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const counting = countingPool();
    const pool: Queryable = {
      query: (async (config: unknown, values?: unknown) => {
        const res = await (counting.query as (c: unknown, v?: unknown) => Promise<unknown>)(
          config,
          values,
        );
        if ((config as { name?: string }).name === 'hearth-day-summaries') await gate;
        return res;
      }) as Queryable['query'],
    };
    const cache = new SummaryCache(listeningHub);
    const loader = new SummaryLoader({ pool, keyring: app.keyring, cache });
    const until = async (check: () => boolean) => {
      while (!check()) await new Promise((resolve) => setImmediate(resolve));
    };
    const before = loader.load(ann.me.id, '2026-05-02');
    await until(() => counting.queries() === 1);
    cache.invalidate(ann.me.id);
    // The read in flight started before the change: a miss after it sends its own.
    const after = loader.load(ann.me.id, '2026-05-02');
    await until(() => counting.queries() === 2);
    cache.invalidate(ann.me.id);
    open();
    expect(await before).toBe(await reference(ann.me.id, '2026-05-02'));
    await after;
    // Both were read before the last change: neither may be served from the cache.
    expect(cache.get(ann.me.id, '2026-05-02')).toBeUndefined();
    expect(await loader.load(ann.me.id, '2026-05-02')).toBe(await before);
    expect(cache.get(ann.me.id, '2026-05-02')).toBe(await before);
  });
});
