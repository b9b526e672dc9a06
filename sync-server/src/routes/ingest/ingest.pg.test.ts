import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MAX_SAMPLES_PER_SYNC } from '@hearth/schema';
import type { TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import {
  createDevice,
  registerUser,
  syncSamples,
  type TestDevice,
  type TestUser,
} from '../../test-support/http.js';
import { foldInbox } from '../../test-support/fold.js';

let db: TestDatabase;
let app: FastifyInstance;
let ann: TestUser;
let bob: TestUser;

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  [ann, bob] = await Promise.all([
    registerUser(app, { timeZone: 'America/New_York' }),
    registerUser(app),
  ]);
});

const T0 = Date.parse('2026-01-10T15:00:00Z');

/** `n` one-minute step samples starting `fromMinute` minutes after T0. */
function steps(fromMinute: number, n: number, value = 10) {
  return Array.from({ length: n }, (_, i) => ({
    type: 'STEPS',
    value,
    unit: 'count',
    startDate: new Date(T0 + (fromMinute + i) * 60_000).toISOString(),
    endDate: new Date(T0 + (fromMinute + i + 1) * 60_000).toISOString(),
  }));
}

/** Points stored in the device's series, once every acknowledged batch is folded. */
async function storedPointCount(device: TestDevice): Promise<number> {
  await foldInbox(db.pool, app.keyring);
  const res = await db.pool.query<{ n: number }>(
    'SELECT coalesce(sum(point_count), 0)::bigint AS n FROM series WHERE device_id = $1',
    [device.id],
  );
  return res.rows[0]?.n ?? 0;
}

describe('device ingest', () => {
  it('stores a batch as series, marks its days dirty and records the sync', async () => {
    const device = await createDevice(app, ann);
    const res = await syncSamples(app, device, steps(0, 90));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ synced: 90, errors: 0 });
    await foldInbox(db.pool, app.keyring);
    // 90 minutes from 15:00Z span two UTC hours: two series rows.
    const series = await db.pool.query(
      'SELECT type, point_count FROM series WHERE device_id = $1 ORDER BY hour_start',
      [device.id],
    );
    expect(series.rows).toEqual([
      { type: 'STEPS', point_count: 60 },
      { type: 'STEPS', point_count: 30 },
    ]);
    const queue = await db.pool.query(
      'SELECT type, local_day FROM rollup_queue WHERE user_id = $1 ORDER BY local_day',
      [ann.me.id],
    );
    // Cumulative samples also dirty the next day (a later sample's first owned instant moves).
    expect(queue.rows).toEqual([
      { type: 'STEPS', local_day: '2026-01-10' },
      { type: 'STEPS', local_day: '2026-01-11' },
    ]);
    const dev = await db.pool.query('SELECT last_sync_at FROM devices WHERE id = $1', [device.id]);
    expect(dev.rows[0].last_sync_at).toBeInstanceOf(Date);
  });

  it('stores nothing twice when a batch is re-sent without a key, or overlaps an earlier one', async () => {
    const device = await createDevice(app, ann);
    await syncSamples(app, device, steps(0, 30));
    const again = await syncSamples(app, device, steps(0, 30));
    expect(again.json()).toEqual({ synced: 30, errors: 0 });
    expect(await storedPointCount(device)).toBe(30);
    // Overlapping batch: minutes 20–49; 20–29 replace themselves, 30–49 are new.
    await syncSamples(app, device, steps(20, 30, 12));
    expect(await storedPointCount(device)).toBe(50);
  });

  it('answers a replayed idempotency key with the stored response', async () => {
    const device = await createDevice(app, ann);
    const key = { 'x-idempotency-key': 'batch-0001' };
    const batch = [
      ...steps(0, 5),
      {
        type: 'HEART_RATE',
        value: 900,
        unit: 'bpm',
        startDate: new Date(T0).toISOString(),
        endDate: new Date(T0).toISOString(),
      },
    ];
    const first = await syncSamples(app, device, batch, key);
    expect(first.json()).toMatchObject({ synced: 5, errors: 1 });
    const replay = await syncSamples(app, device, steps(100, 3), key);
    expect(replay.json()).toEqual(first.json());
    expect(await storedPointCount(device)).toBe(5);
    const stored = await db.pool.query<{ response: Buffer }>(
      'SELECT response FROM idempotency_keys WHERE device_id = $1',
      [device.id],
    );
    // The stored response is sealed: its error text is not readable at rest.
    expect(stored.rows[0]?.response.includes(Buffer.from('bpm'))).toBe(false);
  });

  it('rejects bad samples one by one while their batch-mates are stored', async () => {
    const device = await createDevice(app, ann);
    const good = steps(0, 2);
    const batch = [
      good[0],
      {
        type: 'NOPE',
        value: 1,
        unit: 'x',
        startDate: good[0]?.startDate,
        endDate: good[0]?.endDate,
      },
      'not a sample',
      { ...good[1], unit: 'furlongs' },
      { ...good[1], endDate: '2026-01-10T10:00:00' },
      good[1],
    ];
    const res = await syncSamples(app, device, batch);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.synced).toBe(2);
    expect(body.errors).toBe(4);
    expect(
      body.errorDetails.map((e: { index: number; code: string }) => [e.index, e.code]),
    ).toEqual([
      [1, 'sample-unknown-type'],
      [2, 'sample-invalid-shape'],
      [3, 'sample-unknown-unit'],
      [4, 'sample-invalid-date'],
    ]);
    expect(await storedPointCount(device)).toBe(2);
  });

  it('stores samples with sourceApp and metadata, and says it kept neither', async () => {
    const device = await createDevice(app, ann);
    const [a, b, c] = steps(200, 3);
    const batch = [
      { ...a, sourceApp: 'Workout', metadata: { indoor: false } },
      { ...b, sourceApp: 'Workout' },
      c,
      // Refused samples are not counted: they are not stored at all.
      { ...c, value: -1, sourceApp: 'Workout', metadata: {} },
      { ...c, sourceApp: 7 },
    ];
    const res = await syncSamples(app, device, batch, { 'x-idempotency-key': 'ignored-0001' });
    expect(res.json()).toMatchObject({
      synced: 3,
      errors: 2,
      ignored: { sourceApp: 2, metadata: 1 },
    });
    expect(res.json().errorDetails[1]).toMatchObject({ index: 4, code: 'sample-invalid-shape' });
    expect(await storedPointCount(device)).toBe(3);
    // A replay answers the same, counts included.
    const replay = await syncSamples(app, device, batch, { 'x-idempotency-key': 'ignored-0001' });
    expect(replay.json()).toEqual(res.json());
    // Nothing to say, nothing said.
    expect((await syncSamples(app, device, steps(300, 2))).json()).toEqual({
      synced: 2,
      errors: 0,
    });
  });

  it('documents the body in /docs: every field of a sample, and what the answer counts', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    const sync = res.json().paths['/api/v1/devices/{deviceId}/sync'].post;
    const samples = sync.requestBody.content['application/json'].schema.properties.samples;
    expect(samples.maxItems).toBe(MAX_SAMPLES_PER_SYNC);
    expect(Object.keys(samples.items.properties)).toEqual([
      'type',
      'value',
      'unit',
      'startDate',
      'endDate',
      'sourceDevice',
      'sourceApp',
      'metadata',
      'sleepStage',
    ]);
    expect(samples.items.required).toEqual(['type', 'value', 'unit', 'startDate', 'endDate']);
    expect(samples.items.properties.sourceApp.description).toMatch(/not stored/);
    const answer = sync.responses['200'].content['application/json'].schema;
    expect(Object.keys(answer.properties)).toEqual(['synced', 'errors', 'errorDetails', 'ignored']);
  });

  it('refuses a body that is not a sample batch with 400 and a message', async () => {
    const device = await createDevice(app, ann);
    for (const payload of [{}, { samples: 'nope' }, { samples: Array(5001).fill({}) }, [1, 2]]) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/devices/${device.id}/sync`,
        headers: { authorization: `Bearer ${device.token}` },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid-request');
      expect(res.json().error.message.length).toBeGreaterThan(0);
    }
  });

  it('refuses bodies over 5 MB with 413', async () => {
    const device = await createDevice(app, ann);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/devices/${device.id}/sync`,
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ samples: [], pad: 'x'.repeat(5 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload-too-large');
  });

  it("refuses another user's device, wrong tokens and anonymous callers", async () => {
    const annDevice = await createDevice(app, ann);
    const bobDevice = await createDevice(app, bob);
    const viaSession = await app.inject({
      method: 'POST',
      url: `/api/v1/devices/${annDevice.id}/sync`,
      headers: { cookie: bob.cookie },
      payload: { samples: steps(0, 1) },
    });
    expect(viaSession.statusCode).toBe(404);
    const crossToken = await syncSamples(
      app,
      { id: annDevice.id, token: bobDevice.token },
      steps(0, 1),
    );
    expect(crossToken.statusCode).toBe(404);
    const bogus = await syncSamples(app, { id: annDevice.id, token: 'hdt_forged' }, steps(0, 1));
    expect(bogus.statusCode).toBe(401);
    const anon = await app.inject({
      method: 'POST',
      url: `/api/v1/devices/${annDevice.id}/sync`,
      payload: { samples: steps(0, 1) },
    });
    expect(anon.statusCode).toBe(401);
    expect(await storedPointCount(annDevice)).toBe(0);

    const ownerSession = await app.inject({
      method: 'POST',
      url: `/api/v1/devices/${annDevice.id}/sync`,
      headers: { cookie: ann.cookie },
      payload: { samples: steps(0, 1) },
    });
    expect(ownerSession.json()).toEqual({ synced: 1, errors: 0 });
  });
});
