import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { seriesId } from '@hearth/core';
import type { PullResponse, PushRow, ReplicationCheckpoint, SeriesDoc } from '@hearth/schema';
import { skipOnEmbedded, type TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { withTransaction } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import { sealSeriesPoints } from '../series/series-codec.js';
import { upsertSeries } from '../series/series.repository.js';
import { foldContinuously, foldInbox } from '../test-support/fold.js';
import { pull, pullAll, push } from './replication.test-helpers.js';

const R1 = 'sees every committed row while several connections push, ingest and pull at once';
const embedded = await skipOnEmbedded(import.meta.url, {
  [R1]: 'on one connection the writers and pullers never overlap',
});

let db: TestDatabase;
let app: FastifyInstance;

// Enough connections for every writer and puller to hold its own.
useTestApp((fixture) => ({ db, app } = fixture), { database: { poolMax: 16 } });

const HOUR = 3_600_000;
const T0 = Date.parse('2026-06-01T00:00:00Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function series(deviceId: string, hour: number, values: number[]): SeriesDoc {
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

/** A version of a document: every write in these tests stores a value never written before. */
const signature = (d: SeriesDoc) => `${d.id}|${d._deleted}|${JSON.stringify(d.points)}`;

interface PullerResult {
  seen: Set<string>;
  checkpoint: ReplicationCheckpoint | null;
}

/** Pulls series pages back to back until `stop()` holds and the puller has caught up. */
async function pullContinuously(
  user: TestUser,
  stop: () => boolean,
  limit: number,
): Promise<PullerResult> {
  const seen = new Set<string>();
  let checkpoint: ReplicationCheckpoint | null = null;
  for (;;) {
    const done = stop();
    const page: PullResponse<SeriesDoc> = await pull(app, user.cookie, 'series', checkpoint, limit);
    for (const doc of page.documents) seen.add(signature(doc));
    checkpoint = page.checkpoint;
    if (done && page.documents.length < limit) return { seen, checkpoint };
  }
}

/** Final versions a puller never saw: each one is a row the pull skipped. */
async function skippedBy(user: TestUser, result: PullerResult): Promise<string[]> {
  const final = await pullAll(app, user.cookie, 'series');
  return final.documents.map(signature).filter((s) => !result.seen.has(s));
}

let counter = 0;
const unique = () => ++counter;

/** Pushes a new series each time, and every other time also rewrites one of its first three. */
async function pushWriter(user: TestUser, deviceId: string, firstHour: number, ops: number) {
  const mine: SeriesDoc[] = [];
  for (let i = 0; i < ops; i++) {
    const fresh = series(deviceId, firstHour + i, [unique()]);
    const rows: PushRow<SeriesDoc>[] = [{ assumedMasterState: null, newDocumentState: fresh }];
    const old = mine[i % 3];
    if (i % 2 === 1 && old) {
      const rewrite = {
        ...old,
        points: [[old.hourStart, old.hourStart + 60_000, unique()]],
      } as SeriesDoc;
      rows.push({ assumedMasterState: old, newDocumentState: rewrite });
      mine[i % 3] = rewrite;
    }
    expect(await push(app, user.cookie, 'series', rows)).toEqual([]);
    mine.push(fresh);
  }
}

async function ingestWriter(device: { id: string; token: string }, firstHour: number, ops: number) {
  for (let i = 0; i < ops; i++) {
    const start = T0 + (firstHour + (i % 5)) * HOUR + i * 60_000;
    const samples = [0, 1].map((k) => ({
      type: 'STEPS',
      value: unique(),
      unit: 'count',
      startDate: new Date(start + k * 1000).toISOString(),
      endDate: new Date(start + k * 1000 + 500).toISOString(),
    }));
    const res = await syncSamples(app, device, samples);
    expect(res.json()).toEqual({ synced: 2, errors: 0 });
  }
}

/** Takes its positions, then holds them (and the user's lock) a while before COMMIT. */
async function slowWriter(user: TestUser, deviceId: string, firstHour: number, ops: number) {
  const dataKey = await app.keyring.getUserKey(db.pool, user.me.id);
  for (let i = 0; i < ops; i++) {
    const doc = series(deviceId, firstHour + i, [unique()]);
    await withTransaction(db.pool, async (client) => {
      const position = await allocatePositions(client, user.me.id, 1);
      await upsertSeries(client, user.me.id, [
        {
          ...doc,
          payload: sealSeriesPoints(dataKey, user.me.id, doc, doc.points),
          pointCount: doc.points.length,
          position,
          deleted: false,
        },
      ]);
      await sleep(5 + (i % 4) * 5);
    });
  }
}

describe('R1: a pull never skips a row', () => {
  it.skipIf(embedded)(R1, async () => {
    const ann = await registerUser(app);
    const manualId = (await pullAll(app, ann.cookie, 'devices')).documents[0]!.id;
    const watch = await createDevice(app, ann, { name: 'Watch', kind: 'apple_watch' });
    let writing = true;
    let sending = true;
    const pullers = [1, 3, 10].map((limit) => pullContinuously(ann, () => !writing, limit));
    // Device batches reach series through two folding workers, as in production.
    const folders = [0, 1].map(() => foldContinuously(db.pool, app.keyring, () => !sending, 3));
    await Promise.all([
      pushWriter(ann, manualId, 0, 25),
      pushWriter(ann, manualId, 100, 25),
      pushWriter(ann, manualId, 200, 25),
      ingestWriter(watch, 300, 25),
      slowWriter(ann, manualId, 400, 15),
    ]);
    sending = false;
    await Promise.all(folders);
    await foldInbox(db.pool, app.keyring);
    writing = false;
    const results = await Promise.all(pullers);
    const final = await pullAll(app, ann.cookie, 'series');
    expect(final.documents.length).toBe(3 * 25 + 5 + 15);
    for (const result of results) {
      expect(await skippedBy(ann, result)).toEqual([]);
      expect(result.checkpoint).toEqual(final.checkpoint);
    }
  });

  it('(self-check) the harness reports a row committed below a checkpoint already handed out', async () => {
    // What R1 forbids, done on purpose: a position taken outside the writing transaction.
    const bob = await registerUser(app);
    const manualId = (await pullAll(app, bob.cookie, 'devices')).documents[0]!.id;
    const dataKey = await app.keyring.getUserKey(db.pool, bob.me.id);
    const early = await allocatePositions(db.pool, bob.me.id, 1);
    await push(app, bob.cookie, 'series', [
      { assumedMasterState: null, newDocumentState: series(manualId, 1, [unique()]) },
    ]);
    const result = await pullContinuously(bob, () => true, 10);
    const late = series(manualId, 0, [unique()]);
    await upsertSeries(db.pool, bob.me.id, [
      {
        ...late,
        payload: sealSeriesPoints(dataKey, bob.me.id, late, late.points),
        pointCount: 1,
        position: early,
        deleted: false,
      },
    ]);
    const afterwards = await pull(app, bob.cookie, 'series', result.checkpoint);
    expect(afterwards.documents).toEqual([]);
    expect(await skippedBy(bob, result)).toEqual([signature(late)]);
  });
});
