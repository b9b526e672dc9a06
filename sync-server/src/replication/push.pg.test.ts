import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { seriesId } from '@hearth/core';
import type { SeriesDoc } from '@hearth/schema';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { pullAll, push, pushRaw } from './replication.test-helpers.js';
import { foldInbox } from '../test-support/fold.js';

let db: TestDatabase;
let app: FastifyInstance;
let ann: TestUser;
let bob: TestUser;
let annDevice: string;

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  [ann, bob] = await Promise.all([registerUser(app), registerUser(app)]);
  const devices = await pullAll(app, ann.cookie, 'devices');
  annDevice = devices.documents[0]!.id;
});

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T10:00:00Z');

function series(deviceId: string, hour: number, values: number[], deleted = false): SeriesDoc {
  const hourStart = T0 + hour * HOUR;
  return {
    id: seriesId(deviceId, 'STEPS', hourStart),
    deviceId,
    type: 'STEPS',
    hourStart,
    points: values.map((v, i) => [hourStart + i * 60_000, hourStart + (i + 1) * 60_000, v]),
    updatedAt: '',
    _deleted: deleted,
  };
}

const create = (doc: SeriesDoc) => ({ assumedMasterState: null, newDocumentState: doc });

async function master(user: TestUser, id: string): Promise<SeriesDoc | undefined> {
  const { documents } = await pullAll(app, user.cookie, 'series');
  return documents.find((d) => d.id === id);
}

async function queuedDays(userId: string): Promise<string[]> {
  const res = await db.pool.query<{ local_day: string }>(
    'SELECT local_day FROM rollup_queue WHERE user_id = $1 ORDER BY local_day',
    [userId],
  );
  return res.rows.map((r) => r.local_day);
}

describe('replication push', () => {
  it('R9, R11: writes a new series, marks its days for the rollup worker, reads it back exactly', async () => {
    const doc = series(annDevice, 0, [5, 7, 9]);
    expect(await push(app, ann.cookie, 'series', [create(doc)])).toEqual([]);
    const stored = await master(ann, doc.id);
    expect(stored).toEqual({ ...doc, updatedAt: expect.stringMatching(/^2\d{3}-/) });
    expect(await queuedDays(ann.me.id)).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('R3: no false conflict when only server-managed fields differ', async () => {
    const doc = series(annDevice, 1, [1]);
    await push(app, ann.cookie, 'series', [create(doc)]);
    const seen = (await master(ann, doc.id))!;
    // The client's copy carries another updatedAt (e.g. its "pending" marker): still clean.
    const assumed = { ...seen, updatedAt: '' };
    const next: SeriesDoc = {
      ...seen,
      points: [...seen.points, [T0 + HOUR + 60_000, T0 + HOUR + 120_000, 2]],
    };
    expect(
      await push(app, ann.cookie, 'series', [
        { assumedMasterState: assumed, newDocumentState: next },
      ]),
    ).toEqual([]);
    expect((await master(ann, doc.id))?.points).toHaveLength(2);

    // Devices: ingest moves lastSyncAt/updatedAt; a rename from an older copy is still clean.
    const device = await createDevice(app, ann, { name: 'Band', kind: 'third_party_wearable' });
    const before = (await pullAll(app, ann.cookie, 'devices')).documents.find(
      (d) => d.id === device.id,
    )!;
    await syncSamples(app, device, [
      {
        type: 'STEPS',
        value: 3,
        unit: 'count',
        startDate: '2026-03-01T08:00:00Z',
        endDate: '2026-03-01T08:01:00Z',
      },
    ]);
    await foldInbox(db.pool, app.keyring);
    const rename = { ...before, name: 'Wrist band' };
    expect(
      await push(app, ann.cookie, 'devices', [
        { assumedMasterState: before, newDocumentState: rename },
      ]),
    ).toEqual([]);
    const after = (await pullAll(app, ann.cookie, 'devices')).documents.find(
      (d) => d.id === device.id,
    )!;
    expect(after).toMatchObject({ name: 'Wrist band', lastSyncAt: expect.any(String) });
  });

  it('R3: a real conflict returns the master state and writes nothing', async () => {
    const doc = series(annDevice, 2, [1]);
    await push(app, ann.cookie, 'series', [create(doc)]);
    const v1 = (await master(ann, doc.id))!;
    const v2 = series(annDevice, 2, [1, 2]);
    await push(app, ann.cookie, 'series', [{ assumedMasterState: v1, newDocumentState: v2 }]);
    const current = (await master(ann, doc.id))!;
    // A second replica still believes v1 and pushes its own change.
    const stale = series(annDevice, 2, [1, 3, 3]);
    const conflicts = await push(app, ann.cookie, 'series', [
      { assumedMasterState: v1, newDocumentState: stale },
    ]);
    expect(conflicts).toEqual([current]);
    expect(await master(ann, doc.id)).toEqual(current);
    // Pushing a brand-new document over an existing one (assumed null) conflicts, too.
    expect(await push(app, ann.cookie, 'series', [create(stale)])).toEqual([current]);
  });

  it('R4: a deletion is a tombstone that pulls show, and the document can come back', async () => {
    const doc = series(annDevice, 3, [4]);
    await push(app, ann.cookie, 'series', [create(doc)]);
    const live = (await master(ann, doc.id))!;
    const { checkpoint } = await pullAll(app, ann.cookie, 'series');
    await push(app, ann.cookie, 'series', [
      { assumedMasterState: live, newDocumentState: { ...live, _deleted: true } },
    ]);
    const after = await pullAll(app, ann.cookie, 'series', checkpoint);
    expect(after.documents).toEqual([{ ...live, _deleted: true, updatedAt: expect.any(String) }]);
    const row = await db.pool.query(
      'SELECT deleted FROM series WHERE user_id = $1 AND hour_start = $2',
      [ann.me.id, new Date(doc.hourStart)],
    );
    expect(row.rows).toEqual([{ deleted: true }]);
    const tombstone = after.documents[0]!;
    const revived = series(annDevice, 3, [8]);
    expect(
      await push(app, ann.cookie, 'series', [
        { assumedMasterState: tombstone, newDocumentState: revived },
      ]),
    ).toEqual([]);
    expect(await master(ann, doc.id)).toMatchObject({ _deleted: false, points: revived.points });
  });

  it('R5: another user can neither see nor overwrite a document, even with a guessed id', async () => {
    const doc = series(annDevice, 4, [6]);
    await push(app, ann.cookie, 'series', [create(doc)]);
    const annMaster = (await master(ann, doc.id))!;
    const forged = series(annDevice, 4, [999]);
    for (const row of [
      create(forged),
      { assumedMasterState: annMaster, newDocumentState: forged },
    ]) {
      const res = await pushRaw(app, bob.cookie, 'series', [row]);
      expect(res.statusCode).toBe(404);
    }
    // A device document with Ann's device id becomes Bob's own device, never Ann's.
    const annDeviceDoc = (await pullAll(app, ann.cookie, 'devices')).documents.find(
      (d) => d.id === annDevice,
    )!;
    const takeover = { ...annDeviceDoc, name: 'Mine now' };
    expect(
      await push(app, bob.cookie, 'devices', [
        { assumedMasterState: annDeviceDoc, newDocumentState: takeover },
      ]),
    ).toEqual([]);
    expect(
      (await pullAll(app, ann.cookie, 'devices')).documents.find((d) => d.id === annDevice)?.name,
    ).toBe(annDeviceDoc.name);
    expect(await master(ann, doc.id)).toEqual(annMaster);
    expect((await pullAll(app, bob.cookie, 'series')).documents).toEqual([]);
  });

  it('R6: a push is all or nothing', async () => {
    const good = series(annDevice, 5, [1]);
    const bad = series(annDevice, 6, [-5]); // steps are never negative
    const res = await pushRaw(app, ann.cookie, 'series', [create(good), create(bad)]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'invalid-request',
      details: { id: bad.id, index: 0 },
    });
    expect(await master(ann, good.id)).toBeUndefined();

    const twice = await pushRaw(app, ann.cookie, 'series', [create(good), create(good)]);
    expect(twice.statusCode).toBe(400);
    expect(await master(ann, good.id)).toBeUndefined();
  });

  it('R10: validates series: id, UTC hour, points inside the hour, sorted and unique', async () => {
    const base = series(annDevice, 7, [1, 2]);
    const cases: SeriesDoc[] = [
      { ...base, id: 'something-else' },
      {
        ...base,
        hourStart: base.hourStart + 1,
        id: seriesId(annDevice, 'STEPS', base.hourStart + 1),
      },
      { ...base, points: [[base.hourStart + HOUR, base.hourStart + HOUR + 1, 1]] },
      { ...base, points: [base.points[1]!, base.points[0]!] },
      { ...base, points: [base.points[0]!, base.points[0]!] },
    ];
    for (const doc of cases) {
      const res = await pushRaw(app, ann.cookie, 'series', [create(doc)]);
      expect(res.statusCode, JSON.stringify(doc)).toBe(400);
    }
    const tooMany = Array.from({ length: 501 }, (_, h) => create(series(annDevice, 100 + h, [1])));
    expect((await pushRaw(app, ann.cookie, 'series', tooMany)).statusCode).toBe(400);
  });

  it('R6: takes a full push beyond the app’s 1 MB default body limit, refuses one over 8 MB', async () => {
    // 500 hours of 100 samples each: about 2 MB of JSON.
    const rows = Array.from({ length: 500 }, (_, h) => {
      const doc = series(annDevice, 1000 + h, []);
      const points = Array.from({ length: 100 }, (_, i): [number, number, number] => [
        doc.hourStart + i * 36_000,
        doc.hourStart + (i + 1) * 36_000,
        i % 7,
      ]);
      return create({ ...doc, points });
    });
    const big = await pushRaw(app, ann.cookie, 'series', rows);
    expect(JSON.stringify({ rows }).length).toBeGreaterThan(1024 * 1024);
    expect(big.statusCode).toBe(200);
    expect(big.json()).toEqual({ conflicts: [], position: expect.any(Number) });

    const huge = series(annDevice, 2000, []);
    const hugePoints = Array.from({ length: 300_000 }, (_, i): [number, number, number] => [
      huge.hourStart + i,
      huge.hourStart + i + 1,
      0,
    ]);
    const hugeRows = [create({ ...huge, points: hugePoints })];
    expect(JSON.stringify({ rows: hugeRows }).length).toBeGreaterThan(8 * 1024 * 1024);
    const tooBig = await pushRaw(app, ann.cookie, 'series', hugeRows);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('payload-too-large');
  });
});
