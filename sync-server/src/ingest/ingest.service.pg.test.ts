import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SeriesPoint } from '@hearth/schema';
import { skipOnEmbedded, TEST_MASTER_KEY, type TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, type TestUser } from '../test-support/http.js';
import { foldContinuously, foldInbox } from '../test-support/fold.js';
import { Keyring } from '../crypto/keyring.js';
import { withTransaction } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import { openSeriesPoints, sealSeriesPoints } from '../series/series-codec.js';
import { upsertSeries } from '../series/series.repository.js';
import type { ChangeEvent } from '../notify.js';
import { deleteDevice } from '../devices/devices.service.js';
import { runFoldJob } from '../worker/fold-job.js';
import { ingestSamples, type IngestDeps } from './ingest.service.js';
import { readFoldState } from './fold-read.repository.js';
import { writeFold } from './fold-write.repository.js';

const NO_LOCK_WAIT = "waits for no lock of the user's other writers";
const embedded = await skipOnEmbedded(import.meta.url, {
  [NO_LOCK_WAIT]: 'a transaction holds the only connection while the ingest needs another',
});

let db: TestDatabase;
let app: FastifyInstance;
let deps: IngestDeps;
let ann: TestUser;

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  deps = { pool: db.pool, keyring: new Keyring(TEST_MASTER_KEY) };
  ann = await registerUser(app, { timeZone: 'Europe/Paris' });
});

const HOUR = Date.parse('2026-02-10T08:00:00Z');
const MINUTE = 60_000;

function stepSample(minute: number, value: number) {
  return {
    type: 'STEPS',
    value,
    unit: 'count',
    startDate: new Date(HOUR + minute * MINUTE).toISOString(),
    endDate: new Date(HOUR + (minute + 1) * MINUTE).toISOString(),
  };
}

async function storedSeries(deviceId: string) {
  const res = await db.pool.query<{ payload: Buffer; position: number; updated_at: Date }>(
    `SELECT payload, position, updated_at FROM series
      WHERE user_id = $1 AND device_id = $2 AND type = 'STEPS' AND hour_start = $3`,
    [ann.me.id, deviceId, new Date(HOUR).toISOString()],
  );
  const row = res.rows[0];
  if (!row) return null;
  const key = await deps.keyring.getUserKey(db.pool, ann.me.id);
  const points = openSeriesPoints(
    key,
    ann.me.id,
    { deviceId, type: 'STEPS', hourStart: HOUR },
    row.payload,
  );
  return { points, position: row.position, updatedAt: row.updated_at.getTime() };
}

const queuedDays = async () =>
  (
    await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM rollup_queue WHERE user_id = $1',
      [ann.me.id],
    )
  ).rows[0]?.n;

const inboxRows = async (deviceId: string) =>
  (
    await db.pool.query<{ payload: Buffer; sample_count: number }>(
      'SELECT payload, sample_count FROM ingest_inbox WHERE user_id = $1 AND device_id = $2 ORDER BY id',
      [ann.me.id, deviceId],
    )
  ).rows;

const foldAll = () => foldInbox(db.pool, deps.keyring, 4);

const send = (deviceId: string, samples: unknown[], idempotencyKey?: string) =>
  ingestSamples(deps, { userId: ann.me.id, deviceId, samples, idempotencyKey });

describe('ingestSamples: acknowledged once durable in the inbox', () => {
  it('stores a batch as one sealed row and changes series only when it is folded', async () => {
    const device = await createDevice(app, ann);
    await db.pool.query('DELETE FROM rollup_queue WHERE user_id = $1', [ann.me.id]);
    const bad = { ...stepSample(2, 5), unit: 'furlongs' };
    expect(await send(device.id, [stepSample(0, 10), bad, stepSample(1, 11)])).toMatchObject({
      synced: 2,
      errors: 1,
    });
    const rows = await inboxRows(device.id);
    expect(rows.map((r) => r.sample_count)).toEqual([2]);
    expect(rows[0]?.payload.includes(Buffer.from('STEPS'))).toBe(false);
    expect(await storedSeries(device.id)).toBeNull();
    expect(await queuedDays()).toBe(0);

    expect(await foldAll()).toBe(1);
    expect((await storedSeries(device.id))?.points).toEqual([
      [HOUR, HOUR + MINUTE, 10],
      [HOUR + MINUTE, HOUR + 2 * MINUTE, 11],
    ]);
    expect(await inboxRows(device.id)).toEqual([]);
    expect(await queuedDays()).toBeGreaterThan(0);
    const dev = await db.pool.query('SELECT last_sync_at FROM devices WHERE id = $1', [device.id]);
    expect(dev.rows[0].last_sync_at).not.toBeNull();
  });

  it.skipIf(embedded)(NO_LOCK_WAIT, async () => {
    const device = await createDevice(app, ann);
    await withTransaction(db.pool, async (client) => {
      // A fold or rollup job of this user holds the user's write lock until it commits.
      await allocatePositions(client, ann.me.id, 1);
      expect(await send(device.id, [stepSample(0, 1)])).toEqual({ synced: 1, errors: 0 });
    });
    await foldAll();
  });

  it('answers a replayed key from its record without appending the batch again', async () => {
    const device = await createDevice(app, ann);
    const first = await send(device.id, [stepSample(0, 1), { type: 'NOPE' }], 'key-1');
    expect(await send(device.id, [stepSample(0, 1), { type: 'NOPE' }], 'key-1')).toEqual(first);
    expect(await inboxRows(device.id)).toHaveLength(1);
    await foldAll();
  });

  it('refuses a deleted device, and records a batch with no valid sample without a row', async () => {
    const device = await createDevice(app, ann);
    expect(await send(device.id, [{ type: 'NOPE' }])).toMatchObject({ synced: 0, errors: 1 });
    expect(await inboxRows(device.id)).toEqual([]);
    await deleteDevice(db.pool, ann.me.id, device.id);
    await expect(send(device.id, [stepSample(0, 1)])).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('folding inbox batches into series', () => {
  it('writes nothing when the change counter moved after the read', async () => {
    const device = await createDevice(app, ann);
    const state = await readFoldState(db.pool, {
      userId: ann.me.id,
      deviceId: device.id,
      series: [],
    });
    if (!state) throw new Error('no state');
    await allocatePositions(db.pool, ann.me.id, 1);
    await db.pool.query('DELETE FROM rollup_queue WHERE user_id = $1', [ann.me.id]);
    const key = await deps.keyring.getUserKey(db.pool, ann.me.id);
    const series = { deviceId: device.id, type: 'STEPS' as const, hourStart: HOUR };
    const written = await writeFold(db.pool, {
      userId: ann.me.id,
      deviceId: device.id,
      changeSeq: state.changeSeq,
      series: [
        {
          ...series,
          payload: sealSeriesPoints(key, ann.me.id, series, [[HOUR, HOUR + MINUTE, 5]]),
          pointCount: 1,
        },
      ],
      dirtyDays: [{ type: 'STEPS', localDay: '2026-02-10' }],
    });
    expect(written).toBe(false);
    expect(await storedSeries(device.id)).toBeNull();
    expect(await queuedDays()).toBe(0);
    const dev = await db.pool.query('SELECT last_sync_at FROM devices WHERE id = $1', [device.id]);
    expect(dev.rows[0].last_sync_at).toBeNull();
  });

  it('folds in arrival order: a later batch replaces a sample with the same start and end', async () => {
    const device = await createDevice(app, ann);
    await send(device.id, [stepSample(0, 10), stepSample(1, 11)]);
    await send(device.id, [stepSample(1, 21), stepSample(2, 22)]);
    await send(device.id, [stepSample(0, 30)]);
    await foldAll();
    expect((await storedSeries(device.id))?.points.map((p) => p[2])).toEqual([30, 21, 22]);
  });

  it('keeps the points stored before and merges into the series', async () => {
    const device = await createDevice(app, ann);
    const key = await deps.keyring.getUserKey(db.pool, ann.me.id);
    const series = { deviceId: device.id, type: 'STEPS' as const, hourStart: HOUR };
    const theirs: SeriesPoint[] = [[HOUR + 30 * MINUTE, HOUR + 31 * MINUTE, 99]];
    await withTransaction(db.pool, async (client) => {
      const position = await allocatePositions(client, ann.me.id, 1);
      await upsertSeries(client, ann.me.id, [
        {
          ...series,
          payload: sealSeriesPoints(key, ann.me.id, series, theirs),
          pointCount: 1,
          position,
          deleted: false,
        },
      ]);
    });
    await send(device.id, [stepSample(0, 10), stepSample(1, 11)]);
    await foldAll();
    expect((await storedSeries(device.id))?.points).toEqual([
      [HOUR, HOUR + MINUTE, 10],
      [HOUR + MINUTE, HOUR + 2 * MINUTE, 11],
      ...theirs,
    ]);
  });

  it('loses no point when batches arrive while two workers fold', async () => {
    const device = await createDevice(app, ann);
    const writers = 3;
    const rounds = 4;
    let sending = true;
    const folders = [0, 1].map(() => foldContinuously(db.pool, deps.keyring, () => !sending, 2));
    // Writer w sends minutes 2(rw + w) and the next one: all land in one series, none twice.
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let r = 0; r < rounds; r++) {
          const minute = (r * writers + w) * 2;
          await send(device.id, [stepSample(minute, w), stepSample(minute + 1, w)]);
        }
      }),
    );
    sending = false;
    await Promise.all(folders);
    await foldAll();
    const stored = await storedSeries(device.id);
    expect(stored?.points.map((p) => (p[0] - HOUR) / MINUTE)).toEqual(
      Array.from({ length: writers * rounds * 2 }, (_, i) => i),
    );
  });

  it('leaves a series alone when a re-sent batch changes none of its points', async () => {
    const device = await createDevice(app, ann);
    const samples = [stepSample(0, 10), stepSample(1, 11)];
    await send(device.id, samples);
    await foldAll();
    const first = await storedSeries(device.id);
    await db.pool.query('DELETE FROM rollup_queue WHERE user_id = $1', [ann.me.id]);

    expect(await send(device.id, samples)).toEqual({ synced: 2, errors: 0 });
    await foldAll();
    expect(await storedSeries(device.id)).toEqual(first);
    expect(await queuedDays()).toBe(0);

    // A changed value is a change: written with a new position and its day marked again.
    await send(device.id, [stepSample(1, 12)]);
    await foldAll();
    const changed = await storedSeries(device.id);
    expect(changed?.points.map((p) => p[2])).toEqual([10, 12]);
    expect(changed?.position).toBeGreaterThan(first?.position ?? Infinity);
    expect(await queuedDays()).toBeGreaterThan(0);
  });

  it('drops the batches of a device deleted before they were folded', async () => {
    const device = await createDevice(app, ann);
    await send(device.id, [stepSample(0, 10)]);
    await deleteDevice(db.pool, ann.me.id, device.id);
    const result = await runFoldJob({ pool: db.pool, keyring: deps.keyring, maxBatches: 4 });
    expect(result).toMatchObject({ batches: 1, dropped: 1, seriesWritten: 0 });
    expect(await inboxRows(device.id)).toEqual([]);
    expect(await storedSeries(device.id)).toBeNull();
  });

  it('keeps a batch it cannot fold, and folds everybody else meanwhile', async () => {
    const device = await createDevice(app, ann);
    await send(device.id, [stepSample(0, 10)]);
    // Damaged at rest: it no longer authenticates under Ann's key.
    await db.pool.query(
      `UPDATE ingest_inbox SET payload = overlay(payload placing '\\xff'::bytea from 20)
        WHERE device_id = $1`,
      [device.id],
    );
    const bob = await registerUser(app);
    const bobsWatch = await createDevice(app, bob);
    await ingestSamples(deps, {
      userId: bob.me.id,
      deviceId: bobsWatch.id,
      samples: [stepSample(0, 5)],
    });

    const fold = () => runFoldJob({ pool: db.pool, keyring: deps.keyring, maxBatches: 4 });
    // Rolled back and answered (worker/fold-job.ts): the worker goes straight on to Bob's.
    expect(await fold()).toMatchObject({ userId: ann.me.id, failure: { deadLetters: 0 } });
    expect(await fold()).toMatchObject({ userId: bob.me.id, seriesWritten: 1 });
    expect(await fold()).toBeNull();
    // Ann's batch is kept, deferred, not dropped.
    const kept = await db.pool.query<{ deferred: boolean }>(
      'SELECT retry_at > now() AS deferred FROM ingest_inbox WHERE device_id = $1',
      [device.id],
    );
    expect(kept.rows).toEqual([{ deferred: true }]);
    await db.pool.query('DELETE FROM ingest_inbox WHERE device_id = $1', [device.id]);
  });

  it('wakes the workers at the ingest COMMIT and announces the series change at the fold', async () => {
    const device = await createDevice(app, ann);
    const changes: ChangeEvent[] = [];
    let work = 0;
    const offChange = app.notifyHub.onChange((e) => changes.push(e));
    const offWork = app.notifyHub.onRollupWork(() => work++);
    const settle = async (done: () => boolean) => {
      for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    try {
      await send(device.id, [stepSample(5, 3)]);
      await settle(() => work > 0);
      expect(work).toBeGreaterThan(0);
      expect(changes.filter((e) => e.collections.includes('series'))).toEqual([]);
      await foldAll();
      await settle(() => changes.length > 0);
      expect(changes).toContainEqual({ userId: ann.me.id, collections: ['series', 'devices'] });
    } finally {
      offChange();
      offWork();
    }
  });
});
