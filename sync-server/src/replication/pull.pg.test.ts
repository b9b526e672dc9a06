import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { seriesId } from '@hearth/core';
import type { PullResponse, ReplicationCheckpoint, SeriesDoc } from '@hearth/schema';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { RollupWorker } from '../worker/rollup-worker.js';
import { pull, pullAll, push } from './replication.test-helpers.js';
import { foldInbox } from '../test-support/fold.js';

let db: TestDatabase;
let app: FastifyInstance;
let ann: TestUser;
let bob: TestUser;

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  [ann, bob] = await Promise.all([
    registerUser(app, { timeZone: 'Europe/Paris' }),
    registerUser(app),
  ]);
});

const HOUR = 3_600_000;
const T0 = Date.parse('2026-02-02T00:00:00Z');

async function manualDeviceId(user: TestUser): Promise<string> {
  const { documents } = await pullAll(app, user.cookie, 'devices');
  const manual = documents.find((d) => d.kind === 'manual_entry');
  if (!manual) throw new Error('no manual entry device');
  return manual.id;
}

function stepSeries(deviceId: string, hour: number, values: number[]): SeriesDoc {
  const hourStart = T0 + hour * HOUR;
  return {
    id: seriesId(deviceId, 'STEPS', hourStart),
    deviceId,
    type: 'STEPS',
    hourStart,
    points: values.map((v, i) => [hourStart + i * 60_000, hourStart + (i + 1) * 60_000, v]),
    updatedAt: '',
    _deleted: false,
  };
}

describe('replication pull', () => {
  it('R5: answers 401 without a session', async () => {
    const res = await app.inject({ url: '/api/v1/replication/series/pull' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('R8: checkpoint is null only for an empty collection from the start', async () => {
    const empty = await pull(app, bob.cookie, 'insights', null);
    expect(empty).toEqual({ documents: [], checkpoint: null });
    const settings = await pull(app, bob.cookie, 'settings', null);
    expect(settings.documents).toHaveLength(1);
    expect(settings.documents[0]).toMatchObject({
      id: 'settings',
      timeZone: 'UTC',
      _deleted: false,
    });
    // Nothing new after the checkpoint: the same checkpoint comes back, never null.
    const again = await pull(app, bob.cookie, 'settings', settings.checkpoint);
    expect(again).toEqual({ documents: [], checkpoint: settings.checkpoint });
  });

  it('R2: pages are full while more documents exist, in (position, id) order', async () => {
    const deviceId = await manualDeviceId(ann);
    const docs = Array.from({ length: 25 }, (_, h) => stepSeries(deviceId, h, [h + 1]));
    expect(
      await push(
        app,
        ann.cookie,
        'series',
        docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
      ),
    ).toEqual([]);
    const sizes: number[] = [];
    const seen: SeriesDoc[] = [];
    let checkpoint: ReplicationCheckpoint | null = null;
    for (;;) {
      const page: PullResponse<SeriesDoc> = await pull(app, ann.cookie, 'series', checkpoint, 10);
      sizes.push(page.documents.length);
      seen.push(...page.documents);
      if (page.documents.length === 0) {
        expect(page.checkpoint).toEqual(checkpoint);
        break;
      }
      checkpoint = page.checkpoint;
    }
    expect(sizes).toEqual([10, 10, 5, 0]);
    expect(seen.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    expect(seen[3]).toEqual({ ...docs[3], updatedAt: expect.any(String) });
  });

  it('R5: shows only the caller’s documents, whatever the checkpoint', async () => {
    const annSeries = await pullAll(app, ann.cookie, 'series');
    const bobSeries = await pullAll(app, bob.cookie, 'series');
    expect(annSeries.documents.length).toBeGreaterThan(0);
    expect(bobSeries.documents).toEqual([]);
    const bobDevices = await pullAll(app, bob.cookie, 'devices');
    const annDeviceIds = new Set(
      (await pullAll(app, ann.cookie, 'devices')).documents.map((d) => d.id),
    );
    expect(bobDevices.documents.some((d) => annDeviceIds.has(d.id))).toBe(false);
  });

  it('R2: serves ingested series, and rollups of day/week/month only (never hour rows)', async () => {
    const device = await createDevice(app, bob);
    const samples = Array.from({ length: 30 }, (_, i) => ({
      type: 'HEART_RATE',
      value: 60 + i,
      unit: 'bpm',
      startDate: new Date(T0 + i * 10 * 60_000).toISOString(),
      endDate: new Date(T0 + i * 10 * 60_000).toISOString(),
    }));
    expect((await syncSamples(app, device, samples)).statusCode).toBe(200);
    await foldInbox(db.pool, app.keyring);
    const series = await pullAll(app, bob.cookie, 'series');
    expect(series.documents.map((d) => d.points.length)).toEqual([6, 6, 6, 6, 6]);
    expect(series.documents[0]?.points[0]).toEqual([T0, T0, 60]);

    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    const rollups = await pullAll(app, bob.cookie, 'rollups', null, 2);
    expect(rollups.documents.map((d) => d.period).sort()).toEqual(['day', 'month', 'week']);
    const day = rollups.documents.find((d) => d.period === 'day');
    expect(day).toMatchObject({
      id: 'HEART_RATE|day|2026-02-02T00:00:00+00:00',
      periodStart: '2026-02-02T00:00:00+00:00',
      type: 'HEART_RATE',
      startMs: T0,
      sampleCount: 30,
      minValue: 60,
      maxValue: 89,
      _deleted: false,
    });
    // Hours are computed from the series when read, never stored, so none can be pulled.
    const hourRows = await db.pool.query(
      `SELECT count(*)::int AS n FROM rollups WHERE user_id = $1 AND period = 'hour'`,
      [bob.me.id],
    );
    expect(hourRows.rows[0].n).toBe(0);
  });

  it('R8: rejects an id without a position, and limits outside 1–1000', async () => {
    for (const query of ['id=x', 'limit=0', 'limit=1001', 'position=-1']) {
      const res = await app.inject({
        url: `/api/v1/replication/devices/pull?${query}`,
        headers: { cookie: ann.cookie },
      });
      expect(res.statusCode, query).toBe(400);
    }
  });
});
