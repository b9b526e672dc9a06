import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_RATE_LIMITS } from '../../app.js';
import { buildTestApp, type TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import {
  createDevice,
  registerUser,
  type TestDevice,
  type TestUser,
} from '../../test-support/http.js';
import { foldInbox } from '../../test-support/fold.js';
import { RollupWorker } from '../../worker/rollup-worker.js';

let db: TestDatabase;
let app: FastifyInstance;
let ann: TestUser;
let bob: TestUser;

const timeZone = 'America/Denver';
useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  [ann, bob] = await Promise.all([registerUser(app, { timeZone }), registerUser(app)]);
});

const WATCH = 'Ann’s Apple Watch';
const PHONE = 'Ann’s iPhone';
const NNBSP = '\u202f';

/** A post as the app sends it: minute aggregates, both sources, every shape of point. */
function payload() {
  return {
    data: {
      metrics: [
        {
          name: 'step_count',
          units: 'count',
          data: [
            { date: '2024-01-05 07:57:00 -0700', qty: 100, source: WATCH },
            { date: `2024-01-05 7:58:00${NNBSP}AM -0700`, qty: 100, source: WATCH },
            { date: '2024-01-05 07:59:00 -0700', qty: 100, source: WATCH },
            // The phone counted the same minute: the watch outranks it.
            { date: '2024-01-05 07:58:00 -0700', qty: 90, source: PHONE },
            // HealthKit's merged figure for a minute both counted: stays with the posting device.
            { date: `2024-01-05 6:10:00${NNBSP}PM -0700`, qty: 50, source: `${WATCH}|${PHONE}` },
            { date: 'not a date', qty: 5, source: WATCH },
          ],
        },
        {
          name: 'heart_rate',
          units: 'count/min',
          data: [
            { date: '2024-01-05 09:00:00 -0700', Min: 60, Avg: 70, Max: 85, source: WATCH },
            { date: '2024-01-05 10:00:00 -0700', Min: 70, Avg: 80, Max: 95, source: WATCH },
          ],
        },
        {
          name: 'sleep_analysis',
          units: 'hr',
          data: [
            {
              date: '2024-01-06',
              totalSleep: 7,
              core: 4,
              deep: 1.5,
              rem: 1.5,
              awake: 0.5,
              sleepStart: '2024-01-05 11:00:00 PM -0700',
              sleepEnd: '2024-01-06 6:30:00 AM -0700',
              inBed: 7.75,
              inBedStart: '2024-01-05 10:50:00 PM -0700',
              inBedEnd: '2024-01-06 6:40:00 AM -0700',
              source: WATCH,
            },
          ],
        },
        {
          name: 'vo2_max',
          units: 'ml/(kg·min)',
          data: [{ date: '2024-01-05 09:00:00 -0700', qty: 41 }],
        },
      ],
      workouts: [{ name: 'Outdoor Walk' }],
    },
  };
}

function postExport(
  device: { id: string },
  auth: Record<string, string>,
  body: unknown = payload(),
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/devices/${device.id}/health-auto-export`,
    headers: auth,
    payload: body as Record<string, unknown>,
  });
}

const bearer = (device: TestDevice) => ({ authorization: `Bearer ${device.token}` });

/** The user's devices, without the manual-entry device every account starts with. */
async function deviceNames(user: TestUser): Promise<string[]> {
  const res = await app.inject({ url: '/api/v1/devices', headers: { cookie: user.cookie } });
  return res
    .json<{ devices: Array<{ name: string; kind: string }> }>()
    .devices.filter((d) => d.kind !== 'manual_entry')
    .map((d) => `${d.name} (${d.kind})`);
}

async function storedPoints(userId: string): Promise<number> {
  await foldInbox(db.pool, app.keyring);
  const res = await db.pool.query<{ n: string }>(
    'SELECT coalesce(sum(point_count), 0) AS n FROM series WHERE user_id = $1',
    [userId],
  );
  return Number(res.rows[0]?.n);
}

async function summary(user: TestUser, date: string): Promise<Record<string, number>> {
  const res = await app.inject({
    url: `/api/v1/users/me/summary?date=${date}`,
    headers: { cookie: user.cookie },
  });
  return res.json<{ metrics: Record<string, number> }>().metrics;
}

describe('POST /devices/:deviceId/health-auto-export', () => {
  let hae: TestDevice;
  beforeAll(async () => {
    hae = await createDevice(app, ann, { name: 'Health Auto Export', kind: 'iphone' });
  });

  it('stores a post through the ingest path, one device per single source, and reports refusals', async () => {
    const res = await postExport(hae, bearer(hae));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      synced: 8,
      errors: 1,
      errorDetails: [{ metric: 'step_count', index: 5, code: 'sample-invalid-date' }],
      skipped: { vo2_max: 1, workouts: 1 },
    });
    const byName = Object.fromEntries(
      body.devices.map((d: { id: string; name?: string; synced: number }) => [
        d.name ?? d.id,
        d.synced,
      ]),
    );
    expect(byName).toEqual({ [WATCH]: 6, [PHONE]: 1, [hae.id]: 1 });
    expect((await deviceNames(ann)).sort()).toEqual(
      ['Health Auto Export (iphone)', `${WATCH} (apple_watch)`, `${PHONE} (iphone)`].sort(),
    );
  });

  it('changes nothing when the same post comes again', async () => {
    const before = await storedPoints(ann.me.id);
    expect(before).toBe(8);
    const again = await postExport(hae, bearer(hae));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ synced: 8, errors: 1 });
    expect(await storedPoints(ann.me.id)).toBe(before);
    expect(await deviceNames(ann)).toHaveLength(3);
  });

  it('gives the day totals Apple Health would once the worker has rolled up', async () => {
    await new RollupWorker({ pool: db.pool, keyring: app.keyring, batchDays: 50 }).drain();
    const day = await summary(ann, '2024-01-05');
    // 300 from the watch (the phone's duplicate minute is outranked) + 50 merged.
    expect(day['STEPS']).toBe(350);
    expect(day['HEART_RATE']).toBe(75);
    const next = await summary(ann, '2024-01-06');
    // One night of 7 h asleep, whichever day it is shown on.
    expect((day['SLEEP_ANALYSIS'] ?? 0) + (next['SLEEP_ANALYSIS'] ?? 0)).toBe(420);
  });

  it("answers 404 for another user's device and creates or stores nothing for anyone", async () => {
    const bobDevice = await createDevice(app, bob, { name: 'Bob phone', kind: 'iphone' });
    const annBefore = await storedPoints(ann.me.id);
    expect((await postExport(hae, { cookie: bob.cookie })).statusCode).toBe(404);
    expect((await postExport(hae, bearer(bobDevice))).statusCode).toBe(404);
    expect((await postExport(hae, {})).statusCode).toBe(401);
    expect(await deviceNames(bob)).toEqual(['Bob phone (iphone)']);
    expect(await storedPoints(bob.me.id)).toBe(0);
    expect(await storedPoints(ann.me.id)).toBe(annBefore);
  });

  it("takes the owner's session, the aggregation from the URL, and refuses a body that is no export", async () => {
    const hourly = {
      data: {
        metrics: [
          {
            name: 'active_energy',
            units: 'kJ',
            data: [{ date: '2024-02-01 08:00:00 -0700', qty: 418.4 }],
          },
        ],
      },
    };
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/devices/${hae.id}/health-auto-export?aggregation=hours`,
      headers: { cookie: ann.cookie },
      payload: hourly,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      synced: 1,
      errors: 0,
      devices: [{ id: hae.id, synced: 1 }],
    });
    await foldInbox(db.pool, app.keyring);
    const series = await db.pool.query<{ point_count: number }>(
      "SELECT point_count FROM series WHERE device_id = $1 AND type = 'ACTIVE_ENERGY'",
      [hae.id],
    );
    expect(series.rows).toEqual([{ point_count: 1 }]);
    for (const bad of [{}, { data: [] }, [1]]) {
      expect((await postExport(hae, bearer(hae), bad)).statusCode).toBe(400);
    }
    const badQuery = await app.inject({
      method: 'POST',
      url: `/api/v1/devices/${hae.id}/health-auto-export?aggregation=weeks`,
      headers: bearer(hae),
      payload: hourly,
    });
    expect(badQuery.statusCode).toBe(400);
  });
});

describe('Health Auto Export limits', () => {
  it('charges the points of a post to the same sample buckets as /sync', async () => {
    const small = await buildTestApp(db.pool, {
      rateLimits: {
        ...DEFAULT_RATE_LIMITS,
        ingestSamples: { ...DEFAULT_RATE_LIMITS.ingestSamples, deviceBurst: 10, requestCost: 0 },
      },
    });
    try {
      const user = await registerUser(small);
      const device = await createDevice(small, user);
      const post = () =>
        small.inject({
          method: 'POST',
          url: `/api/v1/devices/${device.id}/health-auto-export`,
          headers: bearer(device),
          payload: payload(),
        });
      // 12 points (stored or not) against a burst of 10: the first passes a full bucket.
      expect((await post()).statusCode).toBe(200);
      const limited = await post();
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
